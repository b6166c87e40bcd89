//! Durable timed jobs (MEET-14/15, reminders): a row per kind and subject
//! with the instant it is due, written in the transaction that makes it
//! needed. A worker claims due rows (on PostgreSQL skipping those another
//! server holds), and each job's own transaction starts by marking it done
//! (`take`): if another server got there first, nothing happens. So a job's
//! effects happen exactly once, however many servers run.
//!
//! A small table rather than a job library: the libraries that fit tokio
//! each serve one database (apalis-sql, sqlxmq and graphile_worker are
//! PostgreSQL-only or SQLite-only), and the job's effects must commit in
//! the same transaction as its "done" mark (docs/decisions.md).

use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

use crate::domain::AppError;
use crate::platform::db::{from_ms, ms, Db};

crate::domain::wire::text_enum! {
    /// What a job does when due.
    pub enum JobKind {
        /// NOTE-1: the session starts in 24 hours.
        Reminder24h = "reminder_24h",
        /// NOTE-1: the session starts in 1 hour.
        Reminder1h = "reminder_1h",
        /// MEET-14: the window closed; not started yet?
        WindowClosed = "window_closed",
        /// MEET-15: started and nobody finished 2 hours after its end.
        Overrun = "overrun",
        /// MEET-15: the complaint period is over: pay the model.
        Release = "release",
    }
}

/// How long a worker may hold a claimed job before another may take it.
pub const CLAIM: Duration = Duration::minutes(2);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub id: String,
    pub kind: JobKind,
    pub subject: String,
    pub due: DateTime<Utc>,
}

/// Schedules `kind` for `subject` at `due`, inside the caller's
/// transaction. Scheduling it again moves its instant and makes it due
/// again (an extra tariff moves a session's end).
pub async fn schedule(
    conn: &mut AnyConnection,
    kind: JobKind,
    subject: &str,
    due: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO jobs (id, kind, subject_id, due_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (kind, subject_id) DO UPDATE SET due_at = $4, done_at = NULL, claimed_until = NULL",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(kind.as_str())
    .bind(subject)
    .bind(ms(due))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: String,
    kind: String,
    subject_id: String,
    due_at: i64,
}

/// Claims up to `limit` jobs due at `now`, the earliest first.
pub async fn claim(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<Job>, AppError> {
    let lock = if crate::platform::db::is_postgres(db) {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE jobs SET claimed_until = $1, attempts = attempts + 1 WHERE id IN (\
         SELECT id FROM jobs WHERE done_at IS NULL AND due_at <= $2 \
         AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY due_at LIMIT $3{lock}) \
         RETURNING id, kind, subject_id, due_at"
    );
    let mut tx = crate::platform::db::begin_write(db).await?;
    let rows: Vec<JobRow> = sqlx::query_as(&sql)
        .bind(ms(now + CLAIM))
        .bind(ms(now))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut jobs: Vec<Job> = rows
        .into_iter()
        .filter_map(|r| {
            Some(Job {
                id: r.id,
                kind: JobKind::parse(&r.kind)?,
                subject: r.subject_id,
                due: from_ms(r.due_at),
            })
        })
        .collect();
    jobs.sort_by_key(|j| j.due);
    Ok(jobs)
}

/// The first statement of a job's transaction: marks it done. `false`:
/// another worker did it already, and the caller rolls back.
pub async fn take(conn: &mut AnyConnection, job: &Job, now: DateTime<Utc>) -> Result<bool, AppError> {
    let n =
        sqlx::query("UPDATE jobs SET done_at = $1, claimed_until = NULL WHERE id = $2 AND done_at IS NULL")
            .bind(ms(now))
            .bind(&job.id)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    Ok(n == 1)
}

/// A job that failed (the database was away, a bug): tried again later.
pub async fn failed(db: &Db, job: &Job, error: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let error: String = error.chars().take(500).collect();
    let mut tx = crate::platform::db::begin_write(db).await?;
    sqlx::query("UPDATE jobs SET claimed_until = $1, last_error = $2 WHERE id = $3 AND done_at IS NULL")
        .bind(ms(now + Duration::minutes(1)))
        .bind(error)
        .bind(&job.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// When the job of `kind` for `subject` ran, if it did.
pub async fn done_at(db: &Db, kind: JobKind, subject: &str) -> Result<Option<DateTime<Utc>>, AppError> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT done_at FROM jobs WHERE kind = $1 AND subject_id = $2")
            .bind(kind.as_str())
            .bind(subject)
            .fetch_optional(db)
            .await?;
    Ok(row.and_then(|r| r.0).map(from_ms))
}
