//! Double-entry money (TXN-7): every movement is a transaction whose
//! postings sum to zero. This module plans transactions; `server::ledger`
//! writes them, in the same database transaction as the change they pay for.
//!
//! Sign convention: a posting adds its amount to its account's balance. A
//! client's wallet holds credits (never below zero); the outside world
//! (processors) goes negative as money comes in.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::error::{AppError, ErrorCode, RuleId};
use super::ids::{TxnId, UserId};
use super::money::Credits;
use super::text::Reason;

/// The payment processors the site works with (BILL-5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Processor {
    Paymentico,
    Epoch,
    SegPay,
    CentroBill,
    Webbilling,
    Wtseticket,
}

impl Processor {
    pub const ALL: [Processor; 6] = [
        Processor::Paymentico,
        Processor::Epoch,
        Processor::SegPay,
        Processor::CentroBill,
        Processor::Webbilling,
        Processor::Wtseticket,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Processor::Paymentico => "paymentico",
            Processor::Epoch => "epoch",
            Processor::SegPay => "segpay",
            Processor::CentroBill => "centrobill",
            Processor::Webbilling => "webbilling",
            Processor::Wtseticket => "wtseticket",
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Processor::Paymentico => "Paymentico",
            Processor::Epoch => "Epoch",
            Processor::SegPay => "SegPay",
            Processor::CentroBill => "CentroBill",
            Processor::Webbilling => "Webbilling",
            Processor::Wtseticket => "Wtseticket",
        }
    }

    pub fn parse(raw: &str) -> Option<Processor> {
        Processor::ALL.into_iter().find(|p| p.code() == raw)
    }
}

/// The kind of a ledger account; wallets are the only ones that must never
/// go below zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountKind {
    Wallet,
    Earnings,
    Platform,
    Payouts,
    World,
    Escrow,
}

impl AccountKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            AccountKind::Wallet => "wallet",
            AccountKind::Earnings => "earnings",
            AccountKind::Platform => "platform",
            AccountKind::Payouts => "payouts",
            AccountKind::World => "world",
            AccountKind::Escrow => "escrow",
        }
    }

    pub fn parse(raw: &str) -> Option<AccountKind> {
        [
            AccountKind::Wallet,
            AccountKind::Earnings,
            AccountKind::Platform,
            AccountKind::Payouts,
            AccountKind::World,
            AccountKind::Escrow,
        ]
        .into_iter()
        .find(|k| k.as_str() == raw)
    }

    /// Accounts many money writes add to at once: the platform's, the
    /// processors', and a model's earnings (every call of a popular model
    /// pays into them). Their cached balance is kept in shards, so
    /// concurrent writers do not queue on one row. Wallets are not: their
    /// floor is checked on the one row that holds their balance.
    pub const fn is_shared(self) -> bool {
        matches!(
            self,
            AccountKind::Platform | AccountKind::Payouts | AccountKind::World | AccountKind::Earnings
        )
    }
}

/// A ledger account, named by what it holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Account {
    /// A client's credit balance.
    Wallet(UserId),
    /// A model's earnings.
    Earnings(UserId),
    /// The platform's share and its goodwill spending.
    PlatformRevenue,
    /// Withdrawals owed to customers, until paid out through a processor.
    PayoutsPending,
    /// Money outside the site, per processor.
    World(Processor),
    /// Credits held for one secure-transaction session (MEET-1).
    Escrow(String),
}

impl Account {
    /// The stable key stored in the database.
    pub fn key(&self) -> String {
        match self {
            Account::Wallet(u) => format!("wallet:{u}"),
            Account::Earnings(u) => format!("earnings:{u}"),
            Account::PlatformRevenue => "platform:revenue".into(),
            Account::PayoutsPending => "payouts:pending".into(),
            Account::World(p) => format!("world:{}", p.code()),
            Account::Escrow(s) => format!("escrow:{s}"),
        }
    }

    pub fn kind(&self) -> AccountKind {
        match self {
            Account::Wallet(_) => AccountKind::Wallet,
            Account::Earnings(_) => AccountKind::Earnings,
            Account::PlatformRevenue => AccountKind::Platform,
            Account::PayoutsPending => AccountKind::Payouts,
            Account::World(_) => AccountKind::World,
            Account::Escrow(_) => AccountKind::Escrow,
        }
    }

