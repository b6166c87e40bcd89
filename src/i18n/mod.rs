//! Translations. Every message is a variant of [`Msg`] and the `catalog!`
//! macro demands an English and an Italian text for each, so a missing
//! translation or a mistyped key is a compile error, not a blank on screen.

mod catalog;

pub use catalog::Msg;

use crate::domain::{AppError, ErrorCode, Locale, RuleId};

/// The message a person reads for an error, in their language: what the
/// rule says when a rule refused it (with its ID), else what went wrong.
pub fn error_message(err: &AppError, locale: Locale) -> String {
    let detail = err.detail.as_deref().unwrap_or("");
    // MEET-5 says when the window opens, or when it closed.
    let (specific, detail) = match (err.rule, detail.split_once(' ')) {
        (Some(RuleId::Meet5), Some(("opens", at))) => (Some(Msg::RuleMeet5Opens), at),
        (Some(RuleId::Meet5), Some(("closed", at))) => (Some(Msg::RuleMeet5Closed), at),
        (Some(rule), _) if detail_msg(rule, detail).is_some() => (detail_msg(rule, detail), detail),
        _ => (err.rule.and_then(|rule| rule_msg(rule, err.code)), detail),
    };
    let base = specific.unwrap_or_else(|| error_msg(err.code)).text(locale);
    let base = base.replace("{detail}", detail);
    match err.rule {
        Some(rule) => format!("{base} ({}: {rule})", Msg::RuleLabel.text(locale)),
        None => base,
    }
}

/// Rules whose refusal says which part of the rule refused.
fn detail_msg(rule: RuleId, detail: &str) -> Option<Msg> {
    Some(match (rule, detail) {
        (RuleId::Bill2, "window") => Msg::RuleBill2Window,
        (RuleId::Bill2, "receipt") => Msg::RuleBill2Receipt,
        (RuleId::Bill2, "full") => Msg::RuleBill2Full,
        (RuleId::Bill2, "refunded") => Msg::RuleBill2Refunded,
        (RuleId::Bill2, "decided") => Msg::RuleBill2Decided,
        (RuleId::Bill3, "reason") => Msg::RuleBill3Reason,
        (RuleId::Bill3, "watched") => Msg::RuleBill3Watched,
        (RuleId::Bill3, "model") => Msg::RuleBill3Model,
        (RuleId::Bill4, _) => Msg::RuleBill4Note,
        (RuleId::Bill5, _) => Msg::RuleBill5Line,
        (RuleId::Help4, "stale") => Msg::RuleHelp4Stale,
        (RuleId::Help1 | RuleId::Help4, _) if !detail.is_empty() => Msg::RuleHelpField,
        _ => return None,
    })
}

/// Rules whose refusal deserves its own sentence.
fn rule_msg(rule: RuleId, code: ErrorCode) -> Option<Msg> {
    Some(match (rule, code) {
        (RuleId::Ref1, ErrorCode::NotAllowed) => Msg::RuleRef1NotYours,
        (RuleId::Ref3, _) => Msg::RuleRef3WindowClosed,
        (RuleId::Txn1, _) => Msg::RuleTxn1NotRefundable,
        (RuleId::Txn2, _) => Msg::RuleTxn2Cap,
        (RuleId::Txn4, _) => Msg::RuleTxn4,
        (RuleId::Txn5, ErrorCode::RuleViolation) => Msg::RuleTxn5BelowZero,
        (RuleId::Txn6, _) => Msg::RuleTxn6,
        (RuleId::Call1, ErrorCode::InsufficientCredits) => Msg::ErrInsufficientCredits,
        _ => return None,
    })
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
        ErrorCode::FileTooLarge => Msg::ErrFileTooLarge,
        ErrorCode::BodyTooLarge => Msg::ErrBodyTooLarge,
        ErrorCode::FileType => Msg::ErrFileType,
        ErrorCode::InsufficientCredits => Msg::ErrInsufficientCredits,
        ErrorCode::AlreadyReturned => Msg::ErrAlreadyReturned,
        ErrorCode::IdempotencyKeyReused => Msg::ErrIdempotencyKeyReused,
        ErrorCode::RuleViolation => Msg::ErrRuleViolation,
        ErrorCode::Unavailable => Msg::ErrUnavailable,
        ErrorCode::Network => Msg::ErrNetwork,
        ErrorCode::Internal => Msg::ErrInternal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_name_the_rule_in_the_readers_language() {
        let e = AppError::rule(RuleId::Ref3);
        let en = error_message(&e, Locale::En);
        assert!(en.contains("REF-3") && en.contains("60 minutes"), "{en}");
        let it = error_message(&e, Locale::It);
        assert!(it.contains("REF-3") && it.contains("regola"), "{it}");
    }

    #[test]
    fn r_meet_5_refusals_say_when_the_window_opens_or_closed() {
        let e = AppError::rule(RuleId::Meet5).with_detail("opens 2026-12-01 19:30 UTC");
        let it = error_message(&e, Locale::It);
        assert!(
            it.contains("si apre") && it.contains("2026-12-01 19:30 UTC") && it.contains("MEET-5"),
            "{it}"
        );
        let e = AppError::rule(RuleId::Meet5).with_detail("closed 2026-12-01 20:30 UTC");
        assert!(error_message(&e, Locale::En).contains("closed at 2026-12-01 20:30 UTC"));
    }

    #[test]
    fn r_bill_2_refusals_say_which_part_of_the_rule() {
        let e = AppError::rule(RuleId::Bill2).with_detail("window");
        let en = error_message(&e, Locale::En);
        assert!(en.contains("48 hours") && en.contains("BILL-2"), "{en}");
        let it = error_message(&AppError::rule(RuleId::Bill3).with_detail("watched"), Locale::It);
        assert!(it.contains("5 minuti") && it.contains("BILL-3"), "{it}");
    }

    #[test]
    fn details_fill_the_message() {
        let e = AppError::rule(RuleId::Txn2).with_detail("40");
        assert!(error_message(&e, Locale::En).contains("40 credits"));
        assert!(error_message(&e, Locale::It).contains("40 crediti"));
    }

    #[test]
    fn every_message_has_distinct_non_empty_texts() {
        for m in Msg::ALL {
            assert!(!m.text(Locale::En).trim().is_empty(), "{m:?} en");
            assert!(!m.text(Locale::It).trim().is_empty(), "{m:?} it");
        }
    }
}
