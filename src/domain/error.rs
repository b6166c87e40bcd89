//! The one error type of Settle. It crosses the wire (server function →
//! page), so it carries a stable code and, where a product rule refused the
//! request, that rule's ID; the page words it in the reader's language.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! rule_ids {
    ($($variant:ident => $id:literal),* $(,)?) => {
        /// A rule of SPEC.md, named in refusals so a person can look it up.
        /// On the wire it is the rule's ID as written in SPEC.md ("REF-3").
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RuleId { $($variant),* }

        impl RuleId {
            /// Every rule, in SPEC.md order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            pub const fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id),* }
            }

            pub fn parse(raw: &str) -> Option<RuleId> {
                match raw { $($id => Some(RuleId::$variant),)* _ => None }
            }
        }
    };
}

rule_ids! {
    Call1 => "CALL-1", Call2 => "CALL-2",
    Ref1 => "REF-1", Ref2 => "REF-2", Ref3 => "REF-3", Ref4 => "REF-4", Ref5 => "REF-5", Ref6 => "REF-6",
    Txn1 => "TXN-1", Txn2 => "TXN-2", Txn3 => "TXN-3", Txn4 => "TXN-4", Txn5 => "TXN-5", Txn6 => "TXN-6", Txn7 => "TXN-7",
    Bill1 => "BILL-1", Bill2 => "BILL-2", Bill3 => "BILL-3", Bill4 => "BILL-4", Bill5 => "BILL-5", Bill6 => "BILL-6",
    Meet1 => "MEET-1", Meet2 => "MEET-2", Meet3 => "MEET-3", Meet4 => "MEET-4", Meet5 => "MEET-5",
    Meet6 => "MEET-6", Meet7 => "MEET-7", Meet8 => "MEET-8", Meet9 => "MEET-9", Meet10 => "MEET-10",
    Meet11 => "MEET-11", Meet12 => "MEET-12", Meet13 => "MEET-13",
    Meet14 => "MEET-14", Meet15 => "MEET-15", Meet16 => "MEET-16",
    Disp1 => "DISP-1", Disp2 => "DISP-2", Disp3 => "DISP-3",
    Rate1 => "RATE-1", Rate2 => "RATE-2", Rate3 => "RATE-3", Rate4 => "RATE-4", Rate5 => "RATE-5", Rate6 => "RATE-6",
    Help1 => "HELP-1", Help2 => "HELP-2", Help3 => "HELP-3", Help4 => "HELP-4", Help5 => "HELP-5",
    Time1 => "TIME-1", Time2 => "TIME-2", Time3 => "TIME-3",
    Note1 => "NOTE-1", Note2 => "NOTE-2", Note3 => "NOTE-3", Note4 => "NOTE-4",
    Sup1 => "SUP-1", Sup2 => "SUP-2", Sup3 => "SUP-3", Sup6 => "SUP-6",
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        RuleId::parse(&raw).ok_or_else(|| serde::de::Error::custom(format!("unknown rule {raw}")))
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! error_codes {
    ($($variant:ident => $code:literal, $status:literal);* $(;)?) => {
        /// Stable, machine-readable error codes (documented in docs/api.md;
        /// never renamed once shipped). On the wire: the snake_case code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode { $($variant),* }

        impl ErrorCode {
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code),* }
            }

            /// The HTTP status a refusal of this kind answers with.
            pub const fn http_status(self) -> u16 {
                match self { $(ErrorCode::$variant => $status),* }
            }

            pub fn parse(raw: &str) -> Option<ErrorCode> {
                match raw { $($code => Some(ErrorCode::$variant),)* _ => None }
            }
        }
    };
}

