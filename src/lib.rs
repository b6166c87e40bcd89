//! Settle: a Leptos full-stack app. `ssr` builds the server, `hydrate` the
//! browser bundle; `domain` and `i18n` compile on both sides.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod domain;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
