//! Call reviews (REF-6): a client asks support to look at a call; support
//! grants a refund of it (a support refund of the call's charge) or
//! declines, in its queue or through the dispute the request opened.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::calls::store::{CallEvent, CallRow};
use crate::domain::{AppError, CallId, Credits, ErrorCode, Reason, RefundRequestId, TxnId, UserId};
use crate::platform::db::{begin_write, from_ms, ms, Db, Tx};
use crate::platform::ledger::{self, support_refund_in, IdempotencyKey};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStatus {
    Open,
    Granted,
    Declined,
}

impl RequestStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Granted => "granted",
            RequestStatus::Declined => "declined",
        }
    }

    pub fn parse(raw: &str) -> Option<RequestStatus> {
        match raw {
            "open" => Some(RequestStatus::Open),
            "granted" => Some(RequestStatus::Granted),
            "declined" => Some(RequestStatus::Declined),
            _ => None,
        }
    }
}

/// A client asks support to review a call (once per call). The request
/// opens a dispute with the model and support (DISP-1), where support hears
/// both sides before deciding.
pub async fn request_review(
    db: &Db,
    client: &UserId,
    call: &CallId,
    reason: Reason,
    now: DateTime<Utc>,
) -> Result<RefundRequestId, AppError> {
    let mut tx = begin_write(db).await?;
    let row: Option<(String, String, i64, String)> =
        sqlx::query_as("SELECT client_id, model_id, charge, charge_txn FROM calls WHERE id = $1")
            .bind(call.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let Some((_, model, charge, charge_txn)) = row.filter(|r| r.0 == client.as_str()) else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    let id = RefundRequestId::generate();
    let inserted = sqlx::query(
        "INSERT INTO refund_requests (id, call_id, client_id, reason, status, created_at) VALUES ($1, $2, $3, $4, 'open', $5) \
         ON CONFLICT (call_id) DO NOTHING",
    )
    .bind(id.as_str())
    .bind(call.as_str())
    .bind(client.as_str())
    .bind(reason.as_str())
    .bind(ms(now))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        let refunded = ledger::refunded_so_far(&mut tx, &TxnId::from_db(charge_txn)).await?;
        crate::platform::cases::open(
            &mut tx,
            crate::platform::cases::NewDispute {
                subject: crate::platform::cases::Subject::Call,
                subject_id: id.as_str(),
                client,
                model: &UserId::from_db(model),
                opened_by: "client",
                reason: Some(reason.as_str()),
                private_note: None,
                held: Credits::new(charge) - refunded,
            },
            now,
        )
        .await?;
    }
    let (existing,): (String,) = sqlx::query_as("SELECT id FROM refund_requests WHERE call_id = $1")
        .bind(call.as_str())
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(RefundRequestId::from_db(existing))
}

/// What a review request could still give back: the call's charge less
/// every refund already made on it. `None` once the request is decided.
pub async fn review_refundable(tx: &mut Tx, request: &RefundRequestId) -> Result<Option<Credits>, AppError> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT r.status, c.charge, c.charge_txn FROM refund_requests r JOIN calls c ON c.id = r.call_id WHERE r.id = $1",
    )
    .bind(request.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    let (status, charge, txn) = row.ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    if status != RequestStatus::Open.as_str() {
        return Ok(None);
    }
    let refunded = ledger::refunded_so_far(tx, &TxnId::from_db(txn)).await?;
    Ok(Some(Credits::new(charge) - refunded))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: RefundRequestId,
    pub status: RequestStatus,
    pub client_id: UserId,
    pub client_name: String,
    pub model_name: String,
    pub call: CallRow,
    pub charge_txn: TxnId,
    pub refundable: Credits,
    pub reason: String,
    pub decision_note: Option<String>,
    pub events: Vec<CallEvent>,
    pub at: DateTime<Utc>,
}

