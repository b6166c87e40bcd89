//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use leptos::prelude::*;

use super::*;
use crate::domain::AppError;
#[cfg(feature = "ssr")]
use crate::domain::{ErrorCode, Role};

#[cfg(feature = "ssr")]
fn kind_of(raw: &str) -> Result<CaseKind, AppError> {
    CaseKind::parse(raw).ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// A case's subject as a page names it: an id's shape, nothing else.
#[cfg(feature = "ssr")]
fn subject_of(raw: &str) -> Result<String, AppError> {
    crate::domain::UserId::parse(raw)
        .map(|id| id.as_str().to_owned())
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// SUP-1: the queue; `show` = all | mine | unowned | overdue, `kind` and
/// `lang` empty for every kind and language.
#[server(prefix = "/api", endpoint = "cases/queue")]
pub async fn case_queue(show: String, kind: String, lang: String) -> Result<QueueView, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let show = Show::parse(&show).unwrap_or(Show::All);
    let kind = CaseKind::parse(&kind);
    let locale = crate::domain::Locale::from_tag(&lang).filter(|_| !lang.is_empty());
    let now = state.clock.now();
    let lines = super::store::queue(&state.db, show, kind, locale, &me.id, now).await?;
    let agents = super::store::agents(&state.db).await?;
    Ok(QueueView {
        lines,
        me: me.id,
        agents,
        now,
    })
}

/// SUP-2: support's home, each queue's counts.
#[server(prefix = "/api", endpoint = "cases/home")]
pub async fn support_home() -> Result<HomeView, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    super::store::home(&state.db, &me.id, state.clock.now()).await
}

/// The owner bar of a case's page; `None` when the page has no case (a
/// request from before cases, or a dispute page seen by a party).
#[server(prefix = "/api", endpoint = "cases/bar")]
pub async fn case_bar(kind: String, id: String) -> Result<Option<CaseBarView>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let case = match kind.as_str() {
        // A dispute page names its dispute; the case may be a call review
        // or a billing request talked over there.
        "dispute_page" => {
            let id =
                crate::domain::DisputeId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
            super::store::for_dispute(&state.db, &id).await?
        }
        _ => super::store::get(&state.db, kind_of(&kind)?, &subject_of(&id)?).await?,
    };
    let Some(case) = case else {
        return Ok(None);
    };
    Ok(Some(CaseBarView {
        case,
        me: me.id,
        agents: super::store::agents(&state.db).await?,
        now: state.clock.now(),
    }))
}

/// SUP-1: the agent takes a case nobody has.
#[server(prefix = "/api", endpoint = "cases/take")]
pub async fn take_case(kind: String, id: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    super::store::take(
        &state.db,
        kind_of(&kind)?,
        &subject_of(&id)?,
        &me.id,
        state.clock.now(),
    )
    .await
}

/// SUP-1: the owner hands the case to another agent (`to`).
#[server(prefix = "/api", endpoint = "cases/hand-over")]
pub async fn hand_over_case(kind: String, id: String, to: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let to = crate::domain::UserId::parse(&to)
        .ok_or_else(|| AppError::rule(crate::domain::RuleId::Sup1).with_detail("agent"))?;
    super::store::hand_over(
        &state.db,
        kind_of(&kind)?,
        &subject_of(&id)?,
        &me.id,
        &to,
        state.clock.now(),
    )
    .await
}

/// SUP-2: a kind's targets, in whole minutes.
#[server(prefix = "/api", endpoint = "cases/targets")]
pub async fn save_case_targets(kind: String, first: String, resolve: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let minutes = |raw: &str| {
        raw.trim()
            .parse::<i64>()
            .map_err(|_| AppError::rule(crate::domain::RuleId::Sup2).with_detail("targets"))
    };
    let targets = Targets::new(minutes(&first)?, minutes(&resolve)?)?;
    super::store::set_targets(&state.db, kind_of(&kind)?, targets, &me.id, state.clock.now()).await
}

/// SUP-4: the facts beside a dispute's chat: its subject (a session's
/// timeline, a call's log, a purchase's receipt) and both parties'
/// earlier disputes and sanctions.
#[server(prefix = "/api", endpoint = "cases/facts")]
pub async fn case_facts(dispute: String) -> Result<CaseFactsView, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(Role::Support)?;
    let dispute =
        crate::domain::DisputeId::parse(&dispute).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    super::store::facts(&state.db, &dispute).await
}
