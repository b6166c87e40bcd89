//! Disputes (DISP-1): opened by a session cancellation (MEET-9) and, later,
//! by refund requests. Opening one creates its conversation with support's
//! automatic first message; the chat and the decision are built on this.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::calls::{ms, post_message, MessageKind};
use crate::domain::{AppError, ConversationId, Credits, UserId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Session,
    Call,
    Purchase,
}

impl Subject {
    pub const fn as_str(self) -> &'static str {
        match self {
            Subject::Session => "session",
            Subject::Call => "call",
            Subject::Purchase => "purchase",
        }
    }

    pub fn parse(raw: &str) -> Option<Subject> {
        match raw {
            "session" => Some(Subject::Session),
            "call" => Some(Subject::Call),
            "purchase" => Some(Subject::Purchase),
            _ => None,
        }
    }
}

pub struct NewDispute<'a> {
    pub subject: Subject,
    pub subject_id: &'a str,
    pub client: &'a UserId,
    pub model: &'a UserId,
    /// "client" or "model".
    pub opened_by: &'static str,
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
) -> Result<String, AppError> {
    let conversation = ConversationId::generate();
    sqlx::query("INSERT INTO conversations (id, kind, model_id, client_id, created_at) VALUES ($1, 'dispute', NULL, NULL, $2)")
        .bind(conversation.as_str())
        .bind(ms(now))
        .execute(&mut *conn)
        .await?;
    let id = uuid::Uuid::now_v7().to_string();
    let inserted = sqlx::query(
        "INSERT INTO disputes (id, subject_kind, subject_id, client_id, model_id, state, opened_by, reason, private_note, held, \
         conversation_id, opened_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (subject_kind, subject_id) DO NOTHING",
    )
    .bind(&id)
    .bind(d.subject.as_str())
    .bind(d.subject_id)
    .bind(d.client.as_str())
    .bind(d.model.as_str())
    .bind(d.opened_by)
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
        return Ok(existing);
    }
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
        let author = if d.opened_by == "model" { d.model } else { d.client };
        post_message(
            conn,
            &conversation,
            Some(author),
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
    pub id: String,
    pub state: String,
    pub reason: Option<String>,
    pub held: Credits,
}

pub async fn for_subject(
    db: &super::db::Db,
    subject: Subject,
    subject_id: &str,
) -> Result<Option<DisputeSummary>, AppError> {
    let row: Option<(String, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT id, state, reason, held FROM disputes WHERE subject_kind = $1 AND subject_id = $2",
    )
    .bind(subject.as_str())
    .bind(subject_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, state, reason, held)| DisputeSummary {
        id,
        state,
        reason,
        held: Credits::new(held),
    }))
}

// ---- The dispute screen, chat and decision (DISP-2, DISP-3) -------------

use super::calls::from_ms;
use super::ledger::{self, begin_write, IdempotencyKey};
use crate::domain::audit::Action;
use crate::domain::billing::Decision;
use crate::domain::dispute::{self, DisputeState, Sanction};
use crate::domain::ledger as plan;
use crate::domain::{ErrorCode, Reason, Role, RuleId};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DisputeRow {
    pub id: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub client_id: UserId,
    pub client_name: String,
    pub model_id: UserId,
    pub model_name: String,
    pub state: DisputeState,
    pub opened_by: String,
    pub reason: Option<String>,
    pub held: Credits,
    pub opened_at: DateTime<Utc>,
    pub conversation_id: String,
    pub decision_reason: Option<String>,
    pub refunded: Option<Credits>,
    pub released: Option<Credits>,
}

const ROW_SQL: &str = "SELECT d.id, d.subject_kind, d.subject_id, d.client_id, cu.display_name, d.model_id, mu.display_name, \
    d.state, d.opened_by, d.reason, d.held, d.opened_at, d.conversation_id, d.decision_reason, d.refunded, d.released \
    FROM disputes d JOIN users cu ON cu.id = d.client_id JOIN users mu ON mu.id = d.model_id";

