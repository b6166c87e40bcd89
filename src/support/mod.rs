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
    pub txns: Vec<TxnLine>,
    pub default_processor: Option<Processor>,
}
