//! Sign-in, sign-up, sign-out, the per-request session summary, settings.

pub mod api;
pub mod links;
pub mod pages;
pub mod settings;
#[cfg(feature = "ssr")]
pub mod store;

pub use crate::ui::context::{Done, SessionInfo, UserSummary};

/// Settings' e-mail part: the address, whether it is confirmed (NOTE-4),
/// and the kinds of e-mail turned off.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MailChoices {
    pub address: String,
    pub confirmed: bool,
    pub off: Vec<crate::domain::notice::MailTopic>,
}
