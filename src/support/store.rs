//! Support's back office (TXN): customers, their transactions, refunds and
//! their deletion, balance corrections and payouts, and the queue of call
//! refund requests from clients (REF-6).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::ledger::{self as plan, Account, Processor, TxnKind};
use crate::domain::{AppError, Credits, ErrorCode, Reason, RuleId, TxnId, TxnRef, UserId};
use crate::platform::db::begin_write;
use crate::platform::db::Db;
use crate::platform::db::{from_ms, ms};
use crate::platform::ledger::{self, spend_for_refund, support_refund_in, IdempotencyKey, Written};

/// A client as support's lists show them; the same shape the pages get.
pub use crate::domain::support::CustomerSummary as CustomerRow;

const CUSTOMER_SQL: &str = "SELECT u.id AS id, u.display_name AS display_name, u.email AS email, \
     COALESCE(a.balance, 0) AS balance FROM users u \
     LEFT JOIN ledger_accounts a ON a.id = 'wallet:' || u.id WHERE u.role = 'client'";

/// A client as `CUSTOMER_SQL` selects them.
#[derive(sqlx::FromRow)]
struct CustomerDbRow {
    #[sqlx(try_from = "String")]
    id: UserId,
    display_name: String,
    email: String,
    balance: i64,
}

impl From<CustomerDbRow> for CustomerRow {
    fn from(r: CustomerDbRow) -> CustomerRow {
        CustomerRow {
            id: r.id,
            display_name: r.display_name,
            email: r.email,
            balance: Credits::new(r.balance),
        }
    }
}

/// Clients matching a search on name or e-mail (case-insensitive).
pub async fn customers(db: &Db, search: &str) -> Result<Vec<CustomerRow>, AppError> {
    // No name or e-mail is longer than an e-mail may be: a longer search
    // matches nobody (and SQLite refuses LIKE patterns past 50,000 bytes).
    if search.trim().chars().count() > 254 {
        return Ok(Vec::new());
    }
    let pattern = format!("%{}%", escape_like(&search.trim().to_lowercase()));
    let rows = sqlx::query_as::<_, CustomerDbRow>(&format!(
        "{CUSTOMER_SQL} AND (LOWER(u.display_name) LIKE $1 ESCAPE '\\' OR u.email LIKE $1 ESCAPE '\\') \
         ORDER BY u.display_name, u.email LIMIT 200"
    ))
    .bind(pattern)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(CustomerRow::from).collect())
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

