//! Disputes: the list (support's queue or a party's own), the chat, and
//! support's decision (DISP-1..3). New messages reach open pages through
//! server-sent events at `/live/disputes/{id}`.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::dispute::DisputeState;
use crate::domain::Credits;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeLine {
    pub id: String,
    pub subject: String,
    pub client_name: String,
    pub model_name: String,
    pub state: DisputeState,
    pub held: Credits,
    pub opened_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatLine {
    pub id: String,
    pub author: Option<String>,
    pub mine: bool,
    pub kind: String,
    pub body: String,
    pub at: DateTime<Utc>,
    pub attachment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeView {
    pub id: String,
    pub subject: String,
    pub subject_id: String,
    pub client_name: String,
    pub model_name: String,
    pub state: DisputeState,
    pub reason: Option<String>,
    pub held: Credits,
    pub support: bool,
    pub messages: Vec<ChatLine>,
    pub read_by: Vec<(String, DateTime<Utc>)>,
    pub decision: Option<(Credits, Credits, String)>,
}
