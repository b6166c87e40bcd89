//! Components and pages, by audience.

pub mod auth;
pub mod components;
pub mod errors;
pub mod home;
pub mod layout;
pub mod settings;
