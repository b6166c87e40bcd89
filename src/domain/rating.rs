//! Ratings after pay-per-minute calls (RATE): who may rate, change, remove,
//! and on which grounds support may remove a rating. `now` is passed in.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::error::{AppError, ErrorCode, RuleId};

/// RATE-1: ratings are given within 24 hours of the call.
pub const RATE_WINDOW: Duration = Duration::hours(24);
/// RATE-2: one rating between the same two people per 24 hours.
pub const ONE_PER: Duration = Duration::hours(24);
/// RATE-3: changes within 48 hours of the call.
pub const CHANGE_WINDOW: Duration = Duration::hours(48);
/// RATE-5: a removal request reaches support within 72 hours of the call.
pub const REQUEST_WINDOW: Duration = Duration::hours(72);
/// RATE-6: an "old rating" is at least three months old (taken as 90 days).
pub const OLD_RATING: Duration = Duration::days(90);

/// Stars, 1 to 5; 1 and 2 are "bad" ratings for RATE-6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Stars(u8);

impl Stars {
    pub fn parse(raw: &str) -> Result<Stars, AppError> {
        match raw.trim().parse::<u8>() {
            Ok(n @ 1..=5) => Ok(Stars(n)),
            _ => Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Rate1)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn is_bad(self) -> bool {
        self.0 <= 2
    }
}

/// RATE-1: within 24 hours of the call (23:59:59 yes, 24:00:00 no), and
/// RATE-2: not if the rater rated the same person in the last 24 hours.
pub fn check_new(
    call_ended: DateTime<Utc>,
    last_by_rater_for_same_person: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if now < call_ended || now >= call_ended + RATE_WINDOW {
        return Err(AppError::rule(RuleId::Rate1).with_at(call_ended + RATE_WINDOW));
    }
    if let Some(last) = last_by_rater_for_same_person {
        if now < last + ONE_PER {
            return Err(AppError::rule(RuleId::Rate2).with_at(last + ONE_PER));
        }
    }
    Ok(())
}

/// RATE-3/4: changed only within 48 hours of the call; later only removed.
pub fn check_change(call_ended: DateTime<Utc>, removed: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    if removed {
        return Err(AppError::rule(RuleId::Rate4));
    }
    if now >= call_ended + CHANGE_WINDOW {
        return Err(AppError::rule(RuleId::Rate4)
            .with_detail("remove only")
            .with_at(call_ended + CHANGE_WINDOW));
    }
    Ok(())
}

/// What the star form of a call offers its rater now: the page shows this
/// (and until or from when), `rate` refuses the same cases by the same
/// checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RaterForm {
    /// RATE-1: a first rating may be given until then.
    Rate { until: DateTime<Utc> },
    /// RATE-2: this person was rated in the last 24 hours; a rating of
    /// this call may be given from then (until the call's 24 hours end).
    WaitUntil {
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    },
    /// RATE-3: the rating may be changed until then.
    Change { until: DateTime<Utc> },
    /// RATE-4: past 48 hours the rating can only be removed.
    RemoveOnly { since: DateTime<Utc> },
    /// The rating was removed; nothing more to do.
    Removed,
    /// RATE-1: the 24 hours to rate ended then.
    Closed { since: DateTime<Utc> },
}

