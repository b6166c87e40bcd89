//! The rules of Settle. Pure: no IO, no async, no database; `now` is passed in.
//! Compiled for both the server and the browser, so a page can show exactly
//! what the server will enforce.

pub mod audit;
pub mod billing;
pub mod call;
pub mod case;
pub mod contact;
pub mod dispute;
pub mod error;
pub mod help;
pub mod ids;
pub mod ledger;
pub mod locale;
pub mod money;
pub mod notice;
pub mod rating;
pub mod reply;
pub mod session;
pub mod support;
pub mod text;
pub mod time;
pub mod upload;
pub mod user;
pub mod wire;

pub use error::{AppError, ErrorCode, RuleId};
pub use ids::*;
pub use locale::Locale;
pub use money::Credits;
pub use text::Reason;
pub use user::{DisplayName, Email, Password, Role};
