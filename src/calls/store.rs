//! Calls: recording a finished call from the call system (and charging it),
//! the model's refund (REF), ratings after the call (CALL-2), and the
//! conversations that show calls as bubbles (REF-4b).

use crate::domain::notice::{Notice, NoticeKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

pub use crate::domain::call::CallEvent;
use crate::domain::call::{self, CallFacts, CallKind, Charge, ChatNotice, Refund, Thumb};
use crate::domain::ledger as plan;
use crate::domain::{
    AppError, CallId, ConversationId, Credits, ErrorCode, MessageId, Reason, Role, RuleId, TxnId, UserId,
};
use crate::platform::db::{begin_write, Batch, Stmt};
use crate::platform::db::{from_ms, ms, Db};
use crate::platform::ledger::{self, IdempotencyKey};
use crate::platform::lite;
use crate::platform::messaging::{direct_conversation, message_statement, post_message, MessageKind};

/// What the call system reports when a call ends.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct FinishedCall {
    pub external_id: String,
    pub client_id: String,
    pub model_id: String,
    pub kind: String,
    pub price_per_minute: i64,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    #[serde(default)]
    pub events: Vec<CallEvent>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RecordedCall {
    pub call_id: CallId,
    pub billed_minutes: i64,
    pub charge: Credits,
    /// False when this external id had been recorded before.
    pub first_time: bool,
}

async fn role_of(conn: &mut AnyConnection, id: &str) -> Result<Option<Role>, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT role FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.and_then(|r| Role::parse(&r.0)))
}

/// A call already recorded under an external id.
#[derive(sqlx::FromRow)]
struct RecordedCallRow {
    id: String,
    billed_minutes: i64,
    charge: i64,
    client_id: String,
    model_id: String,
}