/// `existing`: whether the rater's rating of this call exists and is removed.
pub fn rater_form(
    call_ended: DateTime<Utc>,
    existing: Option<bool>,
    last_by_rater_for_same_person: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> RaterForm {
    let rate_until = call_ended + RATE_WINDOW;
    match existing {
        Some(true) => RaterForm::Removed,
        Some(false) => match check_change(call_ended, false, now) {
            Ok(()) => RaterForm::Change {
                until: call_ended + CHANGE_WINDOW,
            },
            Err(_) => RaterForm::RemoveOnly {
                since: call_ended + CHANGE_WINDOW,
            },
        },
        None => match check_new(call_ended, last_by_rater_for_same_person, now) {
            Ok(()) => RaterForm::Rate { until: rate_until },
            Err(e) if e.rule == Some(RuleId::Rate2) => match last_by_rater_for_same_person {
                Some(last) if last + ONE_PER < rate_until => RaterForm::WaitUntil {
                    from: last + ONE_PER,
                    until: rate_until,
                },
                _ => RaterForm::Closed { since: rate_until },
            },
            Err(_) => RaterForm::Closed { since: rate_until },
        },
    }
}

/// Issue 16: a finished in-person session is rated by the RATE rules,
/// measured from its end (the moment it reached `Completed`) where a call's
/// are measured from the call's end. A session that is not finished (still
/// open, or cancelled) cannot be rated: refused as RATE-1 with this detail.
pub const SESSION_NOT_FINISHED: &str = "not finished";
/// The detail that words a RATE-1 refusal for a session, not a call.
pub const SESSION: &str = "session";

/// The end a session's ratings count from: `completed_at` is when it
/// reached `Completed`, `None` while it has not.
pub fn session_end(completed_at: Option<DateTime<Utc>>) -> Result<DateTime<Utc>, AppError> {
    completed_at.ok_or_else(|| AppError::rule(RuleId::Rate1).with_detail(SESSION_NOT_FINISHED))
}

/// RATE-1/2 for a session: [`check_new`] from the session's end (23:59:59
/// yes, 24:00:00 no); `last_by_rater_for_same_person` counts the rater's
/// ratings of the other person after calls and after sessions alike.
pub fn check_new_session(
    ended: DateTime<Utc>,
    last_by_rater_for_same_person: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    check_new(ended, last_by_rater_for_same_person, now).map_err(|e| {
        if e.rule == Some(RuleId::Rate1) {
            e.with_detail(SESSION)
        } else {
            e
        }
    })
}

/// When the rated model may ask support to remove a rating (RATE-5), for
/// the Ratings page: before 48 hours she asks the rater; then support
/// until 72 hours; later only an old rating (RATE-6), from 3 months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RemovalWindow {
    /// Ask the rater in the chat; support takes requests from then.
    AskRaterUntil(DateTime<Utc>),
    /// Support takes a request until then.
    Open { until: DateTime<Utc> },
    /// Closed then; from `old_from` the "old rating" ground opens.
    Closed {
        since: DateTime<Utc>,
        old_from: DateTime<Utc>,
    },
    /// RATE-6's old-rating ground, the only one left.
    OldOnly,
}

