//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::call::Thumb;
use crate::domain::{AppError, CallId, Credits, UserId};

use super::*;

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::calls::store::CallRow;
    use crate::domain::call::refund_state;

    pub fn model_call(c: CallRow, model: &UserId, now: DateTime<Utc>) -> ModelCall {
        ModelCall {
            refund: refund_state(&c.facts(model, &c.other_id), now),
            id: c.id,
            client_id: c.other_id,
            client_name: c.other_name,
            kind: c.kind,
            started_at: c.started_at,
            ended_at: c.ended_at,
            billed_minutes: c.billed_minutes,
            charge: c.charge,
            thumb: c.my_thumb,
        }
    }

    pub fn client_call(c: CallRow) -> ClientCall {
        ClientCall {
            id: c.id,
            model_id: c.other_id,
            model_name: c.other_name,
            kind: c.kind,
            started_at: c.started_at,
            ended_at: c.ended_at,
            billed_minutes: c.billed_minutes,
            charge: c.charge,
            thumb: c.my_thumb,
        }
    }

    pub fn parse_call(raw: &str) -> Result<CallId, AppError> {
        CallId::parse(raw).ok_or_else(|| AppError::new(crate::domain::ErrorCode::NotFound))
    }

    pub fn parse_user(raw: &str) -> Result<UserId, AppError> {
        UserId::parse(raw).ok_or_else(|| AppError::new(crate::domain::ErrorCode::NotFound))
    }
}

#[server(prefix = "/api", endpoint = "model/calls")]
pub async fn model_calls() -> Result<Vec<ModelCall>, AppError> {
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let now = state.clock.now();
    let rows = crate::calls::store::calls_of(&state.db, &me.id, Role::Model, None).await?;
    Ok(rows
        .into_iter()
        .map(|c| ssr::model_call(c, &me.id, now))
        .collect())
}

#[server(prefix = "/api", endpoint = "model/call")]
pub async fn get_model_call(call_id: String) -> Result<ModelCall, AppError> {
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let call =
        crate::calls::store::call_for(&state.db, &ssr::parse_call(&call_id)?, &me.id, Role::Model).await?;
    Ok(ssr::model_call(call, &me.id, state.clock.now()))
}

/// REF-1/2/3: refunds the model's call in full. Asking again answers the
/// same. Without JS the browser returns to the page it came from, which
/// then shows the call as refunded.
#[server(prefix = "/api", endpoint = "model/calls/refund")]
pub async fn refund_call(call_id: String) -> Result<RefundAnswer, AppError> {
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let out =
        crate::calls::store::refund_call(&state.db, &ssr::parse_call(&call_id)?, &me.id, state.clock.now())
            .await?;
    tracing::info!(call = %out.call_id, amount = out.amount.get(), first_time = out.first_time, "call refunded by model");
    Ok(RefundAnswer {
        amount: out.amount,
        first_time: out.first_time,
    })
}

/// CALL-2 for the model: thumbs; a thumbs down goes on to the feedback step
/// and then the refund offer (REF-4a). Answers the next page's path.
#[server(prefix = "/api", endpoint = "model/calls/rate")]
pub async fn model_rate_call(call_id: String, thumb: String, lang: String) -> Result<String, AppError> {
    rate(call_id, thumb, None, lang, crate::domain::Role::Model, false).await
}

/// The feedback step after a thumbs down (submit or skip).
#[server(prefix = "/api", endpoint = "calls/feedback")]
pub async fn call_feedback(
    call_id: String,
    feedback: String,
    skip: Option<String>,
    lang: String,
) -> Result<String, AppError> {
    use crate::platform::request::*;
    let me = require_viewer()?;
    let feedback = if skip.is_some() { String::new() } else { feedback };
    rate(call_id, "down".into(), Some(feedback), lang, me.role, true).await
}

#[server(prefix = "/api", endpoint = "client/calls/rate")]
pub async fn client_rate_call(call_id: String, thumb: String, lang: String) -> Result<String, AppError> {
    rate(call_id, thumb, None, lang, crate::domain::Role::Client, false).await
}

