//! Disputes: the list (support's queue), and the dispute's chat with
//! support's decision form. The chat is live while hydrated (server-sent
//! events); without JavaScript the message box is a plain form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::disputes::api::{
    get_dispute, list_disputes, preview_decision, DecideDispute, MarkDisputeAwaiting, PostDisputeMessage,
};
use crate::disputes::{DecisionLine, DecisionPreview, DisputeLine, DisputeView};
use crate::domain::dispute::{DisputeState, MessageKind, Subject};
use crate::domain::Credits;
use crate::i18n::Msg;
use crate::replies::api::reply_picker;
use crate::replies::pages::ReplyPicker;
use crate::replies::PickerView;
use crate::ui::components::{fmt_time, load, ErrorNote, UploadForm, UrlErrorNote};
use crate::ui::context::use_i18n;
use crate::ui::forms::{error_of, succeeded};
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

pub use crate::ui::words::state_msg;

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
            let bar = d.support.then(|| view! {
                <crate::cases::pages::CaseBar kind="dispute_page" id=d.id.to_string() />
                <CaseFactsPanel id=d.id.to_string() />
            });
            view! {
                {bar}
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
fn MessageForm(
    id: String,
    support: bool,
    send: ServerAction<PostDisputeMessage>,
    prefill: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action=send attr:class="chat-form">
            <input type="hidden" name="id" value=id />
            <label for="body" class="visually-hidden">{i18n.t(Msg::Message)}</label>
            <textarea id="body" name="body" rows="2" required maxlength="2000">{prefill}</textarea>
            {support.then(|| view! { <label class="inline"><input type="checkbox" name="note" value="1" />{i18n.t(Msg::SupportNote)}</label> })}
            <button type="submit" class="primary" data-testid="send" disabled=move || send.pending().get()>{i18n.t(Msg::Send)}</button>
        </ActionForm>
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
    // SUP-5: "Preview" asks this page again with the form's figures in the
    // address; the page answers with what they would move, and keeps them.
    let query = use_query_map();
    let asked = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    let previewed = asked("refund");
    let page = i18n.href(&format!("/disputes/{}", d.id));
    let preview = (open && d.support && !previewed.is_empty()).then(|| {
        view! { <DecisionPreviewCard id=d.id.to_string() refund=previewed.clone() client=d.client_name.clone() model=d.model_name.clone() /> }
    });
    // SUP-3: support's box can start from a saved reply (`?reply=`), unless
    // this page is the answer to that message having been sent.
    let message = if d.support && open {
        let (pid, mid) = (d.id.to_string(), id.clone());
        let sent = succeeded(send);
        let picker = Resource::new(
            move || (pid.clone(), asked("reply_lang"), asked("reply_q"), asked("reply")),
            |(d, l, q, r)| reply_picker(d, l, q, r),
        );
        view! {
            {load(picker, move |p: PickerView| {
                let prefill = if sent.get_untracked() { String::new() } else { p.inserted.clone().unwrap_or_default() };
                view! {
                    <MessageForm id=mid.clone() support=true send=send prefill=prefill />
                    <ReplyPicker p=p />
                }
            })}
        }
        .into_any()
    } else {
        view! { <MessageForm id=id.clone() support=false send=send prefill=String::new() /> }.into_any()
    };
    view! {
        {open.then(|| view! {
            {message}
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
                    <input id="refund" name="refund" type="number" min="0" max=d.held.get() value=if previewed.is_empty() { "0".to_string() } else { previewed.clone() } required />
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
                    <textarea id="decision-reason" name="reason" rows="3" required minlength="3">{asked("reason")}</textarea>
                    <div class="actions">
                        <button type="submit" formmethod="get" formaction=page formnovalidate data-testid="preview">{i18n.t(Msg::PreviewDecision)}</button>
                        <button type="submit" class="primary" data-testid="decide">{i18n.t(Msg::Decide)}</button>
                    </div>
                </ActionForm>
                {preview}
            </section>
        })}
    }
}

/// SUP-5: the figures a decision would move, per party, from the server's
/// dry run of the decision itself.
#[component]
fn DecisionPreviewCard(id: String, refund: String, client: String, model: String) -> impl IntoView {
    let i18n = use_i18n();
    let preview = Resource::new(
        move || (id.clone(), refund.clone()),
        |(id, r)| preview_decision(id, r),
    );
    let signed = move |c: Credits| {
        let sign = if c.get() > 0 {
            "+"
        } else if c.is_negative() {
            "−"
        } else {
            ""
        };
        format!("{sign}{} {}", c.get().abs(), i18n.t(Msg::Credits))
    };
    view! {
        <div data-testid="decision-preview" aria-live="polite">
            {load(preview, move |p: DecisionPreview| {
                let card = (p.through_processor != Credits::ZERO).then(|| view! {
                    <tr>
                        <th scope="row">{format!("{} · {}", client, i18n.t(Msg::PreviewToProcessor))}</th>
                        <td data-testid="preview-processor">{signed(p.through_processor)}</td>
                    </tr>
                });
                view! {
                    <h3>{i18n.t(Msg::PreviewTitle)}</h3>
                    <table class="data">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t(Msg::PreviewParty)}</th>
                                <th scope="col">{i18n.t(Msg::PreviewChange)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <tr>
                                <th scope="row">{format!("{} · {}", client, i18n.t(Msg::PreviewBalance))}</th>
                                <td data-testid="preview-client">{signed(p.client)}</td>
                            </tr>
                            {card}
                            <tr>
                                <th scope="row">{format!("{} · {}", model, i18n.t(Msg::PreviewEarnings))}</th>
                                <td data-testid="preview-model">{signed(p.model)}</td>
                            </tr>
                            <tr>
                                <th scope="row">{i18n.t(Msg::PreviewPlatform)}</th>
                                <td data-testid="preview-platform">{signed(p.platform)}</td>
                            </tr>
                        </tbody>
                    </table>
                    <p class="hint">{i18n.t(Msg::PreviewNothingMoved)}</p>
                }
            })}
        </div>
    }
}

/// SUP-4: the case's facts beside its chat, for support: the subject's own
/// log in the reader's words and both parties' history.
#[component]
fn CaseFactsPanel(id: String) -> impl IntoView {
    use crate::cases::{CaseFactsView, PartyFacts, SubjectFacts};
    use crate::domain::session::EventKind;
    let i18n = use_i18n();
    let facts = Resource::new(move || id.clone(), crate::cases::api::case_facts);
    let line = move |at, text: String| view! { <li>{format!("{} · {text}", fmt_time(at))}</li> };
    let party = move |p: PartyFacts, testid: &'static str| {
        let none = (p.cases.is_empty() && p.sanctions.is_empty())
            .then(|| view! { <p class="muted">{i18n.t(Msg::FactsNoHistory)}</p> });
        view! {
            <div data-testid=testid>
                <h3>{p.name}</h3>
                {none}
                <ul class="call-log">
                    {p.cases
                        .into_iter()
                        .map(|c| {
                            let (subject, _) = subject_msgs(c.subject);
                            let back = c.refunded.map(|r| format!(" · {}", i18n.t(Msg::FactsRefunded).replace("{n}", &r.get().to_string())));
                            view! {
                                <li>
                                    <a href=i18n.href(&format!("/disputes/{}", c.dispute))>{i18n.t(subject)}</a>
                                    {format!(" · {} · {}{}", fmt_time(c.opened_at), i18n.t(state_msg(c.state)), back.unwrap_or_default())}
                                </li>
                            }
                        })
                        .collect_view()}
                    {p.sanctions
                        .into_iter()
                        .map(|s| {
                            let what = match s.until {
                                Some(until) if s.suspension => i18n.t(Msg::FactsSuspendedUntil).replace("{time}", &fmt_time(until)),
                                _ => i18n.t(if s.suspension { Msg::Suspension } else { Msg::Warning }).to_string(),
                            };
                            view! { <li data-testid="fact-sanction">{format!("{} · {what} · {}", fmt_time(s.at), s.reason)}</li> }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    };
    view! {
        {load(facts, move |f: CaseFactsView| {
            let subject = match f.subject {
                SubjectFacts::Session { start, scenario, held, timeline } => view! {
                    <p>
                        {format!(
                            "{} · {} · {} {} {}",
                            i18n.t(crate::sessions::pages::scenario_msg(scenario)),
                            fmt_time(start),
                            held,
                            i18n.t(Msg::Credits),
                            i18n.t(Msg::Held),
                        )}
                    </p>
                    <ol class="call-log" data-testid="fact-timeline">
                        {timeline
                            .into_iter()
                            .filter_map(|e| EventKind::parse(&e.kind).map(|k| (e, k)))
                            .map(|(e, k)| {
                                let who = match e.actor.as_str() {
                                    "client" => f.client.name.clone(),
                                    "model" => f.model.name.clone(),
                                    _ => i18n.t(Msg::ActorSettle).to_string(),
                                };
                                line(e.at, format!("{who} · {}", crate::sessions::pages::timeline_text(i18n, k, &e.detail)))
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any(),
                SubjectFacts::Call { started, ended, price_per_minute, charged, log } => view! {
                    <p>
                        {format!(
                            "{} – {} · {} {} · {} {}",
                            fmt_time(started),
                            fmt_time(ended),
                            i18n.t(Msg::FactsPerMinute).replace("{n}", &price_per_minute.get().to_string()),
                            i18n.t(Msg::FactsCharged),
                            charged,
                            i18n.t(Msg::Credits),
                        )}
                    </p>
                    <ol class="call-log" data-testid="fact-log">
                        {log
                            .into_iter()
                            .map(|e| line(e.at, format!("{}{}", i18n.t(crate::support::pages::call_event_msg(&e.kind)), if e.detail.is_empty() { String::new() } else { format!(": {}", e.detail) })))
                            .collect_view()}
                    </ol>
                }
                .into_any(),
                SubjectFacts::Purchase { asked_at, amount, receipt, receipt_file, reason } => view! {
                    <p>{format!("{} · {} {}", fmt_time(asked_at), amount, i18n.t(Msg::Credits))}</p>
                    {receipt.map(|r| view! { <p data-testid="fact-receipt">{format!("{}: {r}", i18n.t(Msg::FactsReceipt))}</p> })}
                    {receipt_file.map(|f| view! { <p><a href=format!("/files/{f}") target="_blank" rel="noopener">{i18n.t(Msg::FactsReceiptImage)}</a></p> })}
                    {reason.map(|r| view! { <p class="pre-line">{format!("{}: {r}", i18n.t(Msg::Reason))}</p> })}
                }
                .into_any(),
            };
            view! {
                <aside class="card case-facts" data-testid="case-facts" aria-label=i18n.t(Msg::FactsTitle)>
                    <h2>{i18n.t(Msg::FactsTitle)}</h2>
                    {subject}
                    <details data-testid="fact-history">
                        <summary>{i18n.t(Msg::FactsHistory)}</summary>
                        {party(f.client.clone(), "fact-client")}
                        {party(f.model.clone(), "fact-model")}
                    </details>
                </aside>
            }
        })}
    }
}
