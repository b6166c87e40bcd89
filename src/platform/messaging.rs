//! Conversations and their messages: the direct conversation of a model and
//! a client (with call bubbles), and the posting every feature uses.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::domain::{AppError, CallId, ConversationId, MessageId, UserId};
use crate::platform::db::{ms, Stmt};

pub use crate::domain::dispute::MessageKind;

pub async fn direct_conversation(
    conn: &mut AnyConnection,
    model: &UserId,
    client: &UserId,
    now: DateTime<Utc>,
) -> Result<ConversationId, AppError> {
    // Usually the two have talked before: one statement then.
    if let Some(id) = direct_conversation_of(conn, model, client).await? {
        return Ok(id);
    }
    sqlx::query(
        "INSERT INTO conversations (id, kind, model_id, client_id, created_at) VALUES ($1, 'direct', $2, $3, $4) \
         ON CONFLICT (kind, model_id, client_id) DO NOTHING",
    )
    .bind(ConversationId::generate().as_str())
    .bind(model.as_str())
    .bind(client.as_str())
    .bind(ms(now))
    .execute(&mut *conn)
    .await?;
    // Made just now, or by a writer that came first.
    direct_conversation_of(conn, model, client)
        .await?
        .ok_or_else(|| crate::platform::db::internal("conversation", "missing after insert"))
}

async fn direct_conversation_of(
    conn: &mut AnyConnection,
    model: &UserId,
    client: &UserId,
) -> Result<Option<ConversationId>, AppError> {
    let (id,): (Option<String>,) = sqlx::query_as(&format!("SELECT {}", direct_conversation_sql("$1", "$2")))
        .bind(model.as_str())
        .bind(client.as_str())
        .fetch_one(&mut *conn)
        .await?;
    Ok(id.map(ConversationId::from_db))
}

/// A subquery for the id of the direct conversation of the `model` and
/// `client` columns or parameters (NULL when they have not talked yet), for
/// a read that loads it with the rest of its facts.
pub fn direct_conversation_sql(model: &str, client: &str) -> String {
    format!("(SELECT id FROM conversations WHERE kind = 'direct' AND model_id = {model} AND client_id = {client})")
}

/// A new conversation with support in it: a dispute's chat or a contact
/// request (SUP-6). They share the kind 'dispute' the table was made with;
/// what a conversation is about is the row that names it.
pub async fn support_conversation(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
) -> Result<ConversationId, AppError> {
    let conversation = ConversationId::generate();
    sqlx::query("INSERT INTO conversations (id, kind, model_id, client_id, created_at) VALUES ($1, 'dispute', NULL, NULL, $2)")
        .bind(conversation.as_str())
        .bind(ms(now))
        .execute(&mut *conn)
        .await?;
    Ok(conversation)
}

pub async fn post_message(
    conn: &mut AnyConnection,
    conversation: &ConversationId,
    author: Option<&UserId>,
    kind: MessageKind,
    body: &str,
    call: Option<&CallId>,
    at: DateTime<Utc>,
) -> Result<MessageId, AppError> {
    let (id, insert) = message_statement(conversation, author, kind, body, call, at);
    insert.execute(conn).await?;
    Ok(id)
}

/// `post_message`'s statement, for a caller that writes it in a batch.
pub fn message_statement(
    conversation: &ConversationId,
    author: Option<&UserId>,
    kind: MessageKind,
    body: &str,
    call: Option<&CallId>,
    at: DateTime<Utc>,
) -> (MessageId, Stmt) {
    let id = MessageId::generate();
    let insert = Stmt::new(
        "INSERT INTO messages (id, conversation_id, author_id, kind, body, call_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.as_str())
    .bind(conversation.as_str())
    .bind(author.map(|a| a.as_str()))
    .bind(kind.as_str())
    .bind(body)
    .bind(call.map(|c| c.as_str()))
    .bind(ms(at));
    (id, insert)
}
