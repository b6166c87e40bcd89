//! The audit log (issue 8): appended inside the transaction of what it
//! records, so an action and its entry commit or fail together; never
//! changed afterwards (triggers refuse UPDATE and DELETE).

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::domain::audit::{Action, AuditLine};
use crate::domain::{AppError, AuditEntryId, Credits, UserId};
use crate::platform::db::{from_ms, ms};
use crate::platform::db::{Db, Stmt};

/// Makes the table append-only, in each database's own trigger language.
pub async fn ensure_append_only(db: &Db) -> Result<(), sqlx::Error> {
    let postgres = db.connect_options().database_url.scheme().starts_with("postgres");
    let statements: &[&str] = if postgres {
        &[
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$ LANGUAGE plpgsql",
            "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
        ]
    } else {
        &[
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        ]
    };
    for s in statements {
        sqlx::query(s).execute(db).await?;
    }
    Ok(())
}

pub struct Entry<'a> {
    pub actor: Option<&'a UserId>,
    pub action: Action,
    /// What was acted on: a ledger entry, dispute, request, article… id.
    pub subject: &'a str,
    pub amount: Option<Credits>,
    pub reason: Option<&'a str>,
}

pub async fn record(conn: &mut AnyConnection, e: Entry<'_>, now: DateTime<Utc>) -> Result<(), AppError> {
    statement(e, now).execute(conn).await?;
    Ok(())
}

/// The statement that appends `e`, for a caller that writes it in a batch.
pub fn statement(e: Entry<'_>, now: DateTime<Utc>) -> Stmt {
    Stmt::new(
        "INSERT INTO audit_log (id, at, actor_id, action, subject, amount, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(AuditEntryId::generate().as_str())
    .bind(ms(now))
    .bind(e.actor.map(|a| a.as_str()))
    .bind(e.action.code())
    .bind(e.subject)
    .bind(e.amount.map(|a| a.get()))
    .bind(e.reason)
}

/// An entry as `list` selects it, with its actor's name.
#[derive(sqlx::FromRow)]
struct AuditRow {
    #[sqlx(try_from = "String")]
    id: AuditEntryId,
    at: i64,
    actor: Option<String>,
    #[sqlx(try_from = "String")]
    action: Action,
    subject: String,
    amount: Option<i64>,
    reason: Option<String>,
}

impl From<AuditRow> for AuditLine {
    fn from(r: AuditRow) -> AuditLine {
        AuditLine {
            id: r.id,
            at: from_ms(r.at),
            actor: r.actor,
            action: r.action,
            subject: r.subject,
            amount: r.amount.map(Credits::new),
            reason: r.reason,
        }
    }
}

/// Newest first, 100 a page, older than `before` (an entry id) when given;
/// `action` narrows to one kind of entry (`money` for every ledger entry).
pub async fn list(
    db: &Db,
    before: Option<&AuditEntryId>,
    action: Option<&str>,
) -> Result<Vec<AuditLine>, AppError> {
    let rows = sqlx::query_as::<_, AuditRow>(
        "SELECT a.id AS id, a.at AS at, u.display_name AS actor, a.action AS action, a.subject AS subject, \
                a.amount AS amount, a.reason AS reason \
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id \
         WHERE ($1 = '' OR a.id < $1) AND ($2 = '' OR a.action = $2 OR ($2 = 'money' AND a.action LIKE 'money:%')) \
         ORDER BY a.id DESC LIMIT 100",
    )
    .bind(before.map_or("", AuditEntryId::as_str))
    .bind(action.unwrap_or(""))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(AuditLine::from).collect())
}
