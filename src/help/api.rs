//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// A server function takes one argument per form field.
#![allow(clippy::too_many_arguments)]
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use super::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::domain::{AppError, ArticleId, ErrorCode, Locale};

    pub fn locale(raw: &str) -> Result<Locale, AppError> {
        Locale::from_tag(raw).ok_or_else(|| AppError::new(ErrorCode::InvalidLocale))
    }

    pub fn article_id(raw: &str) -> Result<ArticleId, AppError> {
        ArticleId::parse(raw).ok_or_else(|| AppError::new(ErrorCode::NotFound))
    }

    const READER_COOKIE: &str = "settle_reader";

    /// Who answers "Did this answer your question?": the account when signed
    /// in, otherwise an anonymous cookie (made on the first answer). Only a
    /// hash is stored.
    pub fn reader(create: bool) -> Option<String> {
        use crate::platform::request::{header, set_cookie, state, viewer};
        use sha2::{Digest, Sha256};
        let hash = |s: String| hex::encode(Sha256::digest(s.as_bytes()));
        if let Some(v) = viewer() {
            return Some(hash(format!("user:{}", v.id)));
        }
        let existing = header("cookie").and_then(|c| {
            c.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                let ok = name == READER_COOKIE && (16..=64).contains(&value.len());
                (ok && value.bytes().all(|b| b.is_ascii_hexdigit())).then(|| value.to_string())
            })
        });
        match existing {
            Some(v) => Some(hash(format!("anon:{v}"))),
            None if create => {
                let v = uuid::Uuid::new_v4().simple().to_string();
                let secure = state().map(|s| s.config.secure_cookies).unwrap_or(false);
                set_cookie(&format!(
                    "{READER_COOKIE}={v}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{}",
                    if secure { "; Secure" } else { "" }
                ));
                Some(hash(format!("anon:{v}")))
            }
            None => None,
        }
    }
}

#[server(prefix = "/api", endpoint = "help/home")]
pub async fn help_home(locale: String) -> Result<HomeView, AppError> {
    let state = crate::platform::request::state()?;
    crate::help::store::home(&state.db, ssr::locale(&locale)?).await
}

#[server(prefix = "/api", endpoint = "help/category")]
pub async fn help_category(locale: String, key: String) -> Result<CategoryView, AppError> {
    let state = crate::platform::request::state()?;
    crate::help::store::category(&state.db, ssr::locale(&locale)?, &key).await
}

/// An article by its slug in the reader's language; a slug from another
/// language leads to this language's translation, or to the article itself.
#[server(prefix = "/api", endpoint = "help/article")]
pub async fn help_article(locale: String, slug: String) -> Result<ArticleView, AppError> {
    let state = crate::platform::request::state()?;
    let locale = ssr::locale(&locale)?;
    let reader = ssr::reader(false);
    crate::help::store::article_any(&state.db, locale, &slug, reader.as_deref()).await
}

#[server(prefix = "/api", endpoint = "help/search")]
pub async fn help_search(locale: String, q: String) -> Result<Vec<SearchHit>, AppError> {
    let state = crate::platform::request::state()?;
    let locale = ssr::locale(&locale)?;
    let hits = crate::help::search::search_kept(&state.search_results, &state.db, locale, &q, 20).await?;
    // HELP-6: counted for support in memory (kept results too); the worker
    // writes the counts.
    super::insights::record(&state.searches, locale, &q, hits.len(), state.clock.now());
    Ok(Vec::clone(&hits))
}

/// HELP-6: support's figures on searches and "No" answers.
#[server(prefix = "/api", endpoint = "help/insights")]
pub async fn help_insights() -> Result<InsightsView, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    // The searches of the last moments too.
    super::insights::flush(&state.db, &state.searches).await?;
    super::insights::view(&state.db, state.clock.now()).await
}

/// HELP-3: "Did this answer your question?" — `vote` is yes or no. Works
/// as a plain form (back to `back`, the article's address).
#[server(prefix = "/api", endpoint = "help/vote")]
pub async fn help_vote(article_id: String, vote: String, back: String) -> Result<Vote, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let vote = Vote::parse(&vote)?;
    let reader = ssr::reader(true).ok_or_else(|| AppError::new(crate::domain::ErrorCode::Internal))?;
    // HELP-3: an id of no article (of any shape) is the same refusal.
    let article_id = ssr::article_id(&article_id).map_err(|e| e.with_rule(crate::domain::RuleId::Help3))?;
    crate::help::store::vote(&state.db, &article_id, &reader, vote, state.clock.now()).await?;
    if back.starts_with('/') && !back.starts_with("//") {
        redirect_plain_form(&format!("{back}?voted=1#feedback"));
    }
    Ok(vote)
}

#[server(prefix = "/api", endpoint = "help/admin")]
pub async fn help_admin() -> Result<Vec<AdminLine>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    crate::help::store::admin_list(&state.db).await
}

