//! NOTE-2: notices and e-mails are rows written in the transaction of
//! their event, so they exist exactly when the event does. A worker
//! (`crate::worker`) tells the live count, and delivers the mails: it
//! claims a batch for a while, sends, and marks each one sent. Delivery is
//! at least once: a crash between the mail server's "accepted" and the
//! mark sends that one mail again after the claim runs out, never zero
//! times (docs/decisions.md).

use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

use crate::domain::notice::{retry_delay, MailTopic, Notice, NoticeKind, NoticeParams};
use crate::domain::{AppError, NotificationId, UserId};
use crate::platform::db::{from_ms, ms, Batch, Db, Stmt};

/// How long a worker may take to send the mail it claimed (the mailer
/// gives up after 10 s) before another worker may take it over: after a
/// crash, the mail in flight waits this long.
pub const CLAIM: Duration = Duration::seconds(30);

/// Writes a notice for `to` (and its e-mail, unless `to` turned that kind
/// off or has no confirmed address) inside the caller's transaction. The
/// same event told twice is one notice: answers `None` the second time.
pub async fn notify(
    conn: &mut AnyConnection,
    to: &UserId,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<Option<NotificationId>, AppError> {
    let (id, batch) = notice_statements(to, notice, now)?;
    let changed = batch.run(conn).await?;
    Ok((changed.first() == Some(&1)).then_some(id))
}

/// `notify`'s statements, for a caller that writes them in a batch of its
/// own: the notice, then its mail, which is written only if the notice
/// was (no other notice of the same event is in the table) and reads
/// whether it is wanted in the same statement. The mail's condition does
/// not read the notice's own row, so the two also hold as parts of one
/// PostgreSQL statement (`Batch::try_run_as_one`), where the mail's
/// reference to the notice is checked at the statement's end.
pub fn notice_statements(
    to: &UserId,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(NotificationId, Batch), AppError> {
    let id = NotificationId::generate();
    let params =
        serde_json::to_string(&notice.params).map_err(|e| crate::platform::db::internal("notice", e))?;
    let mut batch = Batch::default();
    batch.push(
        Stmt::new(
            "INSERT INTO notifications (id, user_id, kind, event_key, link, params, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, event_key) DO NOTHING",
        )
        .bind(id.as_str())
        .bind(to.as_str())
        .bind(notice.kind.as_str())
        .bind(notice.event_key.as_str())
        .bind(notice.link.as_str())
        .bind(params)
        .bind(ms(now)),
    );
    batch.push(
        Stmt::new(
            "INSERT INTO outbox (id, dedupe_key, user_id, address, notification_id, created_at, next_attempt_at) \
             SELECT $1, $2, u.id, u.email, $3, $4, $4 FROM users u \
             WHERE u.id = $5 AND u.email_confirmed_at IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = $5 AND n.event_key = $7 AND n.id <> $3) \
             AND NOT EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = u.id AND o.topic = $6) \
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(format!("notice:{}", id.as_str()))
        .bind(id.as_str())
        .bind(ms(now))
        .bind(to.as_str())
        .bind(notice.kind.topic().as_str())
        .bind(notice.event_key.as_str()),
    );
    Ok((id, batch))
}

/// Whether `user` has an unread notice of `kind` that leads to `link`.
pub async fn has_unread(
    conn: &mut AnyConnection,
    user: &UserId,
    kind: NoticeKind,
    link: &str,
) -> Result<bool, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = $2 AND link = $3 AND read_at IS NULL",
    )
    .bind(user.as_str())
    .bind(kind.as_str())
    .bind(link)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Marks read `user`'s unread notices of `kind` that lead to `link` (the
/// person opened that page); their live count is told again by the worker.
pub async fn read_at_link(
    db: &Db,
    user: &UserId,
    kind: NoticeKind,
    link: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut conn = db.acquire().await?;
    if !has_unread(&mut conn, user, kind, link).await? {
        return Ok(());
    }
    drop(conn);
    let mut tx = crate::platform::db::begin_write(db).await?;
    sqlx::query(
        "UPDATE notifications SET read_at = $1, pushed_at = NULL \
         WHERE user_id = $2 AND kind = $3 AND link = $4 AND read_at IS NULL",
    )
    .bind(ms(now))
    .bind(user.as_str())
    .bind(kind.as_str())
    .bind(link)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A mail whose words are known now (an account's link, NOTE-4).
pub struct MailDraft<'a> {
    /// Names the mail: the same key queued twice is one mail.
    pub key: &'a str,
    pub user: Option<&'a UserId>,
    pub address: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
}

/// Queues a written mail inside the caller's transaction. (A notice's mail
/// is queued by `notify`, which writes its words at sending.)
pub async fn queue_mail(
    conn: &mut AnyConnection,
    m: &MailDraft<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO outbox (id, dedupe_key, user_id, address, subject, body_text, body_html, \
         created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(m.key)
    .bind(m.user.map(|u| u.as_str().to_owned()))
    .bind(m.address)
    .bind(m.subject)
    .bind(m.text)
    .bind(m.html)
    .bind(ms(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A mail a worker claimed. A notice's mail carries the notice and its
/// reader (words are written at sending); an account mail its words.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: String,
    pub key: String,
    pub address: String,
    pub attempts: i64,
    pub written: Option<Written>,
    pub notice: Option<StoredNotice>,
}

#[derive(Clone, Debug)]
pub struct Written {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A notice as stored, with what its reader reads it in.
#[derive(Clone, Debug)]
pub struct StoredNotice {
    pub id: NotificationId,
    pub kind: NoticeKind,
    pub link: String,
    pub params: NoticeParams,
    pub created_at: DateTime<Utc>,
    pub read: bool,
    pub locale: Option<String>,
    pub zone: String,
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: String,
    dedupe_key: String,
    address: String,
    attempts: i64,
    notification_id: Option<String>,
    subject: Option<String>,
    body_text: Option<String>,
    body_html: Option<String>,
}

/// Claims up to `limit` due mails for `CLAIM`. On PostgreSQL, rows another
/// server is claiming are skipped, not waited for; on SQLite the one
/// writer makes the claim atomic.
pub async fn claim(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<Claimed>, AppError> {
    let lock = if crate::platform::db::is_postgres(db) {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id IN (\
         SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $2 \
         AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY next_attempt_at LIMIT $3{lock}) \
         RETURNING id, dedupe_key, address, attempts, notification_id, subject, body_text, body_html"
    );
    let mut tx = crate::platform::db::begin_write(db).await?;
    let rows: Vec<OutboxRow> = sqlx::query_as(&sql)
        .bind(ms(now + CLAIM))
        .bind(ms(now))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut out = with_words(db, rows).await?;
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Outbox rows with what their words are written from.
async fn with_words(db: &Db, rows: Vec<OutboxRow>) -> Result<Vec<Claimed>, AppError> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let notice = match &r.notification_id {
            Some(n) => stored_notice(db, &NotificationId::from_db(n.clone())).await?,
            None => None,
        };
        let written = match (r.subject, r.body_text, r.body_html) {
            (Some(subject), Some(text), Some(html)) => Some(Written { subject, text, html }),
            _ => None,
        };
        out.push(Claimed {
            id: r.id,
            key: r.dedupe_key,
            address: r.address,
            attempts: r.attempts,
            written,
            notice,
        });
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct NoticeRow {
    id: String,
    kind: String,
    link: String,
    params: String,
    created_at: i64,
    read_at: Option<i64>,
    locale: Option<String>,
    time_zone: String,
}

impl NoticeRow {
    fn into_notice(self) -> Option<StoredNotice> {
        Some(StoredNotice {
            id: NotificationId::from_db(self.id),
            kind: NoticeKind::parse(&self.kind)?,
            link: self.link,
            params: serde_json::from_str(&self.params).unwrap_or_default(),
            created_at: from_ms(self.created_at),
            read: self.read_at.is_some(),
            locale: self.locale,
            zone: self.time_zone,
        })
    }
}

const NOTICE_COLUMNS: &str = "n.id AS id, n.kind AS kind, n.link AS link, n.params AS params, \
     n.created_at AS created_at, n.read_at AS read_at, u.locale AS locale, u.time_zone AS time_zone \
     FROM notifications n JOIN users u ON u.id = n.user_id";

pub async fn stored_notice(db: &Db, id: &NotificationId) -> Result<Option<StoredNotice>, AppError> {
    let row: Option<NoticeRow> = sqlx::query_as(&format!("SELECT {NOTICE_COLUMNS} WHERE n.id = $1"))
        .bind(id.as_str())
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(NoticeRow::into_notice))
}

/// A person's latest notices, newest first.
pub async fn latest(db: &Db, user: &UserId, limit: i64) -> Result<Vec<StoredNotice>, AppError> {
    let rows: Vec<NoticeRow> = sqlx::query_as(&format!(
        "SELECT {NOTICE_COLUMNS} WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2"
    ))
    .bind(user.as_str())
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(NoticeRow::into_notice).collect())
}

pub async fn unread_count(db: &Db, user: &UserId) -> Result<i64, AppError> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
            .bind(user.as_str())
            .fetch_one(db)
            .await?;
    Ok(n)
}

/// Marks one of `user`'s notices read; answers its link (None: not theirs).
pub async fn open(
    db: &Db,
    user: &UserId,
    id: &NotificationId,
    now: DateTime<Utc>,
) -> Result<Option<String>, AppError> {
    let mut tx = crate::platform::db::begin_write(db).await?;
    let link: Option<(String,)> =
        sqlx::query_as("SELECT link FROM notifications WHERE id = $1 AND user_id = $2")
            .bind(id.as_str())
            .bind(user.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    if link.is_some() {
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL")
            .bind(ms(now))
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(link.map(|l| l.0))
}

/// Marks every notice of `user` read.
pub async fn open_all(db: &Db, user: &UserId, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = crate::platform::db::begin_write(db).await?;
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(ms(now))
        .bind(user.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The people whose count changed since the last look; marks them told.
pub async fn take_unpushed(db: &Db, now: DateTime<Utc>) -> Result<Vec<UserId>, AppError> {
    let mut tx = crate::platform::db::begin_write(db).await?;
    let rows: Vec<(String,)> =
        sqlx::query_as("UPDATE notifications SET pushed_at = $1 WHERE pushed_at IS NULL RETURNING user_id")
            .bind(ms(now))
            .fetch_all(&mut *tx)
            .await?;
    tx.commit().await?;
    let mut users: Vec<UserId> = rows.into_iter().map(|r| UserId::from_db(r.0)).collect();
    users.sort();
    users.dedup();
    Ok(users)
}

pub async fn mark_sent(db: &Db, id: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = crate::platform::db::begin_write(db).await?;
    sqlx::query("UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2")
        .bind(ms(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The mail server refused or was away: try again later (NOTE-2).
pub async fn mark_failed(db: &Db, m: &Claimed, error: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let error: String = error.chars().take(500).collect();
    let mut tx = crate::platform::db::begin_write(db).await?;
    sqlx::query(
        "UPDATE outbox SET claimed_until = NULL, next_attempt_at = $1, last_error = $2 WHERE id = $3",
    )
    .bind(ms(now + retry_delay(m.attempts)))
    .bind(error)
    .bind(&m.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A mail that can never be written (its notice is gone): set aside.
pub async fn mark_dropped(db: &Db, id: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = crate::platform::db::begin_write(db).await?;
    sqlx::query("UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = 'dropped' WHERE id = $2")
        .bind(ms(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The mails kept when no mail server is configured (the test-mode page).
pub async fn kept(db: &Db, limit: i64) -> Result<Vec<Claimed>, AppError> {
    let rows: Vec<OutboxRow> = sqlx::query_as(
        "SELECT id, dedupe_key, address, attempts, notification_id, subject, body_text, body_html \
         FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    with_words(db, rows).await
}

/// The kinds of e-mail `user` turned off.
pub async fn opt_outs(db: &Db, user: &UserId) -> Result<Vec<MailTopic>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT topic FROM mail_opt_outs WHERE user_id = $1")
        .bind(user.as_str())
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|r| MailTopic::parse(&r.0)).collect())
}

/// Replaces the kinds of e-mail `user` turned off.
pub async fn set_opt_outs(db: &Db, user: &UserId, off: &[MailTopic]) -> Result<(), AppError> {
    let mut tx = crate::platform::db::begin_write(db).await?;
    sqlx::query("DELETE FROM mail_opt_outs WHERE user_id = $1")
        .bind(user.as_str())
        .execute(&mut *tx)
        .await?;
    for t in off {
        sqlx::query("INSERT INTO mail_opt_outs (user_id, topic) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user.as_str())
            .bind(t.as_str())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
