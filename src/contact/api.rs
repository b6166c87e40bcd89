//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use leptos::prelude::*;

use super::*;
use crate::domain::AppError;
#[cfg(feature = "ssr")]
use crate::domain::{ArticleId, ErrorCode, Role};

#[cfg(feature = "ssr")]
fn request_id(raw: &str) -> Result<ContactId, AppError> {
    ContactId::parse(raw.trim()).ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// The language a page was sent from (its prefix), else the writer's
/// setting, else what the browser asks for.
#[cfg(feature = "ssr")]
fn language(lang: &str) -> Locale {
    use crate::platform::request::{header, viewer};
    let url = Locale::from_tag(lang).filter(|_| lang.len() == 2);
    let setting = viewer().and_then(|v| v.locale);
    Locale::negotiate(url, setting, header("accept-language").as_deref())
}

/// The writer's private key, as a link carries it: hex only.
#[cfg(feature = "ssr")]
fn key_of(raw: &str) -> String {
    let k = raw.trim();
    if k.len() <= 128 && k.bytes().all(|b| b.is_ascii_hexdigit()) {
        k.to_string()
    } else {
        String::new()
    }
}

/// The writer's page of a request, in their language, with its key.
#[cfg(feature = "ssr")]
fn writer_path(lang: &str, id: &ContactId, key: &str, flag: &str) -> String {
    let base = crate::platform::request::localized_path(lang, &format!("/help/contact/{id}"));
    match (key.is_empty(), flag.is_empty()) {
        (true, true) => base,
        (true, false) => format!("{base}?{flag}=1"),
        (false, true) => format!("{base}?key={key}"),
        (false, false) => format!("{base}?key={key}&{flag}=1"),
    }
}

/// The contact form: the article a "No" came from (`article`, a help
/// article's id, or empty) and the page the footer link was followed from.
#[server(prefix = "/api", endpoint = "contact/form")]
pub async fn contact_form(article: String, page: String) -> Result<FormView, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let article = match ArticleId::parse(article.trim()) {
        Some(id) => super::store::article(&state.db, &id).await?,
        None => None,
    };
    let me = viewer();
    let mine = match &me {
        Some(v) => super::store::of_user(&state.db, &v.id).await?,
        None => Vec::new(),
    };
    Ok(FormView {
        article,
        signed_in_as: me.map(|v| v.display_name),
        page: crate::domain::contact::page_of(&page),
        mine,
    })
}

/// SUP-6: anyone writes to support. Signed in, the answer comes to the
/// account; otherwise `email` is where it goes. Answers the request's id;
/// a plain form goes on to the request's page (with its private key).
#[server(prefix = "/api", endpoint = "contact/send")]
pub async fn contact_support(
    message: String,
    email: String,
    article: String,
    page: String,
    lang: String,
) -> Result<ContactId, AppError> {
    use super::store::{Origin, Writer};
    use crate::platform::request::*;
    let state = state()?;
    let me = viewer();
    let draft = crate::domain::contact::ContactDraft::parse(&message, &email, me.is_some())?;
    let locale = language(&lang);
    let limit_key = match &me {
        Some(v) => format!("contact:user:{}", v.id),
        None => {
            let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .await
                .map(|c| c.0.ip().to_string())
                .unwrap_or_default();
            format!("contact:peer:{peer}")
        }
    };
    let key = me.is_none().then(crate::platform::auth::new_secret);
    let article = ArticleId::parse(article.trim());
    let page = crate::domain::contact::page_of(&page);
    let id = super::store::open(
        &state.db,
        &draft,
        Writer {
            account: me.as_ref().map(|v| (&v.id, v.role)),
            limit_key: &limit_key,
            reader_key: key.as_deref(),
        },
        Origin {
            locale,
            article: article.as_ref(),
            page: page.as_deref(),
        },
        state.clock.now(),
    )
    .await?;
    // The page keeps the address's language prefix, or its absence.
    redirect_plain_form(&writer_path(&lang, &id, key.as_deref().unwrap_or(""), "sent"));
    Ok(id)
}

/// The writer's request: theirs when signed in, or opened with its key.
#[server(prefix = "/api", endpoint = "contact/view")]
pub async fn contact_request(id: String, key: String) -> Result<RequestView, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = viewer();
    super::store::for_writer(
        &state.db,
        &request_id(&id)?,
        me.as_ref().map(|v| &v.id),
        &key_of(&key),
    )
    .await
}

/// The writer adds to their open request.
#[server(prefix = "/api", endpoint = "contact/follow-up")]
pub async fn contact_follow_up(id: String, key: String, body: String, lang: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = viewer();
    let id = request_id(&id)?;
    let key = key_of(&key);
    super::store::follow_up(
        &state.db,
        &id,
        me.as_ref().map(|v| &v.id),
        &key,
        &body,
        state.clock.now(),
    )
    .await?;
    redirect_plain_form(&writer_path(&lang, &id, &key, "added"));
    Ok(())
}

/// Support's view of a request, notes included.
#[server(prefix = "/api", endpoint = "contact/support-view")]
pub async fn support_contact(id: String) -> Result<RequestView, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(Role::Support)?;
    super::store::for_support(&state.db, &request_id(&id)?).await
}

/// SUP-6: support answers a request (or, with `note`, writes for support
/// only). The writer hears of an answer: in their notifications, or by
/// e-mail with a link back to the conversation.
#[server(prefix = "/api", endpoint = "contact/answer")]
pub async fn answer_contact(id: String, body: String, note: Option<String>) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let id = request_id(&id)?;
    let public_url = state.config.public_url.clone();
    let mail = |facts: &super::store::MailFacts, answer: &str| answer_mail(facts, &id, answer, &public_url);
    super::store::answer(
        &state.db,
        &id,
        &me.id,
        &body,
        note.is_some(),
        mail,
        state.clock.now(),
    )
    .await
}

/// Support closes a request once it is settled.
#[server(prefix = "/api", endpoint = "contact/close")]
pub async fn close_contact(id: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    super::store::close(&state.db, &request_id(&id)?, &me.id, state.clock.now()).await
}

/// The mail an anonymous writer gets with support's answer, in the
/// request's language: the answer itself, and the private link to read
/// the conversation and write back.
#[cfg(feature = "ssr")]
fn answer_mail(
    facts: &super::store::MailFacts,
    id: &ContactId,
    answer: &str,
    public_url: &str,
) -> super::store::AnswerMail {
    use crate::i18n::Msg;
    let locale = facts.locale;
    let link = format!(
        "{public_url}{}",
        writer_path(locale.code(), id, &facts.reader_key, "")
    );
    let t = |m: Msg| m.text(locale);
    let subject = t(Msg::ContactMailSubject).to_string();
    let text = format!(
        "{}\n\n{answer}\n\n{} {link}\n\n-- \n{}\n",
        t(Msg::ContactMailIntro),
        t(Msg::ContactMailAction),
        t(Msg::ContactMailFooter)
    );
    let e = crate::domain::text::escape_html;
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><body style=\"font-family:sans-serif\">\
         <p>{intro}</p><blockquote style=\"white-space:pre-line\">{answer}</blockquote>\
         <p><a href=\"{link}\">{action}</a></p>\
         <hr><p style=\"color:#555;font-size:.9em\">{footer}</p></body></html>",
        lang = locale.code(),
        intro = e(t(Msg::ContactMailIntro)),
        answer = e(answer),
        link = e(&link),
        action = e(t(Msg::ContactMailAction).trim_end_matches(':')),
        footer = e(t(Msg::ContactMailFooter)),
    );
    super::store::AnswerMail { subject, text, html }
}
