//! Server-only plumbing that knows no feature: database, ledger writer,
//! audit, accounts' sessions and cookies, messaging, clock, configuration,
//! uploads, page cache, the request of a server function, and serving.

pub mod audit;
pub mod auth;
pub mod cases;
pub mod clock;
pub mod config;
pub mod db;
pub mod ledger;
pub mod messaging;
pub mod page_cache;
pub mod request;
pub mod state;
pub mod uploads;
pub mod zones;
