//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// A server function takes one argument per form field.
#![allow(clippy::too_many_arguments)]
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use leptos::prelude::*;

use crate::domain::notice::MailTopic;
use crate::domain::user::links::Purpose;
use crate::domain::{AppError, Locale, Role};

use super::*;

#[cfg(feature = "ssr")]
/// Only same-site absolute paths are followed after sign-in (no open redirect).
fn safe_next(next: &str) -> Option<&str> {
    let ok =
        next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.contains("://");
    ok.then_some(next)
}

#[cfg(feature = "ssr")]
fn summary(viewer: Option<crate::platform::auth::Viewer>) -> SessionInfo {
    let locale_setting = viewer.as_ref().and_then(|v| v.locale);
    let accept = crate::platform::request::header("accept-language");
    let zone = viewer
        .as_ref()
        .map(|v| v.time_zone.clone())
        .or_else(crate::platform::request::browser_zone)
        .unwrap_or_else(crate::domain::time::ZoneName::default_zone);
    let now = crate::platform::request::state()
        .map(|s| s.clock.now())
        .unwrap_or_else(|_| chrono::Utc::now());
    SessionInfo {
        preferred_locale: Locale::negotiate(None, locale_setting, accept.as_deref()),
        locale_setting,
        zone: (*crate::platform::zones::info(&zone)).clone(),
        now,
        user: viewer.map(|v| UserSummary {
            display_name: v.display_name,
            role: v.role,
        }),
    }
}

/// The session summary of whoever asks (anonymous included).
#[server(prefix = "/api", endpoint = "session/info")]
pub async fn current_session() -> Result<SessionInfo, AppError> {
    Ok(summary(crate::platform::request::viewer()))
}

/// Finishes a form post: without JavaScript the browser follows a 302; with
/// it, the page applies `Done` itself (session first, then navigation).
#[cfg(feature = "ssr")]
fn done(target: String, viewer: Option<crate::platform::auth::Viewer>) -> Done {
    crate::platform::request::redirect_plain_form(&target);
    Done {
        target,
        session: summary(viewer),
    }
}

#[server(prefix = "/api", endpoint = "auth/sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    lang: String,
    next: Option<String>,
) -> Result<Done, AppError> {
    use crate::domain::{Email, ErrorCode, Password};
    use crate::platform::auth;
    use crate::platform::request::*;

    let state = state()?;
    let email = Email::parse(&email).map_err(|_| AppError::new(ErrorCode::BadCredentials))?;
    let password = Password::for_sign_in(password)?;
    let address = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0.ip());
    let keys = crate::accounts::store::throttle_keys(&email, address);
    let now = state.clock.now();
    crate::accounts::store::check_throttle(&state.db, &keys, now).await?;
    let user = match crate::accounts::store::authenticate(&state.db, &email, password).await {
        Ok(user) => user,
        Err(e) => {
            if e.code == ErrorCode::BadCredentials {
                crate::accounts::store::record_failure(&state.db, &keys, now).await?;
                tracing::warn!(address = ?address, "sign-in failed");
            }
            return Err(e);
        }
    };
    crate::accounts::store::clear_failures(&state.db, &keys).await?;
    let token = auth::start_session(&state.db, &user, state.clock.now()).await?;
    set_cookie(&auth::session_cookie(&token, state.config.secure_cookies));
    let viewer = auth::viewer_for_token(&state.db, &token, state.clock.now())
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::Internal))?;
    let target = next
        .as_deref()
        .and_then(safe_next)
        .map(str::to_owned)
        .unwrap_or_else(|| localized_path(&lang, viewer.role.home_path()));
    tracing::info!(user = %user, "signed in");
    Ok(done(target, Some(viewer)))
}

