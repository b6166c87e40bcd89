//! Disputes (DISP-2, DISP-3): the dispute screen, its chat and support's
//! decision, which moves the subject's money (and so reaches into the
//! billing and support stores, the one sanctioned crossing of features).
//! Opening and closing a dispute is `platform::cases`.

use crate::domain::notice::{Notice, NoticeKind};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

pub use crate::disputes::ReadMark;
use crate::domain::{AppError, ConversationId, Credits, DisputeId, MessageId, UserId};
pub use crate::platform::cases::{for_subject, DisputeSummary, Subject};
use crate::platform::cases::{record_decision, DisputeDbRow, DisputeRow, ROW_SQL};
use crate::platform::db::ms;
use crate::platform::messaging::{post_message, MessageKind};

use crate::domain::audit::Action;
use crate::domain::billing::Decision;
use crate::domain::dispute::{self, DisputeState, Sanction};
use crate::domain::ledger as plan;
use crate::domain::{ErrorCode, Reason, Role, RuleId};
use crate::platform::db::begin_write;
use crate::platform::db::from_ms;
use crate::platform::ledger::{self, IdempotencyKey};

/// Support's queue (every dispute, by state, oldest first) or a party's own.
pub async fn list(
    db: &crate::platform::db::Db,
    viewer: &UserId,
    role: Role,
    state: Option<DisputeState>,
    opened_before: Option<DateTime<Utc>>,
) -> Result<Vec<DisputeRow>, AppError> {
    let sql = format!(
        "{ROW_SQL} WHERE ($1 = '' OR d.state = $1) AND ($2 = 'support' OR d.client_id = $3 OR d.model_id = $3) \
         AND ($4 = 0 OR d.opened_at <= $4) ORDER BY d.opened_at LIMIT 300"
    );
    let rows = sqlx::query_as::<_, DisputeDbRow>(&sql)
        .bind(state.map(|s| s.as_str()).unwrap_or(""))
        .bind(role.as_str())
        .bind(viewer.as_str())
        .bind(opened_before.map(ms).unwrap_or(0))
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(DisputeRow::from).collect())
}

/// One dispute, for its members only (others: not found).
pub async fn get(
    conn: &mut AnyConnection,
    id: &DisputeId,
    viewer: &UserId,
    role: Role,
) -> Result<DisputeRow, AppError> {
    let sql = format!("{ROW_SQL} WHERE d.id = $1");
    let d: DisputeRow = sqlx::query_as::<_, DisputeDbRow>(&sql)
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))?
        .into();
    let member = role == Role::Support || &d.client_id == viewer || &d.model_id == viewer;
    if !member {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    Ok(d)
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChatMessage {
    pub id: MessageId,
    pub author_name: Option<String>,
    pub mine: bool,
    pub kind: MessageKind,
    pub body: String,
    pub at: DateTime<Utc>,
    /// An attached image, served at `/files/<id>` to the members.
    pub attachment: Option<String>,
}

/// One message of a chat, read by column name.
#[derive(sqlx::FromRow)]
struct MessageRow {
    #[sqlx(try_from = "String")]
    id: MessageId,
    author_id: Option<String>,
    author_name: Option<String>,
    #[sqlx(try_from = "String")]
    kind: MessageKind,
    body: String,
    at: i64,
    attachment: Option<String>,
}

/// The chat history; notes only for support (DISP-2).
pub async fn messages(
    db: &crate::platform::db::Db,
    d: &DisputeRow,
    viewer: &UserId,
    role: Role,
) -> Result<Vec<ChatMessage>, AppError> {
    let rows: Vec<MessageRow> = sqlx::query_as::<_, MessageRow>(
        "SELECT m.id AS id, m.author_id AS author_id, u.display_name AS author_name, m.kind AS kind, m.body AS body, \
         m.created_at AS at, m.upload_id AS attachment FROM messages m \
         LEFT JOIN users u ON u.id = m.author_id WHERE m.conversation_id = $1 AND ($2 = 'support' OR m.kind <> 'note') \
         ORDER BY m.created_at, m.id LIMIT 1000",
    )
    .bind(d.conversation_id.as_str())
    .bind(if dispute::sees_notes(role) { "support" } else { "member" })
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|m| ChatMessage {
            mine: m.author_id.as_deref() == Some(viewer.as_str()),
            id: m.id,
            author_name: m.author_name,
            kind: m.kind,
            body: m.body,
            at: from_ms(m.at),
            attachment: m.attachment,
        })
        .collect())
}

