//! Pay-per-minute calls (CALL) and the model's refund of them (REF).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::error::{AppError, ErrorCode, RuleId};
use super::ids::{SessionId, TxnId, UserId};
use super::ledger::{refund_of, Posting, TxnKind, TxnPlan};
use super::money::Credits;
use super::session::EventKind;
use super::text::Reason;

super::wire::text_enum! {
    pub enum CallKind {
        Phone = "phone",
        Video = "video",
    }
}

super::wire::text_enum! {
    /// CALL-2: thumbs up or down.
    pub enum Thumb {
        Up = "up",
        Down = "down",
    }
}

super::wire::text_enum! {
    /// Where a client's review request of a call stands (REF-6).
    pub enum RequestStatus {
        Open = "open",
        Granted = "granted",
        Declined = "declined",
    }
}

/// One event of a call as the call system reported it (its log, shown to
/// support when a client asks for a review). `kind` is the call system's
/// own word, kept as it came (not a code of ours).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct CallEvent {
    pub at: DateTime<Utc>,
    pub kind: String,
    #[serde(default)]
    pub detail: String,
}

/// A system line of a direct conversation. Stored as the message's text
/// (`credits_returned:<n>`, `session:<id>:<step>`), which is read back here
/// only: everything after matches the variant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChatNotice {
    /// REF-5: credits came back to the client (the neutral notice).
    CreditsReturned(Credits),
    /// A step of a booked session (written by the sessions feature).
    Session { session: SessionId, step: EventKind },
}

impl ChatNotice {
    /// The text stored in the message's body.
    pub fn stored(&self) -> String {
        match self {
            ChatNotice::CreditsReturned(amount) => format!("credits_returned:{}", amount.get()),
            ChatNotice::Session { session, step } => format!("session:{session}:{step}"),
        }
    }

    /// Reads a stored body back; `None` for a body that is not a notice.
    pub fn from_stored(body: &str) -> Option<ChatNotice> {
        if let Some(rest) = body.strip_prefix("session:") {
            let (session, step) = rest.split_once(':')?;
            return Some(ChatNotice::Session {
                session: SessionId::from_db(session.to_string()),
                step: EventKind::parse(step)?,
            });
        }
        let amount = body.strip_prefix("credits_returned:")?.parse().ok()?;
        Some(ChatNotice::CreditsReturned(Credits::new(amount)))
    }
}

/// The longest call the call system may report: a day. Anything longer is a
/// clock error upstream, not a call to bill.
pub const MAX_CALL: Duration = Duration::hours(24);

/// A started minute is billed as a whole minute (the call system's meter
/// shows the same). A call of zero seconds costs nothing.
pub fn billed_minutes(started: DateTime<Utc>, ended: DateTime<Utc>) -> Result<i64, AppError> {
    let secs = (ended - started).num_seconds();
    if ended < started || ended - started > MAX_CALL {
        return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Call1));
    }
    Ok((secs + 59) / 60)
}

/// CALL-1: the charge is the per-minute price times the billed minutes.
pub fn charge(price_per_minute: Credits, minutes: i64) -> Result<Credits, AppError> {
    if price_per_minute.get() <= 0 || price_per_minute.get() > 100_000 {
        return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Call1));
    }
    price_per_minute
        .checked_mul(minutes)
        .ok_or_else(|| AppError::new(ErrorCode::BadInput).with_rule(RuleId::Call1))
}

/// REF-3: the refund is offered until 60 minutes after the call ended.
pub const REFUND_WINDOW: Duration = Duration::minutes(60);

/// The facts about a call that decide a refund.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFacts {
    pub model: UserId,
    pub client: UserId,
    pub ended_at: DateTime<Utc>,
    pub charge: Credits,
    /// The model's own refund, once made (REF-2).
    pub model_refund: Option<Credits>,
    /// Everything returned on the charge so far (the model's refund and
    /// support's, less deleted entries).
    pub returned: Credits,
}

/// How long the model still has to refund, or `None` once REF-3 closed.
pub fn refund_time_left(ended_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<Duration> {
    let left = ended_at + REFUND_WINDOW - now;
    (left > Duration::zero()).then_some(left)
}

/// What the model may do about a call's refund now: the one answer the
/// Calls page, the chat bubble, the countdown and the server all use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RefundState {
    /// REF-1/3: she may return `amount` (the charge less what support
    /// returned already) for `secs_left` more seconds.
    Open { amount: Credits, secs_left: i64 },
    /// She refunded it (REF-2): this is what went back.
    ByModel(Credits),
    /// Support returned the whole charge; nothing is left to refund.
    BySupport,
    /// REF-3: the 60 minutes are over.
    Closed,
    /// A call of zero seconds cost nothing.
    Free,
}