/// Records and charges a finished call (CALL-1), once per external id.
pub async fn record_call(db: &Db, input: FinishedCall, now: DateTime<Utc>) -> Result<RecordedCall, AppError> {
    let bad = || AppError::new(ErrorCode::BadInput).with_rule(RuleId::Call1);
    let external = input.external_id.trim();
    if external.is_empty() || external.len() > 100 || input.events.len() > 1000 {
        return Err(bad());
    }
    let kind = CallKind::parse(&input.kind).ok_or_else(bad)?;
    let client = UserId::parse(&input.client_id).ok_or_else(bad)?;
    let model = UserId::parse(&input.model_id).ok_or_else(bad)?;
    let minutes = call::billed_minutes(input.started_at, input.ended_at)?;
    let charge = call::charge(Credits::new(input.price_per_minute), minutes)?;
    if input.ended_at > now + chrono::Duration::minutes(5) {
        return Err(bad().with_detail("ended_at is in the future"));
    }
    // The call system does not bill a call that never connected.
    if charge == Credits::ZERO {
        return Err(bad().with_detail("a call of zero seconds is not billed"));
    }

    let mut tx = begin_write(db).await?;
    if role_of(&mut tx, client.as_str()).await? != Some(Role::Client)
        || role_of(&mut tx, model.as_str()).await? != Some(Role::Model)
    {
        return Err(bad().with_detail("client_id and model_id must name a client and a model"));
    }
    let existing = sqlx::query_as::<_, RecordedCallRow>(
        "SELECT id AS id, billed_minutes AS billed_minutes, charge AS charge, client_id AS client_id, \
         model_id AS model_id FROM calls WHERE external_id = $1",
    )
    .bind(external)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(earlier) = existing {
        // The same external id with another call behind it is refused.
        if (
            earlier.charge,
            earlier.client_id.as_str(),
            earlier.model_id.as_str(),
        ) != (charge.get(), client.as_str(), model.as_str())
        {
            return Err(AppError::new(ErrorCode::IdempotencyKeyReused));
        }
        return Ok(RecordedCall {
            call_id: CallId::from_db(earlier.id),
            billed_minutes: earlier.billed_minutes,
            charge: Credits::new(earlier.charge),
            first_time: false,
        });
    }

    let call_id = CallId::generate();
    let reason = Reason::system(&format!(
        "{} call, {minutes} min × {} credits",
        kind.as_str(),
        input.price_per_minute
    ));
    let charge_plan = plan::call_charge(&client, &model, charge, reason);
    let key = IdempotencyKey::derived("call", external);
    let charge_txn = ledger::write(&mut tx, &charge_plan, &key, None, now)
        .await
        .map_err(|e| {
            if e.code == ErrorCode::InsufficientCredits {
                e.with_rule(RuleId::Call1)
            } else {
                e
            }
        })?
        .txn;
    sqlx::query(
        "INSERT INTO calls (id, external_id, client_id, model_id, kind, price_per_minute, started_at, ended_at, \
         billed_minutes, charge, charge_txn, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(call_id.as_str())
    .bind(external)
    .bind(client.as_str())
    .bind(model.as_str())
    .bind(kind.as_str())
    .bind(input.price_per_minute)
    .bind(ms(input.started_at))
    .bind(ms(input.ended_at))
    .bind(minutes)
    .bind(charge.get())
    .bind(charge_txn.as_str())
    .bind(ms(now))
    .execute(&mut *tx)
    .await?;
    for (seq, ev) in input.events.iter().enumerate() {
        sqlx::query("INSERT INTO call_events (call_id, seq, at, kind, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind(call_id.as_str())
            .bind(seq as i64)
            .bind(ms(ev.at))
            .bind(truncate(&ev.kind, 60))
            .bind(truncate(&ev.detail, 500))
            .execute(&mut *tx)
            .await?;
    }
    let conversation = direct_conversation(&mut tx, &model, &client, now).await?;
    post_message(
        &mut tx,
        &conversation,
        None,
        MessageKind::Call,
        "",
        Some(&call_id),
        input.ended_at,
    )
    .await?;
    tx.commit().await?;
    Ok(RecordedCall {
        call_id,
        billed_minutes: minutes,
        charge,
        first_time: true,
    })
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// The answer to a refund, the same however many times it is asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundOutcome {
    pub call_id: CallId,
    pub amount: Credits,
    pub first_time: bool,
}

/// The call's columns a refund decides on, with what refunds returned on
/// its charge so far, their conversation and one of the charge's postings
/// (a row per posting).
#[derive(sqlx::FromRow)]
struct RefundFactsRow {
    model_id: String,
    client_id: String,
    ended_at: i64,
    charge: i64,
    refunded_amount: Option<i64>,
    charge_txn: String,
    returned: i64,
    conversation: Option<String>,
    account_id: Option<String>,
    amount: Option<i64>,
}

/// What a refund loads: the facts it decides on, the charge it returns,
/// and the two people's conversation, if they have one yet.
struct RefundLoad {
    facts: CallFacts,
    charge: Charge,
    conversation: Option<ConversationId>,
}

/// The read a refund decides on: the call, what was returned on its charge
/// so far, the conversation its notice goes to, and a row per posting of
/// the charge (one read: each statement is a round trip the writer waits
/// on).
fn refund_facts_statement(call_id: &CallId) -> Stmt {
    Stmt::new(format!(
        "SELECT c.model_id AS model_id, c.client_id AS client_id, c.ended_at AS ended_at, c.charge AS charge, \
         c.refunded_amount AS refunded_amount, c.charge_txn AS charge_txn, {} AS returned, {} AS conversation, \
         p.account_id AS account_id, p.amount AS amount \
         FROM calls c LEFT JOIN ledger_postings p ON p.txn_id = c.charge_txn WHERE c.id = $1 ORDER BY p.seq",
        ledger::returned_on_sql("c.charge_txn"),
        crate::platform::messaging::direct_conversation_sql("c.model_id", "c.client_id"),
    ))
    .bind(call_id.as_str())
}

impl RefundFactsRow {
    /// The row as read on SQLite's writer connection (`platform::lite`).
    fn from_lite(row: &rusqlite::Row<'_>) -> rusqlite::Result<RefundFactsRow> {
        Ok(RefundFactsRow {
            model_id: row.get("model_id")?,
            client_id: row.get("client_id")?,
            ended_at: row.get("ended_at")?,
            charge: row.get("charge")?,
            refunded_amount: row.get("refunded_amount")?,
            charge_txn: row.get("charge_txn")?,
            returned: row.get("returned")?,
            conversation: row.get("conversation")?,
            account_id: row.get("account_id")?,
            amount: row.get("amount")?,
        })
    }
}

/// The facts of `refund_facts_statement`'s rows; `None` when there is no
/// such call.
fn refund_load(rows: Vec<RefundFactsRow>) -> Result<Option<RefundLoad>, AppError> {
    let postings = rows
        .iter()
        .filter_map(|r| Some((r.account_id.as_deref()?, r.amount?)))
        .map(|(account, amount)| ledger::posting_from(account, amount))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(r) = rows.into_iter().next() else {
        return Ok(None);
    };
    let facts = CallFacts {
        model: UserId::from_db(r.model_id),
        client: UserId::from_db(r.client_id),
        ended_at: from_ms(r.ended_at),
        charge: Credits::new(r.charge),
        model_refund: r.refunded_amount.map(Credits::new),
        returned: Credits::new(r.returned),
    };
    Ok(Some(RefundLoad {
        facts,
        charge: Charge {
            txn: TxnId::from_db(r.charge_txn),
            postings,
        },
        conversation: r.conversation.map(ConversationId::from_db),
    }))
}

/// `refund_facts_statement` inside `conn`'s transaction. On PostgreSQL the
/// call's row is locked first, so the read after it (a new snapshot) sees
/// what any refund that held the lock wrote; on SQLite the group's write
/// lock is held already.
async fn refund_facts(conn: &mut AnyConnection, call_id: &CallId) -> Result<Option<RefundLoad>, AppError> {
    if conn.backend_name() == "PostgreSQL"
        && !crate::platform::db::lock_row(conn, "calls", call_id.as_str()).await?
    {
        return Ok(None);
    }
    let stmt = refund_facts_statement(call_id);
    let rows = sqlx::query_as::<_, RefundFactsRow>(stmt.sql())
        .bind(call_id.as_str())
        .fetch_all(&mut *conn)
        .await?;
    refund_load(rows)
}

/// REF-1/2/3: the model refunds her call, at most once, within 60 minutes:
/// the charge less what support returned already. Load once, decide once
/// (`domain::call::refund`), write once: the refund, the call's state and
/// the neutral notice to the client are one database transaction.
///
/// On SQLite the usual refund runs on the writer's own connection
/// (`platform::lite`); anything unusual there (the two people's first
/// conversation, a refused statement) and every refund on PostgreSQL
/// takes the way through sqlx.
pub async fn refund_call(
    db: &Db,
    call_id: &CallId,
    model: &UserId,
    now: DateTime<Utc>,
) -> Result<RefundOutcome, AppError> {
    let (db, call_id, model) = (db.clone(), call_id.clone(), model.clone());
    let (id, by) = (call_id.clone(), model.clone());
    if let Some(outcome) = lite::write(&db, move |tx| refund_on_writer(tx, &id, &by, now)).await? {
        return Ok(outcome);
    }
    crate::platform::db::on_writer(&db.clone(), async move {
        refund_call_now(&db, &call_id, &model, now).await
    })
    .await
}

/// The usual refund on SQLite's writer connection: the same read, the
/// same decision and the same statements as `refund_call_now`.
fn refund_on_writer(
    tx: &lite::LiteTx<'_>,
    call_id: &CallId,
    model: &UserId,
    now: DateTime<Utc>,
) -> Result<RefundOutcome, lite::Stop> {
    let rows = tx.rows(&refund_facts_statement(call_id), RefundFactsRow::from_lite)?;
    let Some(load) = refund_load(rows)? else {
        return Err(AppError::new(ErrorCode::NotFound).into());
    };
    let (amount, plan) = match call::refund(&load.facts, &load.charge, model, now)? {
        Refund::AlreadyRefunded(amount) => {
            return Ok(RefundOutcome {
                call_id: call_id.clone(),
                amount,
                first_time: false,
            })
        }
        Refund::New { amount, plan } => (amount, plan),
    };
    let Some(conversation) = load.conversation else {
        return Err(lite::Stop::Careful);
    };
    let key = IdempotencyKey::derived("call-refund", call_id.as_str());
    let (txn, mut batch) = ledger::usual_write(&plan, &key, Some(model), now)?;
    batch.append(refund_writes(
        &txn,
        call_id,
        amount,
        &conversation,
        &load.facts.client,
        now,
    )?);
    tx.run(&batch)?;
    Ok(RefundOutcome {
        call_id: call_id.clone(),
        amount,
        first_time: true,
    })
}

/// What goes with a refund's money, in its transaction: the call's state,
/// the chat bubble and the client's notice.
fn refund_writes(
    txn: &TxnId,
    call_id: &CallId,
    amount: Credits,
    conversation: &ConversationId,
    client: &UserId,
    now: DateTime<Utc>,
) -> Result<Batch, AppError> {
    // REF-5: the client learns only that credits came back.
    let bubble = ChatNotice::CreditsReturned(amount).stored();
    // NOTE-1 with REF-5's neutral words: credits came back, not who.
    let notice = Notice::new(
        NoticeKind::CreditsBack,
        format!("call:{call_id}:refund"),
        "/client/billing",
    )
    .amount(amount);
    let mut then = Batch::default();
    then.push(
        Stmt::new(
            "UPDATE calls SET refund_txn = $1, refunded_amount = $2, refunded_at = $3 WHERE id = $4 AND refund_txn IS NULL",
        )
        .bind(txn.as_str())
        .bind(amount.get())
        .bind(ms(now))
        .bind(call_id.as_str()),
    );
    then.push(
        message_statement(
            conversation,
            None,
            MessageKind::System,
            &bubble,
            Some(call_id),
            now,
        )
        .1,
    );
    then.append(crate::platform::outbox::notice_statements(client, &notice, now)?.1);
    Ok(then)
}

/// On PostgreSQL the refund is first written as one statement
/// (`ledger::write_as_one`); if that is refused, the transaction is
/// abandoned and the refund made again the careful way.
async fn refund_call_now(
    db: &Db,
    call_id: &CallId,
    model: &UserId,
    now: DateTime<Utc>,
) -> Result<RefundOutcome, AppError> {
    if let Some(outcome) = refund_in_transaction(db, call_id, model, now, true).await? {
        return Ok(outcome);
    }
    refund_in_transaction(db, call_id, model, now, false)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::Internal))
}