fn row(r: &sqlx::any::AnyRow) -> DisputeRow {
    use sqlx::Row;
    DisputeRow {
        id: r.get(0),
        subject_kind: r.get(1),
        subject_id: r.get(2),
        client_id: UserId::from_db(r.get(3)),
        client_name: r.get(4),
        model_id: UserId::from_db(r.get(5)),
        model_name: r.get(6),
        state: DisputeState::parse(&r.get::<String, _>(7)).unwrap_or(DisputeState::Open),
        opened_by: r.get(8),
        reason: r.get(9),
        held: Credits::new(r.get(10)),
        opened_at: from_ms(r.get(11)),
        conversation_id: r.get(12),
        decision_reason: r.get(13),
        refunded: r.get::<Option<i64>, _>(14).map(Credits::new),
        released: r.get::<Option<i64>, _>(15).map(Credits::new),
    }
}

/// Support's queue (every dispute, by state, oldest first) or a party's own.
pub async fn list(
    db: &super::db::Db,
    viewer: &UserId,
    role: Role,
    state: Option<DisputeState>,
    opened_before: Option<DateTime<Utc>>,
) -> Result<Vec<DisputeRow>, AppError> {
    let sql = format!(
        "{ROW_SQL} WHERE ($1 = '' OR d.state = $1) AND ($2 = 'support' OR d.client_id = $3 OR d.model_id = $3) \
         AND ($4 = 0 OR d.opened_at <= $4) ORDER BY d.opened_at LIMIT 300"
    );
    let rows = sqlx::query(&sql)
        .bind(state.map(|s| s.as_str()).unwrap_or(""))
        .bind(role.as_str())
        .bind(viewer.as_str())
        .bind(opened_before.map(ms).unwrap_or(0))
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(row).collect())
}