pub async fn customer(db: &Db, id: &UserId) -> Result<CustomerRow, AppError> {
    customers_by_id(db, id)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

async fn customers_by_id(db: &Db, id: &UserId) -> Result<Option<CustomerRow>, AppError> {
    let row = sqlx::query_as::<_, CustomerDbRow>(&format!("{CUSTOMER_SQL} AND u.id = $1"))
        .bind(id.as_str())
        .fetch_optional(db)
        .await?;
    Ok(row.map(CustomerRow::from))
}

/// A transaction as support sees it in Transactions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxnView {
    pub id: TxnId,
    pub reference: TxnRef,
    /// The entry this one refunds or reverses, by its reference.
    pub refers_to_ref: Option<TxnRef>,
    pub kind: TxnKind,
    pub amount: Credits,
    /// What this did to the customer's balance (signed).
    pub balance_effect: Credits,
    pub reason: String,
    pub actor_name: Option<String>,
    pub refers_to: Option<TxnId>,
    pub processor: Option<Processor>,
    pub at: DateTime<Utc>,
    pub deleted: Option<Deletion>,
    pub payout: Option<Payout>,
    /// For spends: what is still refundable (TXN-2).
    pub refundable: Option<Credits>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    pub at: DateTime<Utc>,
    pub by_name: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payout {
    pub reference: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxnFilter {
    pub kind: Option<TxnKind>,
    pub from: Option<DateTime<Utc>>,
    /// Exclusive upper bound.
    pub to: Option<DateTime<Utc>>,
    pub search: String,
    /// Entries to skip (newest first): a page's start.
    pub offset: i64,
    /// At most this many; `None`: up to [`MAX_EXPORT`].
    pub limit: Option<i64>,
}

/// The most entries one answer carries (a CSV export of a customer's whole
/// history; a page shows `TXN_PAGE`).
pub const MAX_EXPORT: i64 = 10_000;

/// A ledger entry as `transactions` selects it, for one customer.
#[derive(sqlx::FromRow)]
struct TxnDbRow {
    #[sqlx(try_from = "String")]
    id: TxnId,
    kind: String,
    amount: i64,
    reason: String,
    actor_name: Option<String>,
    refers_to: Option<String>,
    processor: Option<String>,
    created_at: i64,
    deleted_at: Option<i64>,
    deleted_by_name: Option<String>,
    deleted_reason: Option<String>,
    payout_ref: Option<String>,
    paid_out_at: Option<i64>,
    balance_effect: i64,
    refunded: i64,
    reference: String,
    refers_to_ref: Option<String>,
}

impl TxnDbRow {
    /// `None` for an entry of a kind this build does not know.
    fn into_view(self) -> Option<TxnView> {
        let kind = TxnKind::parse(&self.kind)?;
        let amount = Credits::new(self.amount);
        Some(TxnView {
            id: self.id,
            reference: TxnRef::from_db(self.reference),
            refers_to_ref: self.refers_to_ref.map(TxnRef::from_db),
            kind,
            amount,
            reason: self.reason,
            actor_name: self.actor_name,
            refers_to: self.refers_to.map(TxnId::from_db),
            processor: self.processor.as_deref().and_then(Processor::parse),
            at: from_ms(self.created_at),
            deleted: self.deleted_at.map(|at| Deletion {
                at: from_ms(at),
                by_name: self.deleted_by_name.unwrap_or_default(),
                reason: self.deleted_reason.unwrap_or_default(),
            }),
            payout: match (self.payout_ref, self.paid_out_at) {
                (Some(reference), Some(at)) => Some(Payout {
                    reference,
                    at: from_ms(at),
                }),
                _ => None,
            },
            balance_effect: Credits::new(self.balance_effect),
            refundable: kind
                .is_refundable_spend()
                .then(|| amount - Credits::new(self.refunded)),
        })
    }
}

pub async fn transactions(db: &Db, customer: &UserId, filter: &TxnFilter) -> Result<Vec<TxnView>, AppError> {
    // A typed reference matches however it was written (t-4f7k 2m9q).
    let search = match TxnRef::normalize(&filter.search) {
        Some(r) => r.as_str().to_lowercase(),
        None => filter.search.trim().to_lowercase(),
    };
    let pattern = format!("%{}%", escape_like(&search));
    let rows = sqlx::query_as::<_, TxnDbRow>(
        "SELECT t.id AS id, t.kind AS kind, t.amount AS amount, t.reason AS reason, actor.display_name AS actor_name, \
                t.refers_to AS refers_to, t.processor AS processor, t.created_at AS created_at, \
                t.deleted_at AS deleted_at, deleter.display_name AS deleted_by_name, t.deleted_reason AS deleted_reason, \
                t.payout_ref AS payout_ref, t.paid_out_at AS paid_out_at, \
                CAST(COALESCE((SELECT SUM(p.amount) FROM ledger_postings p WHERE p.txn_id = t.id AND p.account_id = 'wallet:' || $1), 0) AS BIGINT) AS balance_effect, \
                (SELECT CAST(COALESCE(SUM(r.amount), 0) AS BIGINT) FROM ledger_txns r WHERE r.refers_to = t.id \
                   AND r.kind IN ('call_refund', 'support_refund') AND r.deleted_at IS NULL) AS refunded, \
                t.reference AS reference, orig.reference AS refers_to_ref \
         FROM ledger_txns t \
         LEFT JOIN users actor ON actor.id = t.actor_id \
         LEFT JOIN users deleter ON deleter.id = t.deleted_by \
         LEFT JOIN ledger_txns orig ON orig.id = t.refers_to \
         WHERE t.customer_id = $1 AND ($2 = '' OR t.kind = $2) AND t.created_at >= $3 AND t.created_at < $4 \
           AND (LOWER(t.reason) LIKE $5 ESCAPE '\\' OR t.id LIKE $5 ESCAPE '\\' OR t.kind LIKE $5 ESCAPE '\\' \
                OR LOWER(t.reference) LIKE $5 ESCAPE '\\' OR LOWER(orig.reference) LIKE $5 ESCAPE '\\') \
         ORDER BY t.created_at DESC, t.id DESC LIMIT $6 OFFSET $7",
    )
    .bind(customer.as_str())
    .bind(filter.kind.map(|k| k.as_str()).unwrap_or(""))
    .bind(filter.from.map(ms).unwrap_or(i64::MIN))
    .bind(filter.to.map(ms).unwrap_or(i64::MAX))
    .bind(pattern)
    .bind(filter.limit.unwrap_or(MAX_EXPORT).clamp(0, MAX_EXPORT))
    .bind(filter.offset.max(0))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(TxnDbRow::into_view).collect())
}

/// TXN-2/3: a full or partial refund of a spend, as a new entry pointing at
/// it, returning credits to the on-site balance.
#[allow(clippy::too_many_arguments)]
pub async fn support_refund(
    db: &Db,
    support: &UserId,
    customer: &UserId,
    txn: &TxnId,
    amount: Credits,
    reason: Reason,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let mut tx = begin_write(db).await?;
    let written = support_refund_in(&mut tx, support, customer, txn, amount, reason, key, now).await?;
    tx.commit().await?;
    Ok(written)
}

/// TXN-4: deletes a wrong support refund: a reversing entry brings the
/// balance back, and the refund is marked deleted (who, when, why).
pub async fn delete_refund(
    db: &Db,
    support: &UserId,
    customer: &UserId,
    refund: &TxnId,
    reason: Reason,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let mut tx = begin_write(db).await?;
    let row = spend_for_refund(&mut tx, customer, refund).await?;
    let postings = ledger::postings_of(&mut tx, refund).await?;
    let reversal = plan::reversal_of(refund.clone(), &postings, customer, row.amount, reason.clone());
    if let Some(existing) = ledger::earlier(&mut tx, &reversal, key).await? {
        return Ok(existing);
    }
    if row.kind != TxnKind::SupportRefund || row.deleted {
        return Err(AppError::rule(RuleId::Txn4));
    }
    let written = ledger::write(&mut tx, &reversal, key, Some(support), now)
        .await
        .map_err(|e| {
            if e.code == ErrorCode::InsufficientCredits {
                // The client has spent the refunded credits already.
                AppError::rule(RuleId::Txn4).with_detail("spent")
            } else {
                e
            }
        })?;
    sqlx::query(
        "UPDATE ledger_txns SET deleted_at = $1, deleted_by = $2, deleted_reason = $3, deleted_by_txn = $4 \
         WHERE id = $5 AND deleted_at IS NULL",
    )
    .bind(ms(now))
    .bind(support.as_str())
    .bind(reason.as_str())
    .bind(written.txn.as_str())
    .bind(refund.as_str())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(written)
}

/// TXN-5: a balance correction, never below zero. A withdrawal (negative)
/// names the processor the money goes back through (TXN-6).
#[allow(clippy::too_many_arguments)]
pub async fn correct_balance(
    db: &Db,
    support: &UserId,
    customer: &UserId,
    delta: Credits,
    processor: Option<Processor>,
    reason: Reason,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    if delta.is_negative() && processor.is_none() {
        return Err(AppError::rule(RuleId::Txn6));
    }
    let mut tx = begin_write(db).await?;
    if customers_by_id(db, customer).await?.is_none() {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let processor = processor.filter(|_| delta.is_negative());
    let correction = plan::correction(customer, delta, processor, reason);
    if let Some(existing) = ledger::earlier(&mut tx, &correction, key).await? {
        return Ok(existing);
    }
    let balance = ledger::balance(&mut tx, &Account::Wallet(customer.clone())).await?;
    plan::check_correction(balance, delta)?;
    let written = ledger::write(&mut tx, &correction, key, Some(support), now)
        .await
        .map_err(|e| {
            if e.code == ErrorCode::InsufficientCredits {
                AppError::rule(RuleId::Txn5)
            } else {
                e
            }
        })?;
    tx.commit().await?;
    Ok(written)
}

/// TXN-6: records the outside payout of a withdrawal and marks it paid out.
pub async fn record_payout(
    db: &Db,
    support: &UserId,
    customer: &UserId,
    correction: &TxnId,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let reference = reference.trim();
    if reference.is_empty() || reference.chars().count() > 100 || reference.chars().any(char::is_control) {
        return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Txn6));
    }
    let mut tx = begin_write(db).await?;
    let row = spend_for_refund(&mut tx, customer, correction).await?;
    let key = IdempotencyKey::derived("payout", correction.as_str());
    let Some(processor) = row.processor.filter(|_| row.kind == TxnKind::Correction) else {
        return Err(AppError::rule(RuleId::Txn6));
    };
    let payout = plan::payout(
        correction.clone(),
        customer,
        row.amount,
        processor,
        // The outside reference alone: the processor is on the entry, and
        // pages say "payout" in the reader's words.
        Reason::system(reference),
    );
    if row.paid_out {
        return ledger::earlier(&mut tx, &payout, &key)
            .await?
            .ok_or_else(|| AppError::rule(RuleId::Txn6));
    }
    let written = ledger::write(&mut tx, &payout, &key, Some(support), now).await?;
    sqlx::query("UPDATE ledger_txns SET payout_ref = $1, paid_out_at = $2, payout_txn = $3 WHERE id = $4 AND paid_out_at IS NULL")
        .bind(reference)
        .bind(ms(now))
        .bind(written.txn.as_str())
        .bind(correction.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(written)
}

/// The processor of a customer's latest purchase: the default for payouts.
pub async fn last_processor(db: &Db, customer: &UserId) -> Result<Option<Processor>, AppError> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT processor FROM ledger_txns WHERE customer_id = $1 AND kind = 'purchase' ORDER BY created_at DESC LIMIT 1",
    )
    .bind(customer.as_str())
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|r| r.0).as_deref().and_then(Processor::parse))
}

