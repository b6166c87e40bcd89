//! Contact support (SUP-6): anyone writes to support from any page's
//! footer, or from a help article answered "No" (the article goes with
//! the request). A request is a conversation with support and a case in
//! support's queue. Support answers there; the writer reads the answer in
//! their notifications when signed in, else by e-mail with a private link
//! to the conversation.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::domain::contact::MAX_MESSAGE;
use crate::domain::{ContactId, Locale};

/// The article a request came from, in the language it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    pub slug: String,
    pub locale: Locale,
}

/// What the contact form shows before anything is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormView {
    pub article: Option<ArticleRef>,
    /// The signed-in writer's name: answers go to their notifications.
    pub signed_in_as: Option<String>,
    /// The page the footer link was followed from, as the form keeps it.
    pub page: Option<String>,
    /// The signed-in writer's earlier requests, newest first.
    pub mine: Vec<MyRequest>,
}

/// One of the signed-in writer's requests, as the form lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequest {
    pub id: ContactId,
    pub opened_at: DateTime<Utc>,
    pub closed: bool,
    /// The start of what they wrote.
    pub preview: String,
}

/// Who wrote one message of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speaker {
    /// The person who asked.
    Writer,
    /// Someone in support (their name is shown to support only).
    Support { name: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactMessage {
    pub at: DateTime<Utc>,
    pub speaker: Speaker,
    pub body: String,
    /// For support only: never sent to the writer's page or mail.
    pub note: bool,
}

/// A request, as its writer or support reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: ContactId,
    /// The account's name, or the address an anonymous writer gave.
    pub writer: String,
    pub signed_in: bool,
    pub locale: Locale,
    pub article: Option<ArticleRef>,
    pub page: Option<String>,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub messages: Vec<ContactMessage>,
}