pub fn removal_window(
    call_ended: DateTime<Utc>,
    rated_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> RemovalWindow {
    let since_call = now - call_ended;
    if now - rated_at >= OLD_RATING && since_call >= REQUEST_WINDOW {
        RemovalWindow::OldOnly
    } else if since_call < CHANGE_WINDOW {
        RemovalWindow::AskRaterUntil(call_ended + CHANGE_WINDOW)
    } else if since_call < REQUEST_WINDOW {
        RemovalWindow::Open {
            until: call_ended + REQUEST_WINDOW,
        }
    } else {
        RemovalWindow::Closed {
            since: call_ended + REQUEST_WINDOW,
            old_from: rated_at + OLD_RATING,
        }
    }
}

super::wire::text_enum! {
    /// The grounds support may remove a rating on (RATE-6).
    pub enum Ground {
        PersonalInformation = "personal_information",
        OffensiveLanguage = "offensive_language",
        ShortCall = "short_call",
        TechnicalFault = "technical_fault",
        OldRating = "old_rating",
        RaterAgreed = "rater_agreed",
    }
}

super::wire::text_enum! {
    /// Who put a rating in support's queue (stored in `rating_reviews.source`):
    /// the comment flagged itself, or the rated model asked.
    pub enum ReviewSource {
        Flag = "flag",
        Model = "model",
    }
}

super::wire::text_enum! {
    /// Where a removal review stands (stored in `rating_reviews.status`).
    pub enum ReviewStatus {
        Open = "open",
        Removed = "removed",
        Declined = "declined",
    }
}

/// What the rules look at for a removal request.
pub struct RequestFacts {
    pub call_started: DateTime<Utc>,
    pub call_ended: DateTime<Utc>,
    pub rated_at: DateTime<Utc>,
    pub stars: Stars,
    pub has_evidence: bool,
}

/// RATE-5/6: a rated model asks support to remove a rating. After the 48
/// hours in which she asks the rater herself, and within 72 hours of the
/// call (72:00:00 is too late); an old rating (3 months) is the exception
/// that the window cannot apply to. Each ground has its own condition.
pub fn check_request(f: &RequestFacts, ground: Ground, now: DateTime<Utc>) -> Result<(), AppError> {
    let since_call = now - f.call_ended;
    if ground == Ground::OldRating {
        if now - f.rated_at < OLD_RATING {
            return Err(AppError::rule(RuleId::Rate6).with_detail("not old"));
        }
        if !f.has_evidence {
            return Err(AppError::rule(RuleId::Rate6).with_detail("evidence"));
        }
        return Ok(());
    }
    if since_call < CHANGE_WINDOW {
        return Err(AppError::rule(RuleId::Rate5).with_detail("ask the rater first"));
    }
    if since_call >= REQUEST_WINDOW {
        return Err(AppError::rule(RuleId::Rate5).with_detail("72 hours"));
    }
    match ground {
        // RATE-6: a bad rating of a call shorter than one minute.
        Ground::ShortCall if !(f.stars.is_bad() && f.call_ended - f.call_started < Duration::minutes(1)) => {
            Err(AppError::rule(RuleId::Rate6).with_detail("short call"))
        }
        Ground::TechnicalFault if !f.stars.is_bad() => {
            Err(AppError::rule(RuleId::Rate6).with_detail("not a bad rating"))
        }
        Ground::RaterAgreed if !f.has_evidence => Err(AppError::rule(RuleId::Rate6).with_detail("evidence")),
        _ => Ok(()),
    }
}

/// Comments that look like personal information (an e-mail address, a phone
/// number) or contain a listed offensive word go to support's queue.
pub fn flag_comment(comment: &str, offensive: &[&str]) -> Option<Ground> {
    let lower = comment.to_lowercase();
    let has_email = lower.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '.');
        w.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.ends_with('.'))
    });
    // Seven or more digits in a run, allowing spaces, dots, dashes and a +.
    let mut digits = 0;
    let mut has_phone = false;
    for c in lower.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 7 {
                has_phone = true;
            }
        } else if !matches!(c, ' ' | '-' | '.' | '+' | '(' | ')' | '/') {
            digits = 0;
        }
    }
    if has_email || has_phone {
        return Some(Ground::PersonalInformation);
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    offensive
        .iter()
        .any(|bad| words.contains(&bad.to_lowercase().as_str()))
        .then_some(Ground::OffensiveLanguage)
}

