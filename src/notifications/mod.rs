//! The notification list (NOTE-1, NOTE-3): a person's notices, newest
//! first, written in their language and zone on the server; the unread
//! count the header shows and keeps up to date while the page is open.

pub mod api;
pub mod pages;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::NotificationId;

/// One notice as the list shows it: its words already written for the
/// reader, and where opening it goes (`/n/{id}`, which marks it read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeLine {
    pub id: NotificationId,
    pub title: String,
    pub body: String,
    /// The page where the person acts (without a locale prefix).
    pub link: String,
    pub at: DateTime<Utc>,
    pub read: bool,
}

/// The path that opens a notice: marks it read and goes to its page. The
/// page's locale code rides along so the page opens in the same language.
pub fn open_path(id: &NotificationId, lang: &str) -> String {
    if lang.is_empty() {
        format!("/n/{id}")
    } else {
        format!("/n/{id}?lang={lang}")
    }
}