/// A member writes in the chat; support may write a note instead.
pub async fn post(
    db: &crate::platform::db::Db,
    id: &DisputeId,
    viewer: &UserId,
    role: Role,
    body: &str,
    note: bool,
    now: DateTime<Utc>,
) -> Result<ConversationId, AppError> {
    let body =
        crate::domain::text::optional_text(body, 2000)?.ok_or_else(|| AppError::new(ErrorCode::BadInput))?;
    post_with(db, id, viewer, role, &body, None, note, now).await
}

/// A member posts an image (already stored, see `uploads::store`) with an
/// optional caption; support may post it as a note.
#[allow(clippy::too_many_arguments)]
pub async fn post_image(
    db: &crate::platform::db::Db,
    id: &DisputeId,
    viewer: &UserId,
    role: Role,
    caption: &str,
    upload: &str,
    note: bool,
    now: DateTime<Utc>,
) -> Result<ConversationId, AppError> {
    let caption = crate::domain::text::optional_text(caption, 2000)?.unwrap_or_default();
    post_with(db, id, viewer, role, &caption, Some(upload), note, now).await
}

/// Writes one message for a member of an undecided dispute (DISP-2): a
/// note only when support asks for one. Answers the conversation id.
#[allow(clippy::too_many_arguments)]
async fn post_with(
    db: &crate::platform::db::Db,
    id: &DisputeId,
    viewer: &UserId,
    role: Role,
    body: &str,
    upload: Option<&str>,
    note: bool,
    now: DateTime<Utc>,
) -> Result<ConversationId, AppError> {
    let mut tx = begin_write(db).await?;
    let d = get(&mut tx, id, viewer, role).await?;
    dispute::can_post(d.state, true)?;
    let kind = if note && role == Role::Support {
        MessageKind::Note
    } else {
        MessageKind::Text
    };
    let conversation = d.conversation_id.clone();
    let message = post_message(&mut tx, &conversation, Some(viewer), kind, body, None, now).await?;
    if role == Role::Support && kind == MessageKind::Text {
        crate::platform::cases::responded(&mut tx, &conversation, now).await?;
    }
    if crate::domain::billing::message_hears_model(
        d.subject_kind == Subject::Purchase,
        &d.model_id == viewer,
        kind == MessageKind::Text,
    ) {
        crate::billing::store::mark_heard(&mut tx, &d.subject_id, Some(body), now).await?;
    }
    if let Some(upload) = upload {
        sqlx::query("UPDATE messages SET upload_id = $1 WHERE id = $2")
            .bind(upload)
            .bind(message.as_str())
            .execute(&mut *tx)
            .await?;
    }
    // NOTE-1: the parties hear of a message they did not write (support's
    // notes are for support only).
    if kind == MessageKind::Text {
        for party in [&d.client_id, &d.model_id] {
            if party == viewer {
                continue;
            }
            let notice = Notice::new(
                NoticeKind::DisputeMessage,
                format!("message:{message}"),
                format!("/disputes/{id}"),
            )
            .text(if body.is_empty() { "📎" } else { body });
            crate::platform::outbox::notify(&mut tx, party, &notice, now).await?;
        }
    }
    tx.commit().await?;
    Ok(d.conversation_id)
}

/// What support decides (DISP-3): the refund, a sanction per party, why.
pub struct Verdict {
    pub refund: Credits,
    pub client_sanction: Option<Sanction>,
    pub model_sanction: Option<Sanction>,
    pub reason: Reason,
}

