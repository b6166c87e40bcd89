//! Disputes: the list (support's queue or a party's own), the chat, and
//! support's decision (DISP-1..3). New messages reach open pages through
//! server-sent events at `/live/disputes/{id}`.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::dispute::{DisputeState, MessageKind, Subject};
use crate::domain::{Credits, DisputeId, MessageId};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeLine {
    pub id: DisputeId,
    pub subject: Subject,
    pub client_name: String,
    pub model_name: String,
    pub state: DisputeState,
    pub held: Credits,
    pub opened_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatLine {
    pub id: MessageId,
    pub author: Option<String>,
    pub mine: bool,
    pub kind: MessageKind,
    pub body: String,
    pub at: DateTime<Utc>,
    pub attachment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeView {
    pub id: DisputeId,
    pub subject: Subject,
    /// A session, call review or purchase id as `subject` says; kept as text
    /// because an enum of the three could not read back its variant from
    /// this JSON (a bare string) without changing the JSON's shape.
    pub subject_id: String,
    pub client_name: String,
    pub model_name: String,
    pub state: DisputeState,
    pub reason: Option<String>,
    pub held: Credits,
    pub support: bool,
    pub messages: Vec<ChatLine>,
    pub read_by: Vec<ReadMark>,
    pub decision: Option<DecisionLine>,
}

/// How far another member has read the chat ("seen" marks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadMark {
    pub name: String,
    pub at: DateTime<Utc>,
}

/// Support's decision as the dispute's header shows it (DISP-3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionLine {
    /// Back to the client.
    pub refund: Credits,
    /// To the model (or kept by her).
    pub release: Credits,
    pub reason: String,
}

/// SUP-5: what a decision with `refund` would move, per party: positive is
/// what they get, negative what they give back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionPreview {
    pub refund: Credits,
    /// The client's credit balance.
    pub client: Credits,
    /// Money going back out through a payment processor (a credit pack's
    /// refund reaches the client's card or account, not the balance).
    pub through_processor: Credits,
    /// The model's earnings.
    pub model: Credits,
    /// What the platform keeps (or gives back).
    pub platform: Credits,
}
