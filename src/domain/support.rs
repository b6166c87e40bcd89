//! The shapes support's screens show (shared by server and browser).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::call::{CallEvent, CallKind, RequestStatus};
use super::ledger::{Processor, TxnKind};
use super::{CallId, CallReviewId, Credits, TxnId, TxnRef, UserId};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub id: UserId,
    pub display_name: String,
    pub email: String,
    pub balance: Credits,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxnLine {
    pub id: TxnId,
    /// The short reference people read and search (`T-4F7K-2M9Q`).
    pub reference: TxnRef,
    /// The entry this one refunds or reverses, by its reference.
    pub refers_to_ref: Option<TxnRef>,
    pub kind: TxnKind,
    pub amount: Credits,
    pub balance_effect: Credits,
    pub reason: String,
    pub actor_name: Option<String>,
    pub refers_to: Option<TxnId>,
    pub processor: Option<Processor>,
    pub at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub deleted_by: Option<String>,
    pub deleted_reason: Option<String>,
    pub payout_ref: Option<String>,
    pub paid_out_at: Option<DateTime<Utc>>,
    pub refundable: Option<Credits>,
}

impl TxnLine {
    /// A withdrawal correction still waiting for its payout (TXN-6).
    pub fn awaits_payout(&self) -> bool {
        self.kind == TxnKind::Correction && self.processor.is_some() && self.paid_out_at.is_none()
    }

    pub fn can_delete(&self) -> bool {
        self.kind == TxnKind::SupportRefund && self.deleted_at.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewLine {
    pub id: CallReviewId,
    pub status: RequestStatus,
    pub client_id: UserId,
    pub client_name: String,
    pub model_name: String,
    pub call_id: CallId,
    pub call_kind: CallKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub billed_minutes: i64,
    pub charge: Credits,
    pub refundable: Credits,
    pub reason: String,
    pub decision_note: Option<String>,
    /// The call system's log of the call.
    pub events: Vec<CallEvent>,
    pub at: DateTime<Utc>,
}
