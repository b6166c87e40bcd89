//! Purchases through the processors, spending on models, and refund
//! requests (BILL): the checkout, the client's billing page, the model's
//! answer (BILL-3), support's queue, and the processors' contact data
//! (BILL-5). Money moves through the ledger in the same transaction as
//! the state it pays for.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

pub use crate::billing::SubjectRef;
use crate::billing::{BillingOverview, ProcessorView, PurchaseLine, RequestLine, SpendLine};
use crate::domain::billing::{
    self as rules, Accepted, Ask, ContentKind, Decision, Pending, Product, RequestSubject, SpendKind, Status,
    Subject,
};
use crate::domain::ledger::{self as plan, Processor, TxnKind};
use crate::domain::{
    AppError, BillingRequestId, Credits, ErrorCode, Locale, PurchaseId, Reason, RuleId, SpendId, TxnId,
    UserId,
};
use crate::platform::db::begin_write;
use crate::platform::db::Db;
use crate::platform::db::{from_ms, ms};
use crate::platform::ledger::{self, IdempotencyKey};

// ---- Processors (BILL-5) --------------------------------------------------

#[derive(sqlx::FromRow)]
struct ProcessorRow {
    code: String,
    name: String,
    regions_en: String,
    regions_it: String,
    advice_en: String,
    advice_it: String,
    contacts: String,
}

impl ProcessorRow {
    fn into_view(self, locale: Locale) -> ProcessorView {
        let (regions, advice) = match locale {
            Locale::En => (self.regions_en.clone(), self.advice_en.clone()),
            Locale::It => (self.regions_it.clone(), self.advice_it.clone()),
        };
        ProcessorView {
            code: self.code,
            name: self.name,
            regions,
            advice,
            regions_en: self.regions_en,
            regions_it: self.regions_it,
            advice_en: self.advice_en,
            advice_it: self.advice_it,
            // Stored lines were checked when saved; a bad one shows nothing.
            contacts: rules::parse_contacts(&self.contacts).unwrap_or_default(),
        }
    }
}

pub async fn processors(db: &Db, locale: Locale) -> Result<Vec<ProcessorView>, AppError> {
    let rows = sqlx::query_as::<_, ProcessorRow>(
        "SELECT code, name, regions_en, regions_it, advice_en, advice_it, contacts FROM processors ORDER BY position",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| r.into_view(locale)).collect())
}

pub struct ProcessorEdit {
    pub regions_en: String,
    pub regions_it: String,
    pub advice_en: String,
    pub advice_it: String,
    pub contacts: String,
}