    pub fn owner(&self) -> Option<&UserId> {
        match self {
            Account::Wallet(u) | Account::Earnings(u) => Some(u),
            _ => None,
        }
    }
}

/// What a transaction was for; shown in Transactions and filterable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TxnKind {
    /// Credits bought through a processor.
    Purchase,
    /// A pay-per-minute call charged to the client (CALL-1).
    CallCharge,
    /// A model's full refund of her call (REF-1).
    CallRefund,
    /// Support's full or partial refund of a transaction (TXN-2, TXN-3).
    SupportRefund,
    /// The reversal of a wrong refund entry (TXN-4).
    RefundDeletion,
    /// A balance correction by support, e.g. a withdrawal (TXN-5).
    Correction,
    /// A withdrawal paid out through a processor (TXN-6).
    Payout,
    /// Credits reserved in escrow for a secure-transaction session (MEET-1).
    SessionHold,
    /// Held credits given back to the client (free cancellation, MEET-13).
    SessionReturn,
    /// Held credits released to the model on completion.
    SessionRelease,
    /// A tip to a model (BILL-1).
    Tip,
    /// A private or exclusive show (BILL-1).
    PrivateShow,
    /// Photos and videos bought from a model (BILL-1).
    ContentSale,
    /// Credits of a purchase given back to the processor (BILL-2).
    PurchaseRefund,
}

impl TxnKind {
    pub const ALL: [TxnKind; 14] = [
        TxnKind::Purchase,
        TxnKind::CallCharge,
        TxnKind::CallRefund,
        TxnKind::SupportRefund,
        TxnKind::RefundDeletion,
        TxnKind::Correction,
        TxnKind::Payout,
        TxnKind::SessionHold,
        TxnKind::SessionReturn,
        TxnKind::SessionRelease,
        TxnKind::Tip,
        TxnKind::PrivateShow,
        TxnKind::ContentSale,
        TxnKind::PurchaseRefund,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            TxnKind::Purchase => "purchase",
            TxnKind::CallCharge => "call_charge",
            TxnKind::CallRefund => "call_refund",
            TxnKind::SupportRefund => "support_refund",
            TxnKind::RefundDeletion => "refund_deletion",
            TxnKind::Correction => "correction",
            TxnKind::Payout => "payout",
            TxnKind::SessionHold => "session_hold",
            TxnKind::SessionReturn => "session_return",
            TxnKind::SessionRelease => "session_release",
            TxnKind::Tip => "tip",
            TxnKind::PrivateShow => "private_show",
            TxnKind::ContentSale => "content_sale",
            TxnKind::PurchaseRefund => "purchase_refund",
        }
    }

    pub fn parse(raw: &str) -> Option<TxnKind> {
        TxnKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Spending that support may refund (TXN-1): money that left a wallet
    /// for a model or the platform.
    pub const fn is_refundable_spend(self) -> bool {
        matches!(self, TxnKind::CallCharge)
    }

    pub const fn is_refund(self) -> bool {
        matches!(self, TxnKind::CallRefund | TxnKind::SupportRefund)
    }
}

impl fmt::Display for TxnKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posting {
    pub account: Account,
    pub amount: Credits,
}

/// A transaction ready to be written: who, why, what it refers to, and
/// postings that sum to zero.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnPlan {
    pub kind: TxnKind,
    /// The client whose wallet this concerns (for Customers → Transactions).
    pub customer: Option<UserId>,
    /// The headline amount shown in lists (positive).
    pub amount: Credits,
    pub reason: Reason,
    pub refers_to: Option<TxnId>,
    pub processor: Option<Processor>,
    pub postings: Vec<Posting>,
}

impl TxnPlan {
    /// TXN-7: non-empty, no zero postings, sums to zero, no overflow.
    pub fn check(&self) -> Result<(), AppError> {
        let mut sum = Credits::ZERO;
        for p in &self.postings {
            if p.amount == Credits::ZERO {
                return Err(internal_rule());
            }
            sum = sum.checked_add(p.amount).ok_or_else(internal_rule)?;
        }
        if self.postings.is_empty() || sum != Credits::ZERO || self.amount.is_negative() {
            return Err(internal_rule());
        }
        Ok(())
    }
}