/// DISP-3: support's decision. The money (the session's escrow split, or
/// the refund of the call or spend a request is about), the sanctions and
/// the decision message are one database transaction.
pub async fn decide(
    db: &crate::platform::db::Db,
    id: &DisputeId,
    support: &UserId,
    verdict: &Verdict,
    now: DateTime<Utc>,
) -> Result<ConversationId, AppError> {
    let (mut tx, d) = for_support(db, id, support).await?;
    decide_in(&mut tx, &d, support, verdict, now).await?;
    tx.commit().await?;
    Ok(d.conversation_id)
}

/// SUP-5: what deciding with `refund` would move, measured by deciding in
/// a transaction that is then rolled back: the same code moves the money,
/// so the preview cannot drift from the decision. Each party's figure is
/// the change of its accounts (the client's wallet and what goes back
/// through a processor, the model's earnings, the platform's revenue).
pub async fn preview(
    db: &crate::platform::db::Db,
    id: &DisputeId,
    support: &UserId,
    refund: Credits,
    now: DateTime<Utc>,
) -> Result<crate::disputes::DecisionPreview, AppError> {
    use crate::domain::ledger::{Account, Processor};
    let (mut tx, d) = for_support(db, id, support).await?;
    let accounts: Vec<Account> = [
        Account::Wallet(d.client_id.clone()),
        Account::Earnings(d.model_id.clone()),
        Account::PlatformRevenue,
    ]
    .into_iter()
    .chain(Processor::ALL.into_iter().map(Account::World))
    .collect();
    let mut before = Vec::with_capacity(accounts.len());
    for a in &accounts {
        before.push(ledger::balance(&mut tx, a).await?);
    }
    let verdict = Verdict {
        refund,
        client_sanction: None,
        model_sanction: None,
        reason: Reason::system("Preview of a decision (SUP-5)"),
    };
    decide_in(&mut tx, &d, support, &verdict, now).await?;
    let mut change = Vec::with_capacity(accounts.len());
    for (a, b) in accounts.iter().zip(before) {
        change.push(ledger::balance(&mut tx, a).await? - b);
    }
    tx.rollback().await?;
    Ok(crate::disputes::DecisionPreview {
        refund,
        client: change[0],
        model: change[1],
        platform: change[2],
        // Money leaving the site goes to the client's card or account.
        through_processor: change[3..].iter().fold(Credits::ZERO, |sum, c| sum + *c),
    })
}