/// The summary on a model's profile: average and count of live ratings.
pub fn summary(stars: &[Stars]) -> Option<(f32, usize)> {
    if stars.is_empty() {
        return None;
    }
    let sum: u32 = stars.iter().map(|s| s.0 as u32).sum();
    Some((sum as f32 / stars.len() as f32, stars.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn r_rate_3_the_form_offers_what_the_rules_allow_and_until_when() {
        let e = ended();
        let at = |h: i64, s: i64| e + Duration::hours(h) + Duration::seconds(s);
        assert_eq!(
            rater_form(e, None, None, at(23, 3599)),
            RaterForm::Rate { until: at(24, 0) }
        );
        assert_eq!(
            rater_form(e, None, None, at(24, 0)),
            RaterForm::Closed { since: at(24, 0) }
        );
        // RATE-2: rated the same person 20 hours before the call ended.
        let last = e - Duration::hours(20);
        assert_eq!(
            rater_form(e, None, Some(last), at(1, 0)),
            RaterForm::WaitUntil {
                from: at(4, 0),
                until: at(24, 0)
            }
        );
        assert_eq!(
            rater_form(e, None, Some(last), at(4, 0)),
            RaterForm::Rate { until: at(24, 0) }
        );
        assert_eq!(
            rater_form(e, Some(false), None, at(47, 3599)),
            RaterForm::Change { until: at(48, 0) }
        );
        assert_eq!(
            rater_form(e, Some(false), None, at(48, 0)),
            RaterForm::RemoveOnly { since: at(48, 0) }
        );
        assert_eq!(rater_form(e, Some(true), None, at(1, 0)), RaterForm::Removed);
    }

    #[test]
    fn r_rate_5_the_removal_request_is_offered_between_48_and_72_hours() {
        let e = ended();
        let at = |h: i64, s: i64| e + Duration::hours(h) + Duration::seconds(s);
        assert_eq!(
            removal_window(e, e, at(47, 3599)),
            RemovalWindow::AskRaterUntil(at(48, 0))
        );
        assert_eq!(
            removal_window(e, e, at(48, 0)),
            RemovalWindow::Open { until: at(72, 0) }
        );
        assert_eq!(
            removal_window(e, e, at(71, 3599)),
            RemovalWindow::Open { until: at(72, 0) }
        );
        assert_eq!(
            removal_window(e, e, at(72, 0)),
            RemovalWindow::Closed {
                since: at(72, 0),
                old_from: e + OLD_RATING
            }
        );
        assert_eq!(removal_window(e, e, e + OLD_RATING), RemovalWindow::OldOnly);
    }

    fn ended() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap()
    }
    fn hms(h: i64, m: i64, s: i64) -> Duration {
        Duration::hours(h) + Duration::minutes(m) + Duration::seconds(s)
    }
    fn facts(secs: i64, stars: u8, evidence: bool) -> RequestFacts {
        RequestFacts {
            call_started: ended() - Duration::seconds(secs),
            call_ended: ended(),
            rated_at: ended() + Duration::minutes(5),
            stars: Stars(stars),
            has_evidence: evidence,
        }
    }

    #[test]
    fn r_rate_1_ratings_are_given_within_24_hours() {
        assert!(check_new(ended(), None, ended() + hms(23, 59, 59)).is_ok());
        assert_eq!(
            check_new(ended(), None, ended() + hms(24, 0, 0))
                .unwrap_err()
                .rule,
            Some(RuleId::Rate1)
        );
        assert!(Stars::parse("0").is_err() && Stars::parse("6").is_err() && Stars::parse("4").is_ok());
    }

    #[test]
    fn r_rate_2_one_rating_per_pair_per_24_hours() {
        let last = ended() - Duration::hours(3);
        assert_eq!(
            check_new(ended(), Some(last), last + hms(23, 59, 59))
                .unwrap_err()
                .rule,
            Some(RuleId::Rate2)
        );
        let later_call = last + hms(24, 0, 0) - Duration::minutes(1);
        assert!(check_new(later_call, Some(last), last + hms(24, 0, 0)).is_ok());
    }

    #[test]
    fn r_rate_3_changes_within_48_hours() {
        assert!(check_change(ended(), false, ended() + hms(47, 59, 59)).is_ok());
        assert_eq!(
            check_change(ended(), false, ended() + hms(48, 0, 0))
                .unwrap_err()
                .rule,
            Some(RuleId::Rate4)
        );
    }

    #[test]
    fn r_rate_4_after_48_hours_only_removal_and_a_removed_rating_stays_removed() {
        let e = check_change(ended(), false, ended() + hms(49, 0, 0)).unwrap_err();
        assert_eq!(e.detail.as_deref(), Some("remove only"));
        assert_eq!(
            check_change(ended(), true, ended() + hms(1, 0, 0))
                .unwrap_err()
                .rule,
            Some(RuleId::Rate4)
        );
    }

    #[test]
    fn r_rate_5_requests_between_48_and_72_hours_of_the_call() {
        let f = facts(600, 1, true);
        assert_eq!(
            check_request(&f, Ground::TechnicalFault, ended() + hms(47, 59, 59))
                .unwrap_err()
                .rule,
            Some(RuleId::Rate5)
        );
        assert!(check_request(&f, Ground::TechnicalFault, ended() + hms(48, 0, 0)).is_ok());
        assert!(check_request(&f, Ground::TechnicalFault, ended() + hms(71, 59, 59)).is_ok());
        let late = check_request(&f, Ground::TechnicalFault, ended() + hms(72, 0, 0)).unwrap_err();
        assert_eq!(
            (late.rule, late.detail.as_deref()),
            (Some(RuleId::Rate5), Some("72 hours"))
        );
    }

    #[test]
    fn r_rate_6_each_ground_has_its_condition() {
        let at = ended() + hms(50, 0, 0);
        assert!(
            check_request(&facts(59, 1, false), Ground::ShortCall, at).is_ok(),
            "59 s is under a minute"
        );
        assert!(
            check_request(&facts(60, 1, false), Ground::ShortCall, at).is_err(),
            "60 s is not"
        );
        assert!(
            check_request(&facts(30, 4, false), Ground::ShortCall, at).is_err(),
            "a good rating stays"
        );
        assert!(check_request(&facts(600, 5, false), Ground::TechnicalFault, at).is_err());
        assert!(
            check_request(&facts(600, 3, false), Ground::RaterAgreed, at).is_err(),
            "evidence needed"
        );
        assert!(check_request(&facts(600, 3, true), Ground::RaterAgreed, at).is_ok());
        assert!(check_request(&facts(600, 3, false), Ground::PersonalInformation, at).is_ok());
        // Old ratings: 3 months, evidence, whatever the 72 hours.
        let f = facts(600, 1, true);
        assert!(check_request(&f, Ground::OldRating, f.rated_at + Duration::days(90)).is_ok());
        assert!(check_request(
            &f,
            Ground::OldRating,
            f.rated_at + Duration::days(90) - Duration::seconds(1)
        )
        .is_err());
        assert!(check_request(
            &facts(600, 1, false),
            Ground::OldRating,
            f.rated_at + Duration::days(100)
        )
        .is_err());
    }

    #[test]
    fn r_rate_6_comments_with_personal_information_or_offensive_words_are_flagged() {
        let list = ["idiot", "scemo"];
        assert_eq!(
            flag_comment("call me at +39 333 123 4567", &list),
            Some(Ground::PersonalInformation)
        );
        assert_eq!(
            flag_comment("write to anna.rossi@example.com", &list),
            Some(Ground::PersonalInformation)
        );
        assert_eq!(
            flag_comment("what an IDIOT", &list),
            Some(Ground::OffensiveLanguage)
        );
        assert_eq!(flag_comment("great call, 10/10, 5 stars", &list), None);
        assert_eq!(flag_comment("idiotic is not on the list", &list), None);
    }

    #[test]
    fn r_rate_1_a_session_is_rated_from_its_end_and_only_once_finished() {
        let e = ended();
        let not = session_end(None).unwrap_err();
        assert_eq!(
            (not.rule, not.detail.as_deref()),
            (Some(RuleId::Rate1), Some(SESSION_NOT_FINISHED))
        );
        assert_eq!(session_end(Some(e)).unwrap(), e);
        assert!(check_new_session(e, None, e + hms(23, 59, 59)).is_ok());
        let late = check_new_session(e, None, e + hms(24, 0, 0)).unwrap_err();
        assert_eq!(
            (late.rule, late.detail.as_deref(), late.at),
            (Some(RuleId::Rate1), Some(SESSION), Some(e + hms(24, 0, 0)))
        );
        // RATE-2 across calls and sessions: a call rated 3 hours before.
        let last = e - Duration::hours(3);
        let wait = check_new_session(e, Some(last), e + hms(1, 0, 0)).unwrap_err();
        assert_eq!((wait.rule, wait.at), (Some(RuleId::Rate2), Some(last + ONE_PER)));
        assert!(check_new_session(e, Some(last), last + ONE_PER).is_ok());
        // RATE-3/4: changes within 48 hours of the session's end.
        assert!(check_change(e, false, e + hms(47, 59, 59)).is_ok());
        assert!(check_change(e, false, e + hms(48, 0, 0)).is_err());
    }

    #[test]
    fn summary_counts_live_ratings() {
        assert_eq!(summary(&[]), None);
        assert_eq!(summary(&[Stars(5), Stars(4), Stars(3)]), Some((4.0, 3)));
    }
}
