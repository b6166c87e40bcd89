//! What the audit log records (issue 8): money movements and support's
//! actions, each with who, when, what and why.

use serde::{Deserialize, Serialize};

use super::ledger::TxnKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// A ledger entry was written (any kind: charges, refunds, corrections…).
    Money(TxnKind),
    DisputeAwaiting,
    DisputeDecided,
    Sanction,
    ReviewDecided,
    BillingDecided,
    RatingRemoved,
    RatingKept,
    HelpSaved,
    ProcessorSaved,
    /// SUP-1: an agent took a case nobody had.
    CaseTaken,
    /// SUP-1: the owner handed a case to another agent.
    CaseHandedOver,
}

impl Action {
    /// The stored form: `money:<kind>` or a fixed word.
    pub fn code(self) -> String {
        match self {
            Action::Money(kind) => format!("money:{}", kind.as_str()),
            other => other.word().to_string(),
        }
    }

    const fn word(self) -> &'static str {
        match self {
            Action::Money(_) => "money",
            Action::DisputeAwaiting => "dispute_awaiting",
            Action::DisputeDecided => "dispute_decided",
            Action::Sanction => "sanction",
            Action::ReviewDecided => "review_decided",
            Action::BillingDecided => "billing_decided",
            Action::RatingRemoved => "rating_removed",
            Action::RatingKept => "rating_kept",
            Action::HelpSaved => "help_saved",
            Action::ProcessorSaved => "processor_saved",
            Action::CaseTaken => "case_taken",
            Action::CaseHandedOver => "case_handed_over",
        }
    }

    pub fn parse(raw: &str) -> Option<Action> {
        if let Some(kind) = raw.strip_prefix("money:") {
            return TxnKind::parse(kind).map(Action::Money);
        }
        [
            Action::DisputeAwaiting,
            Action::DisputeDecided,
            Action::Sanction,
            Action::ReviewDecided,
            Action::BillingDecided,
            Action::RatingRemoved,
            Action::RatingKept,
            Action::HelpSaved,
            Action::ProcessorSaved,
            Action::CaseTaken,
            Action::CaseHandedOver,
        ]
        .into_iter()
        .find(|a| a.word() == raw)
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

/// Reads the stored form (a store's row struct: `#[sqlx(try_from = "String")]`).
impl TryFrom<String> for Action {
    type Error = String;
    fn try_from(raw: String) -> Result<Action, String> {
        Action::parse(&raw).ok_or_else(|| format!("unknown audit action {raw:?}"))
    }
}

/// One entry as support reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: super::AuditEntryId,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The actor's name; `None` for the system.
    pub actor: Option<String>,
    pub action: Action,
    /// The id of what was acted on (an entry, dispute, request, article…).
    pub subject: String,
    pub amount: Option<super::money::Credits>,
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_through_their_stored_form() {
        for a in [
            Action::Money(TxnKind::CallRefund),
            Action::Money(TxnKind::SupportRefund),
            Action::DisputeDecided,
            Action::HelpSaved,
            Action::ProcessorSaved,
            Action::CaseTaken,
            Action::CaseHandedOver,
        ] {
            assert_eq!(Action::parse(&a.code()), Some(a));
            assert_eq!(Action::try_from(a.to_string()), Ok(a));
        }
        assert_eq!(Action::parse("money:nonsense"), None);
        assert_eq!(Action::parse("drop table"), None);
    }
}
