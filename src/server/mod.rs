//! Server-only parts: configuration, state, database, accounts, HTTP.

pub mod audit;
pub mod auth;
pub mod backoffice;
pub mod billing;
pub mod calls;
pub mod clock;
pub mod config;
pub mod db;
pub mod disputes;
pub mod help;
pub mod http;
pub mod ledger;
pub mod page_cache;
pub mod ratings;
pub mod seed;
pub mod sessions;
pub mod state;
pub mod uploads;