error_codes! {
    // Accounts and access
    NotSignedIn => "not_signed_in", 401;
    NotAllowed => "not_allowed", 403;
    BadCredentials => "bad_credentials", 401;
    EmailTaken => "email_taken", 409;
    InvalidEmail => "invalid_email", 422;
    InvalidDisplayName => "invalid_display_name", 422;
    WeakPassword => "weak_password", 422;
    InvalidRole => "invalid_role", 422;
    InvalidLocale => "invalid_locale", 422;
    // Sign-up: the 18-or-over box, the terms box.
    AgeNotConfirmed => "age_not_confirmed", 422;
    TermsNotAccepted => "terms_not_accepted", 422;
    TooManyAttempts => "too_many_attempts", 429;
    CrossSiteRequest => "cross_site_request", 403;
    // Generic input and state
    BadInput => "bad_input", 400;
    NotFound => "not_found", 404;
    FileTooLarge => "file_too_large", 413;
    // The request itself is over the size any form of ours sends.
    BodyTooLarge => "body_too_large", 413;
    FileType => "file_type", 415;
    // A picture with more pixels than a photo needs (`detail`: the side).
    ImageTooLarge => "image_too_large", 413;
    // Money
    InsufficientCredits => "insufficient_credits", 409;
    // Support already returned everything this refund would return.
    AlreadyReturned => "already_returned", 409;
    // An idempotency key sent again with a different request (another
    // amount, account or kind): refused, nothing changes.
    IdempotencyKeyReused => "idempotency_key_reused", 422;
    // A product rule refused the request; `rule` names which one.
    RuleViolation => "rule_violation", 422;
    // Infrastructure
    Unavailable => "unavailable", 503;
    Network => "network", 502;
    Internal => "internal", 500;
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppError {
    pub code: ErrorCode,
    /// The SPEC rule that refused the request, when one did.
    pub rule: Option<RuleId>,
    /// A value the message may show (which part of a rule refused, a
    /// limit), never internal detail such as database text.
    pub detail: Option<String>,
    /// The instant the message names ("until …", "from …"): an instant, so
    /// the page writes it in the reader's zone (TIME-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

impl AppError {
    pub const fn new(code: ErrorCode) -> Self {
        Self {
            code,
            rule: None,
            detail: None,
            at: None,
        }
    }

    /// A refusal by a product rule.
    pub const fn rule(rule: RuleId) -> Self {
        Self {
            code: ErrorCode::RuleViolation,
            rule: Some(rule),
            detail: None,
            at: None,
        }
    }

    pub fn with_rule(mut self, rule: RuleId) -> Self {
        self.rule = Some(rule);
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// The instant the refusal is about: when a window opens or closed.
    pub fn with_at(mut self, at: chrono::DateTime<chrono::Utc>) -> Self {
        self.at = Some(at);
        self
    }

    /// Compact form used in URLs (`?__err=` on no-JS form posts) and logs:
    /// `code`, `code:RULE` or `code:RULE:detail`.
    pub fn to_token(&self) -> String {
        let mut s = self.code.as_str().to_string();
        if self.rule.is_some() || self.detail.is_some() {
            s.push(':');
            if let Some(r) = self.rule {
                s.push_str(r.as_str());
            }
        }
        if let Some(d) = &self.detail {
            s.push(':');
            s.push_str(d);
        }
        s
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_token())
    }
}

impl std::error::Error for AppError {}

// How an error travels between browser and server (both sides compile it).
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::new(ErrorCode::Network),
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::new(ErrorCode::BadInput),
            _ => AppError::new(ErrorCode::Internal),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_map_to_statuses() {
        for code in [
            ErrorCode::NotAllowed,
            ErrorCode::RuleViolation,
            ErrorCode::Unavailable,
        ] {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(ErrorCode::NotSignedIn.http_status(), 401);
        assert_eq!(ErrorCode::Unavailable.http_status(), 503);
        assert_eq!(ErrorCode::parse("nope"), None);
    }

    #[test]
    fn the_wire_form_is_the_stable_code_and_the_spec_rule_id() {
        let e = AppError::rule(RuleId::Meet10).with_detail("x");
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"code":"rule_violation","rule":"MEET-10","detail":"x"}"#);
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), e);
        for code in [
            ErrorCode::NotSignedIn,
            ErrorCode::CrossSiteRequest,
            ErrorCode::InvalidDisplayName,
        ] {
            assert_eq!(
                serde_json::to_string(&code).unwrap(),
                format!("\"{}\"", code.as_str())
            );
        }
        assert!(serde_json::from_str::<RuleId>("\"REF-99\"").is_err());
    }

    #[test]
    fn token_names_the_rule() {
        let e = AppError::rule(RuleId::Ref3);
        assert_eq!(e.to_token(), "rule_violation:REF-3");
        assert_eq!(AppError::new(ErrorCode::NotFound).to_token(), "not_found");
        let e = AppError::rule(RuleId::Meet5).with_detail("2026-01-01T10:00:00Z");
        assert_eq!(e.to_token(), "rule_violation:MEET-5:2026-01-01T10:00:00Z");
    }
}
