//! Support's page of saved replies, and the picker beside a dispute's
//! message box (SUP-3). Both are plain forms and links: a search or an
//! insert asks the page again with its words in the address.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{saved_replies, DeleteReply, SaveReply};
use super::{PickerView, SavedReply, MAX_BODY, MAX_TITLE, PLACEHOLDERS};
use crate::domain::Locale;
use crate::i18n::Msg;
use crate::ui::components::{load, urlencode, ErrorNote};
use crate::ui::context::use_i18n;
use crate::ui::forms::error_of;

/// "{client}, {model}, {time}, {held}": how the placeholders are written.
fn placeholder_list() -> String {
    PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One reply's fields; `reply` None is the form for a new one. Field ids
/// carry the reply's id so every form on the page has its own.
#[component]
fn ReplyForm(action: ServerAction<SaveReply>, reply: Option<SavedReply>) -> impl IntoView {
    let i18n = use_i18n();
    let suffix = reply.as_ref().map_or_else(|| "new".to_string(), |r| r.id.clone());
    let (lang_id, title_id, body_id) = (
        format!("reply-lang-{suffix}"),
        format!("reply-title-{suffix}"),
        format!("reply-body-{suffix}"),
    );
    let locale = reply.as_ref().map_or(i18n.locale.get_untracked(), |r| r.locale);
    let (id, title, body) = reply.map_or_else(Default::default, |r| (r.id, r.title, r.body));
    view! {
        <ActionForm action=action attr:class="stack">
            <input type="hidden" name="id" value=id />
            <label for=lang_id.clone()>{i18n.t(Msg::Language)}</label>
            <select id=lang_id name="locale">
                {Locale::ALL.iter().map(|&l| view! { <option value=l.code() selected=l == locale>{l.native_name()}</option> }).collect_view()}
            </select>
            <label for=title_id.clone()>{i18n.t(Msg::ReplyName)}</label>
            <input id=title_id name="title" required maxlength=MAX_TITLE.to_string() value=title />
            <label for=body_id.clone()>{i18n.t(Msg::ReplyText)}</label>
            <textarea id=body_id name="body" rows="4" required maxlength=MAX_BODY.to_string()>{body}</textarea>
            <button type="submit" class="primary" data-testid="save-reply">{i18n.t(Msg::Save)}</button>
        </ActionForm>
    }
}

#[component]
pub fn RepliesPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveReply>::new();
    let delete = ServerAction::<DeleteReply>::new();
    let list = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| saved_replies(),
    );
    view! {
        <Title text=i18n.t(Msg::RepliesTitle) />
        <h1>{move || i18n.t(Msg::RepliesTitle)}</h1>
        <p class="lead">{move || i18n.t(Msg::RepliesLead).replace("{list}", &placeholder_list())}</p>
        <ErrorNote error=error_of(save) />
        <ErrorNote error=error_of(delete) />
        <details class="card" data-testid="new-reply">
            <summary>{move || i18n.t(Msg::ReplyNew)}</summary>
            <ReplyForm action=save reply=None />
        </details>
        {load(list, move |rows: Vec<SavedReply>| {
            Locale::ALL
                .iter()
                .map(|&l| {
                    let mine: Vec<SavedReply> = rows.iter().filter(|r| r.locale == l).cloned().collect();
                    view! {
                        <section data-testid="replies" data-lang=l.code()>
                            <h2>{l.native_name()}</h2>
                            {mine.is_empty().then(|| view! { <p class="muted">{i18n.t(Msg::RepliesEmpty)}</p> })}
                            <ul class="call-list">
                                {mine
                                    .into_iter()
                                    .map(|r| {
                                        let id = r.id.clone();
                                        view! {
                                            <li class="call-item" data-testid="reply">
                                                <strong>{r.title.clone()}</strong>
                                                <p class="pre-line">{r.body.clone()}</p>
                                                <details>
                                                    <summary>{i18n.t(Msg::Edit)}</summary>
                                                    <ReplyForm action=save reply=Some(r) />
                                                </details>
                                                <ActionForm action=delete attr:class="inline-form">
                                                    <input type="hidden" name="id" value=id />
                                                    <button type="submit" class="small" data-testid="delete-reply">{i18n.t(Msg::ReplyDelete)}</button>
                                                </ActionForm>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()
        })}
    }
}

/// SUP-3: the replies beside a dispute's message box, found by a short
/// search in the language picked (the client's until the agent picks
/// another), each shown filled in; "Insert" puts one in the box.
#[component]
pub fn ReplyPicker(p: PickerView) -> impl IntoView {
    let i18n = use_i18n();
    let open = p.asked;
    let insert = |lang: Locale, q: &str, id: &str| {
        format!(
            "?reply_lang={}&reply_q={}&reply={}",
            lang.code(),
            urlencode(q),
            urlencode(id)
        )
    };
    let PickerView {
        lang, query, matches, ..
    } = p;
    let found = if matches.is_empty() {
        view! { <p class="muted">{i18n.t(Msg::ReplyNoneFound)}</p> }.into_any()
    } else {
        view! {
            <ul class="call-list">
                {matches
                    .into_iter()
                    .map(|r| view! {
                        <li class="call-item" data-testid="saved-reply">
                            <strong>{r.title}</strong>
                            <p class="muted pre-line">{r.body}</p>
                            <a href=insert(lang, &query, &r.id) data-testid="insert-reply">{i18n.t(Msg::ReplyInsert)}</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <details class="card" data-testid="saved-replies" open=open>
            <summary>{i18n.t(Msg::SavedReplies)}</summary>
            <form method="get" class="filters" role="search">
                <label for="reply-q">{i18n.t(Msg::Search)}</label>
                <input id="reply-q" name="reply_q" type="search" maxlength="100" value=query.clone() data-testid="reply-search" />
                <label for="reply-lang">{i18n.t(Msg::Language)}</label>
                <select id="reply-lang" name="reply_lang" data-testid="reply-lang">
                    {Locale::ALL.iter().map(|&l| view! { <option value=l.code() selected=l == lang>{l.native_name()}</option> }).collect_view()}
                </select>
                <button type="submit" data-testid="find-replies">{i18n.t(Msg::ReplyFind)}</button>
            </form>
            {found}
            <p class="hint">
                <a href=i18n.href("/support/replies")>{i18n.t(Msg::ReplyManage)}</a>
            </p>
        </details>
    }
}
