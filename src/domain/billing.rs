//! Purchases and their refunds (BILL): what a client can buy, and whether a
//! refund request is accepted, where it goes first, and what approving it
//! may pay back.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::error::{AppError, ErrorCode, RuleId};
use super::money::Credits;
use super::text::Reason;

/// What the checkout sells (BILL-1). Prices are in euro cents; the
/// processors charge money, the site credits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Product {
    Pack100,
    Pack500,
    Pack1200,
    /// The annual Premium subscription: a year of Premium, no credits.
    PremiumYear,
}

impl Product {
    pub const ALL: [Product; 4] = [
        Product::Pack100,
        Product::Pack500,
        Product::Pack1200,
        Product::PremiumYear,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Product::Pack100 => "pack_100",
            Product::Pack500 => "pack_500",
            Product::Pack1200 => "pack_1200",
            Product::PremiumYear => "premium_year",
        }
    }

    pub fn parse(raw: &str) -> Result<Product, AppError> {
        Product::ALL
            .into_iter()
            .find(|p| p.code() == raw)
            .ok_or_else(|| AppError::new(ErrorCode::BadInput).with_rule(RuleId::Bill1))
    }

    pub const fn price_cents(self) -> i64 {
        match self {
            Product::Pack100 => 999,
            Product::Pack500 => 4499,
            Product::Pack1200 => 9999,
            Product::PremiumYear => 11999,
        }
    }

    pub const fn credits(self) -> Credits {
        match self {
            Product::Pack100 => Credits::new(100),
            Product::Pack500 => Credits::new(500),
            Product::Pack1200 => Credits::new(1200),
            Product::PremiumYear => Credits::ZERO,
        }
    }

    pub const fn is_subscription(self) -> bool {
        matches!(self, Product::PremiumYear)
    }
}

/// "€44.99": prices are shown the same on the server and in the browser.
pub fn euros(cents: i64) -> String {
    format!("€{}.{:02}", cents / 100, cents % 100)
}

pub const PREMIUM_LENGTH: Duration = Duration::days(365);

super::wire::text_enum! {
    /// Spending with credits that involves a model or her content.
    pub enum SpendKind {
        Tip = "tip",
        PrivateShow = "private_show",
        /// Photos and videos (static content).
        Content = "content",
    }
}

super::wire::text_enum! {
    /// What a content sale sold (BILL-4 refuses refunds of both by default).
    pub enum ContentKind {
        Photo = "photo",
        Video = "video",
    }
}

/// The highest price the streaming and content systems may report, per
/// minute or per item: anything above is an upstream error, not a sale.
pub const MAX_SERVICE_PRICE: i64 = 100_000;

/// A private show as the streaming system reports it, checked: what it
/// costs (the started minutes watched at the per-minute price, as a call is
/// billed) and how long was watched (BILL-3's 5 minutes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShowCharge {
    pub amount: Credits,
    pub watched: Duration,
}

pub fn show_charge(
    price_per_minute: i64,
    started: DateTime<Utc>,
    ended: DateTime<Utc>,
    watched_seconds: i64,
    now: DateTime<Utc>,
) -> Result<ShowCharge, AppError> {
    let bad = |why: &str| {
        AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Bill1)
            .with_detail(why)
    };
    if !(1..=MAX_SERVICE_PRICE).contains(&price_per_minute) {
        return Err(bad("price_per_minute must be between 1 and 100000"));
    }
    if ended < started || ended - started > Duration::hours(24) {
        return Err(bad("ended_at must follow started_at, within a day"));
    }
    if ended > now + Duration::minutes(5) {
        return Err(bad("ended_at is in the future"));
    }
    if watched_seconds <= 0 || watched_seconds > (ended - started).num_seconds() {
        return Err(bad(
            "watched_seconds must be positive and at most the show's length",
        ));
    }
    // A started minute is billed as a whole one, as for calls.
    let minutes = (watched_seconds + 59) / 60;
    Ok(ShowCharge {
        amount: Credits::new(price_per_minute * minutes),
        watched: Duration::seconds(watched_seconds),
    })
}