pub fn refund_state(call: &CallFacts, now: DateTime<Utc>) -> RefundState {
    if let Some(amount) = call.model_refund {
        return RefundState::ByModel(amount);
    }
    if call.charge <= Credits::ZERO {
        return RefundState::Free;
    }
    let rest = call.charge - call.returned;
    if rest <= Credits::ZERO {
        return RefundState::BySupport;
    }
    match refund_time_left(call.ended_at, now) {
        // Rounded up: "00:00" shows only once the window is closed.
        Some(left) => RefundState::Open {
            amount: rest,
            secs_left: (left.num_milliseconds() + 999) / 1000,
        },
        None => RefundState::Closed,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefundDecision {
    /// Refund this much now (REF-1: what is left of the charge).
    Refund(Credits),
    /// Already refunded by the model: answer as the first time (REF-2).
    AlreadyRefunded(Credits),
}

/// REF-1/2/3: only the call's model, at most once, within 60 minutes, and
/// never more than what support has not returned already.
pub fn refund_decision(
    call: &CallFacts,
    actor: &UserId,
    now: DateTime<Utc>,
) -> Result<RefundDecision, AppError> {
    if &call.model != actor {
        return Err(AppError::new(ErrorCode::NotAllowed).with_rule(RuleId::Ref1));
    }
    match refund_state(call, now) {
        RefundState::Open { amount, .. } => Ok(RefundDecision::Refund(amount)),
        RefundState::ByModel(amount) => Ok(RefundDecision::AlreadyRefunded(amount)),
        RefundState::BySupport => Err(AppError::new(ErrorCode::AlreadyReturned).with_rule(RuleId::Ref2)),
        RefundState::Closed => Err(AppError::rule(RuleId::Ref3).with_at(call.ended_at + REFUND_WINDOW)),
        RefundState::Free => Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Ref1)),
    }
}

/// A call's charge in the ledger: what a refund reverses, share by share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    pub txn: TxnId,
    pub postings: Vec<Posting>,
}

/// The model's refund, decided once from what was loaded: the earlier
/// answer (REF-2), or the amount and the ledger plan that returns it to
/// the client and takes it back from the model and the platform (REF-1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refund {
    AlreadyRefunded(Credits),
    New { amount: Credits, plan: TxnPlan },
}

pub fn refund(
    call: &CallFacts,
    charge: &Charge,
    actor: &UserId,
    now: DateTime<Utc>,
) -> Result<Refund, AppError> {
    Ok(match refund_decision(call, actor, now)? {
        RefundDecision::AlreadyRefunded(amount) => Refund::AlreadyRefunded(amount),
        RefundDecision::Refund(amount) => Refund::New {
            amount,
            plan: refund_of(
                TxnKind::CallRefund,
                charge.txn.clone(),
                &charge.postings,
                &call.client,
                amount,
                Reason::system("Refunded by the model (REF-1)"),
            ),
        },
    })
}

