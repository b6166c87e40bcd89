//! Disputes (DISP): who may read and write, and what a decision may do with
//! the held credits.

use serde::{Deserialize, Serialize};

use super::error::{AppError, ErrorCode, RuleId};
use super::money::Credits;
use super::user::Role;

super::wire::text_enum! {
    /// Where a dispute stands (stored in `disputes.state`).
    pub enum DisputeState {
        Open = "open",
        AwaitingDecision = "awaiting_decision",
        Decided = "decided",
    }
}

/// A sanction support may impose with a decision (DISP-3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sanction {
    Warning,
    /// Suspension for this many days (1–365).
    Suspension(u16),
}

impl Sanction {
    pub fn parse(kind: &str, days: &str) -> Result<Option<Sanction>, AppError> {
        match kind {
            "" | "none" => Ok(None),
            "warning" => Ok(Some(Sanction::Warning)),
            "suspension" => match days.trim().parse::<u16>() {
                Ok(d) if (1..=365).contains(&d) => Ok(Some(Sanction::Suspension(d))),
                _ => Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Disp3)),
            },
            _ => Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Disp3)),
        }
    }
}

/// DISP-3: the held credits split between a refund to the client (0 … all)
/// and a release to the model (the rest).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub refund: Credits,
    pub release: Credits,
}

pub fn decide(state: DisputeState, held: Credits, refund: Credits) -> Result<Split, AppError> {
    if state == DisputeState::Decided {
        return Err(AppError::rule(RuleId::Disp3).with_detail("decided"));
    }
    if refund.is_negative() || refund > held {
        return Err(AppError::rule(RuleId::Disp3).with_detail(held.get().to_string()));
    }
    Ok(Split {
        refund,
        release: held - refund,
    })
}

/// DISP-1: support marks an open dispute as awaiting its decision once both
/// sides have spoken. Marking it twice is harmless; a decided one stays so.
pub fn mark_awaiting(state: DisputeState) -> Result<DisputeState, AppError> {
    match state {
        DisputeState::Open | DisputeState::AwaitingDecision => Ok(DisputeState::AwaitingDecision),
        DisputeState::Decided => Err(AppError::rule(RuleId::Disp3).with_detail("decided")),
    }
}

/// DISP-1/2: the two parties and support are members; a decided dispute is
/// read-only for everyone.
pub fn can_post(state: DisputeState, is_member: bool) -> Result<(), AppError> {
    if !is_member {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    if state == DisputeState::Decided {
        return Err(AppError::rule(RuleId::Disp3).with_detail("decided"));
    }
    Ok(())
}

/// Support's queue can be narrowed to disputes open at least this long
/// (`1d`, `3d`, `7d`); anything else shows every age.
pub fn min_age(raw: &str) -> Option<chrono::Duration> {
    match raw {
        "1d" => Some(chrono::Duration::days(1)),
        "3d" => Some(chrono::Duration::days(3)),
        "7d" => Some(chrono::Duration::days(7)),
        _ => None,
    }
}

/// DISP-2: notes (and the MEET-10 "other reason") are for support only.
pub fn sees_notes(role: Role) -> bool {
    role == Role::Support
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_disp_1_the_queue_filters_by_age() {
        assert_eq!(min_age("1d"), Some(chrono::Duration::hours(24)));
        assert_eq!(min_age("7d"), Some(chrono::Duration::days(7)));
        assert_eq!(min_age(""), None);
        assert_eq!(min_age("1y; DROP"), None);
    }

    #[test]
    fn r_disp_3_the_refund_is_zero_part_or_all_of_what_is_held() {
        let held = Credits::new(300);
        assert_eq!(
            decide(DisputeState::Open, held, Credits::ZERO).unwrap(),
            Split {
                refund: Credits::ZERO,
                release: held
            }
        );
        assert_eq!(
            decide(DisputeState::Open, held, Credits::new(120)).unwrap(),
            Split {
                refund: Credits::new(120),
                release: Credits::new(180)
            }
        );
        assert_eq!(
            decide(DisputeState::AwaitingDecision, held, held)
                .unwrap()
                .release,
            Credits::ZERO
        );
        let over = decide(DisputeState::Open, held, Credits::new(301)).unwrap_err();
        assert_eq!(
            (over.rule, over.detail.as_deref()),
            (Some(RuleId::Disp3), Some("300"))
        );
        assert!(decide(DisputeState::Open, held, Credits::new(-1)).is_err());
        assert!(
            decide(DisputeState::Decided, held, Credits::ZERO).is_err(),
            "decided once"
        );
    }

    #[test]
    fn r_disp_3_sanctions_are_a_warning_or_a_bounded_suspension() {
        assert_eq!(Sanction::parse("", "").unwrap(), None);
        assert_eq!(Sanction::parse("warning", "").unwrap(), Some(Sanction::Warning));
        assert_eq!(
            Sanction::parse("suspension", "7").unwrap(),
            Some(Sanction::Suspension(7))
        );
        for bad in [
            ("suspension", "0"),
            ("suspension", "366"),
            ("suspension", "x"),
            ("ban", ""),
        ] {
            assert!(Sanction::parse(bad.0, bad.1).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn r_disp_1_members_only_and_read_only_once_decided() {
        assert!(can_post(DisputeState::Open, true).is_ok());
        assert_eq!(
            can_post(DisputeState::Open, false).unwrap_err().code,
            ErrorCode::NotFound
        );
        assert_eq!(
            can_post(DisputeState::Decided, true).unwrap_err().rule,
            Some(RuleId::Disp3)
        );
    }

    #[test]
    fn r_disp_1_support_marks_a_dispute_awaiting_decision() {
        assert_eq!(
            mark_awaiting(DisputeState::Open).unwrap(),
            DisputeState::AwaitingDecision
        );
        assert_eq!(
            mark_awaiting(DisputeState::AwaitingDecision).unwrap(),
            DisputeState::AwaitingDecision,
            "a second click changes nothing"
        );
        assert_eq!(
            mark_awaiting(DisputeState::Decided).unwrap_err().rule,
            Some(RuleId::Disp3)
        );
    }

    #[test]
    fn r_disp_2_notes_are_for_support_only() {
        assert!(sees_notes(Role::Support));
        assert!(!sees_notes(Role::Client) && !sees_notes(Role::Model));
    }
}

super::wire::text_enum! {
    /// What a dispute is about (stored in `disputes.subject_kind`).
    pub enum Subject {
        Session = "session",
        Call = "call",
        Purchase = "purchase",
    }
}

super::wire::text_enum! {
    /// The kind of a chat message (stored in `messages.kind`).
    pub enum MessageKind {
        Text = "text",
        Call = "call",
        System = "system",
        /// Visible to support only.
        Note = "note",
    }
}