/// BILL-5: support edits a processor's regions, advice and contacts.
pub async fn save_processor(
    db: &Db,
    code: Processor,
    edit: ProcessorEdit,
    by: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let contacts = rules::parse_contacts(&edit.contacts)?;
    let line = |s: &str| -> Result<String, AppError> {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() > 300 || s.chars().any(char::is_control) {
            return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Bill5));
        }
        Ok(s)
    };
    let mut tx = begin_write(db).await?;
    let n = sqlx::query(
        "UPDATE processors SET regions_en = $1, regions_it = $2, advice_en = $3, advice_it = $4, contacts = $5, \
         updated_at = $6, updated_by = $7 WHERE code = $8",
    )
    .bind(line(&edit.regions_en)?)
    .bind(line(&edit.regions_it)?)
    .bind(line(&edit.advice_en)?)
    .bind(line(&edit.advice_it)?)
    .bind(rules::format_contacts(&contacts))
    .bind(ms(now))
    .bind(by.as_str())
    .bind(code.code())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    crate::platform::audit::record(
        &mut tx,
        crate::platform::audit::Entry {
            actor: Some(by),
            action: crate::domain::audit::Action::ProcessorSaved,
            subject: code.code(),
            amount: None,
            reason: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---- Purchases (BILL-1) ---------------------------------------------------

/// A payment number in the processor's style (`EP-1F3A9C0B2D`).
fn payment_number(p: Processor) -> String {
    let prefix = match p {
        Processor::Paymentico => "PM",
        Processor::Epoch => "EP",
        Processor::SegPay => "SP",
        Processor::CentroBill => "CB",
        Processor::Webbilling => "WB",
        Processor::Wtseticket => "WT",
    };
    let id = uuid::Uuid::new_v4().simple().to_string().to_uppercase();
    format!("{prefix}-{}", &id[..10])
}

/// BILL-1: the processor's checkout completed: the purchase is recorded with
/// its payment number, and a credit pack's credits reach the wallet (a
/// Premium year extends the subscription). A retried form returns the first
/// purchase.
pub async fn buy(
    db: &Db,
    client: &UserId,
    product: Product,
    processor: Processor,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> Result<PurchaseLine, AppError> {
    let mut tx = begin_write(db).await?;
    let existing: Option<String> = sqlx::query_scalar("SELECT id FROM purchases WHERE idempotency_key = $1")
        .bind(key.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(id) = existing {
        tx.commit().await?;
        return purchase_line(db, &PurchaseId::from_db(id)).await;
    }
    let txn = if product.credits() > Credits::ZERO {
        let p = plan::purchase(
            client,
            product.credits(),
            processor,
            Reason::system(&format!("{} bought through {}", product.code(), processor.name())),
        );
        Some(ledger::write(&mut tx, &p, key, Some(client), now).await?.txn)
    } else {
        let until: Option<i64> = sqlx::query_scalar("SELECT premium_until FROM users WHERE id = $1")
            .bind(client.as_str())
            .fetch_one(&mut *tx)
            .await?;
        let from = until.map(from_ms).filter(|u| *u > now).unwrap_or(now);
        sqlx::query("UPDATE users SET premium_until = $1 WHERE id = $2")
            .bind(ms(from + rules::PREMIUM_LENGTH))
            .bind(client.as_str())
            .execute(&mut *tx)
            .await?;
        None
    };
    let id = PurchaseId::generate();
    sqlx::query(
        "INSERT INTO purchases (id, client_id, product, processor, payment_number, price_cents, credits, txn_id, \
         idempotency_key, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id.as_str())
    .bind(client.as_str())
    .bind(product.code())
    .bind(processor.code())
    .bind(payment_number(processor))
    .bind(product.price_cents())
    .bind(product.credits().get())
    .bind(txn.as_ref().map(|t| t.as_str().to_owned()))
    .bind(key.as_str())
    .bind(ms(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    purchase_line(db, &id).await
}

const PURCHASE_COLUMNS: &str = "p.id AS id, p.product AS product, p.processor AS processor, \
     p.payment_number AS payment_number, p.price_cents AS price_cents, p.credits AS credits, \
     p.completed_at AS completed_at, p.refunded_at AS refunded_at";

#[derive(sqlx::FromRow)]
struct PurchaseRow {
    #[sqlx(try_from = "String")]
    id: PurchaseId,
    product: String,
    processor: String,
    payment_number: String,
    price_cents: i64,
    credits: i64,
    completed_at: i64,
    refunded_at: Option<i64>,
}

impl TryFrom<PurchaseRow> for PurchaseLine {
    type Error = AppError;

    /// Stored codes were written from the enums; another one is a fault.
    fn try_from(row: PurchaseRow) -> Result<PurchaseLine, AppError> {
        Ok(PurchaseLine {
            id: row.id,
            product: Product::parse(&row.product).map_err(|_| AppError::new(ErrorCode::Internal))?,
            processor: Processor::parse(&row.processor).ok_or_else(|| AppError::new(ErrorCode::Internal))?,
            payment_number: row.payment_number,
            price_cents: row.price_cents,
            credits: row.credits,
            completed_at: from_ms(row.completed_at),
            refunded: row.refunded_at.is_some(),
        })
    }
}

async fn purchase_line(db: &Db, id: &PurchaseId) -> Result<PurchaseLine, AppError> {
    let row = sqlx::query_as::<_, PurchaseRow>(&format!(
        "SELECT {PURCHASE_COLUMNS} FROM purchases p WHERE p.id = $1"
    ))
    .bind(id.as_str())
    .fetch_one(db)
    .await?;
    row.try_into()
}

// ---- Spending on models ---------------------------------------------------

/// Credits spent on a model, as recorded: the spend's id, its price, and
/// whether this request recorded it (false: the same report came again).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecordedSpend {
    pub spend_id: SpendId,
    pub amount: Credits,
    pub first_time: bool,
}

/// One spend to record: a tip from the client's form, a private show from
/// the streaming system, a photo or video from the content system.
pub struct NewSpend<'a> {
    pub kind: SpendKind,
    pub client: &'a UserId,
    pub model: &'a UserId,
    pub title: &'a str,
    pub amount: Credits,
    /// BILL-3: how long of a private show was watched.
    pub watched_seconds: Option<i64>,
    /// BILL-4: what a content sale sold.
    pub media: Option<ContentKind>,
}

/// Credits spent on a model: the ledger charge and the spend row together.
/// Tips come from the client's form; shows and content from the streaming
/// and content systems (`/service/v1/shows`, `/service/v1/content-sales`)
/// and the demo data.
#[allow(clippy::too_many_arguments)]
pub async fn record_spend(
    db: &Db,
    kind: SpendKind,
    client: &UserId,
    model: &UserId,
    title: &str,
    amount: Credits,
    watched_seconds: Option<i64>,
    key: &IdempotencyKey,
    at: DateTime<Utc>,
) -> Result<SpendId, AppError> {
    let spend = NewSpend {
        kind,
        client,
        model,
        title,
        amount,
        watched_seconds,
        media: None,
    };
    Ok(record(db, spend, key, at).await?.spend_id)
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    id: String,
    role: String,
}

pub async fn record(
    db: &Db,
    spend: NewSpend<'_>,
    key: &IdempotencyKey,
    at: DateTime<Utc>,
) -> Result<RecordedSpend, AppError> {
    if spend.amount.get() <= 0 || spend.amount.get() > rules::MAX_SERVICE_PRICE {
        return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Bill1));
    }
    let mut tx = begin_write(db).await?;
    let roles = sqlx::query_as::<_, RoleRow>("SELECT id, role FROM users WHERE id IN ($1, $2)")
        .bind(spend.client.as_str())
        .bind(spend.model.as_str())
        .fetch_all(&mut *tx)
        .await?;
    let role_of = |id: &UserId| {
        roles
            .iter()
            .find(|r| r.id == id.as_str())
            .map(|r| r.role.as_str())
    };
    if role_of(spend.model) != Some("model") {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    if role_of(spend.client) != Some("client") {
        return Err(AppError::new(ErrorCode::BadInput).with_detail("client_id must name a client"));
    }
    let txn_kind = match spend.kind {
        SpendKind::Tip => TxnKind::Tip,
        SpendKind::PrivateShow => TxnKind::PrivateShow,
        SpendKind::Content => TxnKind::ContentSale,
    };
    let p = plan::model_charge(
        txn_kind,
        spend.client,
        spend.model,
        spend.amount,
        Reason::system(spend.title),
    );
    let written = ledger::write(&mut tx, &p, key, Some(spend.client), at).await?;
    let id = if written.first_time {
        let id = SpendId::generate();
        sqlx::query(
            "INSERT INTO spends (id, kind, client_id, model_id, title, amount, watched_seconds, txn_id, created_at, media) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id.as_str())
        .bind(spend.kind.as_str())
        .bind(spend.client.as_str())
        .bind(spend.model.as_str())
        .bind(spend.title)
        .bind(spend.amount.get())
        .bind(spend.watched_seconds)
        .bind(written.txn.as_str())
        .bind(ms(at))
        .bind(spend.media.map(ContentKind::as_str))
        .execute(&mut *tx)
        .await?;
        id
    } else {
        let id: String = sqlx::query_scalar("SELECT id FROM spends WHERE txn_id = $1")
            .bind(written.txn.as_str())
            .fetch_one(&mut *tx)
            .await?;
        SpendId::from_db(id)
    };
    tx.commit().await?;
    Ok(RecordedSpend {
        spend_id: id,
        amount: spend.amount,
        first_time: written.first_time,
    })
}

/// A private show as the streaming system reports it.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
pub struct ReportedShow {
    pub external_id: String,
    pub client_id: String,
    pub model_id: String,
    pub price_per_minute: i64,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub watched_seconds: i64,
}

/// A photo or video sale as the content system reports it.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
pub struct ReportedSale {
    pub external_id: String,
    pub client_id: String,
    pub model_id: String,
    pub kind: String,
    pub price: i64,
    /// What the client bought, as the content system names it.
    #[serde(default)]
    pub title: Option<String>,
}

/// The checks every service report shares: its external id (the
/// idempotency key) and the two people, as typed ids.
fn service_parties(external_id: &str, client: &str, model: &str) -> Result<(UserId, UserId), AppError> {
    let bad = |why: &str| {
        AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Bill1)
            .with_detail(why)
    };
    let external = external_id.trim();
    if external.is_empty() || external.len() > 100 || external.chars().any(char::is_control) {
        return Err(bad("external_id must be 1 to 100 characters"));
    }
    let client = UserId::parse(client).ok_or_else(|| bad("client_id must be a user id"))?;
    let model = UserId::parse(model).ok_or_else(|| bad("model_id must be a user id"))?;
    Ok((client, model))
}

/// BILL-1/3: the streaming system reports a private show, once per id.
pub async fn record_show(db: &Db, show: ReportedShow, now: DateTime<Utc>) -> Result<RecordedSpend, AppError> {
    let (client, model) = service_parties(&show.external_id, &show.client_id, &show.model_id)?;
    let charge = rules::show_charge(
        show.price_per_minute,
        show.started_at,
        show.ended_at,
        show.watched_seconds,
        now,
    )?;
    let minutes = charge.watched.num_seconds().div_euclid(60);
    let title = format!("Private show, {minutes} min watched");
    let spend = NewSpend {
        kind: SpendKind::PrivateShow,
        client: &client,
        model: &model,
        title: &title,
        amount: charge.amount,
        watched_seconds: Some(charge.watched.num_seconds()),
        media: None,
    };
    let key = IdempotencyKey::derived("show", show.external_id.trim());
    record(db, spend, &key, show.ended_at).await
}

/// BILL-1/4: the content system reports a photo or video sale, once per id.
pub async fn record_content_sale(
    db: &Db,
    sale: ReportedSale,
    now: DateTime<Utc>,
) -> Result<RecordedSpend, AppError> {
    let (client, model) = service_parties(&sale.external_id, &sale.client_id, &sale.model_id)?;
    let media = ContentKind::parse(&sale.kind).ok_or_else(|| {
        AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Bill1)
            .with_detail("kind must be photo or video")
    })?;
    let amount = rules::content_price(sale.price)?;
    // The name shown to the client: printable, one line, at most 120 characters.
    let title: String = sale
        .title
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let title = match title.trim() {
        "" => match media {
            ContentKind::Photo => "Photo".to_string(),
            ContentKind::Video => "Video".to_string(),
        },
        t => t.to_string(),
    };
    let spend = NewSpend {
        kind: SpendKind::Content,
        client: &client,
        model: &model,
        title: &title,
        amount,
        watched_seconds: None,
        media: Some(media),
    };
    let key = IdempotencyKey::derived("content", sale.external_id.trim());
    record(db, spend, &key, now).await
}

// ---- The client's billing page ----------------------------------------------

#[derive(sqlx::FromRow)]
struct SpendRow {
    #[sqlx(try_from = "String")]
    id: SpendId,
    #[sqlx(try_from = "String")]
    kind: SpendKind,
    model_name: String,
    title: String,
    amount: i64,
    watched_seconds: Option<i64>,
    at: i64,
    refunded: i64,
}

impl From<SpendRow> for SpendLine {
    fn from(row: SpendRow) -> SpendLine {
        SpendLine {
            id: row.id,
            kind: row.kind,
            model_name: row.model_name,
            title: row.title,
            amount: row.amount,
            watched_seconds: row.watched_seconds,
            at: from_ms(row.at),
            refunded: row.refunded,
        }
    }
}

pub async fn overview(db: &Db, client: &UserId) -> Result<BillingOverview, AppError> {
    let purchases = sqlx::query_as::<_, PurchaseRow>(&format!(
        "SELECT {PURCHASE_COLUMNS} FROM purchases p WHERE p.client_id = $1 ORDER BY p.completed_at DESC"
    ))
    .bind(client.as_str())
    .fetch_all(db)
    .await?
    .into_iter()
    .map(PurchaseLine::try_from)
    .collect::<Result<_, _>>()?;
    let spends = sqlx::query_as::<_, SpendRow>(
        "SELECT s.id AS id, s.kind AS kind, u.display_name AS model_name, s.title AS title, s.amount AS amount, \
         s.watched_seconds AS watched_seconds, s.created_at AS at, \
         CAST(COALESCE((SELECT SUM(r.amount) FROM ledger_txns r WHERE r.refers_to = s.txn_id \
           AND r.kind = 'support_refund' AND r.deleted_at IS NULL), 0) AS BIGINT) AS refunded \
         FROM spends s JOIN users u ON u.id = s.model_id WHERE s.client_id = $1 ORDER BY s.created_at DESC",
    )
    .bind(client.as_str())
    .fetch_all(db)
    .await?
    .into_iter()
    .map(SpendLine::from)
    .collect();
    let premium_until: Option<i64> = sqlx::query_scalar("SELECT premium_until FROM users WHERE id = $1")
        .bind(client.as_str())
        .fetch_one(db)
        .await?;
    Ok(BillingOverview {
        purchases,
        spends,
        requests: requests_where(db, "r.client_id = $1", &[client.as_str()]).await?,
        premium_until: premium_until.map(from_ms),
    })
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    #[sqlx(try_from = "String")]
    id: BillingRequestId,
    #[sqlx(try_from = "String")]
    subject: RequestSubject,
    subject_id: String,
    client_name: String,
    model_name: Option<String>,
    amount: i64,
    full_refund: i64,
    receipt_number: Option<String>,
    reason: Option<String>,
    #[sqlx(try_from = "String")]
    status: Status,
    model_statement: Option<String>,
    decision_note: Option<String>,
    refunded: Option<i64>,
    at: i64,
    product: Option<String>,
    processor: Option<String>,
    spend_kind: Option<String>,
    title: Option<String>,
    watched_seconds: Option<i64>,
    payment_number: Option<String>,
    receipt_upload: Option<String>,
}

impl From<RequestRow> for RequestLine {
    fn from(row: RequestRow) -> RequestLine {
        RequestLine {
            id: row.id,
            subject: match row.subject {
                RequestSubject::Purchase => SubjectRef::Purchase(PurchaseId::from_db(row.subject_id)),
                RequestSubject::Spend => SubjectRef::Spend(SpendId::from_db(row.subject_id)),
            },
            client_name: row.client_name,
            model_name: row.model_name,
            amount: row.amount,
            full: row.full_refund == 1,
            receipt_number: row.receipt_number,
            receipt_upload: row.receipt_upload,
            reason: row.reason,
            status: row.status,
            model_statement: row.model_statement,
            decision_note: row.decision_note,
            refunded: row.refunded,
            at: from_ms(row.at),
            product: row.product.as_deref().and_then(|p| Product::parse(p).ok()),
            processor: row.processor.as_deref().and_then(Processor::parse),
            spend_kind: row.spend_kind.as_deref().and_then(SpendKind::parse),
            title: row.title,
            watched_seconds: row.watched_seconds,
            payment_number: row.payment_number,
        }
    }
}

async fn requests_where(db: &Db, filter: &str, values: &[&str]) -> Result<Vec<RequestLine>, AppError> {
    // A request names exactly one of a purchase and a spend (a CHECK in
    // the schema); its stored key `subject` is `<that kind>:<that id>`.
    let sql = format!(
        "SELECT r.id AS id, CASE WHEN r.purchase_id IS NULL THEN 'spend' ELSE 'purchase' END AS subject, \
         COALESCE(r.purchase_id, r.spend_id) AS subject_id, c.display_name AS client_name, \
         m.display_name AS model_name, r.amount AS amount, r.full_refund AS full_refund, \
         r.receipt_number AS receipt_number, r.reason AS reason, r.status AS status, \
         r.model_statement AS model_statement, r.decision_note AS decision_note, r.refunded AS refunded, \
         r.created_at AS at, p.product AS product, p.processor AS processor, s.kind AS spend_kind, \
         s.title AS title, s.watched_seconds AS watched_seconds, p.payment_number AS payment_number, \
         r.receipt_upload AS receipt_upload \
         FROM billing_requests r JOIN users c ON c.id = r.client_id LEFT JOIN users m ON m.id = r.model_id \
         LEFT JOIN purchases p ON p.id = r.purchase_id LEFT JOIN spends s ON s.id = r.spend_id \
         WHERE {filter} ORDER BY r.created_at"
    );
    let mut query = sqlx::query_as::<_, RequestRow>(&sql);
    for v in values {
        query = query.bind(*v);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(RequestLine::from)
        .collect())
}

// ---- Refund requests (BILL-2..4) --------------------------------------------

struct Loaded {
    subject: Subject,
    key: String,
    model: Option<String>,
    purchase_id: Option<PurchaseId>,
    spend_id: Option<SpendId>,
}

#[derive(sqlx::FromRow)]
struct PurchaseSubjectRow {
    completed_at: i64,
    payment_number: String,
    refunded_at: Option<i64>,
    credits: i64,
}

#[derive(sqlx::FromRow)]
struct SpendSubjectRow {
    #[sqlx(try_from = "String")]
    kind: SpendKind,
    created_at: i64,
    amount: i64,
    watched_seconds: Option<i64>,
    model_id: String,
    txn_id: String,
}

async fn load_subject(
    conn: &mut AnyConnection,
    client: &UserId,
    subject: &SubjectRef,
) -> Result<Loaded, AppError> {
    let not_found = || AppError::new(ErrorCode::NotFound);
    match subject {
        SubjectRef::Purchase(id) => {
            let r = sqlx::query_as::<_, PurchaseSubjectRow>(
                "SELECT completed_at, payment_number, refunded_at, credits FROM purchases \
                 WHERE id = $1 AND client_id = $2",
            )
            .bind(id.as_str())
            .bind(client.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(not_found)?;
            Ok(Loaded {
                subject: Subject::Purchase {
                    completed_at: from_ms(r.completed_at),
                    payment_number: r.payment_number,
                    already_refunded: r.refunded_at.is_some(),
                    credits: Credits::new(r.credits),
                },
                key: format!("purchase:{id}"),
                model: None,
                purchase_id: Some(id.clone()),
                spend_id: None,
            })
        }
        SubjectRef::Spend(id) => {
            let r = sqlx::query_as::<_, SpendSubjectRow>(
                "SELECT kind, created_at, amount, watched_seconds, model_id, txn_id FROM spends \
                 WHERE id = $1 AND client_id = $2",
            )
            .bind(id.as_str())
            .bind(client.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(not_found)?;
            let txn = TxnId::from_db(r.txn_id);
            Ok(Loaded {
                subject: Subject::Spend {
                    kind: r.kind,
                    at: from_ms(r.created_at),
                    amount: Credits::new(r.amount),
                    watched: r.watched_seconds.map(chrono::Duration::seconds),
                    already_refunded: ledger::refunded_so_far(conn, &txn).await?,
                },
                key: format!("spend:{id}"),
                model: Some(r.model_id),
                purchase_id: None,
                spend_id: Some(id.clone()),
            })
        }
    }
}

/// BILL-2..4: a client asks for a refund. Accepted requests go to the
/// model first (tips, shows), to support (purchases), or are recorded as
/// refused by default (photos and videos).
pub async fn request_refund(
    db: &Db,
    client: &UserId,
    subject: &SubjectRef,
    ask: Ask,
    now: DateTime<Utc>,
) -> Result<(BillingRequestId, Accepted), AppError> {
    let mut tx = begin_write(db).await?;
    let loaded = load_subject(&mut tx, client, subject).await?;
    let accepted = rules::request_refund(&loaded.subject, &ask, now)?;
    let pending: Option<String> = sqlx::query_scalar(
        "SELECT id FROM billing_requests WHERE subject = $1 AND status IN ('awaiting_model', 'open', 'refused_by_default')",
    )
    .bind(&loaded.key)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = pending {
        // A double click or a second tab: the request already exists.
        tx.commit().await?;
        return Ok((BillingRequestId::from_db(id), accepted));
    }
    let id = BillingRequestId::generate();
    let (number, upload) = match &ask.receipt {
        Some(rules::Receipt::PaymentNumber(n)) => (Some(n.trim().to_string()), None),
        Some(rules::Receipt::Upload(u)) => (None, Some(u.clone())),
        None => (None, None),
    };
    sqlx::query(
        "INSERT INTO billing_requests (id, subject, client_id, model_id, purchase_id, spend_id, amount, full_refund, \
         receipt_number, receipt_upload, reason, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(id.as_str())
    .bind(&loaded.key)
    .bind(client.as_str())
    .bind(loaded.model.clone())
    .bind(loaded.purchase_id.as_ref().map(|p| p.as_str().to_owned()))
    .bind(loaded.spend_id.as_ref().map(|s| s.as_str().to_owned()))
    .bind(accepted.amount.get())
    .bind(i64::from(accepted.full))
    .bind(number)
    .bind(upload)
    .bind(ask.reason.as_ref().map(|r| r.as_str().to_owned()))
    .bind(accepted.status.as_str())
    .bind(ms(now))
    .execute(&mut *tx)
    .await?;
    // Spending with a model (tips, shows, content) is talked over in a
    // dispute with her and support (DISP-1); a credit pack has no model.
    if let Some(model) = loaded.model {
        crate::platform::cases::open(
            &mut tx,
            crate::platform::cases::NewDispute {
                subject: crate::platform::cases::Subject::Purchase,
                subject_id: id.as_str(),
                client,
                model: &UserId::from_db(model),
                opened_by: crate::domain::session::Party::Client,
                reason: ask.reason.as_ref().map(|r| r.as_str()),
                private_note: None,
                held: accepted.amount,
            },
            now,
        )
        .await?;
    } else {
        // SUP-1: a credit pack's request has no chat; support answers it
        // in the billing queue.
        crate::platform::cases::enter(
            &mut tx,
            crate::platform::cases::NewCase {
                kind: crate::domain::case::CaseKind::Billing,
                subject_id: id.as_str(),
                client: Some(client),
                model: None,
                opener: Some(client),
                conversation: None,
                locale: None,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok((id, accepted))
}

/// BILL-3: the requests waiting for this model's side.
pub async fn for_model(db: &Db, model: &UserId) -> Result<Vec<RequestLine>, AppError> {
    requests_where(db, "r.model_id = $1", &[model.as_str()]).await
}

/// BILL-3: the model gives her side; the request moves to support. Her
/// words also appear in the request's dispute chat.
pub async fn model_answer(
    db: &Db,
    model: &UserId,
    id: &BillingRequestId,
    statement: Reason,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let id = id.as_str();
    let mut tx = begin_write(db).await?;
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM billing_requests WHERE id = $1 AND model_id = $2")
            .bind(id)
            .bind(model.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    match status.as_deref() {
        None => return Err(AppError::new(ErrorCode::NotFound)),
        Some(s) if s != Status::AwaitingModel.as_str() => {
            return Err(AppError::rule(RuleId::Bill3).with_detail("answered"))
        }
        Some(_) => {}
    }
    mark_heard(&mut tx, id, Some(statement.as_str()), now).await?;
    let conversation: Option<String> = sqlx::query_scalar(
        "SELECT conversation_id FROM disputes WHERE subject_kind = 'purchase' AND subject_id = $1 AND state <> 'decided'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(c) = conversation {
        crate::platform::messaging::post_message(
            &mut tx,
            &crate::domain::ConversationId::from_db(c),
            Some(model),
            crate::platform::messaging::MessageKind::Text,
            statement.as_str(),
            None,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// BILL-3: the model has been heard (on her Billing page, or by writing in
/// the request's dispute chat); the request moves on to support.
pub async fn mark_heard(
    conn: &mut AnyConnection,
    id: &str,
    statement: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE billing_requests SET model_statement = COALESCE(model_statement, $1), model_heard_at = $2, status = 'open' \
         WHERE id = $3 AND status = 'awaiting_model'",
    )
    .bind(statement.map(str::to_owned))
    .bind(ms(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Support's queue: pending requests first, oldest first.
pub async fn queue(db: &Db, status: Option<Status>) -> Result<Vec<RequestLine>, AppError> {
    match status {
        Some(s) => requests_where(db, "r.status = $1", &[s.as_str()]).await,
        None => {
            let pending = [Status::AwaitingModel, Status::Open, Status::RefusedByDefault];
            debug_assert!(pending.iter().all(|s| s.is_pending()));
            requests_where(db, "r.status IN ($1, $2, $3)", &pending.map(Status::as_str)).await
        }
    }
}

/// BILL-2..4: support approves (the money moves in the same transaction)
/// or declines a request.
pub async fn decide(
    db: &Db,
    support: &UserId,
    id: &BillingRequestId,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let id = id.as_str();
    let mut tx = begin_write(db).await?;
    let decided = decide_in(&mut tx, support, id, &decision, now).await?;
    let refund = decided.paid.unwrap_or(Credits::ZERO);
    // The dispute's decision says support's note; without one it says
    // nothing more than the amounts (never a sentence of ours in one
    // language).
    let why = match &decision {
        Decision::Approve { note, .. } => note.clone(),
        Decision::Decline { note } => Some(note.clone()),
    }
    .unwrap_or_else(|| Reason::system(""));
    // A spend's request has a dispute too: it closes with the same split.
    crate::platform::cases::close_with(
        &mut tx,
        crate::platform::cases::Subject::Purchase,
        id,
        support,
        crate::domain::dispute::Split {
            refund,
            release: decided.asked - refund,
        },
        &why,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a pending request asks back; `None` once it is decided.
pub async fn pending_amount(conn: &mut AnyConnection, id: &str) -> Result<Option<Credits>, AppError> {
    let row = sqlx::query_as::<_, AskedRow>("SELECT status, amount FROM billing_requests WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    Ok(row.status.is_pending().then(|| Credits::new(row.amount)))
}

#[derive(sqlx::FromRow)]
struct AskedRow {
    #[sqlx(try_from = "String")]
    status: Status,
    amount: i64,
}

/// What a decision did: what the request asked back, and what was paid.
pub struct Decided {
    pub asked: Credits,
    pub paid: Option<Credits>,
}

#[derive(sqlx::FromRow)]
struct DecideRow {
    #[sqlx(try_from = "String")]
    status: Status,
    amount: i64,
    created_at: i64,
    model_heard_at: Option<i64>,
    client_id: String,
    purchase_id: Option<String>,
    spend_kind: Option<String>,
    spend_txn: Option<String>,
    purchase_txn: Option<String>,
    processor: Option<String>,
    reason: Option<String>,
}

/// The money and the status of a decision inside the caller's transaction
/// (support's billing queue and the request's dispute).
pub async fn decide_in(
    tx: &mut AnyConnection,
    support: &UserId,
    id: &str,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<Decided, AppError> {
    let r = sqlx::query_as::<_, DecideRow>(
        "SELECT r.status AS status, r.amount AS amount, r.created_at AS created_at, \
         r.model_heard_at AS model_heard_at, r.client_id AS client_id, r.purchase_id AS purchase_id, \
         s.kind AS spend_kind, s.txn_id AS spend_txn, p.txn_id AS purchase_txn, p.processor AS processor, \
         r.reason AS reason \
         FROM billing_requests r LEFT JOIN spends s ON s.id = r.spend_id LEFT JOIN purchases p ON p.id = r.purchase_id \
         WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let pending = Pending {
        status: r.status,
        kind: r.spend_kind.as_deref().and_then(SpendKind::parse),
        amount: Credits::new(r.amount),
        asked_at: from_ms(r.created_at),
        model_answered: r.model_heard_at.is_some(),
    };
    let pay = rules::decide(&pending, decision, now)?;
    let client = UserId::from_db(r.client_id);
    let purchase_id = r.purchase_id;
    let key = IdempotencyKey::derived("billing-request", id);
    let (status, note) = match decision {
        Decision::Approve { note, .. } => (Status::Approved, note.as_ref().map(|n| n.as_str().to_owned())),
        Decision::Decline { note } => (Status::Declined, Some(note.as_str().to_owned())),
    };
    let mut refund_txn = None;
    if let Some(amount) = pay {
        // Why the credits moved, in a person's words: support's note, else
        // the client's own reason (BILL-3 and BILL-4 make sure a spend's
        // refund has one of the two).
        let reason = match (&note, &r.reason) {
            (Some(n), _) | (None, Some(n)) if !n.trim().is_empty() => Reason::system(n),
            _ => Reason::system("Refund request approved"),
        };
        let written = match &purchase_id {
            Some(pid) => {
                let processor = r
                    .processor
                    .as_deref()
                    .and_then(Processor::parse)
                    .ok_or_else(|| AppError::new(ErrorCode::Internal))?;
                sqlx::query("UPDATE purchases SET refunded_at = $1 WHERE id = $2")
                    .bind(ms(now))
                    .bind(pid)
                    .execute(&mut *tx)
                    .await?;
                match r.purchase_txn {
                    // A credit pack: the credits go back to the processor
                    // (refused by the wallet floor if they were spent).
                    Some(ptxn) => {
                        let p =
                            plan::purchase_refund(&client, TxnId::from_db(ptxn), amount, processor, reason);
                        Some(
                            ledger::write(tx, &p, &key, Some(support), now)
                                .await
                                .map_err(|e| {
                                    if e.code == ErrorCode::InsufficientCredits {
                                        e.with_rule(RuleId::Bill2)
                                    } else {
                                        e
                                    }
                                })?,
                        )
                    }
                    // Premium: the subscription ends now; no credits moved.
                    None => {
                        sqlx::query("UPDATE users SET premium_until = NULL WHERE id = $1")
                            .bind(client.as_str())
                            .execute(&mut *tx)
                            .await?;
                        None
                    }
                }
            }
            None => {
                let stxn = TxnId::from_db(r.spend_txn.ok_or_else(|| AppError::new(ErrorCode::Internal))?);
                let refunded = ledger::refunded_so_far(tx, &stxn).await?;
                let original: i64 = sqlx::query_scalar("SELECT amount FROM ledger_txns WHERE id = $1")
                    .bind(stxn.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
                rules::check_spend_cap(Credits::new(original), refunded, amount)?;
                let postings = ledger::postings_of(tx, &stxn).await?;
                let p = plan::refund_of(TxnKind::SupportRefund, stxn, &postings, &client, amount, reason);
                Some(ledger::write(tx, &p, &key, Some(support), now).await?)
            }
        };
        refund_txn = written.map(|w| w.txn);
    }
    let n = sqlx::query(
        "UPDATE billing_requests SET status = $1, decided_by = $2, decided_at = $3, decision_note = $4, \
         refunded = $5, refund_txn = $6 WHERE id = $7 AND status = $8",
    )
    .bind(status.as_str())
    .bind(support.as_str())
    .bind(ms(now))
    .bind(note)
    .bind(pay.map(|c| c.get()))
    .bind(refund_txn.as_ref().map(|t| t.as_str().to_owned()))
    .bind(id)
    .bind(pending.status.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(AppError::rule(RuleId::Bill2).with_detail("decided"));
    }
    crate::platform::cases::resolve(tx, crate::domain::case::CaseKind::Billing, id, now).await?;
    // NOTE-1: the client hears the answer.
    crate::platform::outbox::notify(
        tx,
        &client,
        &crate::domain::notice::Notice::new(
            crate::domain::notice::NoticeKind::RequestDecided,
            format!("billing:{id}:decided"),
            "/client/billing",
        ),
        now,
    )
    .await?;
    let why = match decision {
        Decision::Approve { note, .. } => note.as_ref().map(|n| n.as_str()),
        Decision::Decline { note } => Some(note.as_str()),
    };
    crate::platform::audit::record(
        tx,
        crate::platform::audit::Entry {
            actor: Some(support),
            action: crate::domain::audit::Action::BillingDecided,
            subject: id,
            amount: Some(pay.unwrap_or(Credits::ZERO)),
            reason: why,
        },
        now,
    )
    .await?;
    Ok(Decided {
        asked: pending.amount,
        paid: pay,
    })
}

/// What a request asks back (the default amount of an approval).
pub async fn asked_amount(db: &Db, id: &BillingRequestId) -> Result<Credits, AppError> {
    let amount: Option<i64> = sqlx::query_scalar("SELECT amount FROM billing_requests WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(db)
        .await?;
    amount
        .map(Credits::new)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))
}
