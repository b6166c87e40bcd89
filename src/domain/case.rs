//! Support's cases (SUP-1, SUP-2): one shape for every kind of request that
//! waits on support, with an owner and two due times. Pure: the store keeps
//! the rows, these functions decide what a row means at `now`.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{AppError, RuleId, UserId};

super::wire::text_enum! {
    /// What a case is about. A call review or a billing request that has a
    /// chat with the model is still one case: the chat is where it is
    /// answered, not a second case.
    pub enum CaseKind {
        /// A dispute about a booked session (cancellation, complaint).
        Dispute = "dispute",
        CallReview = "call_review",
        Billing = "billing",
        Rating = "rating",
        Contact = "contact",
    }
}

/// Where a case is answered (a path without the language prefix): its
/// chat when it has one (`dispute`: the dispute whose chat it is), else
/// its kind's own page or queue.
pub fn case_path(kind: CaseKind, subject_id: &str, dispute: Option<&str>) -> String {
    match (kind, dispute) {
        (CaseKind::CallReview, _) => format!("/support/reviews/{subject_id}"),
        (CaseKind::Contact, _) => format!("/support/contact/{subject_id}"),
        (_, Some(d)) => format!("/disputes/{d}"),
        (CaseKind::Billing, None) => "/support/billing".to_string(),
        (CaseKind::Rating, None) => "/support/ratings".to_string(),
        (CaseKind::Dispute, None) => format!("/disputes/{subject_id}"),
    }
}

super::wire::text_enum! {
    /// Which open cases the queue lists (SUP-1's filters, with the kind
    /// and the language beside them).
    pub enum Show {
        All = "all",
        Mine = "mine",
        Unowned = "unowned",
        Overdue = "overdue",
    }
}

/// How long support has to answer a case first, and to settle it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    pub first_minutes: i64,
    pub resolve_minutes: i64,
}

/// The longest target support may set: a month, so a typo cannot hide a
/// queue for years.
pub const MAX_TARGET_MINUTES: i64 = 31 * 24 * 60;

impl Targets {
    /// SUP-2's defaults: a session dispute may be happening at the door, so
    /// 15 minutes and a day; everything else 4 hours and 3 days.
    pub const fn default_for(kind: CaseKind) -> Targets {
        match kind {
            CaseKind::Dispute => Targets {
                first_minutes: 15,
                resolve_minutes: 24 * 60,
            },
            _ => Targets {
                first_minutes: 4 * 60,
                resolve_minutes: 72 * 60,
            },
        }
    }

    /// Targets as support typed them: whole minutes, the first answer no
    /// later than the resolution, nothing over a month.
    pub fn new(first_minutes: i64, resolve_minutes: i64) -> Result<Targets, AppError> {
        let ok = (1..=MAX_TARGET_MINUTES).contains(&first_minutes)
            && (1..=MAX_TARGET_MINUTES).contains(&resolve_minutes)
            && first_minutes <= resolve_minutes;
        if !ok {
            return Err(AppError::rule(RuleId::Sup2).with_detail("targets"));
        }
        Ok(Targets {
            first_minutes,
            resolve_minutes,
        })
    }

    /// The two due instants of a case opened at `opened`.
    pub fn due(self, opened: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            opened + Duration::minutes(self.first_minutes),
            opened + Duration::minutes(self.resolve_minutes),
        )
    }
}

/// The clock of one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseClock {
    pub first_due: DateTime<Utc>,
    pub resolve_due: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// Which due time a case is running against now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueFor {
    FirstResponse,
    Resolution,
}

/// Where a case stands against its next due time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// Due at `due`, which has not come yet.
    Left { due: DateTime<Utc>, for_: DueFor },
    /// Was due at `due`, which has passed.
    Overdue { due: DateTime<Utc>, for_: DueFor },
    /// Settled: no clock runs.
    Resolved,
}

impl CaseClock {
    /// The due time that matters next: the first answer until someone from
    /// support has answered, then the resolution. A case is late from its
    /// due instant on (a first answer due at 15:00 is overdue at 15:00).
    pub fn standing(&self, now: DateTime<Utc>) -> Standing {
        if self.resolved_at.is_some() {
            return Standing::Resolved;
        }
        let (due, for_) = match self.first_response_at {
            None => (self.first_due, DueFor::FirstResponse),
            Some(_) => (self.resolve_due, DueFor::Resolution),
        };
        if now >= due {
            Standing::Overdue { due, for_ }
        } else {
            Standing::Left { due, for_ }
        }
    }

    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        matches!(self.standing(now), Standing::Overdue { .. })
    }

    /// The instant the queue sorts by.
    pub fn next_due(&self) -> DateTime<Utc> {
        match self.first_response_at {
            None => self.first_due,
            Some(_) => self.resolve_due,
        }
    }
}