/// One try at the refund; `None` when `as_one` was refused (nothing kept).
async fn refund_in_transaction(
    db: &Db,
    call_id: &CallId,
    model: &UserId,
    now: DateTime<Utc>,
    as_one: bool,
) -> Result<Option<RefundOutcome>, AppError> {
    let mut tx = begin_write(db).await?;
    let Some(RefundLoad {
        facts,
        charge,
        conversation,
    }) = refund_facts(&mut tx, call_id).await?
    else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    let (amount, plan) = match call::refund(&facts, &charge, model, now)? {
        Refund::AlreadyRefunded(amount) => {
            tx.rollback().await?;
            return Ok(Some(RefundOutcome {
                call_id: call_id.clone(),
                amount,
                first_time: false,
            }));
        }
        Refund::New { amount, plan } => (amount, plan),
    };
    let conversation = match conversation {
        Some(c) => c,
        None => direct_conversation(&mut tx, &facts.model, &facts.client, now).await?,
    };
    // The call's state, its chat bubble and the notice go with the money,
    // in the same round trip (`ledger::write_with`, `write_as_one`).
    let key = IdempotencyKey::derived("call-refund", call_id.as_str());
    let then = |txn: &TxnId| refund_writes(txn, call_id, amount, &conversation, &facts.client, now);
    let written = if as_one {
        match ledger::write_as_one(&mut tx, &plan, &key, Some(model), now, then).await? {
            Some(written) => written,
            None => {
                tx.rollback().await?;
                return Ok(None);
            }
        }
    } else {
        ledger::write_with(&mut tx, &plan, &key, Some(model), now, then).await?
    };
    tx.commit().await?;
    Ok(Some(RefundOutcome {
        call_id: call_id.clone(),
        amount,
        first_time: written.first_time,
    }))
}

