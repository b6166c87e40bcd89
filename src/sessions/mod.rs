//! Booked sessions: model profiles, booking, the session screen and every
//! step. The page shows the buttons the server says are allowed; each press
//! is decided again on the server by `domain::session::apply`.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::session::{Addition, CancelReason, CommandKind, Party, Payment, Scenario, Stage};
use crate::domain::{AppError, Credits, UserId};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelCard {
    pub id: UserId,
    pub name: String,
    pub area: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileView {
    pub id: UserId,
    pub name: String,
    pub area: String,
    pub rules: String,
    pub tariffs: Vec<(String, i64, Credits)>,
    pub services: Vec<(String, String, bool)>,
    pub balance: Credits,
    /// Average stars and count of her live ratings (RATE: removed ones do not count).
    pub rating: Option<(f32, usize)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: String,
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
    pub minutes: i64,
    pub total: Credits,
    pub refunded_now: Credits,
    pub services: Vec<(String, bool, Option<bool>)>,
    pub additions: Vec<Addition>,
    /// The address this side may see now (MEET-2/3), if any.
    pub address: Option<String>,
    pub allowed: Vec<CommandKind>,
    pub cancel_reasons: Vec<CancelReason>,
    pub dispute: Option<(String, String)>,
    pub timeline: Vec<(DateTime<Utc>, String, String, String)>,
    pub cancelled_reason: Option<CancelReason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: String,
    pub other_name: String,
    pub scenario: String,
    pub start: DateTime<Utc>,
    pub stage: String,
}
