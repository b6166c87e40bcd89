//! Billing (BILL): the processors' contacts, the checkout, the client's
//! purchases and spending with refund requests, the model's answer, and
//! support's queue.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::billing::{Contact, Product, SpendKind, Status};
use crate::domain::ledger::Processor;
use crate::domain::{BillingRequestId, PurchaseId, SpendId};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessorView {
    pub code: String,
    pub name: String,
    /// In the reader's language.
    pub regions: String,
    pub advice: String,
    pub regions_en: String,
    pub regions_it: String,
    pub advice_en: String,
    pub advice_it: String,
    pub contacts: Vec<Contact>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseLine {
    pub id: PurchaseId,
    pub product: Product,
    pub processor: Processor,
    pub payment_number: String,
    pub price_cents: i64,
    pub credits: i64,
    pub completed_at: DateTime<Utc>,
    pub refunded: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendLine {
    pub id: SpendId,
    pub kind: SpendKind,
    pub model_name: String,
    pub title: String,
    pub amount: i64,
    pub watched_seconds: Option<i64>,
    pub at: DateTime<Utc>,
    pub refunded: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLine {
    pub id: BillingRequestId,
    /// A purchase or a spend; in JSON still the two fields `subject`
    /// (`purchase` or `spend`) and `subject_id`.
    #[serde(flatten)]
    pub subject: SubjectRef,
    pub client_name: String,
    pub model_name: Option<String>,
    pub amount: i64,
    pub full: bool,
    pub receipt_number: Option<String>,
    /// An uploaded receipt, served at `/files/<id>`.
    pub receipt_upload: Option<String>,
    pub reason: Option<String>,
    pub status: Status,
    pub model_statement: Option<String>,
    pub decision_note: Option<String>,
    pub refunded: Option<i64>,
    pub at: DateTime<Utc>,
    /// For a purchase: what was bought, and through which processor.
    pub product: Option<Product>,
    pub processor: Option<Processor>,
    /// For a spend: what it was.
    pub spend_kind: Option<SpendKind>,
    pub title: Option<String>,
    pub watched_seconds: Option<i64>,
    /// The purchase's own payment number (support compares the receipt).
    pub payment_number: Option<String>,
}

impl RequestLine {
    /// The request's stored key: `purchase:<id>` or `spend:<id>`.
    pub fn subject_key(&self) -> String {
        self.subject.to_string()
    }
}

/// What a refund request is about: a purchase or a spend, by its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "subject", content = "subject_id", rename_all = "snake_case")]
pub enum SubjectRef {
    Purchase(PurchaseId),
    Spend(SpendId),
}

impl SubjectRef {
    /// A form's `purchase:<id>` or `spend:<id>`.
    pub fn parse(raw: &str) -> Option<SubjectRef> {
        match raw.split_once(':')? {
            ("purchase", id) => PurchaseId::parse(id).map(SubjectRef::Purchase),
            ("spend", id) => SpendId::parse(id).map(SubjectRef::Spend),
            _ => None,
        }
    }
}

/// The request's stored key: `purchase:<id>` or `spend:<id>`.
impl std::fmt::Display for SubjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SubjectRef::Purchase(id) => write!(f, "purchase:{id}"),
            SubjectRef::Spend(id) => write!(f, "spend:{id}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingOverview {
    pub purchases: Vec<PurchaseLine>,
    pub spends: Vec<SpendLine>,
    pub requests: Vec<RequestLine>,
    pub premium_until: Option<DateTime<Utc>>,
}
