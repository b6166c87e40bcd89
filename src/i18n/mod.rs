//! Translations. Every message is a variant of [`Msg`] and the `catalog!`
//! macro demands an English and an Italian text for each, so a missing
//! translation or a mistyped key is a compile error, not a blank on screen.

mod catalog;
pub mod ledger;
mod notice;

pub use catalog::Msg;
pub use notice::{notice_words, topic_label, NoticeWords};

use chrono::{DateTime, Utc};

use crate::domain::{AppError, ErrorCode, Locale, RuleId};

/// The message a person reads for an error, in their language: what the
/// rule says when a rule refused it (with its ID as a small reference),
/// else what went wrong. An instant the refusal names is written by `when`
/// (the page passes the reader's zone, TIME-1).
pub fn error_message_with(err: &AppError, locale: Locale, when: &dyn Fn(DateTime<Utc>) -> String) -> String {
    let detail = err.detail.as_deref().unwrap_or("");
    let mut text = message_for(err).text(locale).replace("{detail}", detail);
    if let Some(at) = err.at {
        text = text.replace("{time}", &when(at));
    }
    match err.rule {
        Some(rule) => format!("{text} ({}: {rule})", Msg::RuleLabel.text(locale)),
        None => text,
    }
}

/// Which sentence words a refusal: the most specific one that fits.
fn message_for(err: &AppError) -> Msg {
    let detail = err.detail.as_deref().unwrap_or("");
    match err.at {
        Some(_) => timed_msg(err.rule, detail).or_else(|| detail_msg(err.rule, detail)),
        None => detail_msg(err.rule, detail),
    }
    .or_else(|| err.rule.and_then(|rule| rule_msg(rule, err.code)))
    .unwrap_or_else(|| error_msg(err.code))
}

