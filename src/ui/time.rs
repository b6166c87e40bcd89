//! Instants as the reader reads them (TIME-1): in their zone, written the
//! way their language writes dates. The zone's offsets come with the
//! session summary, so the server and the browser write the same text.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::time::{self, ZoneInfo};
use crate::domain::Locale;
use crate::ui::context::{I18n, Session};

fn reader<R>(f: impl FnOnce(&ZoneInfo, DateTime<Utc>, Locale) -> R) -> R {
    let locale = use_context::<I18n>().map_or(Locale::En, |i| i.locale.get_untracked());
    match use_context::<Session>() {
        Some(session) => session.0.with_untracked(|s| f(&s.zone, now(s.now), locale)),
        None => f(&fallback_zone(), now(fallback_now()), locale),
    }
}

/// "Now" for relative words: the server's time when the page was made,
/// moved on by how long the page has been open in the browser (the
/// browser's own clock may be wrong; only its elapsed time is used). While
/// the page hydrates the two are the same, so server and browser agree.
#[cfg(feature = "hydrate")]
fn now(server_now: DateTime<Utc>) -> DateTime<Utc> {
    use std::sync::OnceLock;
    static FIRST: OnceLock<(DateTime<Utc>, f64)> = OnceLock::new();
    let (first, at_ms) = *FIRST.get_or_init(|| (server_now, js_sys::Date::now()));
    first + chrono::Duration::milliseconds((js_sys::Date::now() - at_ms) as i64)
}

#[cfg(not(feature = "hydrate"))]
fn now(server_now: DateTime<Utc>) -> DateTime<Utc> {
    server_now
}

/// Only without a session summary (never on a page Settle serves).
fn fallback_now() -> DateTime<Utc> {
    #[cfg(feature = "ssr")]
    {
        Utc::now()
    }
    #[cfg(not(feature = "ssr"))]
    {
        DateTime::<Utc>::UNIX_EPOCH
    }
}

fn fallback_zone() -> ZoneInfo {
    ZoneInfo::fixed(time::ZoneName::default_zone(), 3600, "CET")
}

/// "3 dic 2026, 21:30" in the reader's zone.
pub fn local(t: DateTime<Utc>) -> String {
    reader(|zone, _, locale| time::write_instant(t, zone, locale, false))
}

/// "3 dic 2026, 21:30 CET": where the time could be misread (a deadline, a
/// refusal, a clock-change day).
pub fn local_named(t: DateTime<Utc>) -> String {
    reader(|zone, _, locale| time::write_instant(t, zone, locale, true))
}

/// An instant in another zone than the reader's (a venue's), named.
pub fn in_zone(t: DateTime<Utc>, zone: &ZoneInfo) -> String {
    reader(|_, _, locale| time::write_instant(t, zone, locale, true))
}

/// Whether `zone` writes `t` as the reader's own zone does.
pub fn same_as_reader(t: DateTime<Utc>, zone: &ZoneInfo) -> bool {
    reader(|own, _, _| own.name == zone.name || own.offset_at(t) == zone.offset_at(t))
}

/// "3 Dec 2026, 9:30 pm (in 2 hours)": a time and how far it is from now.
pub fn local_and_relative(t: DateTime<Utc>) -> String {
    format!("{} ({})", local(t), relative(t))
}

/// "in 2 hours" / "12 min ago".
pub fn relative(t: DateTime<Utc>) -> String {
    reader(|_, now, locale| time::write_relative(t, now, locale))
}

/// The zone the browser itself uses (`Intl…resolvedOptions().timeZone`).
#[cfg(feature = "hydrate")]
pub fn device_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()?
        .as_string()
}

#[cfg(not(feature = "hydrate"))]
pub fn device_zone() -> Option<String> {
    None
}
