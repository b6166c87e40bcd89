//! Call reviews (REF-6): a client asks support to look at a call; support
//! grants a refund of it (a support refund of the call's charge) or
//! declines, in its queue or through the dispute the request opened.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calls::store::{CallEvent, CallRow};
use crate::domain::call::CallKind;
pub use crate::domain::call::RequestStatus;
use crate::domain::{AppError, CallId, CallReviewId, Credits, ErrorCode, Reason, TxnId, UserId};
use crate::platform::db::{begin_write, from_ms, ms, Db, Tx};
use crate::platform::ledger::{self, support_refund_in, IdempotencyKey};

/// The call a review is asked about: whose it is and what it charged.
#[derive(sqlx::FromRow)]
struct ReviewedCallRow {
    client_id: String,
    model_id: String,
    charge: i64,
    charge_txn: String,
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
) -> Result<CallReviewId, AppError> {
    let mut tx = begin_write(db).await?;
    let row = sqlx::query_as::<_, ReviewedCallRow>(
        "SELECT client_id AS client_id, model_id AS model_id, charge AS charge, charge_txn AS charge_txn \
         FROM calls WHERE id = $1",
    )
    .bind(call.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(ReviewedCallRow {
        model_id: model,
        charge,
        charge_txn,
        ..
    }) = row.filter(|r| r.client_id == client.as_str())
    else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    let id = CallReviewId::generate();
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
                opened_by: crate::domain::session::Party::Client,
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
    Ok(CallReviewId::from_db(existing))
}

/// A request's status and the charge of its call.
#[derive(sqlx::FromRow)]
struct RefundableRow {
    #[sqlx(try_from = "String")]
    status: RequestStatus,
    charge: i64,
    charge_txn: String,
}

/// What a review request could still give back: the call's charge less
/// every refund already made on it. `None` once the request is decided.
pub async fn review_refundable(tx: &mut Tx, request: &CallReviewId) -> Result<Option<Credits>, AppError> {
    let row = sqlx::query_as::<_, RefundableRow>(
        "SELECT r.status AS status, c.charge AS charge, c.charge_txn AS charge_txn \
         FROM refund_requests r JOIN calls c ON c.id = r.call_id WHERE r.id = $1",
    )
    .bind(request.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    let row = row.ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    if row.status != RequestStatus::Open {
        return Ok(None);
    }
    let refunded = ledger::refunded_so_far(tx, &TxnId::from_db(row.charge_txn)).await?;
    Ok(Some(Credits::new(row.charge) - refunded))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: CallReviewId,
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

/// A request with its call, as `requests` selects it.
#[derive(sqlx::FromRow)]
struct RequestRow {
    id: String,
    #[sqlx(try_from = "String")]
    status: RequestStatus,
    client_id: String,
    client_name: String,
    model_name: String,
    call_id: String,
    model_id: String,
    kind: String,
    started_at: i64,
    ended_at: i64,
    billed_minutes: i64,
    charge: i64,
    refunded_amount: Option<i64>,
    charge_txn: String,
    reason: String,
    decision_note: Option<String>,
    created_at: i64,
    returned: i64,
}

/// One event of a call's log.
#[derive(sqlx::FromRow)]
struct CallEventRow {
    at: i64,
    kind: String,
    detail: String,
}

impl From<CallEventRow> for CallEvent {
    fn from(e: CallEventRow) -> CallEvent {
        CallEvent {
            at: from_ms(e.at),
            kind: e.kind,
            detail: e.detail,
        }
    }
}

impl RequestRow {
    fn into_view(self, events: Vec<CallEvent>) -> RequestView {
        let charge = Credits::new(self.charge);
        let returned = Credits::new(self.returned);
        RequestView {
            id: CallReviewId::from_db(self.id),
            status: self.status,
            client_id: UserId::from_db(self.client_id),
            client_name: self.client_name,
            call: CallRow {
                id: CallId::from_db(self.call_id),
                other_id: UserId::from_db(self.model_id),
                other_name: self.model_name.clone(),
                kind: CallKind::parse(&self.kind).unwrap_or(CallKind::Phone),
                started_at: from_ms(self.started_at),
                ended_at: from_ms(self.ended_at),
                billed_minutes: self.billed_minutes,
                charge,
                refunded_amount: self.refunded_amount.map(Credits::new),
                my_thumb: None,
                returned,
            },
            model_name: self.model_name,
            charge_txn: TxnId::from_db(self.charge_txn),
            reason: self.reason,
            decision_note: self.decision_note,
            at: from_ms(self.created_at),
            refundable: charge - returned,
            events,
        }
    }
}

/// Requests, newest first; `id` narrows to one, `client` to one client's.
pub async fn requests(
    db: &Db,
    status: Option<RequestStatus>,
    id: Option<&CallReviewId>,
    client: Option<&UserId>,
) -> Result<Vec<RequestView>, AppError> {
    let rows = sqlx::query_as::<_, RequestRow>(
        "SELECT r.id AS id, r.status AS status, r.client_id AS client_id, cu.display_name AS client_name, \
                mu.display_name AS model_name, c.id AS call_id, c.model_id AS model_id, c.kind AS kind, \
                c.started_at AS started_at, c.ended_at AS ended_at, c.billed_minutes AS billed_minutes, \
                c.charge AS charge, c.refunded_amount AS refunded_amount, c.charge_txn AS charge_txn, \
                r.reason AS reason, r.decision_note AS decision_note, r.created_at AS created_at, \
                (SELECT CAST(COALESCE(SUM(x.amount), 0) AS BIGINT) FROM ledger_txns x WHERE x.refers_to = c.charge_txn \
                   AND x.kind IN ('call_refund', 'support_refund') AND x.deleted_at IS NULL) AS returned \
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
    for r in rows {
        let events = sqlx::query_as::<_, CallEventRow>(
            "SELECT at AS at, kind AS kind, detail AS detail FROM call_events WHERE call_id = $1 ORDER BY seq",
        )
        .bind(r.call_id.as_str())
        .fetch_all(db)
        .await?;
        out.push(r.into_view(events.into_iter().map(CallEvent::from).collect()));
    }
    Ok(out)
}

/// REF-6: support grants (full or part, through the same refund as TXN-2)
/// or declines with a note the client sees. The request's dispute, if any,
/// is decided with it in the same transaction.
pub async fn decide_request(
    db: &Db,
    support: &UserId,
    request: &CallReviewId,
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

/// Who a granted review refunds, and the charge it refunds.
#[derive(sqlx::FromRow)]
struct GrantTargetRow {
    client_id: String,
    charge_txn: String,
    call_id: String,
}

/// The money and the request's status of a REF-6 decision, inside the
/// caller's transaction (the review page's form and the dispute's decision).
pub async fn decide_request_in(
    tx: &mut Tx,
    support: &UserId,
    request: &CallReviewId,
    grant: Option<Credits>,
    note: &Reason,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let GrantTargetRow {
        client_id: client,
        charge_txn,
        call_id,
    } = sqlx::query_as::<_, GrantTargetRow>(
        "SELECT r.client_id AS client_id, c.charge_txn AS charge_txn, c.id AS call_id \
         FROM refund_requests r JOIN calls c ON c.id = r.call_id WHERE r.id = $1",
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
                    &UserId::from_db(client.clone()),
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
    .bind(if grant.is_some() {
        RequestStatus::Granted.as_str()
    } else {
        RequestStatus::Declined.as_str()
    })
    .bind(support.as_str())
    .bind(ms(now))
    .bind(note.as_str())
    .bind(refund_txn.map(|t| t.as_str().to_owned()))
    .bind(request.as_str())
    .execute(&mut **tx)
    .await?;
    crate::platform::cases::resolve(
        tx,
        crate::domain::case::CaseKind::CallReview,
        request.as_str(),
        now,
    )
    .await?;
    // NOTE-1: the client hears the answer (and, with REF-5's words, that
    // credits came back).
    let to = UserId::from_db(client.clone());
    let key = format!("review:{request}");
    crate::platform::outbox::notify(
        tx,
        &to,
        &crate::domain::notice::Notice::new(
            crate::domain::notice::NoticeKind::RequestDecided,
            format!("{key}:decided"),
            format!("/client/calls/{call_id}/review"),
        ),
        now,
    )
    .await?;
    if let Some(amount) = grant {
        crate::platform::outbox::notify(
            tx,
            &to,
            &crate::domain::notice::Notice::new(
                crate::domain::notice::NoticeKind::CreditsBack,
                format!("{key}:refund"),
                "/client/billing",
            )
            .amount(amount),
            now,
        )
        .await?;
    }
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
            status: r.status,
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
            events: r.events,
            at: r.at,
        }
    }
}