/// "12:05" for a countdown or a call length.
pub fn mm_ss(d: Duration) -> String {
    let secs = d.num_seconds().max(0);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uid(n: u8) -> UserId {
        UserId::parse(&format!("00000000-0000-7000-8000-0000000000{n:02x}")).unwrap()
    }

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn call() -> CallFacts {
        CallFacts {
            model: uid(2),
            client: uid(1),
            ended_at: t0(),
            charge: Credits::new(120),
            model_refund: None,
            returned: Credits::ZERO,
        }
    }

    #[test]
    fn r_call_1_started_minutes_are_billed() {
        let s = t0();
        assert_eq!(billed_minutes(s, s).unwrap(), 0);
        assert_eq!(billed_minutes(s, s + Duration::seconds(1)).unwrap(), 1);
        assert_eq!(billed_minutes(s, s + Duration::seconds(60)).unwrap(), 1);
        assert_eq!(billed_minutes(s, s + Duration::seconds(61)).unwrap(), 2);
        assert!(billed_minutes(s, s - Duration::seconds(1)).is_err());
        assert!(billed_minutes(s, s + Duration::hours(25)).is_err());
        assert_eq!(charge(Credits::new(30), 4).unwrap(), Credits::new(120));
        assert!(charge(Credits::new(0), 4).is_err());
        assert!(charge(Credits::new(-3), 4).is_err());
    }

    #[test]
    fn r_ref_1_only_the_calls_model_may_refund_and_it_is_the_full_charge() {
        let now = t0() + Duration::minutes(5);
        assert_eq!(
            refund_decision(&call(), &uid(2), now).unwrap(),
            RefundDecision::Refund(Credits::new(120))
        );
        for other in [uid(1), uid(3)] {
            let e = refund_decision(&call(), &other, now).unwrap_err();
            assert_eq!((e.code, e.rule), (ErrorCode::NotAllowed, Some(RuleId::Ref1)));
        }
    }

    #[test]
    fn r_ref_2_a_refunded_call_answers_as_already_refunded() {
        let c = CallFacts {
            model_refund: Some(Credits::new(120)),
            returned: Credits::new(120),
            ..call()
        };
        assert_eq!(
            refund_decision(&c, &uid(2), t0()).unwrap(),
            RefundDecision::AlreadyRefunded(Credits::new(120))
        );
        // Even after the window: a retry gets the first answer, not an error.
        assert_eq!(
            refund_decision(&c, &uid(2), t0() + Duration::hours(3)).unwrap(),
            RefundDecision::AlreadyRefunded(Credits::new(120))
        );
    }

    #[test]
    fn r_ref_2_what_support_returned_is_not_offered_again() {
        let now = t0() + Duration::minutes(5);
        // After support's full refund: nothing offered, the click refused.
        let full = CallFacts {
            returned: Credits::new(120),
            ..call()
        };
        assert_eq!(refund_state(&full, now), RefundState::BySupport);
        let e = refund_decision(&full, &uid(2), now).unwrap_err();
        assert_eq!((e.code, e.rule), (ErrorCode::AlreadyReturned, Some(RuleId::Ref2)));
        // After a partial one: the offer names the rest, and so does the refund.
        let part = CallFacts {
            returned: Credits::new(50),
            ..call()
        };
        assert_eq!(
            refund_state(&part, now),
            RefundState::Open {
                amount: Credits::new(70),
                secs_left: 55 * 60
            }
        );
        assert_eq!(
            refund_decision(&part, &uid(2), now).unwrap(),
            RefundDecision::Refund(Credits::new(70))
        );
    }

    #[test]
    fn r_ref_3_refund_window_closes_at_60_minutes() {
        let at = |m: i64, s: i64| t0() + Duration::minutes(m) + Duration::seconds(s);
        assert!(
            refund_decision(&call(), &uid(2), at(59, 59)).is_ok(),
            "59:59 is inside"
        );
        let e = refund_decision(&call(), &uid(2), at(60, 0)).unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Ref3), "60:00 is closed");
        assert!(refund_decision(&call(), &uid(2), at(61, 0)).is_err());
        assert_eq!(refund_time_left(t0(), at(59, 59)), Some(Duration::seconds(1)));
        assert_eq!(refund_time_left(t0(), at(60, 0)), None);
        assert!(matches!(
            refund_state(&call(), at(59, 59)),
            RefundState::Open { secs_left: 1, .. }
        ));
        assert_eq!(refund_state(&call(), at(60, 0)), RefundState::Closed);
    }

    #[test]
    fn r_ref_1_the_refund_plan_returns_what_is_left_share_by_share() {
        use crate::domain::ledger::Account;
        // 120 charged: 84 earned by the model, 36 kept by the platform.
        let charge = Charge {
            txn: TxnId::from_db("00000000-0000-7000-8000-0000000000aa".into()),
            postings: vec![
                Posting {
                    account: Account::Wallet(uid(1)),
                    amount: Credits::new(-120),
                },
                Posting {
                    account: Account::Earnings(uid(2)),
                    amount: Credits::new(84),
                },
                Posting {
                    account: Account::PlatformRevenue,
                    amount: Credits::new(36),
                },
            ],
        };
        let now = t0() + Duration::minutes(5);
        let Refund::New { amount, plan } = refund(&call(), &charge, &uid(2), now).unwrap() else {
            panic!("a first refund plans a ledger entry");
        };
        assert_eq!(amount, Credits::new(120));
        assert_eq!(plan.kind, TxnKind::CallRefund);
        assert_eq!(plan.refers_to, Some(charge.txn.clone()));
        assert!(plan.check().is_ok(), "the postings sum to zero");
        let done = CallFacts {
            model_refund: Some(Credits::new(120)),
            returned: Credits::new(120),
            ..call()
        };
        assert_eq!(
            refund(&done, &charge, &uid(2), now).unwrap(),
            Refund::AlreadyRefunded(Credits::new(120))
        );
        assert!(
            refund(&call(), &charge, &uid(1), now).is_err(),
            "the client may not"
        );
    }

    #[test]
    fn chat_notices_read_back_from_their_stored_text() {
        for n in [
            ChatNotice::CreditsReturned(Credits::new(120)),
            ChatNotice::Session {
                session: SessionId::from_db("s1".into()),
                step: EventKind::OnMyWay,
            },
        ] {
            assert_eq!(ChatNotice::from_stored(&n.stored()), Some(n));
        }
        assert_eq!(
            ChatNotice::from_stored("credits_returned:60"),
            Some(ChatNotice::CreditsReturned(Credits::new(60)))
        );
        assert_eq!(ChatNotice::from_stored("credits_returned:x"), None);
        assert_eq!(ChatNotice::from_stored("hello"), None);
    }

    #[test]
    fn mm_ss_formats_and_clamps() {
        assert_eq!(mm_ss(Duration::seconds(3599)), "59:59");
        assert_eq!(mm_ss(Duration::seconds(-4)), "00:00");
    }
}
