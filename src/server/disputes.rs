//! Disputes (DISP-1): opened by a session cancellation (MEET-9) and, later,
//! by refund requests. Opening one creates its conversation with support's
//! automatic first message; the chat and the decision are built on this.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::auth::db_error;
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
        .await
        .map_err(db_error)?;
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
    .await
    .map_err(db_error)?
    .rows_affected();
    if inserted == 0 {
        let (existing,): (String,) =
            sqlx::query_as("SELECT id FROM disputes WHERE subject_kind = $1 AND subject_id = $2")
                .bind(d.subject.as_str())
                .bind(d.subject_id)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_error)?;
        return Ok(existing);
    }
    // DISP-1: support's automatic first message, then the private note.
    post_message(
        conn,
        &conversation,
        None,
        MessageKind::System,
        "dispute_opened",
        None,
        now,
    )
    .await?;
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
    .await
    .map_err(db_error)?;
    Ok(row.map(|(id, state, reason, held)| DisputeSummary {
        id,
        state,
        reason,
        held: Credits::new(held),
    }))
}
