//! The notification list: newest first, unread ones marked in words, each
//! a plain link that marks it read on the way to its page; "Mark all as
//! read" works as a plain form post.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Msg;
use crate::notifications::api::{my_notices, OpenAllNotices};
use crate::notifications::{open_path, NoticeLine};
use crate::ui::components::{load, ErrorNote};
use crate::ui::context::use_i18n;
use crate::ui::forms::error_of;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<OpenAllNotices>::new();
    let list = Resource::new(
        move || i18n.locale.get().code(),
        |lang| my_notices(lang.to_string()),
    );
    view! {
        <Title text=i18n.t(Msg::Notifications) />
        <section class="page-head">
            <h1>{move || i18n.t(Msg::Notifications)}</h1>
        </section>
        <ErrorNote error=error_of(action) />
        {load(list, move |lines: Vec<NoticeLine>| view! { <NoticeList lines=lines action=action /> })}
    }
}

#[component]
fn NoticeList(lines: Vec<NoticeLine>, action: ServerAction<OpenAllNotices>) -> impl IntoView {
    let i18n = use_i18n();
    if lines.is_empty() {
        return view! { <p class="empty" data-testid="notices-empty">{i18n.t(Msg::NotificationsNone)}</p> }
            .into_any();
    }
    let unread = lines.iter().filter(|l| !l.read).count();
    let lang = i18n.prefix_code();
    view! {
        <p class="muted" data-testid="notices-unread">
            {i18n.t(Msg::NotificationsUnread).replace("{n}", &unread.to_string())}
        </p>
        {(unread > 0).then(|| view! {
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="lang" value=lang />
                <button type="submit" data-testid="mark-all">{i18n.t(Msg::NotificationsMarkAll)}</button>
            </ActionForm>
        })}
        <ul class="notice-list" data-testid="notices">
            {lines
                .into_iter()
                .map(|l| {
                    let at = l.at;
                    view! {
                        <li class="notice-item" data-read=if l.read { "true" } else { "false" } data-testid="notice">
                            // A plain link: the server marks it read and
                            // sends the reader on to its page.
                            <a href=open_path(&l.id, lang) rel="external" data-testid="notice-link">
                                {(!l.read).then(|| view! { <span class="tag tag-new" data-testid="notice-new">{i18n.t(Msg::NoticeNew)}</span> " " })}
                                <strong>{l.title}</strong>
                            </a>
                            {(!l.body.is_empty()).then(|| view! { <p>{l.body}</p> })}
                            <p class="muted">
                                <time datetime=at.to_rfc3339()>{crate::ui::time::local_and_relative(at)}</time>
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
