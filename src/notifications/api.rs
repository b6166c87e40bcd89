//! Server functions: the signed-in person's own notices only.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use super::*;
use crate::domain::AppError;
use leptos::prelude::*;

/// How many notices the list shows.
#[cfg(feature = "ssr")]
const LIST_LENGTH: i64 = 50;

/// The reader's latest notices, newest first, in words (NOTE-3): in the
/// page's language (`lang`, the two-letter code the page is shown in;
/// empty: the reader's setting, else their browser's), every instant in
/// the reader's zone, no codes.
#[server(prefix = "/api", endpoint = "notifications/mine")]
pub async fn my_notices(lang: String) -> Result<Vec<NoticeLine>, AppError> {
    use crate::domain::time::write_instant;
    use crate::domain::Locale;
    use crate::i18n::notice_words;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let url = Locale::from_tag(&lang).filter(|_| lang.len() == 2);
    let locale = Locale::negotiate(url, me.locale, header("accept-language").as_deref());
    let zone = crate::platform::zones::info(&me.time_zone);
    let notices = crate::platform::outbox::latest(&state.db, &me.id, LIST_LENGTH).await?;
    Ok(notices
        .into_iter()
        .map(|n| {
            let words = notice_words(n.kind, &n.params, locale, &|t| {
                write_instant(t, &zone, locale, true)
            });
            NoticeLine {
                id: n.id,
                title: words.title,
                body: words.body,
                link: n.link,
                at: n.created_at,
                read: n.read,
            }
        })
        .collect())
}

/// How many of the reader's notices are unread (the header's count).
#[server(prefix = "/api", endpoint = "notifications/unread")]
pub async fn unread_notices() -> Result<i64, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    crate::platform::outbox::unread_count(&state.db, &me.id).await
}

/// Marks every notice of the reader read. Without JavaScript the form's
/// post comes back to the list.
#[server(prefix = "/api", endpoint = "notifications/open_all")]
pub async fn open_all_notices(lang: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    crate::platform::outbox::open_all(&state.db, &me.id, state.clock.now()).await?;
    redirect_plain_form(&localized_path(&lang, "/notifications"));
    Ok(())
}
