//! The client's screens: balance and calls, rating a call (CALL-2), asking
//! support to review a call (REF-6). Nothing here offers, mentions or hints
//! at a model's refund (REF-5); credits that come back show only as a
//! neutral notice in the chat and in the balance.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::calls::api::{client_home, get_client_call, RequestReview};
use crate::calls::creator::{call_summary, FeedbackStep, RateDone, ThumbsStep};
use crate::calls::{ClientCall, ClientHomeData};
use crate::i18n::Msg;
use crate::ui::components::{fmt_time, load, ErrorNote};
use crate::ui::context::{use_i18n, use_session};
use crate::ui::forms::error_of;

#[component]
pub fn ClientHome() -> impl IntoView {
    view! {
        <>
            <ClientHomeBody />
        </>
    }
}

#[component]
fn ClientHomeBody() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let name = move || {
        session.0.with(|s| {
            s.user
                .as_ref()
                .map(|u| u.display_name.clone())
                .unwrap_or_default()
        })
    };
    let data = Resource::new(|| (), |_| client_home());
    view! {
        <Title text=i18n.t(Msg::ClientHomeTitle) />
        <section class="page-head" data-testid="client-home">
            <h1>{move || i18n.t(Msg::ClientHomeTitle)}</h1>
            <p class="lead">{name} " · " {move || i18n.t(Msg::ClientHomeBody)}</p>
        </section>
        <Show when=move || query.with(|q| q.get("review").is_some())>
            <p class="notice notice-ok" role="status">{move || i18n.t(Msg::ReviewSent)}</p>
        </Show>
        {load(data, move |d: ClientHomeData| {
            let reviews = d.reviews.clone();
            view! {
                <section class="balance-card card">
                    <h2>{i18n.t(Msg::Balance)}</h2>
                    <p class="balance" data-testid="balance">
                        <span class="amount">{d.balance.to_string()}</span>
                        " "
                        {i18n.t(Msg::Credits)}
                    </p>
                    // An empty balance says what fills it (issue 16).
                    {(d.balance <= crate::domain::Credits::ZERO).then(|| view! {
                        <p>
                            <a class="button primary" href=i18n.href("/client/billing") data-testid="buy-credits">
                                {i18n.t(Msg::BuyCredits)}
                            </a>
                        </p>
                    })}
                </section>
                <h2>{i18n.t(Msg::RecentCalls)}</h2>
                {if d.calls.is_empty() {
                    view! {
                        <p data-testid="no-calls">
                            {i18n.t(Msg::ClientNoCalls)} " "
                            <a href=i18n.href("/models")>{i18n.t(Msg::BrowseModels)}</a>
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul class="call-list" data-testid="client-calls">
                            {d
                                .calls
                                .into_iter()
                                .map(|c| {
                                    let review = reviews.iter().find(|r| r.call_id == c.id).cloned();
                                    view! { <ClientCallItem call=c review=review /> }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            }
        })}
    }
}

#[component]
fn ClientCallItem(call: ClientCall, review: Option<crate::calls::ClientReview>) -> impl IntoView {
    use crate::domain::call::RequestStatus;
    let i18n = use_i18n();
    let rate = i18n.href(&format!("/client/calls/{}/rate", call.id));
    let ask = i18n.href(&format!("/client/calls/{}/review", call.id));
    let chat = i18n.href(&format!("/client/chats/{}", call.model_id));
    let c = call.clone();
    view! {
        <li class="call-item" data-call=call.id.to_string()>
            <div class="call-main">
                <strong>{c.model_name.clone()}</strong>
                <span class="muted">
                    {move || call_summary(i18n, c.kind, c.ended_at, c.billed_minutes, c.charge)}
                </span>
            </div>
            <div class="call-actions">
                {call.thumb.is_none().then(|| view! { <a href=rate.clone()>{move || i18n.t(Msg::RateCall)}</a> })}
                <a href=chat>{move || i18n.t(Msg::OpenChat)}</a>
                <a href=i18n.href(&format!("/ratings/call/{}", call.id)) data-testid="rate-stars">{move || i18n.t(Msg::RateWithStars)}</a>
                {match review {
                    None => view! { <a href=ask>{move || i18n.t(Msg::AskSupport)}</a> }.into_any(),
                    Some(r) => {
                        let status = match r.status {
                            RequestStatus::Open => Msg::ReviewOpen,
                            RequestStatus::Granted => Msg::ReviewGranted,
                            RequestStatus::Declined => Msg::ReviewDeclined,
                        };
                        view! {
                            <span class="tag" data-testid="review-status">
                                {move || i18n.t(status)}
                                {r.note.clone().map(|n| format!(" — {n}"))}
                            </span>
                        }
                            .into_any()
                    }
                }}
            </div>
        </li>
    }
}

#[component]
pub fn ClientRatePage() -> impl IntoView {
    view! {
        <>
            <ClientRate />
        </>
    }
}

#[component]
fn ClientRate() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let step = move || query.with(|q| q.get("step")).unwrap_or_default();
    let call = Resource::new(move || (id(), step()), |(id, _)| get_client_call(id));
    view! {
        <Title text=i18n.t(Msg::RateCall) />
        <section class="card narrow" data-testid="rate-flow">
            {load(call, move |call: ClientCall| {
                match step().as_str() {
                    "feedback" => view! { <FeedbackStep call_id=call.id.to_string() /> }.into_any(),
                    "done" | "offer" => view! { <RateDone back="/client" /> }.into_any(),
                    _ => view! { <ThumbsStep call_id=call.id.to_string() other=call.model_name.clone() model=false /> }.into_any(),
                }
            })}
        </section>
    }
}

/// REF-6: the client asks support to look at a call.
#[component]
pub fn ReviewRequestPage() -> impl IntoView {
    view! {
        <>
            <ReviewRequest />
        </>
    }
}

#[component]
fn ReviewRequest() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let call = Resource::new(
        move || params.with(|p| p.get("id")).unwrap_or_default(),
        get_client_call,
    );
    let action = ServerAction::<RequestReview>::new();
    view! {
        <Title text=i18n.t(Msg::AskSupport) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::AskSupport)}</h1>
            <p>{move || i18n.t(Msg::AskSupportLead)}</p>
            <ErrorNote error=error_of(action) />
            {load(call, move |call: ClientCall| {
                view! {
                    <p class="muted">
                        {format!("{} · {} · {} {}", call.model_name, fmt_time(call.ended_at), call.charge, i18n.t(Msg::Credits))}
                    </p>
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="call_id" value=call.id.to_string() />
                        <input type="hidden" name="lang" value=i18n.prefix_code() />
                        <label for="reason">{i18n.t(Msg::WhatWentWrong)}</label>
                        <textarea id="reason" name="reason" rows="4" required minlength="3" maxlength="1000"></textarea>
                        <button type="submit" class="primary">{i18n.t(Msg::Send)}</button>
                    </ActionForm>
                }
            })}
        </section>
    }
}