/// A content sale's price, checked like the other service reports.
pub fn content_price(price: i64) -> Result<Credits, AppError> {
    if !(1..=MAX_SERVICE_PRICE).contains(&price) {
        return Err(AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Bill1)
            .with_detail("price must be between 1 and 100000"));
    }
    Ok(Credits::new(price))
}

/// BILL-2: a refund is asked for within 48 hours of the purchase's completion.
pub const REFUND_WINDOW: Duration = Duration::hours(48);
/// BILL-3: more than this much of a private show watched rules out a full refund.
pub const SHOW_FULL_REFUND_LIMIT: Duration = Duration::minutes(5);
/// BILL-3: a model who has not answered in this time has been heard.
pub const MODEL_ANSWER_TIME: Duration = Duration::hours(72);

/// The proof of payment a purchase refund carries (BILL-2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Receipt {
    /// The processor's payment number, as on the receipt e-mail.
    PaymentNumber(String),
    /// An uploaded receipt (the id of the stored file).
    Upload(String),
}

/// What a request is about, as the rules need to see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Purchase {
        completed_at: DateTime<Utc>,
        payment_number: String,
        already_refunded: bool,
        credits: Credits,
    },
    Spend {
        kind: SpendKind,
        at: DateTime<Utc>,
        amount: Credits,
        /// For private shows: how long the client watched.
        watched: Option<Duration>,
        already_refunded: Credits,
    },
}

super::wire::text_enum! {
    /// What a stored refund request is about: a purchase or a spend (its
    /// key is `purchase:<id>` or `spend:<id>`).
    pub enum RequestSubject {
        Purchase = "purchase",
        Spend = "spend",
    }
}

super::wire::text_enum! {
    /// Where an accepted request goes first.
    pub enum Status {
        /// BILL-3: the model is asked for her side before support decides.
        AwaitingModel = "awaiting_model",
        /// In support's queue.
        Open = "open",
        /// BILL-4: refused by default; support may still override with a note.
        RefusedByDefault = "refused_by_default",
        Approved = "approved",
        Declined = "declined",
    }
}

impl Status {
    pub const fn is_pending(self) -> bool {
        matches!(
            self,
            Status::AwaitingModel | Status::Open | Status::RefusedByDefault
        )
    }
}

/// A client's request as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    /// None asks for everything that is left.
    pub amount: Option<Credits>,
    pub receipt: Option<Receipt>,
    pub reason: Option<Reason>,
}

impl Ask {
    /// The refund form's fields as typed: an empty amount asks for all that
    /// is left, an empty reason gives none, a payment number is the
    /// receipt (kept to 64 characters). An uploaded receipt replaces it.
    pub fn from_form(amount: &str, payment_number: &str, reason: &str) -> Result<Ask, AppError> {
        let amount = match amount.trim() {
            "" => None,
            a => Some(Credits::parse(a).ok_or_else(|| AppError::new(ErrorCode::BadInput))?),
        };
        let number = payment_number.trim();
        let receipt = (!number.is_empty()).then(|| Receipt::PaymentNumber(number.chars().take(64).collect()));
        let reason = match reason.trim() {
            "" => None,
            r => Some(Reason::parse(r)?),
        };
        Ok(Ask {
            amount,
            receipt,
            reason,
        })
    }
}

/// An accepted request: how much it asks back and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub amount: Credits,
    pub full: bool,
    pub status: Status,
}

