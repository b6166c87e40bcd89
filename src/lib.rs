//! Settle: a Leptos full-stack app. `ssr` builds the server, `hydrate` the
//! browser bundle. One folder per feature (view types in `mod.rs`, server
//! functions in `api.rs`, SQL in `store.rs`, components in `pages.rs`); the
//! rules in `domain`, server plumbing in `platform`, the UI kit in `ui`.
#![recursion_limit = "256"]

pub mod app;
pub mod domain;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod platform;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod serve;
pub mod ui;
#[cfg(feature = "ssr")]
pub mod worker;

pub mod accounts;
pub mod billing;
pub mod calls;
pub mod cases;
pub mod contact;
pub mod disputes;
pub mod help;
pub mod notifications;
pub mod ratings;
pub mod replies;
pub mod sessions;
pub mod support;

/// Opens the database: connects, migrates, and builds what the migrations
/// cannot write for both databases (the audit log's append-only guard, the
/// help center's search index).
#[cfg(feature = "ssr")]
pub async fn open_database(url: &str) -> Result<platform::db::Db, sqlx::Error> {
    let db = platform::db::connect(url).await?;
    platform::audit::ensure_append_only(&db).await?;
    help::search::ensure_index(&db).await?;
    Ok(db)
}

/// The wasm entry: the page loader (`app::islands`) calls it, then
/// hydrates each island on the page; the rest of the page stays the
/// server's HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
