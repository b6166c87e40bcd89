//! Who is looking (session), in which language (i18n), and the paths that
//! keep the reader's locale.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};

use crate::domain::time::ZoneInfo;
use crate::domain::{AppError, Locale, Role};
use crate::i18n::error_message_with;
use crate::i18n::Msg;
use chrono::{DateTime, Utc};

/// What the page needs to know about who is looking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Option<UserSummary>,
    /// The user's language setting, else the browser's `Accept-Language`;
    /// a locale in the URL still wins over this.
    pub preferred_locale: Locale,
    /// The user's explicit setting, if any (for the settings form).
    pub locale_setting: Option<Locale>,
    /// TIME-1: the reader's zone (theirs, else their browser's), as offsets:
    /// the browser formats times with it and ships no zone database.
    pub zone: ZoneInfo,
    /// The server's time when the page was made: relative times ("in 2
    /// hours") read the same on the server and in the browser.
    pub now: DateTime<Utc>,
}

/// The answer of sign-in, sign-up, sign-out and settings: where to go next
/// and the new session summary (so the page updates without a reload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub target: String,
    pub session: SessionInfo,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub display_name: String,
    pub role: Role,
}

/// The session summary, computed on the server during rendering and handed
/// to the browser with the page (no extra round trip, no flash of the
/// signed-out layout). Updated in place after sign-in, sign-out and settings.
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<SessionInfo>);

impl Session {
    /// `current` is computed on the server (the shell passes the accounts
    /// feature's reader of the request) and shipped with the page.
    pub fn provide(current: fn() -> SessionInfo) -> Session {
        let initial = SharedValue::new(current).into_inner();
        let session = Session(RwSignal::new(initial));
        provide_context(session);
        session
    }

    pub fn role(&self) -> Option<Role> {
        self.0.with(|s| s.user.as_ref().map(|u| u.role))
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The reader's language: the URL prefix, else the session's preference.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: Memo<Locale>,
    /// The locale named in the URL, if any; links keep it.
    pub url_locale: Memo<Option<Locale>>,
}

impl I18n {
    pub fn provide(session: Session) -> I18n {
        let location = use_location();
        let url_locale = Memo::new(move |_| location.pathname.with(|p| Locale::from_path(p)));
        let locale = Memo::new(move |_| {
            url_locale
                .get()
                .unwrap_or_else(|| session.0.with(|s| s.preferred_locale))
        });
        let i18n = I18n { locale, url_locale };
        provide_context(i18n);
        i18n
    }

    /// The text of a message in the current language (reactive).
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.locale.get())
    }

    /// A path inside the app that keeps the URL's locale prefix.
    pub fn href(&self, path: &str) -> String {
        localize_path(self.url_locale.get(), path)
    }

    /// The code to send with forms so the server's redirect keeps the prefix.
    pub fn prefix_code(&self) -> &'static str {
        self.url_locale.get().map(Locale::code).unwrap_or("")
    }

    /// An error in the reader's words; an instant it names is written in
    /// the reader's zone, named (TIME-1).
    pub fn error(&self, err: &AppError) -> String {
        let locale = self.locale.get();
        let zone = use_context::<Session>().map(|s| s.0.with_untracked(|i| i.zone.clone()));
        error_message_with(err, locale, &|t| match &zone {
            Some(zone) => crate::domain::time::write_instant(t, zone, locale, true),
            None => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
    }
}

/// Where this site is reached from outside (`SETTLE_PUBLIC_URL`), provided
/// by the server for links that must be absolute (hreflang alternates).
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

/// `path` as an absolute address on this site (the path itself where the
/// public address is not known).
pub fn absolute_url(path: &str) -> String {
    match use_context::<PublicUrl>() {
        Some(PublicUrl(base)) => format!("{base}{path}"),
        None => path.to_string(),
    }
}

pub fn localize_path(locale: Option<Locale>, path: &str) -> String {
    match locale {
        Some(l) if path == "/" => format!("/{}", l.code()),
        Some(l) => format!("/{}{}", l.code(), path),
        None => path.to_string(),
    }
}

/// `/it/signin` → `/signin`: the page's path without its locale prefix.
pub fn strip_locale(path: &str) -> &str {
    match Locale::from_path(path) {
        Some(l) => {
            let rest = &path[1 + l.code().len()..];
            if rest.is_empty() {
                "/"
            } else {
                rest
            }
        }
        None => path,
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_and_lose_their_locale_prefix() {
        assert_eq!(localize_path(Some(Locale::It), "/signin"), "/it/signin");
        assert_eq!(localize_path(Some(Locale::It), "/"), "/it");
        assert_eq!(localize_path(None, "/signin"), "/signin");
        assert_eq!(strip_locale("/it/signin"), "/signin");
        assert_eq!(strip_locale("/it"), "/");
        assert_eq!(strip_locale("/items"), "/items");
    }
}
