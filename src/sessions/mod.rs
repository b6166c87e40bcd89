//! Booked sessions: model profiles, booking, the session screen and every
//! step. The page shows the buttons the server says are allowed; each press
//! is decided again on the server by `domain::session::apply`.

pub mod agenda;
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::dispute::DisputeState;
use crate::domain::session::{
    Addition, CancelReason, CommandKind, EventKind, Party, Payment, Scenario, Stage,
};
use crate::domain::time::{ZoneInfo, ZoneName};
use crate::domain::{AppError, Credits, DisputeId, SessionId, UserId};

/// A model as the list shows her: what a client chooses by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelCard {
    pub id: UserId,
    pub name: String,
    pub area: String,
    pub rating: Option<RatingSummary>,
    /// Her cheapest tariff, if she has one.
    pub from: Option<TariffLine>,
    pub services: Vec<String>,
    /// Where her photo is served, once she uploaded one.
    pub photo: Option<String>,
}

/// The public address of a model's photo (served by the shell, cached for
/// good: a new photo gets a new id).
pub fn photo_path(id: &str) -> String {
    format!("/media/photos/{id}")
}

/// A booking before it is paid (TIME-2/3, MEET-5, MEET-9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteView {
    pub start: DateTime<Utc>,
    /// The venue's zone, for its local times.
    pub venue: ZoneInfo,
    /// The local time happens twice (clocks going back): the first is booked.
    pub ambiguous: bool,
    pub minutes: i64,
    pub total: Credits,
    pub window_opens: DateTime<Utc>,
    pub window_closes: DateTime<Utc>,
    pub free_cancel_until: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileView {
    pub id: UserId,
    pub name: String,
    pub area: String,
    pub rules: String,
    /// Her zone: where times of a session at her place are read (TIME-2).
    pub zone: ZoneName,
    pub tariffs: Vec<TariffLine>,
    pub services: Vec<ServiceLine>,
    /// The client's balance; none for anyone else.
    pub balance: Option<Credits>,
    /// Where her photo is served, once she uploaded one.
    pub photo: Option<String>,
    /// Average stars and count of her live ratings (RATE: removed ones do not count).
    pub rating: Option<RatingSummary>,
}

/// A tariff of a model's profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TariffLine {
    pub id: String,
    pub minutes: i64,
    pub price: Credits,
}

/// A service a model offers; one by preference she confirms per session (MEET-4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLine {
    pub id: String,
    pub name: String,
    pub by_preference: bool,
}

/// Average stars and how many live ratings make it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingSummary {
    pub average: f32,
    pub count: usize,
}

/// A service of a booked session; for one by preference, whether the model
/// said she provides it (MEET-4), once she did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionService {
    pub name: String,
    pub by_preference: bool,
    pub provided: Option<bool>,
}

/// The dispute a cancellation opened (MEET-9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDispute {
    pub id: DisputeId,
    pub state: DisputeState,
}

/// One step of the session's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineLine {
    pub at: DateTime<Utc>,
    /// `None`: Settle itself (MEET-14/15).
    pub actor: Option<Party>,
    pub kind: EventKind,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: SessionId,
    pub me: Party,
    pub other_id: UserId,
    pub other_name: String,
    pub scenario: Scenario,
    pub payment: Payment,
    pub stage: Stage,
    pub start: DateTime<Utc>,
    pub window_opens: DateTime<Utc>,
    pub window_closes: DateTime<Utc>,
    pub free_cancel_until: DateTime<Utc>,
    /// TIME-2: the zone the session happens in.
    pub venue: ZoneInfo,
    pub minutes: i64,
    pub total: Credits,
    pub refunded_now: Credits,
    pub services: Vec<SessionService>,
    pub additions: Vec<Addition>,
    /// The address this side may see now (MEET-2/3), if any.
    pub address: Option<String>,
    pub allowed: Vec<CommandKind>,
    pub cancel_reasons: Vec<CancelReason>,
    pub dispute: Option<SessionDispute>,
    pub timeline: Vec<TimelineLine>,
    pub cancelled_reason: Option<CancelReason>,
    /// MEET-15: the last instant to report a problem, while reporting one
    /// is allowed.
    pub complaint_until: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: SessionId,
    pub other_name: String,
    pub scenario: Scenario,
    pub start: DateTime<Utc>,
    pub stage: Stage,
}