#[server(prefix = "/api", endpoint = "auth/sign_up")]
pub async fn sign_up(
    display_name: String,
    email: String,
    password: String,
    role: String,
    lang: String,
    /// TIME-1: proposed from the browser; the browser's cookie, else the
    /// default, when the form sends none.
    #[server(default)]
    time_zone: Option<String>,
    /// "on" when the person confirmed they are 18 or over.
    #[server(default)]
    adult: Option<String>,
    /// "on" when they accepted the terms.
    #[server(default)]
    terms: Option<String>,
) -> Result<Done, AppError> {
    use crate::domain::{DisplayName, Email, ErrorCode, Password};
    use crate::platform::auth;
    use crate::platform::request::*;

    let state = state()?;
    let time_zone = match time_zone.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => crate::platform::zones::parse_known(raw)?,
        _ => browser_zone().unwrap_or_else(crate::domain::time::ZoneName::default_zone),
    };
    let account = crate::accounts::store::NewAccount {
        time_zone,
        display_name: DisplayName::parse(&display_name)?,
        email: Email::parse(&email)?,
        password: Password::parse_new(password)?,
        role: Role::parse_for_sign_up(&role)?,
        locale: Locale::from_tag(&lang),
    };
    if adult.as_deref() != Some("on") {
        return Err(AppError::new(ErrorCode::AgeNotConfirmed));
    }
    if terms.as_deref() != Some("on") {
        return Err(AppError::new(ErrorCode::TermsNotAccepted));
    }
    let role = account.role;
    let now = state.clock.now();
    // NOTE-4: the confirmation link, in the language of the page signed up on.
    let keys = crate::accounts::store::mail_request_keys(&account.email, peer().await);
    let mail = link_mail(mail_locale(&lang), Purpose::Confirm, &state.config.public_url);
    let user = crate::accounts::store::sign_up(&state.db, account, &keys, &mail, now).await?;
    state.work.notify_one();
    let token = auth::start_session(&state.db, &user, now).await?;
    set_cookie(&auth::session_cookie(&token, state.config.secure_cookies));
    tracing::info!(user = %user, role = %role, "signed up");
    let viewer = auth::viewer_for_token(&state.db, &token, now)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::Internal))?;
    Ok(done(localized_path(&lang, role.home_path()), Some(viewer)))
}

#[server(prefix = "/api", endpoint = "auth/sign_out")]
pub async fn sign_out(lang: String) -> Result<Done, AppError> {
    use crate::platform::auth;
    use crate::platform::request::*;

    let state = state()?;
    if let Some(token) = session_token() {
        auth::end_session(&state.db, &token).await?;
    }
    set_cookie(&auth::clear_session_cookie(state.config.secure_cookies));
    Ok(done(localized_path(&lang, "/"), None))
}

/// Saves the preferred language ("" follows the browser) and the time zone
/// (TIME-1; unchanged when the form sends none).
#[server(prefix = "/api", endpoint = "account/settings")]
pub async fn save_settings(
    locale: String,
    lang: String,
    #[server(default)] time_zone: Option<String>,
) -> Result<Done, AppError> {
    use crate::domain::ErrorCode;
    use crate::platform::request::*;

    let state = state()?;
    let viewer = require_viewer()?;
    let setting = match locale.as_str() {
        "" => None,
        tag => Some(
            Locale::from_tag(tag)
                .filter(|_| tag.len() == 2)
                .ok_or_else(|| AppError::new(ErrorCode::InvalidLocale))?,
        ),
    };
    let time_zone = match time_zone.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => crate::platform::zones::parse_known(raw)?,
        _ => viewer.time_zone.clone(),
    };
    crate::accounts::store::set_preferences(&state.db, &viewer.id, setting, &time_zone).await?;
    let viewer = crate::platform::auth::Viewer {
        locale: setting,
        time_zone,
        ..viewer
    };
    Ok(done(localized_path(&lang, "/settings?saved=1"), Some(viewer)))
}

/// The client's address (the mail limits' second key, like the sign-in
/// throttle's).
#[cfg(feature = "ssr")]
async fn peer() -> Option<std::net::IpAddr> {
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0.ip())
}

/// The language of the page a form was sent from: its prefix, else what
/// the browser asks for (what the page was shown in).
#[cfg(feature = "ssr")]
fn mail_locale(lang: &str) -> Locale {
    match Locale::from_tag(lang) {
        Some(l) if lang.len() == 2 => l,
        _ => {
            let accept = crate::platform::request::header("accept-language");
            Locale::negotiate(None, None, accept.as_deref())
        }
    }
}

