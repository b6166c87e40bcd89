//! The UI kit: who is looking and in which language (context), form helpers,
//! shared components, error pages. Knows no feature.

pub mod components;
pub mod context;
pub mod errors;
pub mod forms;
pub mod live;
pub mod time;
pub mod words;