/// Credits bought through a processor (simulated checkout; BILL builds the
/// screens on it).
pub async fn purchase(
    db: &Db,
    customer: &UserId,
    amount: Credits,
    processor: Processor,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    if amount.get() <= 0 || amount.get() > 1_000_000 {
        return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Bill1));
    }
    let mut tx = begin_write(db).await?;
    let p = plan::purchase(
        customer,
        amount,
        processor,
        Reason::system(&format!("Credits bought through {}", processor.name())),
    );
    let written = ledger::write(&mut tx, &p, key, Some(customer), now).await?;
    tx.commit().await?;
    Ok(written)
}

impl From<TxnView> for crate::domain::support::TxnLine {
    fn from(t: TxnView) -> Self {
        Self {
            id: t.id,
            reference: t.reference,
            refers_to_ref: t.refers_to_ref,
            kind: t.kind,
            amount: t.amount,
            balance_effect: t.balance_effect,
            reason: t.reason,
            actor_name: t.actor_name,
            refers_to: t.refers_to,
            processor: t.processor,
            at: t.at,
            deleted_at: t.deleted.as_ref().map(|d| d.at),
            deleted_by: t.deleted.as_ref().map(|d| d.by_name.clone()),
            deleted_reason: t.deleted.map(|d| d.reason),
            payout_ref: t.payout.as_ref().map(|p| p.reference.clone()),
            paid_out_at: t.payout.map(|p| p.at),
            refundable: t.refundable,
        }
    }
}

