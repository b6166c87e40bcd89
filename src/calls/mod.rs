//! Calls for models (list, rate, refund: REF-4 a/b/c) and clients (list,
//! rate, ask support: REF-6), and the direct conversations with call bubbles.
//! Client answers never carry refund controls or refund state (REF-5).

pub mod api;
pub mod chat;
pub mod creator;
pub mod customer;
#[cfg(feature = "ssr")]
pub mod reviews;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::call::{CallKind, RefundState, RequestStatus, Thumb};
use crate::domain::session::EventKind;
use crate::domain::{CallId, Credits, SessionId, UserId};

/// A call as its model sees it, with the refund state (REF-3 window left in
/// seconds, measured on the server's clock).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelCall {
    pub id: CallId,
    pub client_id: UserId,
    pub client_name: String,
    pub kind: CallKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub billed_minutes: i64,
    pub charge: Credits,
    /// What she may still do about a refund (one domain answer for the
    /// Calls page, the chat bubble, the countdown and the server).
    pub refund: RefundState,
    pub thumb: Option<Thumb>,
}

/// A call as its client sees it: no refund information at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientCall {
    pub id: CallId,
    pub model_id: UserId,
    pub model_name: String,
    pub kind: CallKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub billed_minutes: i64,
    pub charge: Credits,
    pub thumb: Option<Thumb>,
}

/// What a refund did: the credits the client got back. `first_time` is
/// false when the call had been refunded already (REF-2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundAnswer {
    pub amount: Credits,
    pub first_time: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientHomeData {
    pub balance: Credits,
    pub calls: Vec<ClientCall>,
    pub reviews: Vec<ClientReview>,
}

/// A client's own review request and its outcome (the decision note is
/// meant for them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientReview {
    pub call_id: CallId,
    pub status: RequestStatus,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatEntry {
    pub mine: bool,
    pub kind: ChatEntryKind,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChatEntryKind {
    Text(String),
    /// A call bubble; `ModelCall` for the model, `ClientCall` for the client.
    ModelCall(ModelCall),
    ClientCall(ClientCall),
    /// Credits came back to the client (the neutral notice of REF-5).
    CreditsReturned(Credits),
    /// A step of a booked session (the other side's press), with its id.
    SessionNotice {
        session: SessionId,
        step: EventKind,
    },
}

/// Someone a model or client has a direct conversation with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: UserId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub other_id: UserId,
    pub other_name: String,
    pub entries: Vec<ChatEntry>,
}