#[cfg(feature = "ssr")]
async fn rate(
    call_id: String,
    thumb: String,
    feedback: Option<String>,
    lang: String,
    role: crate::domain::Role,
    feedback_step: bool,
) -> Result<String, AppError> {
    use crate::domain::text::optional_text;
    use crate::domain::{ErrorCode, Role, RuleId};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(role)?;
    let call = ssr::parse_call(&call_id)?;
    let thumb =
        Thumb::parse(&thumb).ok_or_else(|| AppError::new(ErrorCode::BadInput).with_rule(RuleId::Call2))?;
    let feedback = match feedback {
        Some(f) => optional_text(&f, 1000)?,
        None => None,
    };
    crate::calls::store::rate_call(&state.db, &call, &me.id, role, thumb, feedback, state.clock.now())
        .await?;
    let base = if role == Role::Model {
        "/model/calls"
    } else {
        "/client/calls"
    };
    let next = match (thumb, feedback_step, role) {
        (Thumb::Down, false, _) => format!("{base}/{call}/rate?step=feedback"),
        // REF-4a: the model is then offered the refund; the client is thanked.
        (Thumb::Down, true, Role::Model) => format!("{base}/{call}/rate?step=offer"),
        _ => format!("{base}/{call}/rate?step=done"),
    };
    let next = crate::platform::request::localized_path(&lang, &next);
    redirect_plain_form(&next);
    Ok(next)
}

#[server(prefix = "/api", endpoint = "client/home")]
pub async fn client_home() -> Result<ClientHomeData, AppError> {
    use crate::domain::ledger::Account;
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Client)?;
    let mut conn = state.db.acquire().await?;
    let balance = crate::platform::ledger::balance(&mut conn, &Account::Wallet(me.id.clone())).await?;
    drop(conn);
    let calls = crate::calls::store::calls_of(&state.db, &me.id, Role::Client, None).await?;
    let reviews = crate::calls::reviews::requests(&state.db, None, None, Some(&me.id)).await?;
    Ok(ClientHomeData {
        balance,
        calls: calls.into_iter().map(ssr::client_call).collect(),
        reviews: reviews
            .into_iter()
            .map(|r| ClientReview {
                call_id: r.call.id,
                status: r.status,
                note: r.decision_note,
            })
            .collect(),
    })
}

#[server(prefix = "/api", endpoint = "client/call")]
pub async fn get_client_call(call_id: String) -> Result<ClientCall, AppError> {
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Client)?;
    let call =
        crate::calls::store::call_for(&state.db, &ssr::parse_call(&call_id)?, &me.id, Role::Client).await?;
    Ok(ssr::client_call(call))
}

/// REF-6: the client asks support to review a call; support decides.
#[server(prefix = "/api", endpoint = "client/calls/review")]
pub async fn request_review(call_id: String, reason: String, lang: String) -> Result<String, AppError> {
    use crate::domain::{Reason, Role};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Client)?;
    let reason = Reason::parse(&reason)?;
    crate::calls::reviews::request_review(
        &state.db,
        &me.id,
        &ssr::parse_call(&call_id)?,
        reason,
        state.clock.now(),
    )
    .await?;
    let next = crate::platform::request::localized_path(&lang, "/client?review=sent");
    redirect_plain_form(&next);
    Ok(next)
}

/// The model's or client's conversations (the people they talk with).
#[server(prefix = "/api", endpoint = "chat/contacts")]
pub async fn chat_contacts() -> Result<Vec<Contact>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    crate::calls::store::contacts_of(&state.db, &me.id, me.role).await
}

#[server(prefix = "/api", endpoint = "chat/conversation")]
pub async fn get_conversation(with: String) -> Result<Conversation, AppError> {
    use crate::domain::call::ChatNotice;
    use crate::domain::{ErrorCode, Role};
    use crate::platform::messaging::MessageKind;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let other = ssr::parse_user(&with)?;
    let (model, client) = match me.role {
        Role::Model => (me.id.clone(), other.clone()),
        Role::Client => (other.clone(), me.id.clone()),
        Role::Support => return Err(AppError::new(ErrorCode::NotAllowed)),
    };
    let contacts = crate::calls::store::contacts_of(&state.db, &me.id, me.role).await?;
    let Some(Contact { name: other_name, .. }) = contacts.into_iter().find(|c| c.id == other) else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    let now = state.clock.now();
    // NOTE-1: the chat is read now, so its message notice is too, and the
    // next message while away tells again.
    let chat = match me.role {
        Role::Model => format!("/model/chats/{client}"),
        _ => format!("/client/chats/{model}"),
    };
    crate::platform::outbox::read_at_link(
        &state.db,
        &me.id,
        crate::domain::notice::NoticeKind::ChatMessage,
        &chat,
        now,
    )
    .await?;
    let rows = crate::calls::store::conversation_of(&state.db, &model, &client, me.role).await?;
    let entries = rows
        .into_iter()
        .filter_map(|m| {
            let kind = match (m.kind, m.call) {
                (MessageKind::Call, Some(call)) if me.role == Role::Model => {
                    ChatEntryKind::ModelCall(ssr::model_call(call, &me.id, now))
                }
                (MessageKind::Call, Some(call)) => ChatEntryKind::ClientCall(ssr::client_call(call)),
                (MessageKind::System, _) => match m.notice? {
                    ChatNotice::Session { session, step } => ChatEntryKind::SessionNotice { session, step },
                    ChatNotice::CreditsReturned(amount) => ChatEntryKind::CreditsReturned(amount),
                },
                (MessageKind::Text, _) => ChatEntryKind::Text(m.body),
                _ => return None,
            };
            Some(ChatEntry {
                mine: m.author.as_ref() == Some(&me.id),
                kind,
                at: m.at,
            })
        })
        .collect();
    Ok(Conversation {
        other_id: other,
        other_name,
        entries,
    })
}