/// A detail a sentence may show as `{detail}`: a number of credits, a
/// line number. Any other detail names which part of a rule refused and is
/// matched, never shown.
fn is_number(detail: &str) -> bool {
    let digits = detail.strip_prefix('-').unwrap_or(detail);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The message without a reader's zone (logs, the command line): instants
/// in UTC, said so.
pub fn error_message(err: &AppError, locale: Locale) -> String {
    error_message_with(err, locale, &|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
}

/// Refusals that say until when or from when (their error carries `at`).
fn timed_msg(rule: Option<RuleId>, detail: &str) -> Option<Msg> {
    Some(match (rule?, detail) {
        (RuleId::Meet5, "opens") => Msg::RuleMeet5Opens,
        (RuleId::Meet5, "closed") => Msg::RuleMeet5Closed,
        (RuleId::Ref3, _) => Msg::RuleRef3ClosedAt,
        (RuleId::Bill2, "window") => Msg::RuleBill2WindowAt,
        (RuleId::Rate1, "session") => Msg::RuleRate1SessionClosedAt,
        (RuleId::Rate1, _) => Msg::RuleRate1ClosedAt,
        (RuleId::Rate2, _) => Msg::RuleRate2From,
        (RuleId::Rate4, "remove only") => Msg::RuleRate4RemoveOnly,
        (RuleId::Meet1, "start") => Msg::RuleMeet1StartAt,
        (RuleId::Meet1, "start_far") => Msg::RuleMeet1StartFarAt,
        (RuleId::Meet15, "closed") => Msg::RuleMeet15ClosedAt,
        (RuleId::Note4, "address") => Msg::RuleNote4TooManyLinks,
        (RuleId::Note4, "peer") => Msg::RuleNote4TooManyFromHere,
        (RuleId::Sup6, "limit") => Msg::RuleSup6LimitAt,
        _ => return None,
    })
}

/// Rules whose refusal says which part of the rule refused.
fn detail_msg(rule: Option<RuleId>, detail: &str) -> Option<Msg> {
    let number = is_number(detail);
    Some(match (rule?, detail) {
        (RuleId::Meet15, "disputed") => Msg::RuleMeet15Disputed,
        (RuleId::Bill2, "window") => Msg::RuleBill2Window,
        (RuleId::Bill2, "receipt") => Msg::RuleBill2Receipt,
        (RuleId::Bill2, "full") => Msg::RuleBill2Full,
        (RuleId::Bill2, "refunded") => Msg::RuleBill2Refunded,
        (RuleId::Bill2, "decided") => Msg::RuleBill2Decided,
        (RuleId::Bill3, "reason") => Msg::RuleBill3Reason,
        (RuleId::Bill3, "watched") => Msg::RuleBill3Watched,
        (RuleId::Bill3, "model") => Msg::RuleBill3Model,
        (RuleId::Bill3, "answered") => Msg::RuleBill3Answered,
        (RuleId::Bill4, _) => Msg::RuleBill4Note,
        (RuleId::Bill5, "0") => Msg::RuleBill5NoContacts,
        (RuleId::Bill5, _) if number => Msg::RuleBill5Line,
        // A service report (show, content sale): the detail is for the
        // reporting system's log.
        (RuleId::Bill1, _) if !detail.is_empty() => Msg::RuleBill1Report,
        (RuleId::Call1, "a call of zero seconds is not billed") => Msg::RuleCall1NotConnected,
        (RuleId::Txn2, _) if number => Msg::RuleTxn2Cap,
        (RuleId::Txn4, "spent") => Msg::RuleTxn4Spent,
        (RuleId::Txn5, _) if number => Msg::RuleTxn5BelowZero,
        (RuleId::Help4, "stale") => Msg::RuleHelp4Stale,
        (RuleId::Time3, "skipped") => Msg::RuleTime3Skipped,
        (RuleId::Meet1, "start_shape") => Msg::RuleMeet1StartShape,
        (RuleId::Meet1, "address") => Msg::RuleMeet1Address,
        (RuleId::Meet1, "tariff") => Msg::RuleMeet1Tariff,
        (RuleId::Meet1, "service") => Msg::RuleMeet1Service,
        (RuleId::Meet1, "scenario") => Msg::RuleMeet1Scenario,
        (RuleId::Meet1, "payment") => Msg::RuleMeet1Payment,
        (RuleId::Meet2, "replaced by I'm here") => Msg::RuleMeet2ImHereNow,
        (RuleId::Meet2, "address first") => Msg::RuleMeet2AddressFirst,
        (RuleId::Meet13, _) if number => Msg::RuleMeet13Cap,
        (RuleId::Disp3, "decided") => Msg::RuleDisp3Decided,
        (RuleId::Disp3, _) if number => Msg::RuleDisp3Cap,
        (RuleId::Rate1, "not finished") => Msg::RuleRate1SessionNotFinished,
        (RuleId::Rate1, "session") => Msg::RuleRate1SessionClosed,
        (RuleId::Rate5, "ask the rater first") => Msg::RuleRate5AskFirst,
        (RuleId::Rate5, "72 hours") => Msg::RuleRate5TooLate,
        (RuleId::Rate6, "not old") => Msg::RuleRate6NotOld,
        (RuleId::Rate6, "evidence") => Msg::RuleRate6Evidence,
        (RuleId::Rate6, "short call") => Msg::RuleRate6ShortCall,
        (RuleId::Rate6, "not a bad rating") => Msg::RuleRate6NotBad,
        (RuleId::Help1, "category") => Msg::RuleHelp1Category,
        (RuleId::Help1, "slug") => Msg::RuleHelp1Address,
        (RuleId::Help4, "slug") => Msg::RuleHelp4Slug,
        (RuleId::Help4, "title") => Msg::RuleHelp4Title,
        (RuleId::Help4, "summary") => Msg::RuleHelp4Summary,
        (RuleId::Help4, "body") => Msg::RuleHelp4Body,
        (RuleId::Help4, "popular") => Msg::RuleHelp4Popular,
        (RuleId::Help4, "revision") => Msg::RuleHelp4Revision,
        (RuleId::Help1 | RuleId::Help4, _) if !detail.is_empty() => Msg::RuleHelpField,
        (RuleId::Note4, "passwords differ") => Msg::RuleNote4PasswordsDiffer,
        (RuleId::Sup1, "owned") => Msg::RuleSup1Owned,
        (RuleId::Sup1, "resolved") => Msg::RuleSup1Resolved,
        (RuleId::Sup1, "not_owner") => Msg::RuleSup1NotOwner,
        (RuleId::Sup1, "same_agent") => Msg::RuleSup1SameAgent,
        (RuleId::Sup1, "agent") => Msg::RuleSup1Agent,
        (RuleId::Sup6, "message") => Msg::RuleSup6Message,
        (RuleId::Sup6, "email") => Msg::RuleSup6Email,
        (RuleId::Sup6, "closed") => Msg::RuleSup6Closed,
        (RuleId::Sup2, "targets") => Msg::RuleSup2Targets,
        (RuleId::Sup3, "placeholder") => Msg::RuleSup3Placeholder,
        (RuleId::Sup3, "title") => Msg::RuleSup3Title,
        (RuleId::Sup3, "body") => Msg::RuleSup3Body,
        (RuleId::Sup3, "language") => Msg::RuleSup3Language,
        _ => return None,
    })
}

/// Rules whose refusal deserves its own sentence; any rule refusal with
/// nothing more specific gets its rule's sentence (`rule_fallback`).
fn rule_msg(rule: RuleId, code: ErrorCode) -> Option<Msg> {
    Some(match (rule, code) {
        (RuleId::Ref1, ErrorCode::NotAllowed) => Msg::RuleRef1NotYours,
        (RuleId::Ref1, ErrorCode::BadInput) => Msg::RuleRef1Free,
        (RuleId::Ref3, _) => Msg::RuleRef3WindowClosed,
        (RuleId::Ref6, ErrorCode::BadInput) => Msg::RuleRef6Decision,
        (RuleId::Time1, _) => Msg::RuleTime1Zone,
        (RuleId::Txn1, _) => Msg::RuleTxn1NotRefundable,
        (RuleId::Txn2, ErrorCode::BadInput) => Msg::RuleTxn2Amount,
        (RuleId::Txn4, _) => Msg::RuleTxn4,
        (RuleId::Txn5, ErrorCode::BadInput) => Msg::RuleTxn5Amount,
        (RuleId::Txn6, ErrorCode::BadInput) => Msg::RuleTxn6Reference,
        (RuleId::Txn6, _) => Msg::RuleTxn6,
        (RuleId::Call1, ErrorCode::InsufficientCredits) => Msg::ErrInsufficientCredits,
        (RuleId::Call1, ErrorCode::BadInput) => Msg::RuleCall1Report,
        (RuleId::Call2, ErrorCode::NotFound) => Msg::RuleCall2NotYours,
        (RuleId::Call2, ErrorCode::BadInput) => Msg::RuleCall2Thumb,
        (RuleId::Bill1, ErrorCode::BadInput) => Msg::RuleBill1Product,
        (RuleId::Bill2, ErrorCode::InsufficientCredits) => Msg::RuleBill2Spent,
        (RuleId::Bill5, ErrorCode::BadInput) => Msg::RuleBill5Processor,
        (RuleId::Meet1, ErrorCode::InsufficientCredits) => Msg::RuleMeet1NoCredits,
        (RuleId::Meet2, ErrorCode::BadInput) => Msg::RuleMeet2Details,
        (RuleId::Meet6, ErrorCode::BadInput) => Msg::RuleMeet6Shape,
        (RuleId::Meet7, ErrorCode::InsufficientCredits) => Msg::RuleMeet7NoCredits,
        (RuleId::Meet9, ErrorCode::BadInput) => Msg::RuleMeet9Reason,
        (RuleId::Meet13, ErrorCode::BadInput) => Msg::RuleMeet13Amount,
        (RuleId::Disp3, ErrorCode::BadInput) => Msg::RuleDisp3Form,
        (RuleId::Disp3, ErrorCode::NotAllowed) => Msg::RuleDisp3SupportOnly,
        (RuleId::Rate1, ErrorCode::BadInput) => Msg::RuleRate1Stars,
        (RuleId::Rate4, ErrorCode::NotFound) => Msg::RuleRate4NotFound,
        (RuleId::Rate6, ErrorCode::BadInput) => Msg::RuleRate6Choice,
        (RuleId::Help3, ErrorCode::BadInput) => Msg::RuleHelp3Vote,
        (RuleId::Help3, ErrorCode::NotFound) => Msg::RuleHelp3NotFound,
        (RuleId::Help4, ErrorCode::NotFound) => Msg::RuleHelp4NoRevision,
        (rule, ErrorCode::RuleViolation) => rule_fallback(rule),
        _ => return None,
    })
}

/// What each rule says, in the reader's words, for a refusal that names
/// nothing more: every rule has one (no wildcard, so a new rule without a
/// sentence does not compile).
const fn rule_fallback(rule: RuleId) -> Msg {
    match rule {
        RuleId::Call1 => Msg::RuleCall1Report,
        RuleId::Call2 => Msg::RuleCall2Rate,
        RuleId::Ref1 => Msg::RuleRef1NotYours,
        RuleId::Ref2 => Msg::RuleRef2Once,
        RuleId::Ref3 => Msg::RuleRef3WindowClosed,
        RuleId::Ref4 => Msg::RuleRef4Where,
        RuleId::Ref5 => Msg::RuleRef5AskSupport,
        RuleId::Ref6 => Msg::RuleRef6Review,
        RuleId::Txn1 => Msg::RuleTxn1NotRefundable,
        RuleId::Txn2 => Msg::RuleTxn2NoMore,
        RuleId::Txn3 => Msg::RefundToBalance,
        RuleId::Txn4 => Msg::RuleTxn4,
        RuleId::Txn5 => Msg::RuleTxn5Changed,
        RuleId::Txn6 => Msg::RuleTxn6,
        RuleId::Txn7 => Msg::RuleTxn7Unbalanced,
        RuleId::Bill1 => Msg::RuleBill1Product,
        RuleId::Bill2 => Msg::RuleBill2Terms,
        RuleId::Bill3 => Msg::RuleBill3Heard,
        RuleId::Bill4 => Msg::RuleBill4Note,
        RuleId::Bill5 => Msg::RuleBill5Processor,
        RuleId::Bill6 => Msg::RuleBill6Language,
        RuleId::Meet1 => Msg::RuleMeet1Booking,
        RuleId::Meet2 => Msg::RuleMeet2Step,
        RuleId::Meet3 => Msg::RuleMeet3Step,
        RuleId::Meet4 => Msg::RuleMeet4Preferences,
        RuleId::Meet5 => Msg::RuleMeet5Window,
        RuleId::Meet6 => Msg::RuleMeet6Timing,
        RuleId::Meet7 => Msg::RuleMeet7Paid,
        RuleId::Meet8 => Msg::RuleMeet8Stage,
        RuleId::Meet9 => Msg::RuleMeet9Late,
        RuleId::Meet10 => Msg::RuleMeet10Reason,
        RuleId::Meet11 => Msg::RuleMeet11Reason,
        RuleId::Meet12 => Msg::RuleMeet12Reason,
        RuleId::Meet13 => Msg::RuleMeet13ModelOnly,
        RuleId::Meet14 => Msg::RuleMeet14NotStarted,
        RuleId::Meet15 => Msg::RuleMeet15Period,
        RuleId::Meet16 => Msg::RuleMeet16Lapsed,
        RuleId::Note1 => Msg::RuleNote1Notice,
        RuleId::Note2 => Msg::RuleNote2Delivery,
        RuleId::Note3 => Msg::RuleNote3Words,
        RuleId::Note4 => Msg::RuleNote4Link,
        RuleId::Disp1 => Msg::RuleDisp1Members,
        RuleId::Disp2 => Msg::RuleDisp2Chat,
        RuleId::Disp3 => Msg::RuleDisp3Once,
        RuleId::Rate1 => Msg::RuleRate1Closed,
        RuleId::Rate2 => Msg::RuleRate2Once,
        RuleId::Rate3 => Msg::RuleRate3Change,
        RuleId::Rate4 => Msg::RuleRate4Removed,
        RuleId::Rate5 => Msg::RuleRate5Window,
        RuleId::Rate6 => Msg::RuleRate6Grounds,
        RuleId::Help1 => Msg::RuleHelp1Article,
        RuleId::Help2 => Msg::RuleHelp2Search,
        RuleId::Help3 => Msg::RuleHelp3Vote,
        RuleId::Help4 => Msg::RuleHelp4Save,
        RuleId::Help5 => Msg::RuleHelp5Topic,
        RuleId::Time1 => Msg::RuleTime1Zone,
        RuleId::Time2 => Msg::RuleTime2Venue,
        RuleId::Time3 => Msg::RuleTime3Skipped,
        RuleId::Sup1 => Msg::RuleSup1Owner,
        RuleId::Sup2 => Msg::RuleSup2Targets,
        RuleId::Sup3 => Msg::RuleSup3Reply,
        RuleId::Sup6 => Msg::RuleSup6Request,
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
        ErrorCode::AgeNotConfirmed => Msg::ErrAgeNotConfirmed,
        ErrorCode::TermsNotAccepted => Msg::ErrTermsNotAccepted,
        ErrorCode::TooManyAttempts => Msg::ErrTooManyAttempts,
        ErrorCode::CrossSiteRequest => Msg::ErrCrossSite,
        ErrorCode::BadInput => Msg::ErrBadInput,
        ErrorCode::NotFound => Msg::ErrNotFound,
        ErrorCode::FileTooLarge => Msg::ErrFileTooLarge,
        ErrorCode::BodyTooLarge => Msg::ErrBodyTooLarge,
        ErrorCode::FileType => Msg::ErrFileType,
        ErrorCode::ImageTooLarge => Msg::ErrImageTooLarge,
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
        let at: DateTime<Utc> = "2026-12-01T19:30:00Z".parse().unwrap();
        let rome = |t: DateTime<Utc>| (t + chrono::Duration::hours(1)).format("%H:%M").to_string();
        let e = AppError::rule(RuleId::Meet5).with_detail("opens").with_at(at);
        let it = error_message_with(&e, Locale::It, &rome);
        assert!(it.contains("si apre il 20:30") && it.contains("MEET-5"), "{it}");
        let e = AppError::rule(RuleId::Meet5).with_detail("closed").with_at(at);
        let en = error_message_with(&e, Locale::En, &rome);
        assert!(en.contains("closed on 20:30"), "{en}");
        assert!(!en.contains("{time}") && !en.contains("UTC"), "{en}");
    }

    #[test]
    fn r_time_1_refusals_name_their_instant_in_the_readers_words() {
        let at: DateTime<Utc> = "2026-12-03T20:30:00Z".parse().unwrap();
        let when = |_: DateTime<Utc>| "3 dic 2026, 21:30".to_string();
        for e in [
            AppError::rule(RuleId::Ref3).with_at(at),
            AppError::rule(RuleId::Bill2).with_detail("window").with_at(at),
            AppError::rule(RuleId::Rate1).with_at(at),
            AppError::rule(RuleId::Rate2).with_at(at),
            AppError::rule(RuleId::Rate4)
                .with_detail("remove only")
                .with_at(at),
        ] {
            for locale in Locale::ALL {
                let text = error_message_with(&e, locale, &when);
                assert!(
                    text.contains("3 dic 2026, 21:30") && !text.contains('{'),
                    "{text}"
                );
            }
        }
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

    /// Every rule refusal the code makes, as (where it is made, the error).
    fn rule_refusals() -> Vec<(&'static str, AppError)> {
        use ErrorCode::{AlreadyReturned, BadInput, InsufficientCredits, Internal, NotAllowed, NotFound};
        let at: DateTime<Utc> = "2026-12-03T20:30:00Z".parse().unwrap();
        let by = |code: ErrorCode, rule: RuleId| AppError::new(code).with_rule(rule);
        let bad = |rule: RuleId, detail: &str| by(BadInput, rule).with_detail(detail);
        let rule = |rule: RuleId, detail: &str| AppError::rule(rule).with_detail(detail);
        vec![
            // CALL
            ("domain/call.rs billed_minutes, charge; calls/store.rs record_call", by(BadInput, RuleId::Call1)),
            ("calls/store.rs record_call (future end)", bad(RuleId::Call1, "ended_at is in the future")),
            ("calls/store.rs record_call (zero seconds)", bad(RuleId::Call1, "a call of zero seconds is not billed")),
            ("calls/store.rs record_call (roles)", bad(RuleId::Call1, "client_id and model_id must name a client and a model")),
            ("calls/store.rs record_call (ledger)", by(InsufficientCredits, RuleId::Call1)),
            ("calls/store.rs rate_call", by(NotFound, RuleId::Call2)),
            ("calls/api.rs rate (thumb)", by(BadInput, RuleId::Call2)),
            // REF
            ("domain/call.rs refund_decision (not her call)", by(NotAllowed, RuleId::Ref1)),
            ("domain/call.rs refund_decision (free call)", by(BadInput, RuleId::Ref1)),
            ("domain/call.rs refund_decision (support returned it)", by(AlreadyReturned, RuleId::Ref2)),
            ("domain/call.rs refund_decision (closed)", AppError::rule(RuleId::Ref3).with_at(at)),
            ("calls/api.rs decide_review (decision)", by(BadInput, RuleId::Ref6)),
            // TXN
            ("domain/ledger.rs check_support_refund", AppError::rule(RuleId::Txn1)),
            ("calls/api.rs decide_review, support/api.rs refund_txn (amount)", by(BadInput, RuleId::Txn2)),
            ("domain/ledger.rs check_support_refund; domain/billing.rs request_refund, decide, check_spend_cap", rule(RuleId::Txn2, "40")),
            ("support/store.rs delete_refund (not a live support refund)", AppError::rule(RuleId::Txn4)),
            ("support/store.rs delete_refund (credits spent)", rule(RuleId::Txn4, "spent")),
            ("domain/ledger.rs check_correction; support/api.rs correct_balance (amount)", by(BadInput, RuleId::Txn5)),
            ("domain/ledger.rs check_correction (below zero)", rule(RuleId::Txn5, "12")),
            ("support/store.rs correct_balance (ledger)", AppError::rule(RuleId::Txn5)),
            ("support/store.rs correct_balance, record_payout", AppError::rule(RuleId::Txn6)),
            ("support/store.rs record_payout (reference)", by(BadInput, RuleId::Txn6)),
            ("domain/ledger.rs check (unbalanced plan)", by(Internal, RuleId::Txn7)),
            // BILL
            ("domain/billing.rs Product::parse; billing/store.rs record; support/store.rs purchase", by(BadInput, RuleId::Bill1)),
            ("domain/billing.rs show_charge", bad(RuleId::Bill1, "price_per_minute must be between 1 and 100000")),
            ("domain/billing.rs show_charge", bad(RuleId::Bill1, "ended_at must follow started_at, within a day")),
            ("domain/billing.rs show_charge", bad(RuleId::Bill1, "ended_at is in the future")),
            ("domain/billing.rs show_charge", bad(RuleId::Bill1, "watched_seconds must be positive and at most the show's length")),
            ("domain/billing.rs content_price", bad(RuleId::Bill1, "price must be between 1 and 100000")),
            ("billing/store.rs service_parties", bad(RuleId::Bill1, "external_id must be 1 to 100 characters")),
            ("billing/store.rs service_parties", bad(RuleId::Bill1, "client_id must be a user id")),
            ("billing/store.rs service_parties", bad(RuleId::Bill1, "model_id must be a user id")),
            ("billing/store.rs record_content_sale", bad(RuleId::Bill1, "kind must be photo or video")),
            ("domain/billing.rs request_refund", rule(RuleId::Bill2, "refunded")),
            ("domain/billing.rs within_window", rule(RuleId::Bill2, "window").with_at(at)),
            ("domain/billing.rs request_refund", rule(RuleId::Bill2, "receipt")),
            ("domain/billing.rs request_refund, decide", rule(RuleId::Bill2, "full")),
            ("domain/billing.rs decide; billing/store.rs decide_in", rule(RuleId::Bill2, "decided")),
            ("billing/store.rs decide_in (credits spent)", by(InsufficientCredits, RuleId::Bill2)),
            ("domain/billing.rs request_refund", rule(RuleId::Bill3, "reason")),
            ("domain/billing.rs request_refund", rule(RuleId::Bill3, "watched")),
            ("domain/billing.rs decide", rule(RuleId::Bill3, "model")),
            ("billing/store.rs model_answer", rule(RuleId::Bill3, "answered")),
            ("domain/billing.rs decide", rule(RuleId::Bill4, "note")),
            ("domain/billing.rs parse_contacts (bad line)", bad(RuleId::Bill5, "3")),
            ("domain/billing.rs parse_contacts (no line)", bad(RuleId::Bill5, "0")),
            ("billing/store.rs save_processor (text); billing/api.rs buy_product (processor)", by(BadInput, RuleId::Bill5)),
            // MEET
            ("sessions/store.rs plan", bad(RuleId::Meet1, "start").with_at(at)),
            ("sessions/store.rs plan", bad(RuleId::Meet1, "start_far").with_at(at)),
            ("sessions/store.rs plan", bad(RuleId::Meet1, "tariff")),
            ("sessions/store.rs plan", bad(RuleId::Meet1, "service")),
            ("sessions/store.rs client_address", bad(RuleId::Meet1, "address")),
            ("sessions/api.rs booking_from_form", bad(RuleId::Meet1, "scenario")),
            ("sessions/api.rs booking_from_form", bad(RuleId::Meet1, "start_shape")),
            ("sessions/api.rs booking_from_form", bad(RuleId::Meet1, "payment")),
            ("sessions/store.rs book (hold)", by(InsufficientCredits, RuleId::Meet1)),
            ("sessions/store.rs act (address details)", by(BadInput, RuleId::Meet2)),
            ("domain/session.rs apply (not this step)", AppError::rule(RuleId::Meet2)),
            ("domain/session.rs apply (on my way)", rule(RuleId::Meet2, "replaced by I'm here")),
            ("domain/session.rs apply (start)", rule(RuleId::Meet2, "address first")),
            ("domain/session.rs apply (home visit step)", AppError::rule(RuleId::Meet3)),
            ("domain/session.rs apply (preferences)", AppError::rule(RuleId::Meet4)),
            ("domain/session.rs window_refusal", rule(RuleId::Meet5, "opens").with_at(at)),
            ("domain/session.rs window_refusal", rule(RuleId::Meet5, "closed").with_at(at)),
            ("domain/session.rs apply (additions at the meeting stage)", AppError::rule(RuleId::Meet6)),
            ("domain/session.rs apply; sessions/api.rs session_act (addition's shape)", by(BadInput, RuleId::Meet6)),
            ("sessions/store.rs act (addition confirmed)", by(InsufficientCredits, RuleId::Meet7)),
            ("domain/session.rs apply (stage)", AppError::rule(RuleId::Meet8)),
            ("sessions/api.rs session_act (cancel reason)", by(BadInput, RuleId::Meet9)),
            ("domain/session.rs apply (cancel)", AppError::rule(RuleId::Meet9)),
            ("domain/session.rs apply (cancel)", AppError::rule(RuleId::Meet10)),
            ("domain/session.rs apply (cancel)", AppError::rule(RuleId::Meet11)),
            ("domain/session.rs apply (cancel)", AppError::rule(RuleId::Meet12)),
            ("sessions/api.rs session_act (refund amount)", by(BadInput, RuleId::Meet13)),
            ("domain/session.rs apply (refund now)", rule(RuleId::Meet13, "30")),
            // DISP
            ("domain/dispute.rs Sanction::parse; disputes/api.rs decide_dispute", by(BadInput, RuleId::Disp3)),
            ("domain/dispute.rs decide, mark_awaiting, can_post", rule(RuleId::Disp3, "decided")),
            ("domain/dispute.rs decide (over what is held)", rule(RuleId::Disp3, "50")),
            ("disputes/store.rs require_support", by(NotAllowed, RuleId::Disp3)),
            // RATE
            ("domain/rating.rs Stars::parse", by(BadInput, RuleId::Rate1)),
            ("domain/rating.rs check_new", AppError::rule(RuleId::Rate1).with_at(at)),
            ("domain/rating.rs check_new", AppError::rule(RuleId::Rate2).with_at(at)),
            ("domain/rating.rs check_change (removed)", AppError::rule(RuleId::Rate4)),
            ("domain/rating.rs check_change", rule(RuleId::Rate4, "remove only").with_at(at)),
            ("ratings/store.rs remove_own", by(NotFound, RuleId::Rate4)),
            ("domain/rating.rs check_request", rule(RuleId::Rate5, "ask the rater first")),
            ("domain/rating.rs check_request", rule(RuleId::Rate5, "72 hours")),
            ("domain/rating.rs check_request", rule(RuleId::Rate6, "not old")),
            ("domain/rating.rs check_request", rule(RuleId::Rate6, "evidence")),
            ("domain/rating.rs check_request", rule(RuleId::Rate6, "short call")),
            ("domain/rating.rs check_request", rule(RuleId::Rate6, "not a bad rating")),
            ("ratings/api.rs request_rating_removal(_upload), decide_rating", by(BadInput, RuleId::Rate6)),
            // SUP
            ("domain/case.rs may_take", rule(RuleId::Sup1, "owned")),
            ("cases/store.rs take, hand_over (settled)", rule(RuleId::Sup1, "resolved")),
            ("domain/case.rs may_hand_over (not the owner)", rule(RuleId::Sup1, "not_owner")),
            ("domain/case.rs may_hand_over (to oneself)", rule(RuleId::Sup1, "same_agent")),
            ("cases/store.rs hand_over (not support)", rule(RuleId::Sup1, "agent")),
            ("domain/case.rs Targets::new", rule(RuleId::Sup2, "targets")),
            ("domain/reply.rs check_placeholders", bad(RuleId::Sup3, "placeholder")),
            ("domain/reply.rs ReplyDraft::parse", bad(RuleId::Sup3, "title")),
            ("domain/reply.rs ReplyDraft::parse", bad(RuleId::Sup3, "body")),
            ("domain/reply.rs ReplyDraft::parse", bad(RuleId::Sup3, "language")),
            ("domain/contact.rs ContactDraft::parse", bad(RuleId::Sup6, "message")),
            ("domain/contact.rs ContactDraft::parse", bad(RuleId::Sup6, "email")),
            ("domain/contact.rs may_follow_up", rule(RuleId::Sup6, "closed")),
            (
                "domain/contact.rs may_write",
                by(ErrorCode::TooManyAttempts, RuleId::Sup6).with_detail("limit").with_at(at),
            ),
            // HELP
            ("help/store.rs save", bad(RuleId::Help1, "category")),
            ("help/store.rs save", bad(RuleId::Help1, "slug")),
            ("domain/help.rs Vote::parse", by(BadInput, RuleId::Help3)),
            ("help/store.rs vote; help/api.rs help_vote", by(NotFound, RuleId::Help3)),
            ("help/store.rs save", rule(RuleId::Help4, "stale")),
            ("domain/help.rs Slug::parse", bad(RuleId::Help4, "slug")),
            ("domain/help.rs ArticleDraft::parse", bad(RuleId::Help4, "title")),
            ("domain/help.rs ArticleDraft::parse", bad(RuleId::Help4, "summary")),
            ("domain/help.rs ArticleDraft::parse", bad(RuleId::Help4, "body")),
            ("help/api.rs help_save", bad(RuleId::Help4, "popular")),
            ("help/api.rs help_save", bad(RuleId::Help4, "revision")),
            ("help/store.rs revision_text", by(NotFound, RuleId::Help4)),
            // TIME
            ("domain/time.rs ZoneName::parse; platform/zones.rs parse_known", by(BadInput, RuleId::Time1)),
            ("domain/time.rs first_or_refuse", rule(RuleId::Time3, "skipped")),
            // NOTE-4
            ("accounts/store.rs usable_link, use_link", AppError::rule(RuleId::Note4)),
            ("accounts/api.rs reset_password", rule(RuleId::Note4, "passwords differ")),
            (
                "domain/user.rs links::may_send (address)",
                by(ErrorCode::TooManyAttempts, RuleId::Note4).with_detail("address").with_at(at),
            ),
            (
                "domain/user.rs links::may_send (peer)",
                by(ErrorCode::TooManyAttempts, RuleId::Note4).with_detail("peer").with_at(at),
            ),
        ]
    }

    /// The sentence of a refusal, without the "(rule: X)" reference.
    fn sentence(e: &AppError, locale: Locale) -> String {
        let text = error_message(e, locale);
        match e.rule {
            Some(rule) => text
                .strip_suffix(&format!(" ({}: {rule})", Msg::RuleLabel.text(locale)))
                .unwrap_or_else(|| panic!("no rule reference: {text}"))
                .to_string(),
            None => text,
        }
    }

    #[test]
    fn plain_language_every_rule_refusal_has_its_own_sentence() {
        for (at, e) in rule_refusals() {
            let rule = e.rule.expect("a rule refusal");
            let msg = message_for(&e);
            assert!(
                !matches!(msg, Msg::ErrRuleViolation | Msg::ErrBadInput),
                "{at}: {} gets the generic {msg:?}",
                e.to_token()
            );
            let detail = e.detail.as_deref().unwrap_or("");
            for locale in Locale::ALL {
                let text = sentence(&e, locale);
                let generic = [Msg::ErrRuleViolation.text(locale), Msg::ErrBadInput.text(locale)];
                assert!(!generic.contains(&text.as_str()), "{at}: {text}");
                assert!(!text.contains('{') && !text.contains('}'), "{at}: {text}");
                assert!(
                    !text.contains(rule.as_str()),
                    "{at}: the sentence names its rule: {text}"
                );
                // A detail that is not a number is matched, never shown.
                if !is_number(detail) {
                    assert!(
                        !msg.text(locale).contains("{detail}"),
                        "{at}: {msg:?} shows {detail:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn plain_language_every_rule_has_a_sentence_of_its_own_when_nothing_more_is_said() {
        assert_eq!(RuleId::ALL.len(), 62);
        for &rule in RuleId::ALL {
            assert_eq!(RuleId::parse(rule.as_str()), Some(rule));
            let e = AppError::rule(rule);
            let msg = message_for(&e);
            assert_ne!(msg, Msg::ErrRuleViolation, "{rule}");
            for locale in Locale::ALL {
                let raw = msg.text(locale);
                assert!(
                    !raw.contains('{'),
                    "{rule}: {msg:?} needs a value it is not given"
                );
                let text = sentence(&e, locale);
                assert_ne!(text, Msg::ErrRuleViolation.text(locale), "{rule}");
                assert!(!text.contains(rule.as_str()), "{rule}: {text}");
            }
        }
    }

    #[test]
    fn plain_language_numbers_fill_the_sentence_and_a_missing_one_leaves_no_hole() {
        // A number-shaped detail fills the sentence; a malformed one falls
        // back to the rule's own sentence rather than to an empty value.
        let e = AppError::rule(RuleId::Meet13).with_detail("30");
        assert!(error_message(&e, Locale::En).contains("at most 30"));
        let e = AppError::rule(RuleId::Disp3).with_detail("50");
        assert!(error_message(&e, Locale::It).contains("50 crediti"));
        for rule in [RuleId::Txn2, RuleId::Txn5, RuleId::Bill5, RuleId::Meet13] {
            let text = error_message(&AppError::rule(rule), Locale::En);
            assert!(!text.contains("  ") && !text.contains(": )"), "{text}");
        }
    }
}
