//! The contact form and the writer's page of their request (help pages:
//! complete on the server, plain forms, no JavaScript needed), and
//! support's page of a request (SUP-6).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    contact_form, contact_request, support_contact, AnswerContact, CloseContact, ContactFollowUp,
    ContactSupport,
};
use super::{ContactMessage, FormView, RequestView, Speaker, MAX_MESSAGE};
use crate::i18n::Msg;
use crate::ui::components::{fmt_time, load, ErrorNote};
use crate::ui::context::use_i18n;
use crate::ui::forms::error_of;

/// SUP-6: write to support. `?article=` (from a "No" on an article) and
/// `?from=` (the page the footer link was on) go with the request.
#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let get = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    let data = Resource::new(move || (get("article"), get("from")), |(a, f)| contact_form(a, f));
    let send = ServerAction::<ContactSupport>::new();
    view! {
        <Title text=i18n.t(Msg::ContactTitle) />
        <Meta name="robots" content="noindex" />
        <h1>{move || i18n.t(Msg::ContactTitle)}</h1>
        <p class="lead">{move || i18n.t(Msg::ContactLead)}</p>
        <ErrorNote error=error_of(send) />
        {load(data, move |f: FormView| {
            let FormView { article, signed_in_as, page, mine } = f;
            // A signed-in writer finds their earlier requests here.
            let earlier = (!mine.is_empty()).then(|| view! {
                <section data-testid="my-requests">
                    <h2>{i18n.t(Msg::ContactMine)}</h2>
                    <ul class="call-list">
                        {mine
                            .into_iter()
                            .map(|r| {
                                let state = if r.closed { Msg::InsightsRequestClosed } else { Msg::InsightsRequestOpen };
                                view! {
                                    <li class="call-item">
                                        <a href=i18n.href(&format!("/help/contact/{}", r.id))>{fmt_time(r.opened_at)}</a>
                                        <span class="tag">{i18n.t(state)}</span>
                                        <p class="muted">{r.preview}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            });
            let about = article.clone().map(|a| {
                let href = crate::ui::context::localize_path(Some(a.locale), &format!("/help/a/{}", a.slug));
                view! {
                    <p data-testid="contact-article">
                        {i18n.t(Msg::ContactAbout)} " " <a href=href hreflang=a.locale.code()>{a.title}</a>
                    </p>
                }
            });
            let reply = match signed_in_as {
                // The account is answered; the field is sent empty.
                Some(name) => view! {
                    <input type="hidden" name="email" value="" />
                    <p class="muted">{i18n.t(Msg::ContactSignedIn).replace("{name}", &name)}</p>
                }
                .into_any(),
                None => view! {
                    <label for="contact-email">{i18n.t(Msg::ContactEmailLabel)}</label>
                    <input id="contact-email" name="email" type="email" required autocomplete="email" maxlength="254" aria-describedby="contact-email-hint" data-testid="contact-email" />
                    <p id="contact-email-hint" class="muted">{i18n.t(Msg::ContactEmailHint)}</p>
                }
                .into_any(),
            };
            view! {
                {about}
                <ActionForm action=send attr:class="stack card" attr:data-testid="contact-form">
                    <input type="hidden" name="article" value=article.map(|a| a.id).unwrap_or_default() />
                    <input type="hidden" name="page" value=page.unwrap_or_default() />
                    <input type="hidden" name="lang" value=i18n.prefix_code() />
                    <label for="contact-message">{i18n.t(Msg::ContactMessageLabel)}</label>
                    <textarea id="contact-message" name="message" rows="6" required maxlength=MAX_MESSAGE.to_string() data-testid="contact-message"></textarea>
                    {reply}
                    <button type="submit" class="primary" data-testid="contact-send">{i18n.t(Msg::ContactSend)}</button>
                </ActionForm>
                {earlier}
            }
        })}
    }
}

/// One conversation: the writer's words and support's, oldest first.
/// Support's page also shows notes (marked) and which agent answered.
#[component]
fn Conversation(messages: Vec<ContactMessage>, writer: String, support_view: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="chat" data-testid="contact-chat">
            {messages
                .into_iter()
                .map(|m| {
                    let (class, who) = match (&m.speaker, m.note) {
                        (Speaker::Support { name }, true) => ("bubble note", format!("{name} ({})", i18n.t(Msg::SupportNote))),
                        (Speaker::Support { name }, false) if support_view => ("bubble mine", name.clone()),
                        (Speaker::Support { .. }, false) => ("bubble theirs", i18n.t(Msg::RoleSupport).to_string()),
                        (Speaker::Writer, _) if support_view => ("bubble theirs", writer.clone()),
                        (Speaker::Writer, _) => ("bubble mine", i18n.t(Msg::You).to_string()),
                    };
                    view! {
                        <li class=class data-testid="contact-message-line">
                            <p class="pre-line">
                                <strong>{who}": "</strong>
                                {m.body}
                            </p>
                            <time>{fmt_time(m.at)}</time>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The writer's page of their request: what they wrote, support's
/// answers, and a box to add to it while it is open.
#[component]
pub fn ContactRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let get = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(move || (id(), get("key")), |(id, key)| contact_request(id, key));
    let add = ServerAction::<ContactFollowUp>::new();
    view! {
        <Title text=i18n.t(Msg::ContactRequestTitle) />
        <Meta name="robots" content="noindex" />
        <h1>{move || i18n.t(Msg::ContactRequestTitle)}</h1>
        <ErrorNote error=error_of(add) />
        {load(data, move |r: RequestView| {
            let sent = (!get("sent").is_empty()).then(|| {
                let text = if r.signed_in {
                    i18n.t(Msg::ContactSentToAccount).to_string()
                } else {
                    i18n.t(Msg::ContactSentByMail).replace("{email}", &r.writer)
                };
                view! { <p class="notice notice-ok" role="status" data-testid="contact-sent">{text}</p> }
            });
            let added = (!get("added").is_empty())
                .then(|| view! { <p class="notice notice-ok" role="status">{i18n.t(Msg::ContactAdded)}</p> });
            let more = match r.closed_at {
                Some(_) => view! {
                    <p class="notice" data-testid="contact-closed">
                        {i18n.t(Msg::ContactClosed)} " " <a href=i18n.href("/help/contact")>{i18n.t(Msg::ContactWriteAgain)}</a>
                    </p>
                }
                .into_any(),
                None => view! {
                    <ActionForm action=add attr:class="stack">
                        <input type="hidden" name="id" value=r.id.to_string() />
                        <input type="hidden" name="key" value=get("key") />
                        <input type="hidden" name="lang" value=i18n.prefix_code() />
                        <label for="contact-more">{i18n.t(Msg::ContactFollowUpLabel)}</label>
                        <textarea id="contact-more" name="body" rows="3" required maxlength=MAX_MESSAGE.to_string()></textarea>
                        <button type="submit">{i18n.t(Msg::ContactFollowUp)}</button>
                    </ActionForm>
                }
                .into_any(),
            };
            view! {
                {sent}
                {added}
                <Conversation messages=r.messages writer=r.writer support_view=false />
                {more}
            }
        })}
    }
}

/// SUP-6, support's side: who wrote, from where (the article, the page),
/// the conversation with notes, the answer box and closing.
#[component]
pub fn SupportContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let answer = ServerAction::<AnswerContact>::new();
    let close = ServerAction::<CloseContact>::new();
    let data = Resource::new(
        move || (id(), answer.version().get(), close.version().get()),
        |(id, _, _)| support_contact(id),
    );
    view! {
        <Title text=i18n.t(Msg::CaseKindContact) />
        <h1>{move || i18n.t(Msg::CaseKindContact)}</h1>
        <crate::cases::pages::CaseBar kind="contact" id=id() />
        <ErrorNote error=error_of(answer) />
        <ErrorNote error=error_of(close) />
        {load(data, move |r: RequestView| {
            let how = if r.signed_in { Msg::ContactWithAccount } else { Msg::ContactNoAccount };
            let article = r.article.clone().map(|a| {
                let href = crate::ui::context::localize_path(Some(a.locale), &format!("/help/a/{}", a.slug));
                view! {
                    <p data-testid="contact-article">
                        {i18n.t(Msg::ContactAbout)} " " <a href=href>{format!("{} ({})", a.title, a.locale.native_name())}</a>
                    </p>
                }
            });
            let page = r.page.clone().map(|p| view! { <p>{format!("{}: ", i18n.t(Msg::ContactWrittenFrom))} <code>{p}</code></p> });
            let open = r.closed_at.is_none();
            let (answer_id, close_id) = (r.id.to_string(), r.id.to_string());
            view! {
                <section class="card" data-testid="contact-facts">
                    <p>
                        {format!("{}: ", i18n.t(Msg::ContactFrom))}
                        <strong data-testid="contact-writer">{r.writer.clone()}</strong>
                        {format!(" ({}) · {} · {} {}", i18n.t(how), r.locale.native_name(), i18n.t(Msg::ContactOpened), fmt_time(r.opened_at))}
                    </p>
                    {article}
                    {page}
                    {(!open).then(|| view! { <p class="tag">{i18n.t(Msg::ContactClosed)}</p> })}
                </section>
                <Conversation messages=r.messages writer=r.writer support_view=true />
                {open.then(move || view! {
                    <ActionForm action=answer attr:class="stack">
                        <input type="hidden" name="id" value=answer_id />
                        <label for="contact-answer">{i18n.t(Msg::ContactAnswerLabel)}</label>
                        <textarea id="contact-answer" name="body" rows="5" required maxlength=MAX_MESSAGE.to_string() data-testid="contact-answer"></textarea>
                        <label class="check">
                            <input type="checkbox" name="note" value="1" />
                            {i18n.t(Msg::ContactNoteOnly)}
                        </label>
                        <button type="submit" class="primary" data-testid="contact-answer-send">{i18n.t(Msg::ContactAnswerSend)}</button>
                    </ActionForm>
                    <ActionForm action=close attr:class="inline-form">
                        <input type="hidden" name="id" value=close_id />
                        <button type="submit" data-testid="contact-close">{i18n.t(Msg::ContactClose)}</button>
                    </ActionForm>
                })}
            }
        })}
    }
}