fn internal_rule() -> AppError {
    AppError::new(ErrorCode::Internal).with_rule(RuleId::Txn7)
}

/// The platform keeps 30 % of what clients spend with models (rounded down;
/// the model gets the rest).
pub const PLATFORM_SHARE_PERCENT: i64 = 30;

pub fn platform_share(charge: Credits) -> Credits {
    Credits::new(charge.get() * PLATFORM_SHARE_PERCENT / 100)
}

/// CALL-1: the client pays the charge; the model earns it less the
/// platform's share.
pub fn call_charge(client: &UserId, model: &UserId, charge: Credits, reason: Reason) -> TxnPlan {
    model_charge(TxnKind::CallCharge, client, model, charge, reason)
}

/// Credits a client spends on a model (a call, a tip, a show, content):
/// the model earns them less the platform's share.
pub fn model_charge(
    kind: TxnKind,
    client: &UserId,
    model: &UserId,
    charge: Credits,
    reason: Reason,
) -> TxnPlan {
    let share = platform_share(charge);
    let mut postings = vec![
        Posting {
            account: Account::Wallet(client.clone()),
            amount: -charge,
        },
        Posting {
            account: Account::Earnings(model.clone()),
            amount: charge - share,
        },
    ];
    if share != Credits::ZERO {
        postings.push(Posting {
            account: Account::PlatformRevenue,
            amount: share,
        });
    }
    TxnPlan {
        kind,
        customer: Some(client.clone()),
        amount: charge,
        reason,
        refers_to: None,
        processor: None,
        postings,
    }
}

/// Credits bought through a processor (BILL-1).
pub fn purchase(client: &UserId, amount: Credits, processor: Processor, reason: Reason) -> TxnPlan {
    TxnPlan {
        kind: TxnKind::Purchase,
        customer: Some(client.clone()),
        amount,
        reason,
        refers_to: None,
        processor: Some(processor),
        postings: vec![
            Posting {
                account: Account::World(processor),
                amount: -amount,
            },
            Posting {
                account: Account::Wallet(client.clone()),
                amount,
            },
        ],
    }
}

/// BILL-2: a purchase's credits leave the wallet and go back to the
/// processor that charged it (the wallet floor refuses it if they were spent).
pub fn purchase_refund(
    client: &UserId,
    purchase: TxnId,
    amount: Credits,
    processor: Processor,
    reason: Reason,
) -> TxnPlan {
    TxnPlan {
        kind: TxnKind::PurchaseRefund,
        customer: Some(client.clone()),
        amount,
        reason,
        refers_to: Some(purchase),
        processor: Some(processor),
        postings: vec![
            Posting {
                account: Account::Wallet(client.clone()),
                amount: -amount,
            },
            Posting {
                account: Account::World(processor),
                amount,
            },
        ],
    }
}

/// Gives back `amount` of a spend: the wallet gets it, and every account
/// that received part of the original pays back its proportional part
/// (the last receiver takes the rounding remainder, so the sum is exact).
pub fn refund_of(
    kind: TxnKind,
    original: TxnId,
    original_postings: &[Posting],
    customer: &UserId,
    amount: Credits,
    reason: Reason,
) -> TxnPlan {
    let receivers: Vec<&Posting> = original_postings.iter().filter(|p| p.amount.get() > 0).collect();
    let total: i64 = receivers.iter().map(|p| p.amount.get()).sum();
    let mut postings = vec![Posting {
        account: Account::Wallet(customer.clone()),
        amount,
    }];
    let mut left = amount.get();
    for (i, p) in receivers.iter().enumerate() {
        let part = if i + 1 == receivers.len() {
            left
        } else {
            // i128: amount × part cannot overflow before the division.
            (amount.get() as i128 * p.amount.get() as i128 / total.max(1) as i128) as i64
        };
        left -= part;
        if part != 0 {
            postings.push(Posting {
                account: p.account.clone(),
                amount: Credits::new(-part),
            });
        }
    }
    TxnPlan {
        kind,
        customer: Some(customer.clone()),
        amount,
        reason,
        refers_to: Some(original),
        processor: None,
        postings,
    }
}