/// NOTE-4: a new link and its mail in `locale`: what it is for, the link,
/// what to do if it was not asked for.
#[cfg(feature = "ssr")]
fn link_mail(locale: Locale, purpose: Purpose, public_url: &str) -> crate::accounts::store::LinkMail {
    use crate::i18n::Msg;
    let token = crate::accounts::store::LinkToken::generate();
    let (path, subject, body, action, ignore) = match purpose {
        Purpose::Confirm => (
            "/account/confirm",
            Msg::ConfirmMailSubject,
            Msg::ConfirmMailBody,
            Msg::ConfirmMailAction,
            Msg::ConfirmMailIgnore,
        ),
        Purpose::Reset => (
            "/account/reset",
            Msg::ResetMailSubject,
            Msg::ResetMailBody,
            Msg::ResetMailAction,
            Msg::ResetMailIgnore,
        ),
    };
    let link = format!(
        "{public_url}{}?token={}",
        crate::platform::request::localized_path(locale.code(), path),
        token.token
    );
    let t = |m: Msg| m.text(locale);
    let text = format!("{}\n\n{}\n\n{link}\n\n{}\n", t(body), t(action), t(ignore));
    let e = crate::domain::text::escape_html;
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><body style=\"font-family:sans-serif\">\
         <p>{body}</p><p><a href=\"{link}\">{action}</a></p><p style=\"font-size:.9em\">{link_text}</p>\
         <p style=\"color:#555;font-size:.9em\">{ignore}</p></body></html>",
        lang = locale.code(),
        body = e(t(body)),
        link = e(&link),
        action = e(t(action)),
        link_text = e(&link),
        ignore = e(t(ignore)),
    );
    crate::accounts::store::LinkMail {
        token,
        subject: t(subject).to_string(),
        text,
        html,
    }
}

/// NOTE-4: follows a link to confirm an address (the confirmation page
/// asks this when it opens). A used or expired link changes nothing.
#[server(prefix = "/api", endpoint = "account/confirm")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let state = crate::platform::request::state()?;
    crate::accounts::store::confirm_address(&state.db, &token, state.clock.now()).await?;
    tracing::info!("address confirmed");
    Ok(())
}

/// NOTE-4: a forgotten password. Always the same answer, whether or not an
/// account uses the address and also past the mail limits: the words that
/// say a link went to it if it has an account.
#[server(prefix = "/api", endpoint = "account/forgot")]
pub async fn request_password_reset(email: String, lang: String) -> Result<String, AppError> {
    use crate::domain::Email;
    use crate::platform::request::*;

    let state = state()?;
    let email = Email::parse(&email)?;
    let locale = mail_locale(&lang);
    let keys = crate::accounts::store::mail_request_keys(&email, peer().await);
    let mail = link_mail(locale, Purpose::Reset, &state.config.public_url);
    crate::accounts::store::request_reset(&state.db, &email, &keys, &mail, state.clock.now()).await?;
    state.work.notify_one();
    redirect_plain_form(&localized_path(&lang, "/account/forgot?sent=1"));
    Ok(crate::i18n::Msg::ResetLinkSent.text(locale).to_string())
}

/// NOTE-4: whether a reset link still works (the reset page asks before
/// showing its form). Changes nothing.
#[server(prefix = "/api", endpoint = "account/reset_link")]
pub async fn check_reset_link(token: String) -> Result<(), AppError> {
    let state = crate::platform::request::state()?;
    crate::accounts::store::reset_link_usable(&state.db, &token, state.clock.now()).await
}

/// NOTE-4: sets a new password through a reset link, the same password
/// rules as at sign-up. Every session of the person ends; nobody is signed
/// in: they sign in with the new password.
#[server(prefix = "/api", endpoint = "account/reset")]
pub async fn reset_password(
    token: String,
    password: String,
    password_again: String,
    lang: String,
) -> Result<Done, AppError> {
    use crate::domain::{Password, RuleId};
    use crate::platform::request::*;

    let state = state()?;
    let now = state.clock.now();
    crate::accounts::store::reset_link_usable(&state.db, &token, now).await?;
    if password != password_again {
        return Err(AppError::rule(RuleId::Note4).with_detail("passwords differ"));
    }
    let password = Password::parse_new(password)?;
    let user = crate::accounts::store::reset_password(&state.db, &token, password, now).await?;
    tracing::info!(user = %user, "password reset; sessions ended");
    set_cookie(&crate::platform::auth::clear_session_cookie(
        state.config.secure_cookies,
    ));
    Ok(done(localized_path(&lang, "/signin?reset=1"), None))
}

