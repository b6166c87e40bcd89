//! Cases every feature opens and closes inside its own transaction: a
//! dispute (DISP-1) opened by a session's cancellation, a call review or a
//! billing request, and closed when such a request is decided in its own
//! queue. The dispute feature builds its chat and decision on these rows.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::domain::audit::Action;
use crate::domain::case::{CaseKind, Targets};
pub use crate::domain::dispute::Subject;
use crate::domain::dispute::{self, DisputeState};
use crate::domain::session::Party;
use crate::domain::{AppError, ConversationId, Credits, DisputeId, Reason, UserId};
use crate::platform::db::{from_ms, ms};
use crate::platform::messaging::{post_message, MessageKind};

pub struct NewDispute<'a> {
    pub subject: Subject,
    pub subject_id: &'a str,
    pub client: &'a UserId,
    pub model: &'a UserId,
    /// The side that opened it.
    pub opened_by: Party,
    pub reason: Option<&'a str>,
    /// Seen by support only (MEET-10 "other reason").
    pub private_note: Option<&'a str>,
    pub held: Credits,
}

/// Opens a dispute inside the caller's transaction; at most one per subject.
pub async fn open(
    conn: &mut AnyConnection,
    d: NewDispute<'_>,
    now: DateTime<Utc>,
) -> Result<DisputeId, AppError> {
    let conversation = crate::platform::messaging::support_conversation(conn, now).await?;
    let id = DisputeId::generate();
    let inserted = sqlx::query(
        "INSERT INTO disputes (id, subject_kind, subject_id, client_id, model_id, state, opened_by, reason, private_note, held, \
         conversation_id, opened_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (subject_kind, subject_id) DO NOTHING",
    )
    .bind(id.as_str())
    .bind(d.subject.as_str())
    .bind(d.subject_id)
    .bind(d.client.as_str())
    .bind(d.model.as_str())
    .bind(d.opened_by.as_str())
    .bind(d.reason)
    .bind(d.private_note)
    .bind(d.held.get())
    .bind(conversation.as_str())
    .bind(ms(now))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 0 {
        let (existing,): (String,) =
            sqlx::query_as("SELECT id FROM disputes WHERE subject_kind = $1 AND subject_id = $2")
                .bind(d.subject.as_str())
                .bind(d.subject_id)
                .fetch_one(&mut *conn)
                .await?;
        return Ok(DisputeId::from_db(existing));
    }
    // SUP-1: the request enters support's queue with this chat as its own.
    let (kind, case_subject) = case_of(d.subject, &id, d.subject_id);
    let opener = if d.opened_by == Party::Model {
        d.model
    } else {
        d.client
    };
    enter(
        conn,
        NewCase {
            kind,
            subject_id: &case_subject,
            client: Some(d.client),
            model: Some(d.model),
            opener: Some(opener),
            conversation: Some(&conversation),
            locale: None,
        },
        now,
    )
    .await?;
    // DISP-1: support's automatic first message (worded for the subject),
    // then the private note.
    let first = match d.subject {
        Subject::Session => "dispute_opened".to_string(),
        other => format!("dispute_opened:{}", other.as_str()),
    };
    post_message(conn, &conversation, None, MessageKind::System, &first, None, now).await?;
    // A request's written reason is the opener's first word in the chat (a
    // session's reason is a code the header already shows).
    if let (Some(words), false) = (d.reason, d.subject == Subject::Session) {
        post_message(
            conn,
            &conversation,
            Some(opener),
            MessageKind::Text,
            words,
            None,
            now,
        )
        .await?;
    }
    if let Some(note) = d.private_note {
        post_message(conn, &conversation, None, MessageKind::Note, note, None, now).await?;
    }
    Ok(id)
}

/// A dispute as the parties and support see its header.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DisputeSummary {
    pub id: DisputeId,
    pub state: DisputeState,
    pub reason: Option<String>,
    pub held: Credits,
}

pub async fn for_subject(
    db: &crate::platform::db::Db,
    subject: Subject,
    subject_id: &str,
) -> Result<Option<DisputeSummary>, AppError> {
    let row: Option<SummaryRow> = sqlx::query_as::<_, SummaryRow>(
        "SELECT id AS id, state AS state, reason AS reason, held AS held FROM disputes \
         WHERE subject_kind = $1 AND subject_id = $2",
    )
    .bind(subject.as_str())
    .bind(subject_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(DisputeSummary::from))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    #[sqlx(try_from = "String")]
    id: DisputeId,
    #[sqlx(try_from = "String")]
    state: DisputeState,
    reason: Option<String>,
    held: i64,
}