/// BILL-2..4: whether the request is accepted, and where it goes.
pub fn request_refund(subject: &Subject, ask: &Ask, now: DateTime<Utc>) -> Result<Accepted, AppError> {
    match subject {
        Subject::Purchase {
            completed_at,
            payment_number,
            already_refunded,
            credits,
        } => {
            if *already_refunded {
                return Err(AppError::rule(RuleId::Bill2).with_detail("refunded"));
            }
            within_window(*completed_at, now)?;
            match &ask.receipt {
                None => return Err(AppError::rule(RuleId::Bill2).with_detail("receipt")),
                Some(Receipt::PaymentNumber(n)) if !same_payment_number(n, payment_number) => {
                    return Err(AppError::rule(RuleId::Bill2).with_detail("receipt"))
                }
                Some(_) => {}
            }
            // In full, with no deduction: a smaller amount is not a choice.
            if ask.amount.is_some_and(|a| a != *credits) {
                return Err(AppError::rule(RuleId::Bill2).with_detail("full"));
            }
            Ok(Accepted {
                amount: *credits,
                full: true,
                status: Status::Open,
            })
        }
        Subject::Spend {
            kind,
            at,
            amount,
            watched,
            already_refunded,
        } => {
            within_window(*at, now)?;
            let left = amount.checked_sub(*already_refunded).unwrap_or(Credits::ZERO);
            if left.get() <= 0 {
                return Err(AppError::rule(RuleId::Bill2).with_detail("refunded"));
            }
            let wanted = ask.amount.unwrap_or(left);
            if wanted.get() <= 0 || wanted > left {
                return Err(AppError::rule(RuleId::Txn2).with_detail(left.get().to_string()));
            }
            let full = wanted == *amount;
            match kind {
                SpendKind::Content => Ok(Accepted {
                    amount: wanted,
                    full,
                    status: Status::RefusedByDefault,
                }),
                SpendKind::Tip | SpendKind::PrivateShow => {
                    if ask.reason.is_none() {
                        return Err(AppError::rule(RuleId::Bill3).with_detail("reason"));
                    }
                    let over_limit = watched.is_some_and(|w| w > SHOW_FULL_REFUND_LIMIT);
                    if *kind == SpendKind::PrivateShow && full && over_limit {
                        return Err(AppError::rule(RuleId::Bill3).with_detail("watched"));
                    }
                    Ok(Accepted {
                        amount: wanted,
                        full,
                        status: Status::AwaitingModel,
                    })
                }
            }
        }
    }
}

fn within_window(completed_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), AppError> {
    if now < completed_at + REFUND_WINDOW {
        Ok(())
    } else {
        Err(AppError::rule(RuleId::Bill2)
            .with_detail("window")
            .with_at(completed_at + REFUND_WINDOW))
    }
}

/// Payment numbers are compared without case, spaces or dashes (people
/// copy them from e-mails in every shape).
pub fn same_payment_number(given: &str, actual: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    let g = norm(given);
    !g.is_empty() && g == norm(actual)
}

/// A stored request as support's decision needs to see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub status: Status,
    pub kind: Option<SpendKind>,
    pub amount: Credits,
    pub asked_at: DateTime<Utc>,
    pub model_answered: bool,
}

/// Support's decision on a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Pays back `amount` (at most what was asked).
    Approve {
        amount: Credits,
        note: Option<Reason>,
    },
    Decline {
        note: Reason,
    },
}

/// BILL-3: in a dispute about a purchase, the model's own text message is
/// her side of the story, so she has been heard. A note or an image alone
/// is not her answer, and nobody else's message speaks for her.
pub fn message_hears_model(about_purchase: bool, from_the_model: bool, text: bool) -> bool {
    about_purchase && from_the_model && text
}

