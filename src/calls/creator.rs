//! The model's screens: Calls (REF-4c), the post-call rating that leads to
//! the refund offer (REF-4a), the refund confirmation, and the chat with each
//! client where every call is a bubble (REF-4b).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::calls::api::{get_model_call, model_calls, CallFeedback, ModelRateCall, RefundCall};
use crate::calls::ModelCall;
use crate::domain::call::{CallKind, RefundState, Thumb};
use crate::i18n::Msg;
use crate::ui::components::{fmt_time, load, Countdown, ErrorNote};
use crate::ui::context::{use_i18n, I18n};
use crate::ui::forms::error_of;

pub fn kind_label(kind: CallKind) -> Msg {
    match kind {
        CallKind::Phone => Msg::PhoneCall,
        CallKind::Video => Msg::VideoCall,
    }
}

/// "Video call · 2026-11-23 10:05 UTC · 5 min · 150 credits": the one way a
/// call is summed up, in lists and chat bubbles alike.
pub fn call_summary(
    i18n: I18n,
    kind: CallKind,
    at: chrono::DateTime<chrono::Utc>,
    minutes: i64,
    charge: crate::domain::Credits,
) -> String {
    format!(
        "{} · {} · {} {} · {} {}",
        i18n.t(kind_label(kind)),
        fmt_time(at),
        minutes,
        i18n.t(Msg::Minutes),
        charge,
        i18n.t(Msg::Credits)
    )
}

/// The refund control: while REF-3 holds, a link to the confirmation with
/// the time left; afterwards the call's state in words.
#[component]
pub fn RefundControl(call: ModelCall) -> impl IntoView {
    let i18n = use_i18n();
    let href = i18n.href(&format!("/model/calls/{}/refund", call.id));
    match call.refund {
        RefundState::ByModel(amount) => view! {
            <span class="tag tag-ok" data-testid="refunded">
                {move || format!("{} · {} {}", i18n.t(Msg::Refunded), amount, i18n.t(Msg::Credits))}
            </span>
        }
        .into_any(),
        RefundState::BySupport => view! {
            <span class="tag tag-ok" data-testid="refunded-by-support">{move || i18n.t(Msg::RefundedBySupport)}</span>
        }
        .into_any(),
        RefundState::Open { amount, secs_left } => view! {
            <span class="refund-control">
                <Countdown secs=secs_left left_word=i18n.t(Msg::TimeLeft).to_string()>
                    <a class="button small" href=href.clone() data-testid="refund-link">
                        {move || format!("{} {} {}", i18n.t(Msg::RefundAction), amount, i18n.t(Msg::Credits))}
                    </a>
                </Countdown>
            </span>
        }
        .into_any(),
        RefundState::Closed | RefundState::Free => {
            view! { <span class="muted">{move || i18n.t(Msg::RefundClosed)}</span> }.into_any()
        }
    }
}

#[component]
pub fn ModelCallsPage() -> impl IntoView {
    view! {
        <>
            <ModelCalls />
        </>
    }
}

#[component]
fn ModelCalls() -> impl IntoView {
    let i18n = use_i18n();
    let calls = Resource::new(|| (), |_| model_calls());
    view! {
        <Title text=i18n.t(Msg::Calls) />
        <h1>{move || i18n.t(Msg::Calls)}</h1>
        <p class="lead">{move || i18n.t(Msg::ModelCallsLead)}</p>
        {load(calls, move |calls: Vec<ModelCall>| {
            if calls.is_empty() {
                return view! { <p data-testid="no-calls">{i18n.t(Msg::ModelNoCalls)}</p> }.into_any();
            }
            view! {
                <ul class="call-list" data-testid="model-calls">
                    {calls.into_iter().map(|c| view! { <CallItem call=c /> }).collect_view()}
                </ul>
            }
                .into_any()
        })}
    }
}

#[component]
fn CallItem(call: ModelCall) -> impl IntoView {
    let i18n = use_i18n();
    let rate = i18n.href(&format!("/model/calls/{}/rate", call.id));
    let chat = i18n.href(&format!("/model/chats/{}", call.client_id));
    let c = call.clone();
    view! {
        <li class="call-item" data-call=call.id.to_string()>
            <div class="call-main">
                <strong>{c.client_name.clone()}</strong>
                <span class="muted">
                    {move || call_summary(i18n, c.kind, c.ended_at, c.billed_minutes, c.charge)}
                </span>
            </div>
            <div class="call-actions">
                <RefundControl call=call.clone() />
                {call.thumb.is_none().then(|| view! { <a href=rate.clone()>{move || i18n.t(Msg::RateCall)}</a> })}
                <a href=chat>{move || i18n.t(Msg::OpenChat)}</a>
                <a href=i18n.href(&format!("/ratings/call/{}", call.id))>{move || i18n.t(Msg::RateWithStars)}</a>
            </div>
        </li>
    }
}