/// The editor's data: the article (`id`, empty for a new one) and the
/// categories in `locale`.
#[server(prefix = "/api", endpoint = "help/editor")]
pub async fn help_editor(id: String, locale: String) -> Result<EditorData, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let article = if id.is_empty() {
        None
    } else {
        Some(crate::help::store::for_edit(&state.db, &ssr::article_id(&id)?).await?)
    };
    let locale = article
        .as_ref()
        .map(|a| a.locale)
        .unwrap_or(ssr::locale(&locale)?);
    Ok(EditorData {
        categories: crate::help::store::categories(&state.db, locale).await?,
        article,
    })
}

/// The preview of Markdown as readers will see it (rendered and sanitised
/// exactly like a saved article).
#[server(prefix = "/api", endpoint = "help/preview")]
pub async fn help_preview(locale: String, body: String) -> Result<String, AppError> {
    use crate::platform::request::*;
    require_role(crate::domain::Role::Support)?;
    let draft = crate::domain::help::ArticleDraft::parse("preview", "preview", &body)?;
    Ok(crate::help::render::markdown(&draft.body, ssr::locale(&locale)?).html)
}

/// HELP-4: saves a new revision (`id` empty creates the article or a
/// translation of `key`). `base_revision` is the revision the editor
/// opened; a save over a newer one is refused. Returns the article id.
#[server(prefix = "/api", endpoint = "help/save")]
pub async fn help_save(
    id: String,
    key: String,
    locale: String,
    category: String,
    slug: String,
    title: String,
    summary: String,
    body: String,
    popular: String,
    base_revision: String,
    lang: String,
) -> Result<ArticleId, AppError> {
    use crate::domain::help::{ArticleDraft, Slug};
    use crate::domain::{ErrorCode, Role, RuleId};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let bad = |d: &str| {
        AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Help4)
            .with_detail(d)
    };
    let popular = match popular.trim() {
        "" => None,
        p => Some(
            p.parse::<i64>()
                .ok()
                .filter(|n| (1..=99).contains(n))
                .ok_or_else(|| bad("popular"))?,
        ),
    };
    let base_revision = match base_revision.trim() {
        "" => None,
        b => Some(b.parse::<i64>().map_err(|_| bad("revision"))?),
    };
    let id = if id.is_empty() {
        None
    } else {
        Some(ssr::article_id(&id)?)
    };
    let (id, _) = crate::help::store::save(
        &state.db,
        crate::help::store::Save {
            id,
            key: Slug::parse(&key)?,
            locale: ssr::locale(&locale)?,
            category,
            slug: Slug::parse(&slug)?,
            draft: ArticleDraft::parse(&title, &summary, &body)?,
            popular,
            base_revision,
        },
        Some(&me.id),
        state.clock.now(),
    )
    .await?;
    state.help_changed().await;
    let prefix = Locale::from_tag(&lang)
        .map(|l| format!("/{}", l.code()))
        .unwrap_or_default();
    redirect_plain_form(&format!("{prefix}/support/help/{id}?saved=1"));
    Ok(id)
}

/// HELP-4: the article's revisions and, when `a` and `b` are given, the
/// comparison of the two (older first).
#[server(prefix = "/api", endpoint = "help/compare")]
pub async fn help_compare(id: String, a: String, b: String) -> Result<Comparison, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let id = ssr::article_id(&id)?;
    let article = crate::help::store::for_edit(&state.db, &id).await?;
    let revisions = crate::help::store::revisions(&state.db, &id).await?;
    // Without a choice, the two latest revisions are compared.
    let latest_two = (revisions.len() >= 2).then(|| (revisions[1].number, revisions[0].number));
    let chosen = match (a.parse::<i64>(), b.parse::<i64>()) {
        (Ok(a), Ok(b)) => Some((a, b)),
        _ => latest_two,
    };
    let compared = match chosen {
        Some((a, b)) => {
            let (older, newer) = (a.min(b), a.max(b));
            let mut conn = state.db.acquire().await?;
            let old = crate::help::store::revision_text(&mut conn, &id, older).await?;
            let new = crate::help::store::revision_text(&mut conn, &id, newer).await?;
            drop(conn);
            // CPU work (bounded by a deadline): on the blocking pool, not on
            // the async workers.
            let rows = tokio::task::spawn_blocking(move || {
                use crate::domain::help::{collapse, compare, CONTEXT_LINES};
                collapse(compare(&old, &new), CONTEXT_LINES)
            })
            .await
            .map_err(|e| crate::platform::db::internal("join comparison", e))?;
            Some(Compared { older, newer, rows })
        }
        None => None,
    };
    Ok(Comparison {
        title: article.title,
        locale: article.locale,
        revisions,
        compared,
    })
}