/// SUP-1: an agent takes a case nobody owns (taking one's own again changes
/// nothing). Someone else's case is handed over by its owner, not taken, so
/// two agents never answer one party at once.
pub fn may_take(owner: Option<&UserId>, me: &UserId) -> Result<(), AppError> {
    match owner {
        Some(o) if o != me => Err(AppError::rule(RuleId::Sup1).with_detail("owned")),
        _ => Ok(()),
    }
}

/// SUP-1: only the owner hands a case over, and to someone else.
pub fn may_hand_over(owner: Option<&UserId>, me: &UserId, to: &UserId) -> Result<(), AppError> {
    if owner != Some(me) {
        return Err(AppError::rule(RuleId::Sup1).with_detail("not_owner"));
    }
    if to == me {
        return Err(AppError::rule(RuleId::Sup1).with_detail("same_agent"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, h, m, s).unwrap()
    }

    fn clock(kind: CaseKind, opened: DateTime<Utc>) -> CaseClock {
        let (first_due, resolve_due) = Targets::default_for(kind).due(opened);
        CaseClock {
            first_due,
            resolve_due,
            first_response_at: None,
            resolved_at: None,
        }
    }

    #[test]
    fn r_sup_2_a_session_dispute_is_due_first_at_15_minutes_overdue_from_then() {
        let c = clock(CaseKind::Dispute, at(14, 45, 0));
        assert!(matches!(
            c.standing(at(14, 59, 59)),
            Standing::Left {
                for_: DueFor::FirstResponse,
                ..
            }
        ));
        assert!(c.overdue(at(15, 0, 0)));
        assert_eq!(c.resolve_due, at(14, 45, 0) + Duration::hours(24));
    }

    #[test]
    fn r_sup_2_other_cases_have_4_hours_and_72_hours() {
        for kind in [
            CaseKind::CallReview,
            CaseKind::Billing,
            CaseKind::Rating,
            CaseKind::Contact,
        ] {
            let c = clock(kind, at(8, 0, 0));
            assert_eq!(c.first_due, at(12, 0, 0), "{kind}");
            assert_eq!(c.resolve_due, at(8, 0, 0) + Duration::hours(72), "{kind}");
        }
    }

    #[test]
    fn r_sup_2_after_a_first_answer_the_resolution_clock_runs() {
        let mut c = clock(CaseKind::Dispute, at(14, 45, 0));
        c.first_response_at = Some(at(14, 50, 0));
        assert!(matches!(
            c.standing(at(16, 0, 0)),
            Standing::Left {
                for_: DueFor::Resolution,
                ..
            }
        ));
        assert_eq!(c.next_due(), c.resolve_due);
        c.resolved_at = Some(at(16, 0, 0));
        assert_eq!(c.standing(at(16, 0, 0) + Duration::days(9)), Standing::Resolved);
    }

    #[test]
    fn r_sup_2_targets_support_types_are_checked() {
        assert!(Targets::new(15, 1440).is_ok());
        assert!(Targets::new(0, 1440).is_err());
        assert!(Targets::new(60, 30).is_err());
        assert!(Targets::new(15, MAX_TARGET_MINUTES + 1).is_err());
    }

    #[test]
    fn r_sup_1_a_case_has_one_owner_and_only_the_owner_hands_it_over() {
        let (ann, bea) = (UserId::from_db("ann".into()), UserId::from_db("bea".into()));
        assert!(may_take(None, &ann).is_ok());
        assert!(may_take(Some(&ann), &ann).is_ok());
        assert_eq!(may_take(Some(&ann), &bea).unwrap_err().rule, Some(RuleId::Sup1));
        assert!(may_hand_over(Some(&ann), &ann, &bea).is_ok());
        assert!(may_hand_over(Some(&ann), &bea, &bea).is_err());
        assert!(may_hand_over(None, &ann, &bea).is_err());
        assert!(may_hand_over(Some(&ann), &ann, &ann).is_err());
    }
}
