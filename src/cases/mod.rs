//! Support's cases (SUP-1, SUP-2): every request that waits on support in
//! one queue, with an owner and two due times; support's home counts them.
//! The kind's own page (a dispute, a call review, the billing or rating
//! queue) is where a case is answered; this feature says who has it and by
//! when.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::domain::case::*;
use crate::domain::{Locale, UserId};

/// Someone in support.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub id: UserId,
    pub name: String,
}

/// One case as the queue and the case's own page show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    pub kind: CaseKind,
    pub subject_id: String,
    pub client_name: Option<String>,
    pub model_name: Option<String>,
    /// The address an anonymous contact request is answered at (SUP-6).
    pub email: Option<String>,
    pub locale: Locale,
    pub owner: Option<Agent>,
    pub clock: CaseClock,
    pub opened_at: DateTime<Utc>,
    /// Where the case is answered (a path without the language prefix).
    pub href: String,
}

/// The queue, as one agent asked for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub lines: Vec<CaseLine>,
    pub me: UserId,
    /// The other agents a case can be handed to.
    pub agents: Vec<Agent>,
    pub now: DateTime<Utc>,
}

/// One queue's numbers on support's home (SUP-2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCount {
    pub kind: CaseKind,
    pub open: i64,
    pub unowned: i64,
    pub overdue: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    /// Every kind, in `CaseKind::ALL` order, zeros included.
    pub counts: Vec<QueueCount>,
    pub mine: i64,
    pub targets: Vec<(CaseKind, Targets)>,
}

/// The owner bar on a case's own page: the case, and who it can go to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseBarView {
    pub case: CaseLine,
    pub me: UserId,
    pub agents: Vec<Agent>,
    pub now: DateTime<Utc>,
}

/// One line of a subject's own log: a session step or a call event, as
/// stored (`kind` is the step's or event's code; the page words it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactEvent {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub detail: String,
    /// Who took a session step: `client`, `model`, or `system` (the
    /// clock); empty for a call event.
    pub actor: String,
}

/// SUP-4: what a dispute is about, as support needs it beside the chat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubjectFacts {
    /// The session's start, where, what is held, and its timeline (steps,
    /// additions proposed and confirmed, the cancellation and its reason).
    Session {
        start: DateTime<Utc>,
        scenario: crate::domain::session::Scenario,
        held: crate::domain::Credits,
        timeline: Vec<FactEvent>,
    },
    /// The call and its log (connection and quality events).
    Call {
        started: DateTime<Utc>,
        ended: DateTime<Utc>,
        price_per_minute: crate::domain::Credits,
        charged: crate::domain::Credits,
        log: Vec<FactEvent>,
    },
    /// The billing request: what was asked back, the receipt the client
    /// gave, and why.
    Purchase {
        asked_at: DateTime<Utc>,
        amount: crate::domain::Credits,
        receipt: Option<String>,
        /// An uploaded receipt, served at `/files/{id}`.
        receipt_file: Option<String>,
        reason: Option<String>,
    },
}

/// An earlier dispute of one party.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastCase {
    pub dispute: crate::domain::DisputeId,
    pub subject: crate::domain::dispute::Subject,
    pub opened_at: DateTime<Utc>,
    pub state: crate::domain::dispute::DisputeState,
    /// What went back to the client, once decided.
    pub refunded: Option<crate::domain::Credits>,
}

/// A sanction a party was given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastSanction {
    pub suspension: bool,
    pub until: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyFacts {
    pub name: String,
    /// Their other disputes, newest first (at most 20).
    pub cases: Vec<PastCase>,
    pub sanctions: Vec<PastSanction>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFactsView {
    pub subject: SubjectFacts,
    pub client: PartyFacts,
    pub model: PartyFacts,
}