/// CALL-2: either side rates the call (thumbs, optional feedback). Ratings
/// here are the post-call thumbs; the RATE rules build on them.
pub async fn rate_call(
    db: &Db,
    call_id: &CallId,
    rater: &UserId,
    role: Role,
    thumb: Thumb,
    feedback: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let column = match role {
        Role::Model => ("model_id", "model_thumb", "model_feedback", "model_rated_at"),
        Role::Client => ("client_id", "client_thumb", "client_feedback", "client_rated_at"),
        Role::Support => return Err(AppError::new(ErrorCode::NotAllowed)),
    };
    let (owner, thumb_col, feedback_col, at_col) = column;
    let sql = format!(
        "UPDATE calls SET {thumb_col} = $1, {feedback_col} = COALESCE($2, {feedback_col}), {at_col} = $3 \
         WHERE id = $4 AND {owner} = $5"
    );
    let n = sqlx::query(&sql)
        .bind(thumb.as_str())
        .bind(feedback)
        .bind(ms(now))
        .bind(call_id.as_str())
        .bind(rater.as_str())
        .execute(db)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(AppError::new(ErrorCode::NotFound).with_rule(RuleId::Call2));
    }
    Ok(())
}

/// A call as listed to its model or client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRow {
    pub id: CallId,
    pub other_id: UserId,
    pub other_name: String,
    pub kind: CallKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub billed_minutes: i64,
    pub charge: Credits,
    pub refunded_amount: Option<Credits>,
    pub my_thumb: Option<Thumb>,
    /// Everything returned on the charge (the model's and support's refunds).
    pub returned: Credits,
}