/// One dispute, for its members only (others: not found).
pub async fn get(
    conn: &mut AnyConnection,
    id: &str,
    viewer: &UserId,
    role: Role,
) -> Result<DisputeRow, AppError> {
    let r = sqlx::query(&format!("{ROW_SQL} WHERE d.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let d = row(&r);
    let member = role == Role::Support || &d.client_id == viewer || &d.model_id == viewer;
    if !member {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    Ok(d)
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChatMessage {
    pub id: String,
    pub author_name: Option<String>,
    pub mine: bool,
    pub kind: String,
    pub body: String,
    pub at: DateTime<Utc>,
    /// An attached image, served at `/files/<id>` to the members.
    pub attachment: Option<String>,
}

/// id, author id, author name, kind, body, instant, attachment.
type MessageRecord = (
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    i64,
    Option<String>,
);

/// The chat history; notes only for support (DISP-2).
pub async fn messages(
    db: &super::db::Db,
    d: &DisputeRow,
    viewer: &UserId,
    role: Role,
) -> Result<Vec<ChatMessage>, AppError> {
    let rows: Vec<MessageRecord> = sqlx::query_as(
        "SELECT m.id, m.author_id, u.display_name, m.kind, m.body, m.created_at, m.upload_id FROM messages m \
         LEFT JOIN users u ON u.id = m.author_id WHERE m.conversation_id = $1 AND ($2 = 'support' OR m.kind <> 'note') \
         ORDER BY m.created_at, m.id LIMIT 1000",
    )
    .bind(&d.conversation_id)
    .bind(if dispute::sees_notes(role) { "support" } else { "member" })
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, author, name, kind, body, at, attachment)| ChatMessage {
            id,
            mine: author.as_deref() == Some(viewer.as_str()),
            author_name: name,
            kind,
            body,
            at: from_ms(at),
            attachment,
        })
        .collect())
}

/// A member writes in the chat; support may write a note instead.
pub async fn post(
    db: &super::db::Db,
    id: &str,
    viewer: &UserId,
    role: Role,
    body: &str,
    note: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let body =
        crate::domain::text::optional_text(body, 2000)?.ok_or_else(|| AppError::new(ErrorCode::BadInput))?;
    post_with(db, id, viewer, role, &body, None, note, now).await
}

/// A member posts an image (already stored, see `uploads::store`) with an
/// optional caption; support may post it as a note.
#[allow(clippy::too_many_arguments)]
pub async fn post_image(
    db: &super::db::Db,
    id: &str,
    viewer: &UserId,
    role: Role,
    caption: &str,
    upload: &str,
    note: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let caption = crate::domain::text::optional_text(caption, 2000)?.unwrap_or_default();
    post_with(db, id, viewer, role, &caption, Some(upload), note, now).await
}

/// Writes one message for a member of an undecided dispute (DISP-2): a
/// note only when support asks for one. Answers the conversation id.
#[allow(clippy::too_many_arguments)]
async fn post_with(
    db: &super::db::Db,
    id: &str,
    viewer: &UserId,
    role: Role,
    body: &str,
    upload: Option<&str>,
    note: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let mut tx = begin_write(db).await?;
    let d = get(&mut tx, id, viewer, role).await?;
    dispute::can_post(d.state, true)?;
    let kind = if note && role == Role::Support {
        MessageKind::Note
    } else {
        MessageKind::Text
    };
    let conversation = ConversationId::from_db(d.conversation_id.clone());
    let message = post_message(&mut tx, &conversation, Some(viewer), kind, body, None, now).await?;
    if crate::domain::billing::message_hears_model(
        d.subject_kind == Subject::Purchase.as_str(),
        &d.model_id == viewer,
        kind == MessageKind::Text,
    ) {
        super::billing::mark_heard(&mut tx, &d.subject_id, Some(body), now).await?;
    }
    if let Some(upload) = upload {
        sqlx::query("UPDATE messages SET upload_id = $1 WHERE id = $2")
            .bind(upload)
            .bind(message.as_str())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(d.conversation_id)
}

/// DISP-3: support's decision. The money (the session's escrow split, or
/// the refund of the call or spend a request is about), the sanctions and
/// the decision message are one database transaction.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    db: &super::db::Db,
    id: &str,
    support: &UserId,
    refund: Credits,
    client_sanction: Option<Sanction>,
    model_sanction: Option<Sanction>,
    reason: Reason,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (mut tx, d) = for_support(db, id, support).await?;
    let split = match Subject::parse(&d.subject_kind) {
        Some(Subject::Session) => {
            let escrow = crate::domain::ledger::Account::Escrow(d.subject_id.clone());
            let held = ledger::balance(&mut tx, &escrow).await?;
            let split = dispute::decide(d.state, held, refund)?;
            move_escrow(&mut tx, &d, split, support, now).await?;
            split
        }
        Some(Subject::Call) => {
            let request = crate::domain::RefundRequestId::from_db(d.subject_id.clone());
            let held = super::backoffice::review_refundable(&mut tx, &request)
                .await?
                .unwrap_or(Credits::ZERO);
            let split = dispute::decide(d.state, held, refund)?;
            let grant = (split.refund.get() > 0).then_some(split.refund);
            super::backoffice::decide_request_in(&mut tx, support, &request, grant, &reason, now).await?;
            split
        }
        Some(Subject::Purchase) => {
            let held = super::billing::pending_amount(&mut tx, &d.subject_id)
                .await?
                .unwrap_or(Credits::ZERO);
            let split = dispute::decide(d.state, held, refund)?;
            let decision = if split.refund.get() > 0 {
                Decision::Approve {
                    amount: split.refund,
                    note: Some(reason.clone()),
                }
            } else {
                Decision::Decline { note: reason.clone() }
            };
            super::billing::decide_in(&mut tx, support, &d.subject_id, &decision, now).await?;
            split
        }
        None => return Err(AppError::new(ErrorCode::Internal)),
    };
    for (user, sanction) in [(&d.client_id, client_sanction), (&d.model_id, model_sanction)] {
        let Some(s) = sanction else { continue };
        let (kind, until) = match s {
            Sanction::Warning => ("warning", None),
            Sanction::Suspension(days) => ("suspension", Some(ms(now + chrono::Duration::days(days as i64)))),
        };
        sqlx::query(
            "INSERT INTO sanctions (id, user_id, kind, until, dispute_id, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(user.as_str())
        .bind(kind)
        .bind(until)
        .bind(id)
        .bind(reason.as_str())
        .bind(support.as_str())
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        let what = format!("{kind} for {user} (dispute {id})");
        super::audit::record(
            &mut tx,
            super::audit::Entry {
                actor: Some(support),
                action: Action::Sanction,
                subject: &what,
                amount: None,
                reason: Some(reason.as_str()),
            },
            now,
        )
        .await?;
    }
    record_decision(&mut tx, &d, support, split, &reason, now).await?;
    tx.commit().await?;
    Ok(d.conversation_id)
}

/// A write by support on one dispute: the writer's turn, the role check,
/// the dispute's row lock, then the dispute as it is now.
async fn for_support(
    db: &super::db::Db,
    id: &str,
    support: &UserId,
) -> Result<(super::ledger::Tx, DisputeRow), AppError> {
    let mut tx = begin_write(db).await?;
    require_support(&mut tx, support).await?;
    lock(&mut tx, id).await?;
    let d = get(&mut tx, id, support, Role::Support).await?;
    Ok((tx, d))
}

async fn require_support(conn: &mut AnyConnection, who: &UserId) -> Result<(), AppError> {
    // Only support decides, whoever calls these functions.
    let role: Option<(String,)> = sqlx::query_as("SELECT role FROM users WHERE id = $1")
        .bind(who.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if role.map(|r| r.0).as_deref() != Some("support") {
        return Err(AppError::new(ErrorCode::NotAllowed).with_rule(RuleId::Disp3));
    }
    Ok(())
}

/// Takes the dispute's row lock first (PostgreSQL) so two decisions queue.
async fn lock(conn: &mut AnyConnection, id: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE disputes SET id = id WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A session's escrow: the refund back to the client, the rest to the model.
async fn move_escrow(
    tx: &mut AnyConnection,
    d: &DisputeRow,
    split: dispute::Split,
    support: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if split.refund.get() > 0 {
        let back = plan::escrow_return(
            &d.client_id,
            &d.subject_id,
            split.refund,
            Reason::system("Dispute decided: refund to the client (DISP-3)"),
        );
        ledger::write(
            tx,
            &back,
            &IdempotencyKey::derived("dispute-refund", &d.id),
            Some(support),
            now,
        )
        .await?;
    }
    if split.release.get() > 0 {
        let release = plan::escrow_release(
            &d.client_id,
            &d.model_id,
            &d.subject_id,
            split.release,
            split.release,
            Reason::system("Dispute decided: released to the model (DISP-3)"),
        );
        ledger::write(
            tx,
            &release,
            &IdempotencyKey::derived("dispute-release", &d.id),
            Some(support),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Marks the dispute decided and posts the decision in its chat; from now
/// on it is read-only (DISP-3).
async fn record_decision(
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
    .bind(&d.id)
    .execute(&mut *tx)
    .await?;
    let conversation = ConversationId::from_db(d.conversation_id.clone());
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
    super::audit::record(
        tx,
        super::audit::Entry {
            actor: Some(support),
            action: Action::DisputeDecided,
            subject: &d.id,
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
    let r = sqlx::query(&format!(
        "{ROW_SQL} WHERE d.subject_kind = $1 AND d.subject_id = $2 AND d.state <> 'decided'"
    ))
    .bind(subject.as_str())
    .bind(subject_id)
    .fetch_optional(&mut *tx)
    .await?;
    match r {
        Some(r) => record_decision(tx, &row(&r), support, split, reason, now).await,
        None => Ok(()),
    }
}

/// DISP-1: support marks the dispute as awaiting its decision and tells
/// the parties so in the chat.
pub async fn mark_awaiting(
    db: &super::db::Db,
    id: &str,
    support: &UserId,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (mut tx, d) = for_support(db, id, support).await?;
    let next = dispute::mark_awaiting(d.state)?;
    if next != d.state {
        sqlx::query("UPDATE disputes SET state = $1 WHERE id = $2 AND state = 'open'")
            .bind(next.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let conversation = ConversationId::from_db(d.conversation_id.clone());
        post_message(
            &mut tx,
            &conversation,
            Some(support),
            MessageKind::System,
            "dispute_awaiting",
            None,
            now,
        )
        .await?;
        super::audit::record(
            &mut tx,
            super::audit::Entry {
                actor: Some(support),
                action: Action::DisputeAwaiting,
                subject: id,
                amount: None,
                reason: None,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(d.conversation_id)
}

/// Read markers: the member has read everything up to `at`.
pub async fn mark_read(
    db: &super::db::Db,
    conversation: &str,
    user: &UserId,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO read_markers (conversation_id, user_id, last_read_at) VALUES ($1, $2, $3) \
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_at = excluded.last_read_at",
    )
    .bind(conversation)
    .bind(user.as_str())
    .bind(ms(at))
    .execute(db)
    .await?;
    Ok(())
}

/// How far each other member has read (name, instant), for "seen" marks.
pub async fn read_by(
    db: &super::db::Db,
    conversation: &str,
    viewer: &UserId,
) -> Result<Vec<(String, DateTime<Utc>)>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT u.display_name, r.last_read_at FROM read_markers r JOIN users u ON u.id = r.user_id \
         WHERE r.conversation_id = $1 AND r.user_id <> $2 ORDER BY u.display_name",
    )
    .bind(conversation)
    .bind(viewer.as_str())
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(n, at)| (n, from_ms(at))).collect())
}