/// Requests, newest first; `id` narrows to one, `client` to one client's.
pub async fn requests(
    db: &Db,
    status: Option<RequestStatus>,
    id: Option<&RefundRequestId>,
    client: Option<&UserId>,
) -> Result<Vec<RequestView>, AppError> {
    let rows = sqlx::query(
        "SELECT r.id, r.status, r.client_id, cu.display_name, mu.display_name, c.id, c.model_id, c.kind, c.started_at, \
                c.ended_at, c.billed_minutes, c.charge, c.refunded_amount, c.charge_txn, r.reason, r.decision_note, r.created_at, \
                (SELECT CAST(COALESCE(SUM(x.amount), 0) AS BIGINT) FROM ledger_txns x WHERE x.refers_to = c.charge_txn \
                   AND x.kind IN ('call_refund', 'support_refund') AND x.deleted_at IS NULL) \
         FROM refund_requests r JOIN calls c ON c.id = r.call_id \
         JOIN users cu ON cu.id = r.client_id JOIN users mu ON mu.id = c.model_id \
         WHERE ($1 = '' OR r.status = $1) AND ($2 = '' OR r.id = $2) AND ($3 = '' OR r.client_id = $3) \
         ORDER BY r.created_at DESC LIMIT 200",
    )
    .bind(status.map(|s| s.as_str()).unwrap_or(""))
    .bind(id.map(|i| i.as_str().to_owned()).unwrap_or_default())
    .bind(client.map(|c| c.as_str().to_owned()).unwrap_or_default())
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let call_id = CallId::from_db(r.get(5));
        let events: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT at, kind, detail FROM call_events WHERE call_id = $1 ORDER BY seq")
                .bind(call_id.as_str())
                .fetch_all(db)
                .await?;
        let charge = Credits::new(r.get(11));
        out.push(RequestView {
            id: RefundRequestId::from_db(r.get(0)),
            status: RequestStatus::parse(&r.get::<String, _>(1)).unwrap_or(RequestStatus::Open),
            client_id: UserId::from_db(r.get(2)),
            client_name: r.get(3),
            model_name: r.get(4),
            call: CallRow {
                id: call_id,
                other_id: UserId::from_db(r.get(6)),
                other_name: r.get(4),
                kind: crate::domain::call::CallKind::parse(&r.get::<String, _>(7))
                    .unwrap_or(crate::domain::call::CallKind::Phone),
                started_at: from_ms(r.get(8)),
                ended_at: from_ms(r.get(9)),
                billed_minutes: r.get(10),
                charge,
                refunded_amount: r.get::<Option<i64>, _>(12).map(Credits::new),
                my_thumb: None,
                returned: Credits::new(r.get(17)),
            },
            charge_txn: TxnId::from_db(r.get(13)),
            reason: r.get(14),
            decision_note: r.get(15),
            at: from_ms(r.get(16)),
            refundable: charge - Credits::new(r.get(17)),
            events: events
                .into_iter()
                .map(|(at, kind, detail)| CallEvent {
                    at: from_ms(at),
                    kind,
                    detail,
                })
                .collect(),
        });
    }
    Ok(out)
}

/// REF-6: support grants (full or part, through the same refund as TXN-2)
/// or declines with a note the client sees. The request's dispute, if any,
/// is decided with it in the same transaction.
pub async fn decide_request(
    db: &Db,
    support: &UserId,
    request: &RefundRequestId,
    grant: Option<Credits>,
    note: Reason,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let Some(refundable) = review_refundable(&mut tx, request).await? else {
        // Already decided: a second click changes nothing.
        return Ok(());
    };
    decide_request_in(&mut tx, support, request, grant, &note, now).await?;
    let refunded = grant.unwrap_or(Credits::ZERO);
    crate::platform::cases::close_with(
        &mut tx,
        crate::platform::cases::Subject::Call,
        request.as_str(),
        support,
        crate::domain::dispute::Split {
            refund: refunded,
            release: refundable - refunded,
        },
        &note,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The money and the request's status of a REF-6 decision, inside the
/// caller's transaction (the review page's form and the dispute's decision).
pub async fn decide_request_in(
    tx: &mut Tx,
    support: &UserId,
    request: &RefundRequestId,
    grant: Option<Credits>,
    note: &Reason,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (client, charge_txn): (String, String) = sqlx::query_as(
        "SELECT r.client_id, c.charge_txn FROM refund_requests r JOIN calls c ON c.id = r.call_id WHERE r.id = $1",
    )
    .bind(request.as_str())
    .fetch_one(&mut **tx)
    .await?;
    let refund_txn = match grant {
        Some(amount) => {
            let key = IdempotencyKey::derived("review-grant", request.as_str());
            Some(
                support_refund_in(
                    tx,
                    support,
                    &UserId::from_db(client),
                    &TxnId::from_db(charge_txn),
                    amount,
                    note.clone(),
                    &key,
                    now,
                )
                .await?
                .txn,
            )
        }
        None => None,
    };
    sqlx::query(
        "UPDATE refund_requests SET status = $1, decided_by = $2, decided_at = $3, decision_note = $4, refund_txn = $5 \
         WHERE id = $6 AND status = 'open'",
    )
    .bind(if grant.is_some() { "granted" } else { "declined" })
    .bind(support.as_str())
    .bind(ms(now))
    .bind(note.as_str())
    .bind(refund_txn.map(|t| t.as_str().to_owned()))
    .bind(request.as_str())
    .execute(&mut **tx)
    .await?;
    crate::platform::audit::record(
        tx,
        crate::platform::audit::Entry {
            actor: Some(support),
            action: crate::domain::audit::Action::ReviewDecided,
            subject: request.as_str(),
            amount: Some(grant.unwrap_or(Credits::ZERO)),
            reason: Some(note.as_str()),
        },
        now,
    )
    .await
}

impl From<RequestView> for crate::domain::support::ReviewLine {
    fn from(r: RequestView) -> Self {
        Self {
            id: r.id,
            status: r.status.as_str().to_string(),
            client_id: r.client_id,
            client_name: r.client_name,
            model_name: r.model_name,
            call_id: r.call.id,
            call_kind: r.call.kind,
            started_at: r.call.started_at,
            ended_at: r.call.ended_at,
            billed_minutes: r.call.billed_minutes,
            charge: r.call.charge,
            refundable: r.refundable,
            reason: r.reason,
            decision_note: r.decision_note,
            events: r.events.into_iter().map(|e| (e.at, e.kind, e.detail)).collect(),
            at: r.at,
        }
    }
}
