//! Sign-in, sign-up, sign-out, the per-request session summary, settings.

pub mod api;
pub mod pages;
pub mod settings;
#[cfg(feature = "ssr")]
pub mod store;

pub use crate::ui::context::{Done, SessionInfo, UserSummary};