impl CallRow {
    /// The facts `domain::call` decides a refund on.
    pub fn facts(&self, model: &UserId, client: &UserId) -> CallFacts {
        CallFacts {
            model: model.clone(),
            client: client.clone(),
            ended_at: self.ended_at,
            charge: self.charge,
            model_refund: self.refunded_amount,
            returned: self.returned,
        }
    }
}

/// Calls of a model (with the client's name) or of a client (with the
/// model's), newest first.
pub async fn calls_of(
    db: &Db,
    user: &UserId,
    role: Role,
    with: Option<&UserId>,
) -> Result<Vec<CallRow>, AppError> {
    let (mine, other, thumb) = match role {
        Role::Model => ("model_id", "client_id", "model_thumb"),
        Role::Client => ("client_id", "model_id", "client_thumb"),
        Role::Support => return Err(AppError::new(ErrorCode::NotAllowed)),
    };
    let returned = ledger::returned_on_sql("c.charge_txn");
    let sql = format!(
        "SELECT c.id AS id, c.{other} AS other_id, u.display_name AS other_name, c.kind AS kind, \
         c.started_at AS started_at, c.ended_at AS ended_at, c.billed_minutes AS billed_minutes, c.charge AS charge, \
         c.refunded_amount AS refunded_amount, c.{thumb} AS my_thumb, {returned} AS returned \
         FROM calls c JOIN users u ON u.id = c.{other} \
         WHERE c.{mine} = $1 AND ($2 = '' OR c.{other} = $2) ORDER BY c.ended_at DESC LIMIT 200"
    );
    let rows = sqlx::query_as::<_, ListedCallRow>(&sql)
        .bind(user.as_str())
        .bind(with.map(|w| w.as_str().to_owned()).unwrap_or_default())
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(CallRow::from).collect())
}

/// A call as `calls_of` selects it (the other side is the client for a
/// model, the model for a client).
#[derive(sqlx::FromRow)]
struct ListedCallRow {
    id: String,
    other_id: String,
    other_name: String,
    kind: String,
    started_at: i64,
    ended_at: i64,
    billed_minutes: i64,
    charge: i64,
    refunded_amount: Option<i64>,
    my_thumb: Option<String>,
    returned: i64,
}

impl From<ListedCallRow> for CallRow {
    fn from(r: ListedCallRow) -> CallRow {
        CallRow {
            id: CallId::from_db(r.id),
            other_id: UserId::from_db(r.other_id),
            other_name: r.other_name,
            kind: CallKind::parse(&r.kind).unwrap_or(CallKind::Phone),
            started_at: from_ms(r.started_at),
            ended_at: from_ms(r.ended_at),
            billed_minutes: r.billed_minutes,
            charge: Credits::new(r.charge),
            refunded_amount: r.refunded_amount.map(Credits::new),
            my_thumb: r.my_thumb.as_deref().and_then(Thumb::parse),
            returned: Credits::new(r.returned),
        }
    }
}

/// One call, only for its own model or client.
pub async fn call_for(db: &Db, call_id: &CallId, user: &UserId, role: Role) -> Result<CallRow, AppError> {
    calls_of(db, user, role, None)
        .await?
        .into_iter()
        .find(|c| &c.id == call_id)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub id: MessageId,
    pub author: Option<UserId>,
    pub kind: MessageKind,
    pub body: String,
    /// A system message's notice, read from its stored text.
    pub notice: Option<ChatNotice>,
    pub call: Option<CallRow>,
    pub at: DateTime<Utc>,
}