/// Settings: the person's address, whether it is confirmed, and the kinds
/// of e-mail they turned off.
#[server(prefix = "/api", endpoint = "account/mail")]
pub async fn mail_settings() -> Result<MailChoices, AppError> {
    use crate::platform::request::*;

    let state = state()?;
    let viewer = require_viewer()?;
    let (address, confirmed) = crate::accounts::store::address_of(&state.db, &viewer.id).await?;
    let off = crate::platform::outbox::opt_outs(&state.db, &viewer.id).await?;
    Ok(MailChoices {
        address,
        confirmed,
        off,
    })
}

/// NOTE-4: Settings' "send a new link" for an address not yet confirmed,
/// in the person's language. Past the limits it says from when.
#[server(prefix = "/api", endpoint = "account/confirm/send")]
pub async fn send_confirmation(lang: String) -> Result<Done, AppError> {
    use crate::platform::request::*;

    let state = state()?;
    let viewer = require_viewer()?;
    let locale = viewer.locale.unwrap_or_else(|| mail_locale(&lang));
    let mail = link_mail(locale, Purpose::Confirm, &state.config.public_url);
    let sent = crate::accounts::store::send_confirmation(
        &state.db,
        &viewer.id,
        peer().await,
        &mail,
        state.clock.now(),
    )
    .await?;
    if sent {
        state.work.notify_one();
    }
    Ok(done(localized_path(&lang, "/settings?link_sent=1"), Some(viewer)))
}

/// Settings: which kinds of e-mail the person gets. A form field per kind,
/// "on" when ticked (an unticked box sends nothing).
#[server(prefix = "/api", endpoint = "account/mail_topics")]
pub async fn save_mail_topics(
    lang: String,
    #[server(default)] sessions: Option<String>,
    #[server(default)] reminders: Option<String>,
    #[server(default)] disputes: Option<String>,
    #[server(default)] money: Option<String>,
    #[server(default)] messages: Option<String>,
) -> Result<Done, AppError> {
    use crate::platform::request::*;

    let state = state()?;
    let viewer = require_viewer()?;
    let ticked = |t: MailTopic| {
        let field = match t {
            MailTopic::Sessions => &sessions,
            MailTopic::Reminders => &reminders,
            MailTopic::Disputes => &disputes,
            MailTopic::Money => &money,
            MailTopic::Messages => &messages,
        };
        field.as_deref() == Some("on")
    };
    let off: Vec<MailTopic> = MailTopic::ALL.iter().copied().filter(|t| !ticked(*t)).collect();
    crate::platform::outbox::set_opt_outs(&state.db, &viewer.id, &off).await?;
    Ok(done(
        localized_path(&lang, "/settings?mail_saved=1"),
        Some(viewer),
    ))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn next_must_be_a_local_path() {
        assert_eq!(safe_next("/model/calls"), Some("/model/calls"));
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "model",
            "/x?u=http://e",
        ] {
            assert_eq!(safe_next(bad), None, "{bad}");
        }
    }
}

/// The zones a person can pick (TIME-1), for the sign-up and settings forms.
#[server(prefix = "/api", endpoint = "time_zones")]
pub async fn time_zones() -> Result<Vec<String>, AppError> {
    Ok(crate::platform::zones::choices()
        .iter()
        .map(|n| n.to_string())
        .collect())
}

/// The session summary of this request, for the page shell.
#[cfg(feature = "ssr")]
pub fn session_info() -> SessionInfo {
    summary(crate::platform::request::viewer())
}

/// Only reached when the app starts in the browser without server HTML.
#[cfg(not(feature = "ssr"))]
pub fn session_info() -> SessionInfo {
    use crate::domain::time::{ZoneInfo, ZoneName};
    SessionInfo {
        user: None,
        preferred_locale: Locale::En,
        locale_setting: None,
        zone: ZoneInfo::fixed(ZoneName::default_zone(), 3600, "CET"),
        now: chrono::Utc::now(),
    }
}
