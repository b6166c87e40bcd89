//! SUP-6: a request to support from anyone, signed in or not. What a
//! request must hold, how many one person may send, and what an
//! anonymous reader's secret link may open.

use chrono::{DateTime, Duration, Utc};

use super::error::{AppError, ErrorCode, RuleId};
use super::text::optional_text;
use super::user::Email;

/// The longest message, in characters: a long story fits, a pasted log
/// does not.
pub const MAX_MESSAGE: usize = 4000;

/// Requests one person (an account, or a connection when not signed in)
/// may send within [`WINDOW`]: enough to add what was forgotten, too few
/// to flood the queue.
pub const PER_WINDOW: usize = 5;
pub const WINDOW: Duration = Duration::hours(1);

/// Where the answer goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The account's notifications (and its e-mail, as the person chose).
    Account,
    /// An anonymous reader's address.
    Email(Email),
}

/// A request as written in the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactDraft {
    pub message: String,
    pub reply: Reply,
}

/// A message to or from support in a request: 1 to [`MAX_MESSAGE`]
/// characters, without control or direction characters.
pub fn message(raw: &str) -> Result<String, AppError> {
    optional_text(raw, MAX_MESSAGE).ok().flatten().ok_or_else(|| {
        AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Sup6)
            .with_detail("message")
    })
}

impl ContactDraft {
    /// `signed_in`: the account answers; otherwise `email` must be an
    /// address. Refusals name the field (detail `message` or `email`).
    pub fn parse(message: &str, email: &str, signed_in: bool) -> Result<ContactDraft, AppError> {
        let bad = |field: &str| {
            AppError::new(ErrorCode::BadInput)
                .with_rule(RuleId::Sup6)
                .with_detail(field)
        };
        let message = self::message(message)?;
        let reply = if signed_in {
            Reply::Account
        } else {
            Reply::Email(Email::parse(email).map_err(|_| bad("email"))?)
        };
        Ok(ContactDraft { message, reply })
    }
}

/// Whether one more request may be sent, given the instants of this
/// writer's earlier ones (any order). A refusal says from when it may.
pub fn may_write(earlier: &[DateTime<Utc>], now: DateTime<Utc>) -> Result<(), AppError> {
    let mut counting: Vec<DateTime<Utc>> = earlier.iter().copied().filter(|t| now - *t < WINDOW).collect();
    if counting.len() < PER_WINDOW {
        return Ok(());
    }
    counting.sort();
    Err(AppError::new(ErrorCode::TooManyAttempts)
        .with_rule(RuleId::Sup6)
        .with_detail("limit")
        .with_at(counting[counting.len() - PER_WINDOW] + WINDOW))
}

/// A follow-up from the person who wrote: only while the request is open
/// (support closes it once answered; a new question is a new request).
pub fn may_follow_up(closed: bool) -> Result<(), AppError> {
    if closed {
        return Err(AppError::rule(RuleId::Sup6).with_detail("closed"));
    }
    Ok(())
}

/// A page the footer link came from, kept to show support where the
/// reader was: a path of this site, short, without its query.
pub fn page_of(raw: &str) -> Option<String> {
    let path = raw.split(['?', '#']).next().unwrap_or("").trim();
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 200
        && path
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'\\' && b != b'"' && b != b'<' && b != b'>');
    ok.then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn r_sup_6_anonymous_request_needs_an_address_and_words() {
        let d = ContactDraft::parse("  My refund did not arrive \r\n", " Ann@Example.COM ", false).unwrap();
        assert_eq!(d.message, "My refund did not arrive");
        assert_eq!(d.reply, Reply::Email(Email::parse("ann@example.com").unwrap()));
        let e = ContactDraft::parse("help", "not an address", false).unwrap_err();
        assert_eq!((e.rule, e.detail.as_deref()), (Some(RuleId::Sup6), Some("email")));
        let e = ContactDraft::parse("   ", "ann@example.com", false).unwrap_err();
        assert_eq!(e.detail.as_deref(), Some("message"));
        let e = ContactDraft::parse(&"x".repeat(MAX_MESSAGE + 1), "ann@example.com", false).unwrap_err();
        assert_eq!(e.detail.as_deref(), Some("message"));
        assert!(ContactDraft::parse(&"x".repeat(MAX_MESSAGE), "ann@example.com", false).is_ok());
        // Hidden direction marks and control characters are refused.
        assert!(ContactDraft::parse("pay \u{202e}me", "ann@example.com", false).is_err());
        // Signed in: the account answers, whatever the address field says.
        assert_eq!(ContactDraft::parse("hi", "", true).unwrap().reply, Reply::Account);
    }

    #[test]
    fn r_sup_6_five_requests_an_hour_then_from_when() {
        let first = at("2026-12-04T10:00:00Z");
        let earlier: Vec<_> = (0..5).map(|i| first + Duration::minutes(i * 10)).collect();
        assert!(may_write(&earlier[..4], first + Duration::minutes(45)).is_ok());
        let now = first + Duration::minutes(59) + Duration::seconds(59);
        let e = may_write(&earlier, now).unwrap_err();
        assert_eq!(e.code, ErrorCode::TooManyAttempts);
        assert_eq!(e.at, Some(first + Duration::hours(1)));
        // At 60:00 the first one no longer counts.
        assert!(may_write(&earlier, first + Duration::hours(1)).is_ok());
    }

    #[test]
    fn r_sup_6_follow_up_only_while_open() {
        assert!(may_follow_up(false).is_ok());
        assert_eq!(may_follow_up(true).unwrap_err().detail.as_deref(), Some("closed"));
    }

    #[test]
    fn r_sup_6_page_is_a_path_of_this_site() {
        assert_eq!(
            page_of("/it/sessions/abc?x=1#y").as_deref(),
            Some("/it/sessions/abc")
        );
        for bad in [
            "https://evil.test/",
            "//evil.test",
            "javascript:alert(1)",
            "/a<script>",
            "",
        ] {
            assert_eq!(page_of(bad), None, "{bad}");
        }
    }
}
