//! Components and pages, by audience.

pub mod auth;
pub mod billing;
pub mod chat;
pub mod client;
pub mod components;
pub mod disputes;
pub mod errors;
pub mod help;
pub mod home;
pub mod layout;
pub mod model;
pub mod ratings;
pub mod sessions;
pub mod settings;
pub mod support;
