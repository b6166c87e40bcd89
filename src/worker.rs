//! The background worker (NOTE-2, MEET-14/15): runs due jobs, tells open
//! pages that a person's notices changed, and delivers the outbox. One per
//! app server; several servers share the work through the claims of
//! `platform::jobs` and `platform::outbox`. It wakes every second, and at
//! once when a request wrote something (`AppState::work`).

use chrono::{DateTime, Utc};

use crate::domain::time::{write_instant, ZoneName};
use crate::domain::Locale;
use crate::i18n::{notice_words, Msg};
use crate::platform::mailer::Mail;
use crate::platform::outbox::{self, Claimed, Written};
use crate::platform::{jobs, state::AppState};

/// How many jobs one claim takes.
const BATCH: i64 = 20;

/// The longest one mail's SMTP exchange may take: well inside the outbox's
/// claim (`outbox::CLAIM`, 30 s).
const SEND_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// What one round did (tests and the log read it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub jobs: usize,
    pub told: usize,
    pub sent: usize,
    pub failed: usize,
}

pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        loop {
            let round = run_once(&state).await;
            if round.failed > 0 {
                tracing::warn!(failed = round.failed, "some mails wait for the mail server");
            }
            tokio::select! {
                _ = state.work.notified() => {}
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
            }
        }
    });
}

/// One round at the clock's `now`: every due job, then the live count,
/// then the mails. Errors are logged and retried next round.
pub async fn run_once(state: &AppState) -> Round {
    run_at(state, state.clock.now()).await
}

/// One round at `now` (tests hold time still at an edge with it).
pub async fn run_at(state: &AppState, now: DateTime<Utc>) -> Round {
    let mut round = Round {
        jobs: run_jobs(state, now).await,
        ..Round::default()
    };
    match outbox::take_unpushed(&state.db, now).await {
        Ok(users) => {
            round.told = users.len();
            for u in users {
                state.live.notify(&live_key(u.as_str())).await;
            }
        }
        Err(e) => tracing::warn!(error = %e, "notices: live count"),
    }
    if let Err(e) = crate::help::insights::flush(&state.db, &state.searches).await {
        tracing::warn!(error = %e, "help searches: counts wait for the next round");
    }
    if state.mailer.sends() {
        let (sent, failed) = deliver(state, now).await;
        round.sent = sent;
        round.failed = failed;
    }
    round
}

/// The live channel's name for one person's notices.
pub fn live_key(user: &str) -> String {
    format!("user:{user}")
}

async fn run_jobs(state: &AppState, now: DateTime<Utc>) -> usize {
    let mut ran = 0;
    loop {
        let claimed = match jobs::claim(&state.db, now, BATCH).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "jobs: claim");
                return ran;
            }
        };
        let n = claimed.len();
        for job in claimed {
            match crate::sessions::store::run_job(&state.db, &job, now).await {
                Ok(()) => {
                    ran += 1;
                    // The session's open pages show what the job did.
                    if let Some(id) = crate::domain::SessionId::from_key(&job.subject) {
                        state.live.notify(&crate::platform::state::session_key(&id)).await;
                    }
                }
                Err(e) => {
                    tracing::warn!(job = %job.kind, subject = %job.subject, error = %e, "job failed; retried");
                    let _ = jobs::failed(&state.db, &job, &format!("{e:?}"), now).await;
                }
            }
        }
        if (n as i64) < BATCH {
            return ran;
        }
    }
}

async fn deliver(state: &AppState, now: DateTime<Utc>) -> (usize, usize) {
    let (mut sent, mut failed) = (0, 0);
    loop {
        // Each claim at the time it is made (slow sends move the clock on);
        // one at a time: a crash leaves at most one mail claimed.
        let now = now.max(state.clock.now());
        let claimed = match outbox::claim(&state.db, now, 1).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "outbox: claim");
                return (sent, failed);
            }
        };
        let n = claimed.len();
        for m in claimed {
            let Some(w) = words(&m, &state.config.public_url) else {
                let _ = outbox::mark_dropped(&state.db, &m.id, now).await;
                continue;
            };
            let mail = Mail {
                key: &m.key,
                to: &m.address,
                subject: &w.subject,
                text: &w.text,
                html: &w.html,
            };
            // The whole exchange stays well inside the claim, so no other
            // worker takes the mail over while this one still sends it.
            let outcome = tokio::time::timeout(SEND_LIMIT, state.mailer.send(&mail))
                .await
                .unwrap_or_else(|_| Err("the mail server took too long".into()));
            match outcome {
                Ok(()) => {
                    // Marked one by one: a crash loses at most this mark.
                    if let Err(e) = outbox::mark_sent(&state.db, &m.id, now).await {
                        tracing::warn!(error = %e, "outbox: mark sent");
                    }
                    sent += 1;
                }
                Err(e) => {
                    failed += 1;
                    let _ = outbox::mark_failed(&state.db, &m, &e, now).await;
                }
            }
        }
        // A failing server is not asked again in this round.
        if n == 0 || failed > 0 {
            return (sent, failed);
        }
    }
}

/// A mail's words: written already (an account mail), or its notice in
/// the reader's language and zone (NOTE-3).
pub fn words(m: &Claimed, public_url: &str) -> Option<Written> {
    if let Some(w) = &m.written {
        return Some(w.clone());
    }
    let n = m.notice.as_ref()?;
    let locale = n
        .locale
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or(Locale::En);
    let zone =
        crate::platform::zones::info(&ZoneName::parse(&n.zone).unwrap_or_else(|_| ZoneName::default_zone()));
    let w = notice_words(n.kind, &n.params, locale, &|t| {
        write_instant(t, &zone, locale, true)
    });
    let link = format!(
        "{public_url}{}",
        crate::ui::context::localize_path(Some(locale), &n.link)
    );
    let settings = format!(
        "{public_url}{}",
        crate::ui::context::localize_path(Some(locale), "/settings")
    );
    let (open, footer) = (Msg::MailOpenLink.text(locale), Msg::MailFooter.text(locale));
    let text = format!(
        "{}\n\n{}\n\n{open} {link}\n\n-- \n{footer} {settings}\n",
        w.title, w.body
    );
    let e = crate::domain::text::escape_html;
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><body style=\"font-family:sans-serif\">\
         <h1 style=\"font-size:1.2em\">{title}</h1><p>{body}</p>\
         <p><a href=\"{link}\">{open}</a></p>\
         <hr><p style=\"color:#555;font-size:.9em\">{footer} <a href=\"{settings}\">{settings_text}</a></p>\
         </body></html>",
        lang = locale.code(),
        title = e(&w.title),
        body = e(&w.body),
        link = e(&link),
        open = e(open.trim_end_matches(':')),
        footer = e(footer),
        settings = e(&settings),
        settings_text = e(Msg::Settings.text(locale)),
    );
    Some(Written {
        subject: w.title,
        text,
        html,
    })
}