/// A message as `conversation_of` selects it.
#[derive(sqlx::FromRow)]
struct ConversationMessageRow {
    id: String,
    author_id: Option<String>,
    #[sqlx(try_from = "String")]
    kind: MessageKind,
    body: String,
    call_id: Option<String>,
    created_at: i64,
}

/// The conversation between a model and a client, oldest first, with each
/// call bubble carrying its call (for the model: with its refund state).
pub async fn conversation_of(
    db: &Db,
    model: &UserId,
    client: &UserId,
    viewer_role: Role,
) -> Result<Vec<MessageRow>, AppError> {
    let viewer = if viewer_role == Role::Model { model } else { client };
    let calls = calls_of(
        db,
        viewer,
        viewer_role,
        Some(if viewer_role == Role::Model { client } else { model }),
    )
    .await?;
    let rows = sqlx::query_as::<_, ConversationMessageRow>(
        "SELECT m.id AS id, m.author_id AS author_id, m.kind AS kind, m.body AS body, m.call_id AS call_id, \
         m.created_at AS created_at FROM messages m \
         JOIN conversations c ON c.id = m.conversation_id \
         WHERE c.kind = 'direct' AND c.model_id = $1 AND c.client_id = $2 AND m.kind <> 'note' \
         ORDER BY m.created_at, m.id LIMIT 500",
    )
    .bind(model.as_str())
    .bind(client.as_str())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| MessageRow {
            id: MessageId::from_db(r.id),
            author: r.author_id.map(UserId::from_db),
            notice: (r.kind == MessageKind::System)
                .then(|| ChatNotice::from_stored(&r.body))
                .flatten(),
            kind: r.kind,
            body: r.body,
            call: r
                .call_id
                .and_then(|id| calls.iter().find(|c| c.id.as_str() == id).cloned()),
            at: from_ms(r.created_at),
        })
        .collect())
}

/// The people a model or client has a conversation with.
pub async fn contacts_of(db: &Db, user: &UserId, role: Role) -> Result<Vec<crate::calls::Contact>, AppError> {
    let (mine, other) = match role {
        Role::Model => ("model_id", "client_id"),
        Role::Client => ("client_id", "model_id"),
        Role::Support => return Err(AppError::new(ErrorCode::NotAllowed)),
    };
    let sql = format!(
        "SELECT u.id AS id, u.display_name AS display_name FROM conversations c JOIN users u ON u.id = c.{other} \
         WHERE c.kind = 'direct' AND c.{mine} = $1 ORDER BY u.display_name"
    );
    let rows = sqlx::query_as::<_, ContactRow>(&sql)
        .bind(user.as_str())
        .fetch_all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::calls::Contact {
            id: UserId::from_db(r.id),
            name: r.display_name,
        })
        .collect())
}

/// The other side of a direct conversation.
#[derive(sqlx::FromRow)]
struct ContactRow {
    id: String,
    display_name: String,
}

/// A text message from one side of a direct conversation.
pub async fn send_text(
    db: &Db,
    model: &UserId,
    client: &UserId,
    author: &UserId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let conversation = direct_conversation(&mut tx, model, client, now).await?;
    let message = post_message(
        &mut tx,
        &conversation,
        Some(author),
        MessageKind::Text,
        body,
        None,
        now,
    )
    .await?;
    // NOTE-1: a message for someone away. One unread notice per chat: the
    // first message while away tells them; the rest wait in the chat.
    let (to, link) = if author == model {
        (client, format!("/client/chats/{model}"))
    } else {
        (model, format!("/model/chats/{client}"))
    };
    if !crate::platform::outbox::has_unread(&mut tx, to, NoticeKind::ChatMessage, &link).await? {
        let (name,): (String,) = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
            .bind(author.as_str())
            .fetch_one(&mut *tx)
            .await?;
        crate::platform::outbox::notify(
            &mut tx,
            to,
            &Notice::new(NoticeKind::ChatMessage, format!("message:{message}"), link)
                .name(name)
                .text(body),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