/// TXN-4: the exact reverse of a refund entry.
pub fn reversal_of(
    refund: TxnId,
    refund_postings: &[Posting],
    customer: &UserId,
    amount: Credits,
    reason: Reason,
) -> TxnPlan {
    TxnPlan {
        kind: TxnKind::RefundDeletion,
        customer: Some(customer.clone()),
        amount,
        reason,
        refers_to: Some(refund),
        processor: None,
        postings: refund_postings
            .iter()
            .map(|p| Posting {
                account: p.account.clone(),
                amount: -p.amount,
            })
            .collect(),
    }
}

/// TXN-5: a correction moves credits between the wallet and the platform
/// (a positive one is goodwill) or, for a withdrawal, into the payouts owed.
pub fn correction(
    customer: &UserId,
    delta: Credits,
    processor: Option<Processor>,
    reason: Reason,
) -> TxnPlan {
    let counter = if delta.is_negative() {
        Account::PayoutsPending
    } else {
        Account::PlatformRevenue
    };
    TxnPlan {
        kind: TxnKind::Correction,
        customer: Some(customer.clone()),
        amount: Credits::new(delta.get().abs()),
        reason,
        refers_to: None,
        processor,
        postings: vec![
            Posting {
                account: Account::Wallet(customer.clone()),
                amount: delta,
            },
            Posting {
                account: counter,
                amount: -delta,
            },
        ],
    }
}

/// TXN-6: a withdrawal leaves the site through the processor.
pub fn payout(
    correction: TxnId,
    customer: &UserId,
    amount: Credits,
    processor: Processor,
    reason: Reason,
) -> TxnPlan {
    TxnPlan {
        kind: TxnKind::Payout,
        customer: Some(customer.clone()),
        amount,
        reason,
        refers_to: Some(correction),
        processor: Some(processor),
        postings: vec![
            Posting {
                account: Account::PayoutsPending,
                amount: -amount,
            },
            Posting {
                account: Account::World(processor),
                amount,
            },
        ],
    }
}

/// MEET-1/7: credits move from the wallet into the session's escrow.
pub fn escrow_hold(client: &UserId, session: &str, amount: Credits, reason: Reason) -> TxnPlan {
    TxnPlan {
        kind: TxnKind::SessionHold,
        customer: Some(client.clone()),
        amount,
        reason,
        refers_to: None,
        processor: None,
        postings: vec![
            Posting {
                account: Account::Wallet(client.clone()),
                amount: -amount,
            },
            Posting {
                account: Account::Escrow(session.to_string()),
                amount,
            },
        ],
    }
}

/// Held credits back to the client (a free cancellation, MEET-13).
pub fn escrow_return(client: &UserId, session: &str, amount: Credits, reason: Reason) -> TxnPlan {
    TxnPlan {
        kind: TxnKind::SessionReturn,
        customer: Some(client.clone()),
        amount,
        reason,
        refers_to: None,
        processor: None,
        postings: vec![
            Posting {
                account: Account::Escrow(session.to_string()),
                amount: -amount,
            },
            Posting {
                account: Account::Wallet(client.clone()),
                amount,
            },
        ],
    }
}

/// Completion: the model gets her reward for everything the session cost
/// (`total`, less the platform's share) even when part was given back at
/// once (MEET-13): escrow pays what it still holds, the platform the rest.
pub fn escrow_release(
    client: &UserId,
    model: &UserId,
    session: &str,
    held: Credits,
    total: Credits,
    reason: Reason,
) -> TxnPlan {
    let reward = total - platform_share(total);
    let mut postings = vec![Posting {
        account: Account::Earnings(model.clone()),
        amount: reward,
    }];
    if held != Credits::ZERO {
        postings.push(Posting {
            account: Account::Escrow(session.to_string()),
            amount: -held,
        });
    }
    if held - reward != Credits::ZERO {
        postings.push(Posting {
            account: Account::PlatformRevenue,
            amount: held - reward,
        });
    }
    TxnPlan {
        kind: TxnKind::SessionRelease,
        customer: Some(client.clone()),
        amount: reward,
        reason,
        refers_to: None,
        processor: None,
        postings,
    }
}