impl From<SummaryRow> for DisputeSummary {
    fn from(r: SummaryRow) -> DisputeSummary {
        DisputeSummary {
            id: r.id,
            state: r.state,
            reason: r.reason,
            held: Credits::new(r.held),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DisputeRow {
    pub id: DisputeId,
    pub subject_kind: Subject,
    pub subject_id: String,
    pub client_id: UserId,
    pub client_name: String,
    pub model_id: UserId,
    pub model_name: String,
    pub state: DisputeState,
    pub opened_by: Party,
    pub reason: Option<String>,
    pub held: Credits,
    pub opened_at: DateTime<Utc>,
    pub conversation_id: ConversationId,
    pub decision_reason: Option<String>,
    pub refunded: Option<Credits>,
    pub released: Option<Credits>,
}

pub const ROW_SQL: &str = "SELECT d.id AS id, d.subject_kind AS subject_kind, d.subject_id AS subject_id, \
    d.client_id AS client_id, cu.display_name AS client_name, d.model_id AS model_id, mu.display_name AS model_name, \
    d.state AS state, d.opened_by AS opened_by, d.reason AS reason, d.held AS held, d.opened_at AS opened_at, \
    d.conversation_id AS conversation_id, d.decision_reason AS decision_reason, d.refunded AS refunded, \
    d.released AS released \
    FROM disputes d JOIN users cu ON cu.id = d.client_id JOIN users mu ON mu.id = d.model_id";

/// One row of [`ROW_SQL`], read by column name.
#[derive(sqlx::FromRow)]
pub struct DisputeDbRow {
    #[sqlx(try_from = "String")]
    id: DisputeId,
    #[sqlx(try_from = "String")]
    subject_kind: Subject,
    subject_id: String,
    client_id: String,
    client_name: String,
    model_id: String,
    model_name: String,
    #[sqlx(try_from = "String")]
    state: DisputeState,
    #[sqlx(try_from = "String")]
    opened_by: Party,
    reason: Option<String>,
    held: i64,
    opened_at: i64,
    #[sqlx(try_from = "String")]
    conversation_id: ConversationId,
    decision_reason: Option<String>,
    refunded: Option<i64>,
    released: Option<i64>,
}

impl From<DisputeDbRow> for DisputeRow {
    fn from(r: DisputeDbRow) -> DisputeRow {
        DisputeRow {
            id: r.id,
            subject_kind: r.subject_kind,
            subject_id: r.subject_id,
            client_id: UserId::from_db(r.client_id),
            client_name: r.client_name,
            model_id: UserId::from_db(r.model_id),
            model_name: r.model_name,
            state: r.state,
            opened_by: r.opened_by,
            reason: r.reason,
            held: Credits::new(r.held),
            opened_at: from_ms(r.opened_at),
            conversation_id: r.conversation_id,
            decision_reason: r.decision_reason,
            refunded: r.refunded.map(Credits::new),
            released: r.released.map(Credits::new),
        }
    }
}

/// Marks the dispute decided and posts the decision in its chat; from now
/// on it is read-only (DISP-3).
pub async fn record_decision(
    tx: &mut AnyConnection,
    d: &DisputeRow,
    support: &UserId,
    split: dispute::Split,
    reason: &Reason,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE disputes SET state = 'decided', decided_at = $1, decided_by = $2, decision_reason = $3, refunded = $4, released = $5 \
         WHERE id = $6 AND state <> 'decided'",
    )
    .bind(ms(now))
    .bind(support.as_str())
    .bind(reason.as_str())
    .bind(split.refund.get())
    .bind(split.release.get())
    .bind(d.id.as_str())
    .execute(&mut *tx)
    .await?;
    let (kind, case_subject) = case_of(d.subject_kind, &d.id, &d.subject_id);
    resolve(tx, kind, &case_subject, now).await?;
    let conversation = d.conversation_id.clone();
    post_message(
        tx,
        &conversation,
        Some(support),
        MessageKind::System,
        &format!("dispute_decided:{}:{}", split.refund.get(), split.release.get()),
        None,
        now,
    )
    .await?;
    post_message(
        tx,
        &conversation,
        Some(support),
        MessageKind::Text,
        reason.as_str(),
        None,
        now,
    )
    .await?;
    crate::platform::audit::record(
        tx,
        crate::platform::audit::Entry {
            actor: Some(support),
            action: Action::DisputeDecided,
            subject: d.id.as_str(),
            amount: Some(split.refund),
            reason: Some(reason.as_str()),
        },
        now,
    )
    .await
}

/// A request decided outside its dispute (support's review or billing
/// queue) closes the dispute too, in the caller's transaction.
pub async fn close_with(
    tx: &mut AnyConnection,
    subject: Subject,
    subject_id: &str,
    support: &UserId,
    split: dispute::Split,
    reason: &Reason,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let sql = format!("{ROW_SQL} WHERE d.subject_kind = $1 AND d.subject_id = $2 AND d.state <> 'decided'");
    let r = sqlx::query_as::<_, DisputeDbRow>(&sql)
        .bind(subject.as_str())
        .bind(subject_id)
        .fetch_optional(&mut *tx)
        .await?;
    match r {
        Some(r) => record_decision(tx, &r.into(), support, split, reason, now).await,
        None => Ok(()),
    }
}

/// A request that waits on support, as it enters the queue (SUP-1).
pub struct NewCase<'a> {
    pub kind: CaseKind,
    pub subject_id: &'a str,
    pub client: Option<&'a UserId>,
    pub model: Option<&'a UserId>,
    /// Whose language the case is in: the person who opened it.
    pub opener: Option<&'a UserId>,
    pub conversation: Option<&'a ConversationId>,
    /// The case's language when nobody with an account opened it (an
    /// anonymous contact request, SUP-6).
    pub locale: Option<crate::domain::Locale>,
}

/// Enters a case with the targets its kind has now (SUP-2), inside the
/// transaction that opened the request; a second entry changes nothing.
pub async fn enter(conn: &mut AnyConnection, c: NewCase<'_>, now: DateTime<Utc>) -> Result<(), AppError> {
    let (first, resolve): (i64, i64) =
        sqlx::query_as("SELECT first_minutes, resolve_minutes FROM case_targets WHERE kind = $1")
            .bind(c.kind.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or_else(|| {
                let t = Targets::default_for(c.kind);
                (t.first_minutes, t.resolve_minutes)
            });
    let (first_due, resolve_due) = Targets {
        first_minutes: first,
        resolve_minutes: resolve,
    }
    .due(now);
    sqlx::query(
        "INSERT INTO cases (kind, subject_id, client_id, model_id, locale, conversation_id, opened_at, first_due_at, resolve_due_at) \
         VALUES ($1, $2, $3, $4, COALESCE((SELECT locale FROM users WHERE id = $5), $10), $6, $7, $8, $9) \
         ON CONFLICT (kind, subject_id) DO NOTHING",
    )
    .bind(c.kind.as_str())
    .bind(c.subject_id)
    .bind(c.client.map(UserId::as_str))
    .bind(c.model.map(UserId::as_str))
    .bind(c.opener.map(UserId::as_str))
    .bind(c.conversation.map(ConversationId::as_str))
    .bind(ms(now))
    .bind(ms(first_due))
    .bind(ms(resolve_due))
    .bind(c.locale.unwrap_or(crate::domain::Locale::En).code())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Support said something to the parties in the case's chat: the first
/// answer is given (SUP-2), once.
pub async fn responded(
    conn: &mut AnyConnection,
    conversation: &ConversationId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE cases SET first_response_at = $1 WHERE conversation_id = $2 AND first_response_at IS NULL",
    )
    .bind(ms(now))
    .bind(conversation.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The case is decided: its clocks stop. A decision is also an answer.
pub async fn resolve(
    conn: &mut AnyConnection,
    kind: CaseKind,
    subject_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE cases SET resolved_at = $1, first_response_at = COALESCE(first_response_at, $1) \
         WHERE kind = $2 AND subject_id = $3 AND resolved_at IS NULL",
    )
    .bind(ms(now))
    .bind(kind.as_str())
    .bind(subject_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The kind of case a dispute about `subject` is the chat of.
pub fn case_of(subject: Subject, dispute: &DisputeId, subject_id: &str) -> (CaseKind, String) {
    match subject {
        Subject::Session => (CaseKind::Dispute, dispute.as_str().to_owned()),
        Subject::Call => (CaseKind::CallReview, subject_id.to_owned()),
        Subject::Purchase => (CaseKind::Billing, subject_id.to_owned()),
    }
}