/// BILL-3/4: support approves or declines; the model must have been heard
/// first, and refused-by-default content needs a note to override.
pub fn decide(
    pending: &Pending,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<Option<Credits>, AppError> {
    if !pending.status.is_pending() {
        return Err(AppError::new(ErrorCode::RuleViolation)
            .with_rule(RuleId::Bill2)
            .with_detail("decided"));
    }
    match decision {
        Decision::Decline { .. } => Ok(None),
        Decision::Approve { amount, note } => {
            if pending.status == Status::AwaitingModel
                && !pending.model_answered
                && now < pending.asked_at + MODEL_ANSWER_TIME
            {
                return Err(AppError::rule(RuleId::Bill3).with_detail("model"));
            }
            if pending.status == Status::RefusedByDefault && note.is_none() {
                return Err(AppError::rule(RuleId::Bill4).with_detail("note"));
            }
            if amount.get() <= 0 || *amount > pending.amount {
                return Err(AppError::rule(RuleId::Txn2).with_detail(pending.amount.get().to_string()));
            }
            // A purchase comes back whole (BILL-2).
            if pending.kind.is_none() && *amount != pending.amount {
                return Err(AppError::rule(RuleId::Bill2).with_detail("full"));
            }
            Ok(Some(*amount))
        }
    }
}

/// TXN-2 for a spend: what support gives back, added to what was already
/// refunded, never exceeds what was charged. Answers what is still
/// refundable in the refusal.
pub fn check_spend_cap(charged: Credits, refunded: Credits, amount: Credits) -> Result<(), AppError> {
    let left = charged - refunded;
    if amount.get() <= 0 || amount > left {
        return Err(AppError::rule(RuleId::Txn2).with_detail(left.get().to_string()));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Processors' contact details (BILL-5): data support edits, one contact per
// line as `channel | value | note in English | note in Italian`.

super::wire::text_enum! {
    /// How a processor is reached (a contact line's first field).
    pub enum Channel {
        Email = "email",
        Phone = "phone",
        WebForm = "web_form",
        /// Looking a payment up on the processor's site.
        Lookup = "lookup",
        /// A support team on the processor's site.
        Team = "team",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub channel: Channel,
    pub value: String,
    pub note_en: String,
    pub note_it: String,
}

impl Contact {
    /// The address a link should open, when the value is one.
    pub fn href(&self) -> Option<String> {
        match self.channel {
            Channel::Email => Some(format!("mailto:{}", self.value)),
            Channel::Phone => Some(format!(
                "tel:{}",
                self.value
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect::<String>()
            )),
            Channel::WebForm | Channel::Lookup | Channel::Team => {
                self.value.starts_with("https://").then(|| self.value.clone())
            }
        }
    }
}

/// Parses support's contact lines; a bad line is refused with its number.
pub fn parse_contacts(text: &str) -> Result<Vec<Contact>, AppError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let bad = || {
            AppError::new(ErrorCode::BadInput)
                .with_rule(RuleId::Bill5)
                .with_detail(format!("{}", n + 1))
        };
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        if f.len() < 2 || f.len() > 4 {
            return Err(bad());
        }
        let channel = Channel::parse(f[0]).ok_or_else(bad)?;
        let value = f[1].to_string();
        let note = |i: usize| f.get(i).map(|s| s.to_string()).unwrap_or_default();
        let visible = |s: &str| s.chars().count() <= 200 && !s.chars().any(char::is_control);
        let valid = match channel {
            Channel::Email => value.contains('@') && !value.contains(' '),
            Channel::Phone => value.chars().filter(char::is_ascii_digit).count() >= 6,
            Channel::WebForm | Channel::Lookup | Channel::Team => {
                value.starts_with("https://") && !value.contains(' ')
            }
        };
        if !valid || !visible(&value) || !visible(&note(2)) || !visible(&note(3)) {
            return Err(bad());
        }
        out.push(Contact {
            channel,
            value,
            note_en: note(2),
            note_it: note(3),
        });
    }
    if out.is_empty() {
        return Err(AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Bill5)
            .with_detail("0"));
    }
    Ok(out)
}

pub fn format_contacts(contacts: &[Contact]) -> String {
    contacts
        .iter()
        .map(|c| {
            format!(
                "{} | {} | {} | {}",
                c.channel.as_str(),
                c.value,
                c.note_en,
                c.note_it
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