/// TXN-2: support may refund any amount from 1 up to what is still
/// refundable on the transaction.
pub fn check_support_refund(
    kind: TxnKind,
    charged: Credits,
    refunded: Credits,
    requested: Credits,
) -> Result<(), AppError> {
    if !kind.is_refundable_spend() {
        return Err(AppError::rule(RuleId::Txn1));
    }
    let refundable = charged - refunded;
    if requested.get() <= 0 || requested > refundable {
        return Err(AppError::rule(RuleId::Txn2).with_detail(refundable.get().to_string()));
    }
    Ok(())
}

/// TXN-5: a correction is not zero and never takes the balance below zero.
pub fn check_correction(balance: Credits, delta: Credits) -> Result<(), AppError> {
    if delta == Credits::ZERO || delta.get().abs() > Credits::MAX_INPUT {
        return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Txn5));
    }
    if (balance + delta).is_negative() {
        return Err(AppError::rule(RuleId::Txn5).with_detail(balance.get().to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uid(n: u8) -> UserId {
        UserId::parse(&format!("00000000-0000-7000-8000-0000000000{n:02x}")).unwrap()
    }
    fn tid() -> TxnId {
        TxnId::parse("00000000-0000-7000-8000-0000000000ff").unwrap()
    }
    fn r() -> Reason {
        Reason::system("test")
    }

    #[test]
    fn r_call_1_charge_pays_the_model_less_the_platform_share() {
        let plan = call_charge(&uid(1), &uid(2), Credits::new(100), r());
        plan.check().unwrap();
        assert_eq!(
            plan.postings[0],
            Posting {
                account: Account::Wallet(uid(1)),
                amount: Credits::new(-100)
            }
        );
        assert_eq!(
            plan.postings[1],
            Posting {
                account: Account::Earnings(uid(2)),
                amount: Credits::new(70)
            }
        );
        assert_eq!(
            plan.postings[2],
            Posting {
                account: Account::PlatformRevenue,
                amount: Credits::new(30)
            }
        );
        // Rounding: the platform's share rounds down, the model keeps the rest.
        let odd = call_charge(&uid(1), &uid(2), Credits::new(7), r());
        odd.check().unwrap();
        assert_eq!(odd.postings[1].amount, Credits::new(5));
    }

    #[test]
    fn r_txn_7_every_plan_sums_to_zero() {
        let charge = call_charge(&uid(1), &uid(2), Credits::new(999), r());
        let plans = [
            purchase(&uid(1), Credits::new(500), Processor::Epoch, r()),
            charge.clone(),
            refund_of(
                TxnKind::SupportRefund,
                tid(),
                &charge.postings,
                &uid(1),
                Credits::new(333),
                r(),
            ),
            correction(&uid(1), Credits::new(-50), Some(Processor::SegPay), r()),
            correction(&uid(1), Credits::new(20), None, r()),
            payout(tid(), &uid(1), Credits::new(50), Processor::SegPay, r()),
        ];
        for p in &plans {
            p.check().unwrap_or_else(|e| panic!("{:?}: {e}", p.kind));
        }
        let bad = TxnPlan {
            postings: vec![Posting {
                account: Account::PlatformRevenue,
                amount: Credits::new(1),
            }],
            ..plans[0].clone()
        };
        assert_eq!(bad.check().unwrap_err().rule, Some(RuleId::Txn7));
    }

    #[test]
    fn r_txn_3_partial_refund_takes_back_proportionally_and_exactly() {
        let charge = call_charge(&uid(1), &uid(2), Credits::new(100), r());
        let refund = refund_of(
            TxnKind::SupportRefund,
            tid(),
            &charge.postings,
            &uid(1),
            Credits::new(33),
            r(),
        );
        refund.check().unwrap();
        assert_eq!(refund.refers_to, Some(tid()));
        assert_eq!(
            refund.postings[0],
            Posting {
                account: Account::Wallet(uid(1)),
                amount: Credits::new(33)
            }
        );
        let model: i64 = refund
            .postings
            .iter()
            .filter(|p| p.account == Account::Earnings(uid(2)))
            .map(|p| p.amount.get())
            .sum();
        let platform: i64 = refund
            .postings
            .iter()
            .filter(|p| p.account == Account::PlatformRevenue)
            .map(|p| p.amount.get())
            .sum();
        assert_eq!((model, platform), (-23, -10));
    }

    #[test]
    fn r_txn_4_deletion_is_the_exact_reverse() {
        let charge = call_charge(&uid(1), &uid(2), Credits::new(100), r());
        let refund = refund_of(
            TxnKind::SupportRefund,
            tid(),
            &charge.postings,
            &uid(1),
            Credits::new(40),
            r(),
        );
        let del = reversal_of(tid(), &refund.postings, &uid(1), Credits::new(40), r());
        del.check().unwrap();
        for (a, b) in refund.postings.iter().zip(&del.postings) {
            assert_eq!((a.account.clone(), a.amount), (b.account.clone(), -b.amount));
        }
    }

    #[test]
    fn r_txn_2_refund_is_capped_at_what_is_still_refundable() {
        let k = TxnKind::CallCharge;
        assert!(check_support_refund(k, Credits::new(100), Credits::new(0), Credits::new(100)).is_ok());
        assert!(check_support_refund(k, Credits::new(100), Credits::new(60), Credits::new(40)).is_ok());
        let over =
            check_support_refund(k, Credits::new(100), Credits::new(60), Credits::new(41)).unwrap_err();
        assert_eq!(
            (over.rule, over.detail.as_deref()),
            (Some(RuleId::Txn2), Some("40"))
        );
        assert!(check_support_refund(k, Credits::new(100), Credits::new(0), Credits::new(0)).is_err());
        assert!(check_support_refund(k, Credits::new(100), Credits::new(0), Credits::new(-5)).is_err());
    }

    #[test]
    fn r_txn_1_only_spending_is_refundable_by_support() {
        for kind in TxnKind::ALL {
            let res = check_support_refund(kind, Credits::new(10), Credits::ZERO, Credits::new(1));
            assert_eq!(res.is_ok(), kind == TxnKind::CallCharge, "{kind}");
        }
    }

    #[test]
    fn r_txn_5_correction_never_below_zero_and_full_withdrawal_is_exact() {
        assert!(check_correction(Credits::new(120), Credits::new(-120)).is_ok());
        let e = check_correction(Credits::new(120), Credits::new(-121)).unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Txn5));
        assert!(check_correction(Credits::new(0), Credits::new(25)).is_ok());
        assert!(check_correction(Credits::new(10), Credits::ZERO).is_err());
        let plan = correction(&uid(1), Credits::new(-120), Some(Processor::Epoch), r());
        assert_eq!(
            plan.postings[1],
            Posting {
                account: Account::PayoutsPending,
                amount: Credits::new(120)
            }
        );
    }

    #[test]
    fn r_txn_6_payout_moves_the_withdrawal_out_through_the_processor() {
        let plan = payout(tid(), &uid(1), Credits::new(120), Processor::Epoch, r());
        plan.check().unwrap();
        assert_eq!(plan.processor, Some(Processor::Epoch));
        assert_eq!(
            plan.postings[1],
            Posting {
                account: Account::World(Processor::Epoch),
                amount: Credits::new(120)
            }
        );
    }

    #[test]
    fn r_meet_13_release_pays_the_full_reward_even_after_a_refund_now() {
        let full = escrow_release(&uid(1), &uid(2), "s", Credits::new(300), Credits::new(300), r());
        full.check().unwrap();
        assert_eq!(
            full.postings[0],
            Posting {
                account: Account::Earnings(uid(2)),
                amount: Credits::new(210)
            }
        );
        // 100 given back at once: escrow holds 200, the platform adds 10.
        let after = escrow_release(&uid(1), &uid(2), "s", Credits::new(200), Credits::new(300), r());
        after.check().unwrap();
        assert_eq!(after.postings[0].amount, Credits::new(210));
        assert_eq!(
            after.postings[2],
            Posting {
                account: Account::PlatformRevenue,
                amount: Credits::new(-10)
            }
        );
        escrow_hold(&uid(1), "s", Credits::new(5), r()).check().unwrap();
        escrow_return(&uid(1), "s", Credits::new(5), r()).check().unwrap();
    }

    #[test]
    fn keys_round_trip_through_their_text() {
        for k in TxnKind::ALL {
            assert_eq!(TxnKind::parse(k.as_str()), Some(k));
        }
        for p in Processor::ALL {
            assert_eq!(Processor::parse(p.code()), Some(p));
        }
        assert_eq!(Account::World(Processor::SegPay).key(), "world:segpay");
    }
}