/// REF-4a: thumbs → (down) feedback, submit or skip → the refund offer.
#[component]
pub fn ModelRatePage() -> impl IntoView {
    view! {
        <>
            <ModelRate />
        </>
    }
}

#[component]
fn ModelRate() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let step = move || query.with(|q| q.get("step")).unwrap_or_default();
    let call = Resource::new(move || (id(), step()), |(id, _)| get_model_call(id));
    view! {
        <Title text=i18n.t(Msg::RateCall) />
        <section class="card narrow" data-testid="rate-flow">
            {load(call, move |call: ModelCall| {
                match step().as_str() {
                    "feedback" => view! { <FeedbackStep call_id=call.id.to_string() /> }.into_any(),
                    "offer" => view! { <RefundOffer call=call /> }.into_any(),
                    "done" => view! { <RateDone back="/model/calls" /> }.into_any(),
                    _ => view! { <ThumbsStep call_id=call.id.to_string() other=call.client_name.clone() model=true /> }.into_any(),
                }
            })}
        </section>
    }
}

/// Step one for either side: thumbs up or down (CALL-2).
#[component]
pub fn ThumbsStep(call_id: String, other: String, model: bool) -> impl IntoView {
    let i18n = use_i18n();
    let up = ServerAction::<ModelRateCall>::new();
    let down = ServerAction::<ModelRateCall>::new();
    let cup = ServerAction::<crate::calls::api::ClientRateCall>::new();
    let cdown = ServerAction::<crate::calls::api::ClientRateCall>::new();
    let thumb_form = move |thumb: Thumb| {
        let call_id = call_id.clone();
        let (label, class) = match thumb {
            Thumb::Up => (Msg::ThumbsUp, "thumb thumb-up"),
            Thumb::Down => (Msg::ThumbsDown, "thumb thumb-down"),
        };
        let fields = view! {
            <input type="hidden" name="call_id" value=call_id />
            <input type="hidden" name="thumb" value=thumb.as_str() />
            <input type="hidden" name="lang" value=move || i18n.prefix_code() />
            <button type="submit" class=class data-testid=format!("thumb-{}", thumb.as_str())>
                {move || i18n.t(label)}
            </button>
        };
        match (model, thumb) {
            (true, Thumb::Up) => view! { <ActionForm action=up>{fields}</ActionForm> }.into_any(),
            (true, Thumb::Down) => view! { <ActionForm action=down>{fields}</ActionForm> }.into_any(),
            (false, Thumb::Up) => view! { <ActionForm action=cup>{fields}</ActionForm> }.into_any(),
            (false, Thumb::Down) => view! { <ActionForm action=cdown>{fields}</ActionForm> }.into_any(),
        }
    };
    view! {
        <h1>{move || format!("{} {}", i18n.t(Msg::HowWasCall), other)}</h1>
        <div class="thumbs">{thumb_form(Thumb::Up)} {thumb_form(Thumb::Down)}</div>
    }
}

/// Step two after a thumbs down: written feedback, or skip.
#[component]
pub fn FeedbackStep(call_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let send = ServerAction::<CallFeedback>::new();
    let skip = ServerAction::<CallFeedback>::new();
    let cid = call_id.clone();
    view! {
        <h1>{move || i18n.t(Msg::FeedbackTitle)}</h1>
        <ErrorNote error=error_of(send) />
        <ActionForm action=send attr:class="stack">
            <input type="hidden" name="call_id" value=call_id />
            <input type="hidden" name="lang" value=move || i18n.prefix_code() />
            <label for="feedback">{move || i18n.t(Msg::FeedbackLabel)}</label>
            <textarea id="feedback" name="feedback" rows="4" maxlength="1000"></textarea>
            <button type="submit" class="primary" data-testid="feedback-send">{move || i18n.t(Msg::Send)}</button>
        </ActionForm>
        <ActionForm action=skip attr:class="inline-form">
            <input type="hidden" name="call_id" value=cid />
            <input type="hidden" name="feedback" value="" />
            <input type="hidden" name="skip" value="1" />
            <input type="hidden" name="lang" value=move || i18n.prefix_code() />
            <button type="submit" class="link-button" data-testid="feedback-skip">{move || i18n.t(Msg::Skip)}</button>
        </ActionForm>
    }
}

