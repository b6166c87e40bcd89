//! What a party's booked sessions ask of them now, for the homes: the next
//! sessions, today's, and the additions waiting for their answer (MEET-6).
//!
//! Built from the sessions' own server functions (`my_sessions`,
//! `get_session`), so a viewer sees here exactly what those let them see:
//! their own sessions only, a model hers and a client his. No SQL of its
//! own: pages may not reach the store (tests/layout.rs).
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionLine;
use crate::domain::session::AdditionKind;
use crate::domain::{AppError, Credits, SessionId};

/// How many of the next sessions a home lists.
pub const UPCOMING: usize = 5;

/// How many open sessions, soonest first, are opened to look for additions
/// waiting for an answer (each is one `get_session`).
pub const LOOKED_AT: usize = 12;

/// Open sessions that started longer ago than this are left out: by then
/// they have ended by themselves (MEET-14/15), or will at the next run.
pub const STALE_AFTER: chrono::Duration = chrono::Duration::hours(12);

/// An addition the other side proposed, waiting for this side's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAddition {
    pub session: SessionId,
    pub other_name: String,
    pub start: DateTime<Utc>,
    pub kind: AdditionKind,
    pub label: String,
    pub minutes: i64,
    pub price: Credits,
}

/// A party's sessions as their home shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// The next open sessions, soonest first (at most `UPCOMING`); one
    /// under way comes first.
    pub upcoming: Vec<SessionLine>,
    /// Open sessions starting today in the viewer's time zone, by start.
    pub today: Vec<SessionLine>,
    /// Additions the other side proposed that wait for this side, by
    /// session start.
    pub to_confirm: Vec<PendingAddition>,
}

/// The agenda of the client or model who asks; support has none.
#[server(prefix = "/api", endpoint = "sessions/agenda")]
pub async fn my_agenda() -> Result<Agenda, AppError> {
    use crate::domain::session::AdditionState;
    use crate::domain::{ErrorCode, Role};
    let info = crate::accounts::api::session_info();
    match info.user.as_ref().map(|u| u.role) {
        None => return Err(AppError::new(ErrorCode::NotSignedIn)),
        Some(Role::Support) => return Err(AppError::new(ErrorCode::NotAllowed)),
        Some(Role::Client | Role::Model) => {}
    }
    let now = info.now;
    let mut open: Vec<SessionLine> = super::api::my_sessions()
        .await?
        .into_iter()
        .filter(|s| s.stage.is_open() && s.start >= now - STALE_AFTER)
        .collect();
    open.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));

    let today = info.zone.local(now).date();
    let mut to_confirm = Vec::new();
    for line in open.iter().take(LOOKED_AT) {
        let view = super::api::get_session(line.id.to_string()).await?;
        to_confirm.extend(
            view.additions
                .iter()
                .filter(|a| a.state == AdditionState::Proposed && a.proposed_by != view.me)
                .map(|a| PendingAddition {
                    session: view.id.clone(),
                    other_name: view.other_name.clone(),
                    start: view.start,
                    kind: a.kind,
                    label: a.label.clone(),
                    minutes: a.minutes,
                    price: a.price,
                }),
        );
    }
    Ok(Agenda {
        today: open
            .iter()
            .filter(|s| info.zone.local(s.start).date() == today)
            .cloned()
            .collect(),
        upcoming: open.into_iter().take(UPCOMING).collect(),
        to_confirm,
    })
}