/// What each audit line acted on, in words a person reads (the log stores
/// ids and codes): a ledger entry's reference, a sanctioned person's name,
/// a processor, an article's revision.
pub async fn audit_entries(
    db: &Db,
    lines: Vec<crate::domain::audit::AuditLine>,
) -> Result<Vec<crate::support::AuditEntry>, AppError> {
    use crate::domain::audit::Action;
    use crate::support::{AuditEntry, AuditSubject};
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let raw = line.subject.as_str();
        let on = match line.action {
            Action::Money(_) => sqlx::query_as::<_, (String, Option<String>)>(
                "SELECT reference, customer_id FROM ledger_txns WHERE id = $1",
            )
            .bind(raw)
            .fetch_optional(db)
            .await?
            .map(|(r, customer)| AuditSubject::Txn {
                reference: TxnRef::from_db(r),
                customer: customer.map(UserId::from_db),
            }),
            Action::Sanction => match sanction_subject(raw) {
                Some((user, days)) => {
                    sqlx::query_scalar::<_, String>("SELECT display_name FROM users WHERE id = $1")
                        .bind(user)
                        .fetch_optional(db)
                        .await?
                        .map(|name| AuditSubject::Sanction {
                            user: UserId::from_db(user.to_string()),
                            name,
                            days,
                        })
                }
                None => None,
            },
            Action::CaseTaken | Action::CaseHandedOver => case_of_queue(db, raw).await?,
            Action::ProcessorSaved => Processor::parse(raw).map(AuditSubject::Processor),
            Action::HelpSaved => article_subject(raw),
            Action::DisputeAwaiting | Action::DisputeDecided => {
                case(
                    db,
                    "SELECT c.display_name AS first, m.display_name AS second FROM disputes d \
                 JOIN users c ON c.id = d.client_id JOIN users m ON m.id = d.model_id WHERE d.id = $1",
                    raw,
                    " ↔ ",
                    format!("/disputes/{raw}"),
                )
                .await?
            }
            Action::ReviewDecided => {
                case(
                    db,
                    "SELECT c.display_name AS first, m.display_name AS second FROM refund_requests r \
                 JOIN calls k ON k.id = r.call_id JOIN users c ON c.id = r.client_id \
                 JOIN users m ON m.id = k.model_id WHERE r.id = $1",
                    raw,
                    " → ",
                    format!("/support/reviews/{raw}"),
                )
                .await?
            }
            Action::BillingDecided => {
                case(
                    db,
                    "SELECT c.display_name AS first, m.display_name AS second FROM billing_requests r \
                 JOIN users c ON c.id = r.client_id LEFT JOIN users m ON m.id = r.model_id WHERE r.id = $1",
                    raw,
                    " ↔ ",
                    "/support/billing".to_string(),
                )
                .await?
            }
            Action::RatingRemoved | Action::RatingKept => {
                case(
                    db,
                    "SELECT a.display_name AS first, b.display_name AS second FROM ratings r \
                 JOIN users a ON a.id = r.rater_id JOIN users b ON b.id = r.rated_id WHERE r.id = $1",
                    raw,
                    " → ",
                    "/support/ratings".to_string(),
                )
                .await?
            }
        };
        let on = on.unwrap_or_else(|| AuditSubject::Id(line.subject.clone()));
        out.push(AuditEntry { line, on });
    }
    Ok(out)
}