async fn decide_in(
    tx: &mut crate::platform::db::Tx,
    d: &DisputeRow,
    support: &UserId,
    verdict: &Verdict,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Verdict {
        refund,
        client_sanction,
        model_sanction,
        reason,
    } = verdict;
    let (refund, id) = (*refund, &d.id);
    let split = match d.subject_kind {
        Subject::Session => {
            let escrow = crate::domain::ledger::Account::Escrow(d.subject_id.clone());
            let held = ledger::balance(tx, &escrow).await?;
            let split = dispute::decide(d.state, held, refund)?;
            move_escrow(tx, d, split, support, now).await?;
            split
        }
        Subject::Call => {
            let request = crate::domain::CallReviewId::from_db(d.subject_id.clone());
            let held = crate::calls::reviews::review_refundable(tx, &request)
                .await?
                .unwrap_or(Credits::ZERO);
            let split = dispute::decide(d.state, held, refund)?;
            let grant = (split.refund.get() > 0).then_some(split.refund);
            crate::calls::reviews::decide_request_in(tx, support, &request, grant, reason, now).await?;
            split
        }
        Subject::Purchase => {
            let held = crate::billing::store::pending_amount(tx, &d.subject_id)
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
            crate::billing::store::decide_in(tx, support, &d.subject_id, &decision, now).await?;
            split
        }
    };
    for (user, sanction) in [(&d.client_id, *client_sanction), (&d.model_id, *model_sanction)] {
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
        .bind(id.as_str())
        .bind(reason.as_str())
        .bind(support.as_str())
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        // Read back by support's audit page (`support::store::sanction_subject`),
        // which says it in words: `warning:<user>` or `suspension:<days>:<user>`.
        let what = match s {
            Sanction::Warning => format!("warning:{user}"),
            Sanction::Suspension(days) => format!("suspension:{days}:{user}"),
        };
        crate::platform::audit::record(
            tx,
            crate::platform::audit::Entry {
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
    record_decision(tx, d, support, split, reason, now).await?;
    // NOTE-1: both parties hear the decision; the client, in REF-5's
    // neutral words, that credits came back.
    // A call review's or a billing request's client hears it as the
    // answer to the request (its queue's notice), not twice.
    let session = d.subject_kind == Subject::Session;
    for party in [&d.client_id, &d.model_id] {
        if !session && party == &d.client_id {
            continue;
        }
        let notice = Notice::new(
            NoticeKind::DisputeDecided,
            format!("dispute:{id}:decided"),
            format!("/disputes/{id}"),
        );
        crate::platform::outbox::notify(tx, party, &notice, now).await?;
    }
    if session && split.refund.get() > 0 {
        let notice = Notice::new(
            NoticeKind::CreditsBack,
            format!("dispute:{id}:refund"),
            "/client/billing",
        )
        .amount(split.refund);
        crate::platform::outbox::notify(tx, &d.client_id, &notice, now).await?;
    }
    Ok(())
}

/// A write by support on one dispute: the writer's turn, the role check,
/// the dispute's row lock, then the dispute as it is now.
async fn for_support(
    db: &crate::platform::db::Db,
    id: &DisputeId,
    support: &UserId,
) -> Result<(crate::platform::db::Tx, DisputeRow), AppError> {
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
async fn lock(conn: &mut AnyConnection, id: &DisputeId) -> Result<(), AppError> {
    crate::platform::db::lock_row(conn, "disputes", id.as_str()).await?;
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
            &IdempotencyKey::derived("dispute-refund", d.id.as_str()),
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
            &IdempotencyKey::derived("dispute-release", d.id.as_str()),
            Some(support),
            now,
        )
        .await?;
    }
    Ok(())
}

/// DISP-1: support marks the dispute as awaiting its decision and tells
/// the parties so in the chat.
pub async fn mark_awaiting(
    db: &crate::platform::db::Db,
    id: &DisputeId,
    support: &UserId,
    now: DateTime<Utc>,
) -> Result<ConversationId, AppError> {
    let (mut tx, d) = for_support(db, id, support).await?;
    let next = dispute::mark_awaiting(d.state)?;
    if next != d.state {
        sqlx::query("UPDATE disputes SET state = $1 WHERE id = $2 AND state = 'open'")
            .bind(next.as_str())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        let conversation = d.conversation_id.clone();
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
        crate::platform::cases::responded(&mut tx, &conversation, now).await?;
        crate::platform::audit::record(
            &mut tx,
            crate::platform::audit::Entry {
                actor: Some(support),
                action: Action::DisputeAwaiting,
                subject: id.as_str(),
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
    db: &crate::platform::db::Db,
    conversation: &ConversationId,
    user: &UserId,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO read_markers (conversation_id, user_id, last_read_at) VALUES ($1, $2, $3) \
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_at = excluded.last_read_at",
    )
    .bind(conversation.as_str())
    .bind(user.as_str())
    .bind(ms(at))
    .execute(db)
    .await?;
    Ok(())
}

/// How far each other member has read (name, instant), for "seen" marks.
pub async fn read_by(
    db: &crate::platform::db::Db,
    conversation: &ConversationId,
    viewer: &UserId,
) -> Result<Vec<ReadMark>, AppError> {
    let rows: Vec<ReadRow> = sqlx::query_as::<_, ReadRow>(
        "SELECT u.display_name AS name, r.last_read_at AS at FROM read_markers r JOIN users u ON u.id = r.user_id \
         WHERE r.conversation_id = $1 AND r.user_id <> $2 ORDER BY u.display_name",
    )
    .bind(conversation.as_str())
    .bind(viewer.as_str())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ReadMark {
            name: r.name,
            at: from_ms(r.at),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct ReadRow {
    name: String,
    at: i64,
}
