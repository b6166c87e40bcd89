//! Server-only plumbing that knows no feature: database, ledger writer,
//! audit, accounts' sessions and cookies, messaging, clock, configuration,
//! uploads, page cache and kept answers, the outbox and timed jobs, e-mail, the request of
//! a server function, and serving.

pub mod audit;
pub mod auth;
pub mod cases;
pub mod clock;
pub mod config;
pub mod db;
pub mod headers;
pub mod jobs;
pub mod ledger;
pub mod lite;
pub mod mailer;
pub mod memo;
pub mod messaging;
pub mod outbox;
pub mod page_cache;
pub mod request;
pub mod state;
pub mod tally;
pub mod uploads;
pub mod zones;
