//! Translations. Every message is a variant of [`Msg`] and the `catalog!`
//! macro demands an English and an Italian text for each, so a missing
//! translation or a mistyped key is a compile error, not a blank on screen.

mod catalog;

pub use catalog::Msg;

use crate::domain::{AppError, ErrorCode, Locale};

/// The message a person reads for an error, in their language.
pub fn error_message(err: &AppError, locale: Locale) -> String {
    let base = error_msg(err.code).text(locale);
    match err.rule {
        Some(rule) => format!("{base} ({}: {rule})", Msg::RuleLabel.text(locale)),
        None => base.to_string(),
    }
}

const fn error_msg(code: ErrorCode) -> Msg {
    match code {
        ErrorCode::NotSignedIn => Msg::ErrNotSignedIn,
        ErrorCode::NotAllowed => Msg::ErrNotAllowed,
        ErrorCode::BadCredentials => Msg::ErrBadCredentials,
        ErrorCode::EmailTaken => Msg::ErrEmailTaken,
        ErrorCode::InvalidEmail => Msg::ErrInvalidEmail,
        ErrorCode::InvalidDisplayName => Msg::ErrInvalidDisplayName,
        ErrorCode::WeakPassword => Msg::ErrWeakPassword,
        ErrorCode::InvalidRole => Msg::ErrInvalidRole,
        ErrorCode::InvalidLocale => Msg::ErrInvalidLocale,
        ErrorCode::TooManyAttempts => Msg::ErrTooManyAttempts,
        ErrorCode::CrossSiteRequest => Msg::ErrCrossSite,
        ErrorCode::BadInput => Msg::ErrBadInput,
        ErrorCode::NotFound => Msg::ErrNotFound,
        ErrorCode::RuleViolation => Msg::ErrRuleViolation,
        ErrorCode::Unavailable => Msg::ErrUnavailable,
        ErrorCode::Network => Msg::ErrNetwork,
        ErrorCode::Internal => Msg::ErrInternal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RuleId;

    #[test]
    fn error_messages_name_the_rule_in_the_readers_language() {
        let e = AppError::rule(RuleId::Ref3);
        assert!(error_message(&e, Locale::En).contains("REF-3"));
        let it = error_message(&e, Locale::It);
        assert!(it.contains("REF-3") && it.contains("regola"), "{it}");
    }

    #[test]
    fn every_message_has_distinct_non_empty_texts() {
        for m in Msg::ALL {
            assert!(!m.text(Locale::En).trim().is_empty(), "{m:?} en");
            assert!(!m.text(Locale::It).trim().is_empty(), "{m:?} it");
        }
    }
}
