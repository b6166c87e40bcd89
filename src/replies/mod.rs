//! Saved replies (SUP-3): support keeps them here in English and Italian,
//! and inserts one into a dispute's chat, found by a short search, with its
//! placeholders filled from the case in the language the agent picks.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::domain::reply::{MAX_BODY, MAX_TITLE, PLACEHOLDERS};
use crate::domain::Locale;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedReply {
    pub id: String,
    pub locale: Locale,
    pub title: String,
    pub body: String,
    pub updated_at: DateTime<Utc>,
}

/// The picker beside a dispute's message box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerView {
    /// The language shown: the agent's pick, else the client's.
    pub lang: Locale,
    pub query: String,
    /// Whether the agent has searched or picked a language yet.
    pub asked: bool,
    /// The replies in `lang` that match `query`, each already filled in.
    pub matches: Vec<SavedReply>,
    /// The reply the agent chose, filled in, for the message box.
    pub inserted: Option<String>,
}
