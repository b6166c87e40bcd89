//! Server-only parts: configuration, state, database, accounts, HTTP.

pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod http;
pub mod seed;
pub mod state;