/// The two people of a case, as `sql` (one `$1`: the case's id) selects
/// them (`first`, `second`).
#[derive(sqlx::FromRow)]
struct CaseNames {
    first: String,
    second: Option<String>,
}

async fn case(
    db: &Db,
    sql: &str,
    id: &str,
    between: &str,
    href: String,
) -> Result<Option<crate::support::AuditSubject>, AppError> {
    let names = sqlx::query_as::<_, CaseNames>(sql)
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(names.map(|n| crate::support::AuditSubject::Case {
        who: match n.second {
            Some(second) => format!("{}{between}{second}", n.first),
            None => n.first,
        },
        href,
    }))
}

/// A case of support's queue by its audit subject (`<kind>:<id>`): the
/// people in it (or the address of an anonymous writer) and where it is
/// answered.
async fn case_of_queue(db: &Db, raw: &str) -> Result<Option<crate::support::AuditSubject>, AppError> {
    use crate::domain::case::{case_path, CaseKind};
    let Some((kind, id)) = raw
        .split_once(':')
        .and_then(|(k, id)| Some((CaseKind::parse(k)?, id)))
    else {
        return Ok(None);
    };
    // The client's and the model's names, a contact's address, the dispute.
    type Row = (Option<String>, Option<String>, Option<String>, Option<String>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT cu.display_name, mu.display_name, k.email, d.id FROM cases c \
         LEFT JOIN users cu ON cu.id = c.client_id LEFT JOIN users mu ON mu.id = c.model_id \
         LEFT JOIN contact_requests k ON c.kind = 'contact' AND k.id = c.subject_id \
         LEFT JOIN disputes d ON d.conversation_id = c.conversation_id \
         WHERE c.kind = $1 AND c.subject_id = $2",
    )
    .bind(kind.as_str())
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(client, model, email, dispute)| {
        let who = match (client, model) {
            (Some(c), Some(m)) => format!("{c} ↔ {m}"),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => email.unwrap_or_default(),
        };
        crate::support::AuditSubject::Case {
            who,
            href: case_path(kind, id, dispute.as_deref()),
        }
    }))
}

/// The stored subject of a sanction (`disputes::store`): `warning:<user>`
/// or `suspension:<days>:<user>`; the user and the days of a suspension.
fn sanction_subject(raw: &str) -> Option<(&str, Option<u16>)> {
    match raw.split_once(':')? {
        ("warning", user) => Some((user, None)),
        ("suspension", rest) => {
            let (days, user) = rest.split_once(':')?;
            Some((user, Some(days.parse().ok()?)))
        }
        _ => None,
    }
}

/// The stored subject of a help save (`help::store`):
/// `<slug> (<locale>) revision <n>`.
fn article_subject(raw: &str) -> Option<crate::support::AuditSubject> {
    let (slug, rest) = raw.split_once(" (")?;
    let (code, rest) = rest.split_once(") revision ")?;
    Some(crate::support::AuditSubject::Article {
        slug: slug.to_string(),
        locale: crate::domain::Locale::from_tag(code)?,
        revision: rest.trim().parse().ok()?,
    })
}
