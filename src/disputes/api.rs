//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use leptos::prelude::*;

use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::domain::dispute::DisputeState;
use crate::domain::{AppError, Credits, DisputeId, ErrorCode};

use super::*;

#[server(prefix = "/api", endpoint = "disputes/list")]
pub async fn list_disputes(state_filter: String, age: String) -> Result<Vec<DisputeLine>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let opened_before = crate::domain::dispute::min_age(&age).map(|a| state.clock.now() - a);
    let rows = crate::disputes::store::list(
        &state.db,
        &me.id,
        me.role,
        DisputeState::parse(&state_filter),
        opened_before,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|d| DisputeLine {
            id: d.id,
            subject: d.subject_kind,
            client_name: d.client_name,
            model_name: d.model_name,
            state: d.state,
            held: d.held,
            opened_at: d.opened_at,
        })
        .collect())
}

/// The dispute with its chat; reading it sets the reader's read marker.
#[server(prefix = "/api", endpoint = "disputes/view")]
pub async fn get_dispute(id: String) -> Result<DisputeView, AppError> {
    use crate::disputes::store as srv;
    use crate::domain::Role;
    use crate::platform::request::*;
    let id = DisputeId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let state = state()?;
    let me = require_viewer()?;
    let mut conn = state.db.acquire().await?;
    let d = srv::get(&mut conn, &id, &me.id, me.role).await?;
    drop(conn);
    let messages = srv::messages(&state.db, &d, &me.id, me.role).await?;
    srv::mark_read(&state.db, &d.conversation_id, &me.id, state.clock.now()).await?;
    let read_by = srv::read_by(&state.db, &d.conversation_id, &me.id).await?;
    Ok(DisputeView {
        decision: match (d.refunded, d.released, d.decision_reason.clone()) {
            (Some(refund), Some(release), Some(reason)) => Some(DecisionLine {
                refund,
                release,
                reason,
            }),
            _ => None,
        },
        id: d.id,
        subject: d.subject_kind,
        subject_id: d.subject_id,
        client_name: d.client_name,
        model_name: d.model_name,
        state: d.state,
        reason: d.reason,
        held: d.held,
        support: me.role == Role::Support,
        messages: messages
            .into_iter()
            .map(|m| ChatLine {
                id: m.id,
                author: m.author_name,
                mine: m.mine,
                kind: m.kind,
                body: m.body,
                at: m.at,
                attachment: m.attachment,
            })
            .collect(),
        read_by,
    })
}

/// A message from a member; `note` (support only) keeps it from the parties.
#[server(prefix = "/api", endpoint = "disputes/post")]
pub async fn post_dispute_message(id: String, body: String, note: Option<String>) -> Result<(), AppError> {
    use crate::platform::request::*;
    let id = DisputeId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let state = state()?;
    let me = require_viewer()?;
    let conversation = crate::disputes::store::post(
        &state.db,
        &id,
        &me.id,
        me.role,
        &body,
        note.is_some(),
        state.clock.now(),
    )
    .await?;
    state.live.notify(conversation.as_str()).await;
    Ok(())
}

/// DISP-2: an image in the chat (multipart: `id`, optional `caption` and
/// `note`, the file `image`: PNG, JPEG, GIF or WebP, sniffed, at most 5 MB).
#[server(prefix = "/api", endpoint = "disputes/attach", input = MultipartFormData)]
pub async fn attach_to_dispute(data: MultipartData) -> Result<(), AppError> {
    use crate::platform::request::*;
    use crate::platform::uploads;
    let state = state()?;
    let me = require_viewer()?;
    let (fields, file) = read_form(data, "image").await?;
    let id = fields.get("id").cloned().unwrap_or_default();
    let id = DisputeId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    // Membership and state first: nothing is stored for a closed or foreign chat.
    {
        let mut conn = state.db.acquire().await?;
        let d = crate::disputes::store::get(&mut conn, &id, &me.id, me.role).await?;
        crate::domain::dispute::can_post(d.state, true)?;
    }
    let now = state.clock.now();
    let dir = state.config.upload_dir.clone();
    let upload = uploads::store_evidence_image(&state.db, &dir, &me.id, &file, now).await?;
    let caption = fields.get("caption").cloned().unwrap_or_default();
    let note = fields.contains_key("note");
    match crate::disputes::store::post_image(&state.db, &id, &me.id, me.role, &caption, &upload, note, now)
        .await
    {
        Ok(conversation) => {
            state.live.notify(conversation.as_str()).await;
            redirect_plain_form(&format!("/disputes/{id}"));
            Ok(())
        }
        Err(e) => {
            uploads::discard(&state.db, &dir, &upload).await;
            Err(e)
        }
    }
}

/// DISP-3: `refund` (0 … held) goes back to the client, the rest to the
/// model; optional sanctions (`warning`, or `suspension` with days) on
/// either party; a written `reason`.
#[server(prefix = "/api", endpoint = "disputes/decide")]
pub async fn decide_dispute(
    id: String,
    refund: String,
    client_sanction: String,
    client_days: String,
    model_sanction: String,
    model_days: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::dispute::Sanction;
    use crate::domain::{Reason, Role, RuleId};
    use crate::platform::request::*;
    let state = state()?;
    let id = DisputeId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let me = require_role(Role::Support)?;
    let refund =
        Credits::parse(&refund).ok_or_else(|| AppError::new(ErrorCode::BadInput).with_rule(RuleId::Disp3))?;
    let verdict = crate::disputes::store::Verdict {
        refund,
        client_sanction: Sanction::parse(&client_sanction, &client_days)?,
        model_sanction: Sanction::parse(&model_sanction, &model_days)?,
        reason: Reason::parse(&reason)?,
    };
    let conversation =
        crate::disputes::store::decide(&state.db, &id, &me.id, &verdict, state.clock.now()).await?;
    state.live.notify(conversation.as_str()).await;
    Ok(())
}

/// SUP-5: what deciding with `refund` would give each party and what the
/// platform would keep; nothing moves.
#[server(prefix = "/api", endpoint = "disputes/preview")]
pub async fn preview_decision(id: String, refund: String) -> Result<DecisionPreview, AppError> {
    use crate::domain::{Role, RuleId};
    use crate::platform::request::*;
    let state = state()?;
    let id = DisputeId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let me = require_role(Role::Support)?;
    let refund =
        Credits::parse(&refund).ok_or_else(|| AppError::new(ErrorCode::BadInput).with_rule(RuleId::Disp3))?;
    crate::disputes::store::preview(&state.db, &id, &me.id, refund, state.clock.now()).await
}

/// DISP-1: support marks the dispute as awaiting its decision (both sides
/// have spoken); the parties see the step in the chat.
#[server(prefix = "/api", endpoint = "disputes/awaiting")]
pub async fn mark_dispute_awaiting(id: String) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let id = DisputeId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let me = require_role(Role::Support)?;
    let conversation =
        crate::disputes::store::mark_awaiting(&state.db, &id, &me.id, state.clock.now()).await?;
    state.live.notify(conversation.as_str()).await;
    Ok(())
}