#[server(prefix = "/api", endpoint = "chat/send")]
pub async fn send_message(with: String, body: String) -> Result<(), AppError> {
    use crate::domain::text::optional_text;
    use crate::domain::{ErrorCode, Role};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let other = ssr::parse_user(&with)?;
    let body = optional_text(&body, 2000)?.ok_or_else(|| AppError::new(ErrorCode::BadInput))?;
    let contacts = crate::calls::store::contacts_of(&state.db, &me.id, me.role).await?;
    if !contacts.iter().any(|c| c.id == other) {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let (model, client) = match me.role {
        Role::Model => (me.id.clone(), other),
        Role::Client => (other, me.id.clone()),
        Role::Support => return Err(AppError::new(ErrorCode::NotAllowed)),
    };
    crate::calls::store::send_text(&state.db, &model, &client, &me.id, &body, state.clock.now()).await?;
    state
        .live
        .notify(&crate::platform::state::chat_key(&model, &client))
        .await;
    Ok(())
}

/// The model's earnings balance (what her calls and sessions paid her).
#[server(prefix = "/api", endpoint = "model/earnings")]
pub async fn model_earnings() -> Result<Credits, AppError> {
    use crate::domain::ledger::Account;
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let mut conn = state.db.acquire().await?;
    crate::platform::ledger::balance(&mut conn, &Account::Earnings(me.id)).await
}

/// REF-6: the queue of clients' review requests (`status`: open, granted,
/// declined, or empty for all).
#[server(prefix = "/api", endpoint = "support/reviews")]
pub async fn review_requests(status: String) -> Result<Vec<crate::domain::support::ReviewLine>, AppError> {
    use crate::calls::reviews::{requests, RequestStatus};
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let rows = requests(&state.db, RequestStatus::parse(&status), None, None).await?;
    Ok(rows
        .into_iter()
        .map(crate::domain::support::ReviewLine::from)
        .collect())
}

#[server(prefix = "/api", endpoint = "support/review")]
pub async fn review_request(id: String) -> Result<crate::domain::support::ReviewLine, AppError> {
    use crate::domain::{CallReviewId, ErrorCode};
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let id = CallReviewId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let mut rows = crate::calls::reviews::requests(&state.db, None, Some(&id), None).await?;
    rows.pop()
        .map(crate::domain::support::ReviewLine::from)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// REF-6: grant (`decision` = grant, with `amount`, full or part) or
/// decline (`decision` = decline), with a note the client sees.
#[server(prefix = "/api", endpoint = "support/review/decide")]
pub async fn decide_review(
    id: String,
    decision: String,
    amount: String,
    note: String,
) -> Result<(), AppError> {
    use crate::domain::{CallReviewId, Credits, ErrorCode, Reason, RuleId};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(crate::domain::Role::Support)?;
    let id = CallReviewId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let grant = match decision.as_str() {
        "grant" => Some(
            Credits::parse(&amount)
                .ok_or_else(|| AppError::new(ErrorCode::BadInput))
                .map_err(|e| e.with_rule(RuleId::Txn2))?,
        ),
        "decline" => None,
        _ => return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Ref6)),
    };
    let note = Reason::parse(&note)?;
    crate::calls::reviews::decide_request(&state.db, &me.id, &id, grant, note, state.clock.now()).await?;
    redirect_plain_form(&format!("/support/reviews/{id}"));
    Ok(())
}

// Homes (issue 16): what needs the model now.

/// REF-3: the model's calls she may still refund, the soonest to close
/// first (her home lists them; the Calls page has the rest).
#[server(prefix = "/api", endpoint = "model/calls/refundable")]
pub async fn refundable_calls() -> Result<Vec<ModelCall>, AppError> {
    use crate::domain::call::RefundState;
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let now = state.clock.now();
    let rows = crate::calls::store::calls_of(&state.db, &me.id, Role::Model, None).await?;
    let mut calls: Vec<ModelCall> = rows
        .into_iter()
        .map(|c| ssr::model_call(c, &me.id, now))
        .filter(|c| matches!(c.refund, RefundState::Open { .. }))
        .collect();
    calls.sort_by_key(|c| c.ended_at);
    Ok(calls)
}
