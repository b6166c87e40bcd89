//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use leptos::prelude::*;

use super::*;
use crate::domain::AppError;
#[cfg(feature = "ssr")]
use crate::domain::{ErrorCode, Role};

/// A reply's id as a form names it: an id's shape, nothing else.
#[cfg(feature = "ssr")]
fn reply_id(raw: &str) -> Result<String, AppError> {
    uuid::Uuid::parse_str(raw.trim())
        .map(|u| u.to_string())
        .map_err(|_| AppError::new(ErrorCode::NotFound))
}

/// SUP-3: every saved reply, for support's page that manages them.
#[server(prefix = "/api", endpoint = "replies/list")]
pub async fn saved_replies() -> Result<Vec<SavedReply>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(Role::Support)?;
    super::store::list(&state.db, None).await
}

/// SUP-3: a new reply (`id` empty) or a change to one.
#[server(prefix = "/api", endpoint = "replies/save")]
pub async fn save_reply(id: String, locale: String, title: String, body: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let draft = crate::domain::reply::ReplyDraft::parse(&locale, &title, &body)?;
    let id = if id.trim().is_empty() {
        None
    } else {
        Some(reply_id(&id)?)
    };
    super::store::save(&state.db, id.as_deref(), &draft, &me.id, state.clock.now()).await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "replies/delete")]
pub async fn delete_reply(id: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(Role::Support)?;
    super::store::delete(&state.db, &reply_id(&id)?).await
}

/// SUP-3: the replies offered beside a dispute's message box: in `lang`
/// (empty: the client's language), matching `query`, filled in from the
/// dispute; `pick` (a reply's id) is the one to put in the box.
#[server(prefix = "/api", endpoint = "replies/picker")]
pub async fn reply_picker(
    dispute: String,
    lang: String,
    query: String,
    pick: String,
) -> Result<PickerView, AppError> {
    use crate::domain::reply::{matches, render};
    use crate::domain::{DisputeId, Locale};
    use crate::platform::request::*;
    let state = state()?;
    require_role(Role::Support)?;
    let dispute = DisputeId::parse(&dispute).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let facts = super::store::facts(&state.db, &dispute).await?;
    let lang_asked = lang;
    let lang = Locale::from_tag(&lang_asked)
        .filter(|_| !lang_asked.is_empty())
        .unwrap_or(facts.client_locale);
    let fill = fill(&facts, lang);
    // Nothing is listed until the agent searches or picks a language: the
    // box stays short, and a page in one language does not fill up with
    // replies in the other.
    let asked = !query.trim().is_empty() || !lang_asked.is_empty() || !pick.trim().is_empty();
    let query: String = query.chars().take(100).collect();
    let replies = super::store::list(&state.db, Some(lang)).await?;
    let inserted = replies
        .iter()
        .find(|r| r.id == pick.trim())
        .map(|r| render(&r.body, &fill));
    let matches = replies
        .into_iter()
        .filter(|r| asked && matches(&r.title, &r.body, &query))
        .map(|r| SavedReply {
            body: render(&r.body, &fill),
            ..r
        })
        .collect();
    Ok(PickerView {
        lang,
        query,
        asked,
        matches,
        inserted,
    })
}

/// A dispute's placeholders as its recipients read them: in `lang`, the
/// time in the client's zone with the zone's name.
#[cfg(feature = "ssr")]
pub fn fill(facts: &super::store::Facts, lang: crate::domain::Locale) -> crate::domain::reply::Fill {
    let zone = crate::platform::zones::info(&facts.client_zone);
    crate::domain::reply::Fill {
        client: facts.client.clone(),
        model: facts.model.clone(),
        time: facts
            .at
            .map(|t| crate::domain::time::write_instant(t, &zone, lang, true)),
        held: Some(format!("{} {}", facts.held, crate::i18n::Msg::Credits.text(lang))),
    }
}
