//! Disputes: the list (support's queue), and the dispute's chat with
//! support's decision form. The chat is live while hydrated (server-sent
//! events); without JavaScript the message box is a plain form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::disputes::api::{
    get_dispute, list_disputes, DecideDispute, MarkDisputeAwaiting, PostDisputeMessage,
};
use crate::disputes::{DecisionLine, DisputeLine, DisputeView};
use crate::domain::dispute::{DisputeState, MessageKind, Subject};
use crate::i18n::Msg;
use crate::ui::components::{fmt_time, load, ErrorNote, UploadForm, UrlErrorNote};
use crate::ui::context::use_i18n;
use crate::ui::forms::error_of;
use crate::ui::live::LiveRegion;

/// A session holds credits in escrow; a call or purchase is money already
/// paid to the model that a decision may give back.
fn subject_msgs(subject: Subject) -> (Msg, Msg) {
    match subject {
        Subject::Call => (Msg::SubjectCall, Msg::AtStake),
        Subject::Purchase => (Msg::SubjectPurchase, Msg::AtStake),
        Subject::Session => (Msg::SubjectSession, Msg::Held),
    }
}

/// A system line of the dispute's chat: the stored body is a code
/// (`dispute_opened:call`, `dispute_decided:<refund>:<release>`); each is
/// said in the reader's words, and one this build does not know as a
/// neutral line, never as its code.
fn system_msg(body: &str) -> Msg {
    match body.split(':').next().unwrap_or_default() {
        "dispute_opened" => match body.split_once(':').map(|(_, s)| Subject::parse(s)) {
            None => Msg::DisputeFirstMessage,
            Some(Some(subject)) => match subject {
                Subject::Session => Msg::DisputeFirstMessage,
                Subject::Call => Msg::DisputeFirstMessageCall,
                Subject::Purchase => Msg::DisputeFirstMessagePurchase,
            },
            Some(None) => Msg::DisputeUpdatedBySupport,
        },
        "dispute_awaiting" => Msg::DisputeAwaitingMessage,
        "dispute_decided" => Msg::DisputeDecidedMessage,
        _ => Msg::DisputeUpdatedBySupport,
    }
}

pub fn state_msg(s: DisputeState) -> Msg {
    match s {
        DisputeState::Open => Msg::DisputeOpen,
        DisputeState::AwaitingDecision => Msg::DisputeAwaiting,
        DisputeState::Decided => Msg::DisputeDecided,
    }
}

