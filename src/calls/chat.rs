//! The direct conversation between a model and a client: texts, call
//! bubbles (with the refund control for the model, REF-4b) and the neutral
//! "credits returned" notice.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::calls::api::{chat_contacts, get_conversation, SendMessage};
use crate::calls::creator::{call_summary, RefundControl};
use crate::calls::{ChatEntry, ChatEntryKind, Contact, Conversation};
use crate::domain::session::EventKind;
use crate::domain::Role;
use crate::i18n::Msg;
use crate::ui::components::{fmt_time, load, ErrorNote};
use crate::ui::context::{use_i18n, use_session};
use crate::ui::live::LiveRegion;

/// A session step as the chat's notice says it (the message stores the
/// step's code).
fn step_msg(step: EventKind) -> Msg {
    match step {
        EventKind::Booked => Msg::ChatStepBooked,
        EventKind::OnMyWay => Msg::ChatStepOnMyWay,
        EventKind::Arrived => Msg::ChatStepArrived,
        EventKind::AddressGiven => Msg::ChatStepAddressGiven,
        EventKind::PreferencesDeclared => Msg::ChatStepPreferences,
        EventKind::Started => Msg::ChatStepStarted,
        EventKind::AdditionProposed => Msg::ChatStepAdditionProposed,
        EventKind::AdditionConfirmed => Msg::ChatStepAdditionConfirmed,
        EventKind::AdditionDeclined => Msg::ChatStepAdditionDeclined,
        EventKind::Cancelled => Msg::ChatStepCancelled,
        EventKind::RefundedNow => Msg::ChatStepRefundedNow,
        EventKind::Completed => Msg::ChatStepCompleted,
        EventKind::NotStarted => Msg::ChatStepNotStarted,
        EventKind::Complained => Msg::ChatStepComplained,
        EventKind::Released => Msg::ChatStepReleased,
    }
}

fn chats_base(role: Option<Role>) -> &'static str {
    if role == Some(Role::Model) {
        "/model/chats"
    } else {
        "/client/chats"
    }
}

#[component]
pub fn ChatListPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let contacts = Resource::new(|| (), |_| chat_contacts());
    view! {
        <Title text=i18n.t(Msg::Chats) />
        <h1>{move || i18n.t(Msg::Chats)}</h1>
        {load(contacts, move |list: Vec<Contact>| {
            let base = chats_base(session.role());
            view! {
                <ul class="contact-list">
                    {list
                        .into_iter()
                        .map(|Contact { id, name }| {
                            view! {
                                <li>
                                    <a href=i18n.href(&format!("{base}/{id}"))>{name}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })}
    }
}

#[component]
pub fn ChatPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let with = move || params.with(|p| p.get("id")).unwrap_or_default();
    let send = ServerAction::<SendMessage>::new();
    let chat = Resource::new(
        move || (with(), send.version().get()),
        |(w, _)| get_conversation(w),
    );
    view! {
        <Title text=i18n.t(Msg::Chats) />
        {load(chat, move |c: Conversation| {
            let other = c.other_name.clone();
            view! {
                <h1>{format!("{} {}", i18n.t(Msg::ChatWith), other)}</h1>
                // New messages, session steps and refunds arrive live.
                <LiveRegion stream=format!("/live/chats/{}", with()) id="chat">
                    <ol class="chat" data-testid="chat">
                        {c.entries.into_iter().map(|e| view! { <Entry entry=e other=other.clone() /> }).collect_view()}
                    </ol>
                </LiveRegion>
            }
        })}
        <ErrorNote error=crate::ui::forms::error_of(send) />
        <ActionForm action=send attr:class="chat-form">
            <input type="hidden" name="with" value=with />
            <label for="body" class="visually-hidden">{move || i18n.t(Msg::Message)}</label>
            <textarea id="body" name="body" rows="2" required maxlength="2000"></textarea>
            <button type="submit" class="primary" data-testid="chat-send" disabled=move || send.pending().get()>
                {move || i18n.t(Msg::Send)}
            </button>
        </ActionForm>
    }
}

#[component]
fn Entry(entry: ChatEntry, other: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = if entry.mine {
        "bubble mine"
    } else {
        "bubble theirs"
    };
    let at = fmt_time(entry.at);
    match entry.kind {
        ChatEntryKind::Text(text) => view! {
            <li class=class>
                <p>{text}</p>
                <time>{at}</time>
            </li>
        }
        .into_any(),
        ChatEntryKind::ModelCall(call) => {
            let summary = call_summary(i18n, call.kind, call.started_at, call.billed_minutes, call.charge);
            let id = call.id.to_string();
            view! {
                <li class="bubble call" data-testid="call-bubble" data-call=id>
                    <p>{summary}</p>
                    <RefundControl call=call />
                </li>
            }
            .into_any()
        }
        ChatEntryKind::ClientCall(call) => {
            let summary = call_summary(i18n, call.kind, call.started_at, call.billed_minutes, call.charge);
            view! {
                <li class="bubble call" data-testid="call-bubble" data-call=call.id.to_string()>
                    <p>{summary}</p>
                </li>
            }
            .into_any()
        }
        ChatEntryKind::SessionNotice { session, step } => {
            let href = i18n.href(&format!("/sessions/{session}"));
            let who = if entry.mine {
                String::new()
            } else {
                format!("{other}: ")
            };
            view! {
                <li class="notice-line" data-testid="session-notice" data-step=step.as_str()>
                    <p>
                        {format!("{who}{} · ", i18n.t(Msg::SessionUpdate))}
                        <a href=href>{i18n.t(step_msg(step))}</a>
                    </p>
                    <time>{at}</time>
                </li>
            }
            .into_any()
        }
        ChatEntryKind::CreditsReturned(amount) => {
            let session = use_session();
            let text = if session.role() == Some(Role::Model) {
                format!(
                    "{} {} {} {}.",
                    i18n.t(Msg::RefundDonePrefix),
                    amount,
                    i18n.t(Msg::CreditsReturnedTo),
                    other
                )
            } else {
                format!("{} {}", amount, i18n.t(Msg::CreditsBackNotice))
            };
            view! {
                <li class="notice-line" data-testid="credits-notice">
                    <p>{text}</p>
                    <time>{at}</time>
                </li>
            }
            .into_any()
        }
    }
}
