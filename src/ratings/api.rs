//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use leptos::prelude::*;

use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::domain::{AppError, ErrorCode, RatingId, RatingReviewId};

use super::*;

/// RATE-1..3: `stars` 1–5 and an optional `comment` (≤ 1,000 characters)
/// for a call of one's own; asking again within 48 hours changes it.
#[server(prefix = "/api", endpoint = "ratings/rate")]
pub async fn rate_call(call_id: String, stars: String, comment: String) -> Result<(), AppError> {
    use crate::domain::rating::Stars;
    use crate::domain::text::optional_text;
    use crate::domain::CallId;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let call = CallId::parse(&call_id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let comment = optional_text(&comment, 1000)?;
    crate::ratings::store::rate(
        &state.db,
        &call,
        &me.id,
        Stars::parse(&stars)?,
        comment,
        state.clock.now(),
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "ratings/mine")]
pub async fn my_ratings() -> Result<RatingsOverview, AppError> {
    use crate::domain::rating::removal_window;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let now = state.clock.now();
    let mut received = crate::ratings::store::ratings_of(&state.db, &me.id, false).await?;
    for r in received.iter_mut().filter(|r| !r.removed) {
        r.removal = Some(removal_window(r.call_ended, r.at, now));
    }
    Ok(RatingsOverview {
        given: crate::ratings::store::ratings_of(&state.db, &me.id, true).await?,
        received,
    })
}

/// The star form of a call for its rater: the current rating and what the
/// rules allow now (RATE-1..4). Someone else's or an unknown call: not found.
#[server(prefix = "/api", endpoint = "ratings/form")]
pub async fn get_star_form(call_id: String) -> Result<StarForm, AppError> {
    use crate::domain::CallId;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let call = CallId::parse(&call_id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    crate::ratings::store::star_form(&state.db, &call, &me.id, state.clock.now()).await
}

/// RATE-4: the author removes their own rating (score and comment), any time.
#[server(prefix = "/api", endpoint = "ratings/remove")]
pub async fn remove_my_rating(id: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let id = RatingId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let state = state()?;
    let me = require_viewer()?;
    crate::ratings::store::remove_own(&state.db, &id, &me.id, state.clock.now()).await
}

/// RATE-5/6: the rated model asks support to remove a rating, on a ground,
/// with evidence (the call's times and the chat are attached automatically).
#[server(prefix = "/api", endpoint = "ratings/request_removal")]
pub async fn request_rating_removal(id: String, ground: String, evidence: String) -> Result<(), AppError> {
    use crate::domain::rating::Ground;
    use crate::domain::text::optional_text;
    use crate::domain::{Role, RuleId};
    use crate::platform::request::*;
    let id = RatingId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let ground =
        Ground::parse(&ground).ok_or_else(|| AppError::new(ErrorCode::BadInput).with_rule(RuleId::Rate6))?;
    let evidence = optional_text(&evidence, 2000)?;
    crate::ratings::store::request_removal(&state.db, &id, &me.id, ground, evidence, state.clock.now()).await
}

/// RATE-5/6 with a screenshot: the fields of `request_rating_removal` and
/// the image `screenshot` (PNG, JPEG, GIF or WebP, sniffed, at most 5 MB),
/// as multipart form data.
#[server(prefix = "/api", endpoint = "ratings/request_removal_upload", input = MultipartFormData)]
pub async fn request_rating_removal_upload(data: MultipartData) -> Result<(), AppError> {
    use crate::domain::rating::Ground;
    use crate::domain::text::optional_text;
    use crate::domain::{Role, RuleId};
    use crate::platform::request::*;
    use crate::platform::uploads;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let (fields, file) = read_form(data, "screenshot").await?;
    let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let ground = Ground::parse(&field("ground"))
        .ok_or_else(|| AppError::new(ErrorCode::BadInput).with_rule(RuleId::Rate6))?;
    let evidence = optional_text(&field("evidence"), 2000)?;
    let id = RatingId::parse(&field("id")).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let now = state.clock.now();
    let dir = state.config.upload_dir.clone();
    let screenshot = if file.is_empty() {
        None
    } else {
        Some(uploads::store_evidence_image(&state.db, &dir, &me.id, &file, now).await?)
    };
    let asked = crate::ratings::store::request_removal_with(
        &state.db,
        &id,
        &me.id,
        ground,
        evidence,
        screenshot.as_deref(),
        now,
    )
    .await;
    if let (Err(_), Some(upload)) = (&asked, &screenshot) {
        uploads::discard(&state.db, &dir, upload).await;
    }
    asked?;
    redirect_plain_form("/ratings?asked=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "ratings/queue")]
pub async fn rating_queue(status: String) -> Result<Vec<ReviewItem>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    crate::ratings::store::queue(&state.db, &status).await
}

/// RATE-6: `decision` = remove | decline, with a `reason`. Never an edit.
#[server(prefix = "/api", endpoint = "ratings/decide")]
pub async fn decide_rating(id: String, decision: String, reason: String) -> Result<(), AppError> {
    use crate::domain::{Reason, Role, RuleId};
    use crate::platform::request::*;
    let id = RatingReviewId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let remove = match decision.as_str() {
        "remove" => true,
        "decline" => false,
        _ => return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Rate6)),
    };
    crate::ratings::store::decide(
        &state.db,
        &id,
        &me.id,
        remove,
        Reason::parse(&reason)?,
        state.clock.now(),
    )
    .await
}

/// A session's id as the booking form made it; anything else is no
/// session of anyone's.
#[cfg(feature = "ssr")]
fn parse_session(raw: &str) -> Result<crate::domain::SessionId, AppError> {
    crate::domain::SessionId::from_key(raw).ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// Issue 16: one of the two parties of a finished session rates the other,
/// `stars` 1–5 and an optional `comment` (≤ 1,000 characters), within 24
/// hours of the session's end; asking again within 48 hours changes it
/// (RATE-1..4, RATE-2 counted across calls and sessions). Anyone else's
/// session: not found. Refusals carry the deadline (`at`). A double submit
/// is harmless: one rating per session and rater.
#[server(prefix = "/api", endpoint = "ratings/rate_session")]
pub async fn rate_session(session_id: String, stars: String, comment: String) -> Result<(), AppError> {
    use crate::domain::rating::Stars;
    use crate::domain::text::optional_text;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let session = parse_session(&session_id)?;
    let stars = Stars::parse(&stars)?;
    let comment = optional_text(&comment, 1000)?;
    crate::ratings::store::rate_session(&state.db, &session, &me.id, stars, comment, state.clock.now()).await
}

/// Issue 16: the star form of a session for one of its parties: whether
/// this side may rate now and until when, and its rating as it stands.
#[server(prefix = "/api", endpoint = "ratings/session_form")]
pub async fn session_rating_form(session_id: String) -> Result<SessionStarForm, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let session = parse_session(&session_id)?;
    crate::ratings::store::session_star_form(&state.db, &session, &me.id, state.clock.now()).await
}

/// RATE-4 for a session (issue 16): the author removes their own rating of
/// it (score and comment together), any time. None to remove: not found.
#[server(prefix = "/api", endpoint = "ratings/remove_session")]
pub async fn remove_my_session_rating(session_id: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let session = parse_session(&session_id)?;
    crate::ratings::store::remove_own_session_rating(&state.db, &session, &me.id, state.clock.now()).await
}