#[component]
pub fn DisputesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || query.with(|q| q.get("state")).unwrap_or_default();
    let age = move || query.with(|q| q.get("age")).unwrap_or_default();
    let list = Resource::new(move || (filter(), age()), |(s, a)| list_disputes(s, a));
    view! {
        <Title text=i18n.t(Msg::Disputes) />
        <h1>{move || i18n.t(Msg::Disputes)}</h1>
        <nav class="tabs">
            {[("", Msg::All), ("open", Msg::DisputeOpen), ("awaiting_decision", Msg::DisputeAwaiting), ("decided", Msg::DisputeDecided)]
                .into_iter()
                .map(|(s, m)| view! { <a href=format!("?state={s}") aria-current=move || (filter() == s).then_some("page")>{move || i18n.t(m)}</a> })
                .collect_view()}
        </nav>
        <form method="get" class="filters" data-testid="age-filter">
            <input type="hidden" name="state" value=filter />
            <label>
                {move || i18n.t(Msg::OpenFor)} " "
                <select name="age">
                    {[("", Msg::AnyAge), ("1d", Msg::AtLeast1Day), ("3d", Msg::AtLeast3Days), ("7d", Msg::AtLeast7Days)]
                        .into_iter()
                        .map(|(v, m)| view! { <option value=v selected=move || age() == v>{move || i18n.t(m)}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit">{move || i18n.t(Msg::Filter)}</button>
        </form>
        {load(list, move |rows: Vec<DisputeLine>| {
            if rows.is_empty() {
                return view! { <p data-testid="no-disputes">{i18n.t(Msg::EmptyDisputes)}</p> }.into_any();
            }
            view! {
                <ul class="call-list" data-testid="disputes">
                    {rows
                        .into_iter()
                        .map(|d| {
                            let (subject, held) = subject_msgs(d.subject);
                            view! {
                                <li class="call-item">
                                    <a href=i18n.href(&format!("/disputes/{}", d.id))>{format!("{} ↔ {}", d.client_name, d.model_name)}</a>
                                    <span class="muted">
                                        {format!("{} · {} · {} {} {} · ", i18n.t(subject), fmt_time(d.opened_at), d.held, i18n.t(Msg::Credits), i18n.t(held))}
                                        {i18n.t(state_msg(d.state))}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        })}
    }
}

/// The dispute, live: every new message (and a decision) arrives through
/// the dispute's channel (`/live/disputes/{id}`), which swaps the
/// conversation and the forms for the server's new ones (`ui::live`); a
/// reply being typed is kept. Messages, images and decisions are plain
/// posts that come back to this page.
#[component]
pub fn DisputePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let send = ServerAction::<PostDisputeMessage>::new();
    let decide = ServerAction::<DecideDispute>::new();
    let awaiting = ServerAction::<MarkDisputeAwaiting>::new();
    let data = Resource::new(id, get_dispute);
    view! {
        <Title text=i18n.t(Msg::Disputes) />
        <ErrorNote error=error_of(send) />
        <ErrorNote error=error_of(decide) />
        <ErrorNote error=error_of(awaiting) />
        <UrlErrorNote endpoint="/api/disputes/attach" />
        {load(data, move |d: DisputeView| {
            let stream = format!("/live/disputes/{}", d.id);
            let thread = d.clone();
            view! {
                <LiveRegion stream=stream.clone() id="thread">
                    <DisputeThread d=thread />
                </LiveRegion>
                <LiveRegion stream=stream id="forms">
                    <DisputeForms d=d send=send decide=decide awaiting=awaiting />
                </LiveRegion>
            }
        })}
    }
}

#[component]
fn AttachForm(id: String, support: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <UploadForm endpoint="/api/disputes/attach" class="chat-form attach-form">
            <input type="hidden" name="id" value=id />
            <label>
                {i18n.t(Msg::AttachImage)}
                <input type="file" name="image" required accept="image/png,image/jpeg,image/gif,image/webp" data-testid="attach-file" />
            </label>
            <input name="caption" maxlength="2000" placeholder=i18n.t(Msg::Caption) />
            {support.then(|| view! { <label class="inline"><input type="checkbox" name="note" value="1" />{i18n.t(Msg::SupportNote)}</label> })}
            <button type="submit" data-testid="attach">{i18n.t(Msg::Attach)}</button>
        </UploadForm>
    }
}

#[component]
fn DisputeThread(d: DisputeView) -> impl IntoView {
    let i18n = use_i18n();
    let (subject, held) = subject_msgs(d.subject);
    // Support opens what the dispute is about: the call's log, or the
    // billing request with its receipt and the model's side.
    let details = d.support.then(|| match d.subject {
        Subject::Call => format!("/support/reviews/{}", d.subject_id),
        Subject::Purchase => "/support/billing".to_string(),
        Subject::Session => format!("/sessions/{}", d.subject_id),
    });
    view! {
        <section class="page-head" data-testid="dispute-page">
            <h1>{format!("{} · {} ↔ {}", i18n.t(Msg::Dispute), d.client_name, d.model_name)}</h1>
            <p class="lead">
                <span class="tag" data-testid="dispute-state">{i18n.t(state_msg(d.state))}</span>
                {format!(" {} · {} {} {}", i18n.t(subject), d.held, i18n.t(Msg::Credits), i18n.t(held))}
                {details.map(|href| view! { " · " <a href=i18n.href(&href) data-testid="dispute-subject">{i18n.t(Msg::SubjectDetails)}</a> })}
            </p>
            {d.decision.clone().map(|DecisionLine { refund, release, reason: why }| view! {
                <p class="notice notice-ok" data-testid="decision">
                    {format!("{}: {} {} → {}, {} {} → {}.", i18n.t(Msg::Decision), refund, i18n.t(Msg::Credits), d.client_name, release, i18n.t(Msg::Credits), d.model_name)}
                    {(!why.trim().is_empty()).then(|| format!(" {why}"))}
                </p>
            })}
        </section>
        <ol class="chat" data-testid="dispute-chat">
            {d.messages
                .iter()
                .map(|m| {
                    let class = match (m.kind, m.mine) {
                        (MessageKind::Note, _) => "bubble note",
                        (MessageKind::System, _) => "notice-line",
                        (_, true) => "bubble mine",
                        _ => "bubble theirs",
                    };
                    let body = match m.kind {
                        MessageKind::System => i18n.t(system_msg(&m.body)).to_string(),
                        MessageKind::Text | MessageKind::Call | MessageKind::Note => m.body.clone(),
                    };
                    let who = match m.kind {
                        MessageKind::System => i18n.t(Msg::RoleSupport).to_string(),
                        MessageKind::Note => format!("{} ({})", m.author.clone().unwrap_or_default(), i18n.t(Msg::SupportNote)),
                        _ => m.author.clone().unwrap_or_default(),
                    };
                    let image = m.attachment.clone().map(|f| view! {
                        <a href=format!("/files/{f}") target="_blank" rel="noopener">
                            <img class="attachment" src=format!("/files/{f}") alt=i18n.t(Msg::AttachedImage) loading="lazy" data-testid="chat-image" />
                        </a>
                    });
                    view! {
                        <li class=class data-kind=m.kind.as_str()>
                            <p>
                                <strong>{who}": "</strong>
                                {body}
                            </p>
                            {image}
                            <time>{fmt_time(m.at)}</time>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <p class="muted" data-testid="read-by">
            {d.read_by.iter().map(|r| format!("{} {} {}", i18n.t(Msg::SeenBy), r.name, fmt_time(r.at))).collect::<Vec<_>>().join(" · ")}
        </p>
    }
}

#[component]
fn DisputeForms(
    d: DisputeView,
    send: ServerAction<PostDisputeMessage>,
    decide: ServerAction<DecideDispute>,
    awaiting: ServerAction<MarkDisputeAwaiting>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = d.state != DisputeState::Decided;
    let id = d.id.to_string();
    let id2 = d.id.to_string();
    let attach_id = d.id.to_string();
    let id3 = d.id.to_string();
    let session = d.subject == Subject::Session;
    view! {
        {open.then(|| view! {
            <ActionForm action=send attr:class="chat-form">
                <input type="hidden" name="id" value=id.clone() />
                <label for="body" class="visually-hidden">{i18n.t(Msg::Message)}</label>
                <textarea id="body" name="body" rows="2" required maxlength="2000"></textarea>
                {d.support.then(|| view! { <label class="inline"><input type="checkbox" name="note" value="1" />{i18n.t(Msg::SupportNote)}</label> })}
                <button type="submit" class="primary" data-testid="send" disabled=move || send.pending().get()>{i18n.t(Msg::Send)}</button>
            </ActionForm>
            <AttachForm id=attach_id support=d.support />
        })}
        {(d.state == DisputeState::Open && d.support).then(|| view! {
            <ActionForm action=awaiting attr:class="inline-form">
                <input type="hidden" name="id" value=id3 />
                <button type="submit" data-testid="mark-awaiting">{i18n.t(Msg::MarkAwaiting)}</button>
            </ActionForm>
        })}
        {(open && d.support).then(|| view! {
            <section class="card">
                <h2>{i18n.t(Msg::Decision)}</h2>
                <ActionForm action=decide attr:class="stack">
                    <input type="hidden" name="id" value=id2 />
                    <label for="refund">{format!("{} ({} {})", i18n.t(Msg::RefundToClient), d.held, i18n.t(Msg::Max))}</label>
                    <input id="refund" name="refund" type="number" min="0" max=d.held.get() value="0" required />
                    <p class="hint">{i18n.t(if session { Msg::RestToModel } else { Msg::RestStaysWithModel })}</p>
                    <label for="client_sanction">{format!("{}: {}", i18n.t(Msg::Sanction), d.client_name)}</label>
                    <select id="client_sanction" name="client_sanction">
                        <option value="">"—"</option>
                        <option value="warning">{i18n.t(Msg::Warning)}</option>
                        <option value="suspension">{i18n.t(Msg::Suspension)}</option>
                    </select>
                    <input name="client_days" type="number" min="1" max="365" placeholder=i18n.t(Msg::Days) aria-label=i18n.t(Msg::Days) />
                    <label for="model_sanction">{format!("{}: {}", i18n.t(Msg::Sanction), d.model_name)}</label>
                    <select id="model_sanction" name="model_sanction">
                        <option value="">"—"</option>
                        <option value="warning">{i18n.t(Msg::Warning)}</option>
                        <option value="suspension">{i18n.t(Msg::Suspension)}</option>
                    </select>
                    <input name="model_days" type="number" min="1" max="365" placeholder=i18n.t(Msg::Days) aria-label=i18n.t(Msg::Days) />
                    <label for="decision-reason">{i18n.t(Msg::Reason)}</label>
                    <textarea id="decision-reason" name="reason" rows="3" required minlength="3"></textarea>
                    <button type="submit" class="primary" data-testid="decide">{i18n.t(Msg::Decide)}</button>
                </ActionForm>
            </section>
        })}
    }
}