#[component]
pub fn RateDone(back: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t(Msg::ThanksFeedback)}</h1>
        <p>
            <a href=move || i18n.href(back)>{move || i18n.t(Msg::Back)}</a>
        </p>
    }
}

/// Step three for the model (REF-4a): the refund, offered, never required.
#[component]
fn RefundOffer(call: ModelCall) -> impl IntoView {
    let i18n = use_i18n();
    let later = i18n.href("/model/calls");
    view! {
        <h1>{move || i18n.t(Msg::RefundOfferTitle)}</h1>
        <p>{move || i18n.t(Msg::RefundOptional)}</p>
        <RefundForm call=call />
        <p>
            <a href=later data-testid="not-now">{move || i18n.t(Msg::NotNow)}</a>
        </p>
    }
}

/// What the client gets back, that it is final, and the button. After the
/// refund (or when the call was refunded before) the outcome in words.
#[component]
pub fn RefundForm(call: ModelCall) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RefundCall>::new();
    let done = move || action.value().get().and_then(|r| r.ok());
    let call_id = call.id.to_string();
    let name = call.client_name.clone();
    let state = call.refund;
    view! {
        {move || {
            // After the click the answer decides; before it, the call's state.
            let state = match done() {
                Some(d) => RefundState::ByModel(d.amount),
                None => state,
            };
            match state {
                RefundState::ByModel(amount) => {
                    let calls = i18n.href("/model/calls");
                    view! {
                        <p class="notice notice-ok" role="status" data-testid="refund-done">
                            {format!("{} {} {} {}.", i18n.t(Msg::RefundDonePrefix), amount, i18n.t(Msg::CreditsReturnedTo), name)}
                        </p>
                        <p><a href=calls>{i18n.t(Msg::BackToCalls)}</a></p>
                    }
                        .into_any()
                }
                RefundState::Open { amount, secs_left } => {
                    let call_id = StoredValue::new(call_id.clone());
                    let name = name.clone();
                    view! {
                        <div class="refund-box" data-testid="refund-box">
                            <p>
                                <strong>{format!("{} {} {}", name, i18n.t(Msg::GetsBack), amount)}</strong>
                                {format!(" {}", i18n.t(Msg::Credits))}
                            </p>
                            <p class="warning">{i18n.t(Msg::RefundIsFinal)}</p>
                            <ErrorNote error=error_of(action) />
                            <Countdown secs=secs_left left_word=i18n.t(Msg::TimeLeft).to_string()>
                                <ActionForm action=action attr:class="inline-form">
                                    <input type="hidden" name="call_id" value=call_id.get_value() />
                                    <button
                                        type="submit"
                                        class="primary"
                                        data-testid="refund-confirm"
                                        disabled=move || action.pending().get()
                                    >
                                        {format!("{} {} {}", i18n.t(Msg::RefundAction), amount, i18n.t(Msg::Credits))}
                                    </button>
                                </ActionForm>
                            </Countdown>
                        </div>
                    }
                        .into_any()
                }
                RefundState::BySupport => {
                    view! {
                        <div>
                            <ErrorNote error=error_of(action) />
                            <p class="notice" data-testid="refunded-by-support">{i18n.t(Msg::RefundedBySupportLong)}</p>
                        </div>
                    }
                        .into_any()
                }
                RefundState::Closed | RefundState::Free => {
                    view! {
                        <div>
                            <ErrorNote error=error_of(action) />
                            <p class="notice" data-testid="refund-closed">{i18n.t(Msg::RefundClosedLong)}</p>
                        </div>
                    }
                        .into_any()
                }
            }
        }}
    }
}

#[component]
pub fn RefundConfirmPage() -> impl IntoView {
    view! {
        <>
            <RefundConfirm />
        </>
    }
}

#[component]
fn RefundConfirm() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let call = Resource::new(
        move || params.with(|p| p.get("id")).unwrap_or_default(),
        get_model_call,
    );
    view! {
        <Title text=i18n.t(Msg::RefundOfferTitle) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::RefundOfferTitle)}</h1>
            {load(call, move |call: ModelCall| {
                let back = i18n.href("/model/calls");
                view! {
                    <p class="muted">
                        {format!(
                            "{} · {} · {} {}",
                            i18n.t(kind_label(call.kind)),
                            fmt_time(call.ended_at),
                            call.billed_minutes,
                            i18n.t(Msg::Minutes),
                        )}
                    </p>
                    <RefundForm call=call />
                    <p>
                        <a href=back>{i18n.t(Msg::Back)}</a>
                    </p>
                }
            })}
        </section>
    }
}
