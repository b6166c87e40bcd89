//! A ledger entry's kind and stored reason in the reader's words: shared by
//! support's transactions page and its CSV export.

use super::Msg;
use crate::domain::ledger::TxnKind;
use crate::domain::Locale;

pub fn txn_kind_msg(kind: TxnKind) -> Msg {
    match kind {
        TxnKind::Purchase => Msg::KindPurchase,
        TxnKind::CallCharge => Msg::KindCallCharge,
        TxnKind::CallRefund => Msg::KindCallRefund,
        TxnKind::SupportRefund => Msg::KindSupportRefund,
        TxnKind::RefundDeletion => Msg::KindRefundDeletion,
        TxnKind::Correction => Msg::KindCorrection,
        TxnKind::Payout => Msg::KindPayout,
        TxnKind::SessionHold => Msg::KindSessionHold,
        TxnKind::SessionReturn => Msg::KindSessionReturn,
        TxnKind::SessionRelease => Msg::KindSessionRelease,
        TxnKind::Tip => Msg::KindTip,
        TxnKind::PrivateShow => Msg::KindPrivateShow,
        TxnKind::ContentSale => Msg::KindContentSale,
        TxnKind::PurchaseRefund => Msg::KindPurchaseRefund,
    }
}

/// What an entry's stored reason is: a person's words (support's reason
/// for a refund, a deletion or a correction), data (a payout's outside
/// reference, a content sale's title), or a note the system wrote in
/// English for the database (`video call, 4 min × 30 credits`), which the
/// kind already says in the reader's words and is not shown.
pub fn shown_reason(kind: TxnKind, reason: &str, locale: Locale) -> Option<String> {
    let shown = match kind {
        TxnKind::SupportRefund | TxnKind::RefundDeletion | TxnKind::Correction | TxnKind::ContentSale => {
            reason.to_string()
        }
        TxnKind::Payout => format!("{}: {reason}", Msg::PayoutRef.text(locale)),
        TxnKind::Purchase
        | TxnKind::CallCharge
        | TxnKind::CallRefund
        | TxnKind::SessionHold
        | TxnKind::SessionReturn
        | TxnKind::SessionRelease
        | TxnKind::Tip
        | TxnKind::PrivateShow
        | TxnKind::PurchaseRefund => return None,
    };
    (!reason.trim().is_empty()).then_some(shown)
}
