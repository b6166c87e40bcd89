//! Accounts: roles and the values a person types when signing up.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::error::{AppError, ErrorCode};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Client,
    Model,
    /// Staff. Made only by `settle admin create-support`, never by sign-up.
    Support,
}

impl Role {
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Model => "model",
            Role::Support => "support",
        }
    }

    pub fn parse(raw: &str) -> Option<Role> {
        match raw {
            "client" => Some(Role::Client),
            "model" => Some(Role::Model),
            "support" => Some(Role::Support),
            _ => None,
        }
    }

    /// The roles a person may pick on the public sign-up form.
    pub fn parse_for_sign_up(raw: &str) -> Result<Role, AppError> {
        match Role::parse(raw) {
            Some(role @ (Role::Client | Role::Model)) => Ok(role),
            _ => Err(AppError::new(ErrorCode::InvalidRole)),
        }
    }

    /// Where this role lands after signing in.
    pub const fn home_path(self) -> &'static str {
        match self {
            Role::Client => "/client",
            Role::Model => "/model",
            Role::Support => "/support",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A normalised e-mail address (trimmed, lower-case, one `@`, a dot in the
/// domain). Deliverability is not checked: there is no mail here.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, AppError> {
        let s = raw.trim().to_lowercase();
        let valid = s.len() <= 254
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if valid {
            Ok(Email(s))
        } else {
            Err(AppError::new(ErrorCode::InvalidEmail))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name shown to others: 1–60 visible characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<DisplayName, AppError> {
        let s: String = raw.trim().chars().collect();
        let n = s.chars().count();
        if n == 0 || n > Self::MAX_CHARS || s.chars().any(|c| c.is_control() || is_invisible(c)) {
            return Err(AppError::new(ErrorCode::InvalidDisplayName));
        }
        Ok(DisplayName(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Bidi overrides and zero-width characters let a name pose as another.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// A password as typed, checked for length only (NIST 800-63B: length over
/// composition rules). Deliberately not `Serialize` and not `Display`.
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_BYTES: usize = 1024;

    pub fn parse_new(raw: String) -> Result<Password, AppError> {
        if raw.chars().count() < Self::MIN_CHARS || raw.len() > Self::MAX_BYTES {
            return Err(AppError::new(ErrorCode::WeakPassword));
        }
        Ok(Password(raw))
    }

    /// A password typed at sign-in: any length up to the cap is compared.
    pub fn for_sign_in(raw: String) -> Result<Password, AppError> {
        if raw.is_empty() || raw.len() > Self::MAX_BYTES {
            return Err(AppError::new(ErrorCode::BadCredentials));
        }
        Ok(Password(raw))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// Sign-in throttling (OWASP ASVS 2.2.1): failed sign-ins are counted per
/// account and per client address over a sliding window; past either limit
/// every attempt is refused, the right password included, until old
/// failures leave the window. The account limit stops guessing one
/// password; the address limit stops trying one password on many accounts.
pub mod throttle {
    use chrono::{DateTime, Duration, Utc};

    use crate::domain::error::{AppError, ErrorCode};

    pub const WINDOW: Duration = Duration::minutes(15);
    pub const PER_ACCOUNT: i64 = 5;
    pub const PER_ADDRESS: i64 = 20;

    /// Whether a failure at `at` still counts at `now`.
    pub fn counts(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - at < WINDOW
    }

    /// Failures still counting for the account and for the address.
    pub fn check(account_failures: i64, address_failures: i64) -> Result<(), AppError> {
        if account_failures >= PER_ACCOUNT || address_failures >= PER_ADDRESS {
            return Err(AppError::new(ErrorCode::TooManyAttempts));
        }
        Ok(())
    }
}

/// NOTE-4: the links e-mailed to confirm an address or reset a password,
/// and how often a mail may be asked for. A link works once, before its
/// hour is up; past either, nothing it would have done happens.
pub mod links {
    use chrono::{DateTime, Duration, Utc};

    use crate::domain::error::{AppError, ErrorCode, RuleId};

    /// How long a link works after it is made.
    pub const LIFETIME: Duration = Duration::hours(1);
    /// The window mail requests are counted over.
    pub const WINDOW: Duration = Duration::hours(1);
    /// Mails asked for one address within the window.
    pub const PER_ADDRESS: usize = 3;
    /// Mails asked for from one client address within the window.
    pub const PER_PEER: usize = 20;

    crate::domain::wire::text_enum! {
        /// What a link does.
        pub enum Purpose {
            Confirm = "confirm",
            Reset = "reset",
        }
    }

    /// Whether a link made to expire at `expires_at` may be used at `now`:
    /// at 59:59 after it was made it works, at 60:00 it does not.
    pub fn usable(expires_at: DateTime<Utc>, used: bool, now: DateTime<Utc>) -> Result<(), AppError> {
        if used || now >= expires_at {
            return Err(AppError::rule(RuleId::Note4));
        }
        Ok(())
    }

    /// Whether one more mail may be sent, given the instants of earlier
    /// requests for the address and from the client's address (any order).
    /// A refusal says from when a request counts again (detail `address`
    /// or `peer`: which limit was reached).
    pub fn may_send(
        address: &[DateTime<Utc>],
        peer: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        for (earlier, limit, which) in [(address, PER_ADDRESS, "address"), (peer, PER_PEER, "peer")] {
            let mut counting: Vec<DateTime<Utc>> =
                earlier.iter().copied().filter(|t| now - *t < WINDOW).collect();
            if counting.len() >= limit {
                counting.sort();
                let from = counting[counting.len() - limit] + WINDOW;
                return Err(AppError::new(ErrorCode::TooManyAttempts)
                    .with_rule(RuleId::Note4)
                    .with_detail(which)
                    .with_at(from));
            }
        }
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use chrono::TimeZone;

        #[test]
        fn a_link_works_until_its_hour_is_up_and_once() {
            let made = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
            let expires = made + LIFETIME;
            assert!(usable(expires, false, made + Duration::seconds(3599)).is_ok());
            assert!(usable(expires, false, made + Duration::seconds(3600)).is_err());
            assert!(usable(expires, true, made).is_err());
        }

        #[test]
        fn three_mails_an_hour_per_address_and_twenty_per_peer() {
            let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
            let m = |min: i64| t0 + Duration::minutes(min);
            let now = m(30);
            assert!(may_send(&[m(0), m(10)], &[], now).is_ok());
            let e = may_send(&[m(20), m(0), m(10)], &[], now).unwrap_err();
            assert_eq!(e.detail.as_deref(), Some("address"));
            assert_eq!(e.at, Some(m(60)));
            // The oldest leaves the window at 60:00 exactly.
            assert!(may_send(&[m(0), m(10), m(20)], &[], m(60)).is_ok());
            let peer: Vec<_> = (0..20).map(m).collect();
            let e = may_send(&[], &peer, now).unwrap_err();
            assert_eq!((e.detail.as_deref(), e.at), (Some("peer"), Some(m(60))));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sign_in_throttle_limits_and_window_edges() {
        use super::throttle::*;
        use chrono::TimeZone;
        assert!(check(PER_ACCOUNT - 1, PER_ADDRESS - 1).is_ok());
        assert_eq!(
            check(PER_ACCOUNT, 0).unwrap_err().code,
            super::ErrorCode::TooManyAttempts
        );
        assert!(check(0, PER_ADDRESS).is_err());
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
        assert!(counts(at, at + chrono::Duration::seconds(14 * 60 + 59)));
        assert!(!counts(at, at + chrono::Duration::minutes(15)));
    }

    use super::*;

    #[test]
    fn sign_up_never_grants_support() {
        assert_eq!(Role::parse_for_sign_up("client").unwrap(), Role::Client);
        assert_eq!(Role::parse_for_sign_up("model").unwrap(), Role::Model);
        assert_eq!(
            Role::parse_for_sign_up("support").unwrap_err().code,
            ErrorCode::InvalidRole
        );
        assert_eq!(
            Role::parse_for_sign_up("admin").unwrap_err().code,
            ErrorCode::InvalidRole
        );
    }

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ana@Example.COM ").unwrap().as_str(),
            "ana@example.com"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "a b@example.com",
            "ana@@example.com",
            "ana@.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn display_name_refuses_empty_long_and_invisible() {
        assert_eq!(DisplayName::parse("  Giulia ").unwrap().as_str(), "Giulia");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(61)).is_err());
        assert!(DisplayName::parse("Giu\u{202e}lia").is_err());
        assert!(DisplayName::parse("a\u{0007}").is_err());
        assert!(DisplayName::parse(&"é".repeat(60)).is_ok());
    }

    #[test]
    fn password_needs_ten_characters_and_never_prints() {
        assert!(Password::parse_new("short".into()).is_err());
        let p = Password::parse_new("long enough pass".into()).unwrap();
        assert_eq!(format!("{p:?}"), "Password(…)");
        assert!(Password::parse_new("x".repeat(2000)).is_err());
    }
}
