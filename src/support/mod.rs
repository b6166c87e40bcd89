//! Support's back office: customers, transactions, refunds (TXN-1..4),
//! corrections and payouts (TXN-5, TXN-6), and call review requests (REF-6).
//! Every function starts with the support role check.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use serde::{Deserialize, Serialize};

use crate::domain::ledger::Processor;

pub use crate::domain::support::*;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPage {
    pub customer: CustomerSummary,
    /// One page of the transactions, newest first.
    pub txns: Vec<TxnLine>,
    /// Which page (from 1), and whether older entries follow.
    pub page: u32,
    pub more: bool,
    pub default_processor: Option<Processor>,
}

/// Transactions per page of a customer's list.
pub const TXN_PAGE: u32 = 50;

/// One audit entry as support's log shows it: the stored line, and what it
/// acted on in words a person reads (a transaction's reference, a person's
/// name, a processor, an article) instead of a stored id or code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub line: crate::domain::audit::AuditLine,
    pub on: AuditSubject,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditSubject {
    /// A ledger entry, by the reference people read and search (TXN-1),
    /// and whose list it is in.
    Txn {
        reference: crate::domain::TxnRef,
        customer: Option<crate::domain::UserId>,
    },
    /// A person sanctioned by a dispute's decision (DISP-3): a warning, or
    /// a suspension for this many days.
    Sanction {
        user: crate::domain::UserId,
        name: String,
        days: Option<u16>,
    },
    /// A payment processor whose contacts support saved (BILL-5).
    Processor(Processor),
    /// A help article's revision (HELP-4).
    Article {
        slug: String,
        locale: crate::domain::Locale,
        revision: i64,
    },
    /// A case (a dispute, a call review, a refund request, a rating), by
    /// the people in it (`Luca ↔ Giulia`), linking to where it is read.
    Case { who: String, href: String },
    /// Anything else, by its id.
    Id(String),
}
