//! The database: SQLite by default, PostgreSQL when the URL says so. The same
//! migrations and queries serve both (sqlx's `Any` driver, `$n` parameters,
//! application-made ids, integer instants and credits).

use chrono::{DateTime, TimeZone, Utc};
use sqlx::any::AnyPoolOptions;
use sqlx::Executor;
use sqlx::{Any, AnyConnection, AnyPool, Transaction};
use std::time::Duration;

use crate::domain::{AppError, ErrorCode};
use crate::platform::config::is_postgres_url;

pub type Db = AnyPool;

/// Logs what went wrong in full and answers the generic message.
pub fn internal(context: &str, err: impl std::fmt::Display) -> AppError {
    tracing::error!(%err, "{context}");
    AppError::new(ErrorCode::Internal)
}

/// Whether the pool is PostgreSQL's (for the few statements that differ).
pub fn is_postgres(db: &Db) -> bool {
    db.connect_options().database_url.scheme().starts_with("postgres")
}

/// Instants are stored as milliseconds since the epoch (both databases).
pub fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub fn from_ms(v: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(v).single().unwrap_or_default()
}

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connects, creating the SQLite file (and its folder) on first run, and
/// applies every pending migration. A failed migration stops start-up.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let postgres = is_postgres_url(url);
    let url = if postgres {
        url.to_string()
    } else {
        prepare_sqlite_url(url)?
    };
    let pool = AnyPoolOptions::new()
        .max_connections(if postgres { 16 } else { 8 })
        .acquire_timeout(Duration::from_secs(5))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if !postgres {
                    // WAL lets readers run beside the writer; synchronous=FULL
                    // makes every commit durable across a power cut; the busy
                    // timeout queues writers instead of failing them.
                    conn.execute(
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; \
                         PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect(&url)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// `sqlite://data/settle.db` → ensures `data/` exists and asks SQLite to
/// create the file when missing.
fn prepare_sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if file != ":memory:" {
        if let Some(dir) = std::path::Path::new(file).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
            }
        }
    }
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    if !params.iter().any(|p| p.starts_with("mode=")) {
        params.push("mode=rwc");
    }
    Ok(format!("sqlite://{file}?{}", params.join("&")))
}

/// Answers whether the database takes a query right now (for `/healthz`).
pub async fn ping(db: &Db) -> bool {
    sqlx::query("SELECT 1").execute(db).await.is_ok()
}

/// `ping`, but no longer than `limit`: during an outage the pool would
/// otherwise keep trying to connect until its own timeout.
pub async fn ping_within(db: &Db, limit: Duration) -> bool {
    tokio::time::timeout(limit, ping(db)).await.unwrap_or(false)
}

/// Every database error becomes the app's one error type, here and only
/// here: a lost connection is `unavailable` (the transaction did not
/// commit: try again), text the database cannot store is `bad_input`, and
/// anything else is logged in full and shown as the generic fault.
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> AppError {
        if connection_lost(&err) {
            tracing::error!(%err, "database unavailable");
            AppError::new(ErrorCode::Unavailable)
        } else if text_refused(&err) {
            tracing::warn!(%err, "text the database cannot store");
            AppError::new(ErrorCode::BadInput)
        } else {
            internal("database", err)
        }
    }
}

/// PostgreSQL refuses some text SQLite stores (a NUL character: SQLSTATE
/// 22021; a character with no equivalent: 22P05). That is malformed input,
/// not a fault; the statement failed, so nothing changed.
fn text_refused(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if matches!(e.code().as_deref(), Some("22021" | "22P05")))
}

/// The database cannot be reached (down, restarting, connection cut), as
/// opposed to a query it refused. PostgreSQL reports a shutdown to open
/// connections as SQLSTATE 57P01–57P03, a lost link as class 08.
fn connection_lost(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(e) => e
            .code()
            .is_some_and(|c| c.starts_with("08") || matches!(c.as_ref(), "57P01" | "57P02" | "57P03")),
        _ => false,
    }
}

/// A write transaction. It derefs to the connection, so statements run on
/// `&mut *tx`; on SQLite it also holds this process's writer turn.
pub struct Tx {
    inner: Transaction<'static, Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl std::ops::Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.inner.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

/// SQLite has one writer per database. Writers of this process take turns
/// here, in arrival order, before `BEGIN IMMEDIATE`: waiting on SQLite's
/// own busy handler instead means sleeping and polling, which under load
/// costs more than the writes themselves (see docs/performance.md).
fn writer_turns(url: &str) -> std::sync::Arc<tokio::sync::Mutex<()>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static TURNS: OnceLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    let mut map = TURNS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    map.entry(url.to_string()).or_default().clone()
}

/// Starts a transaction that will write. On SQLite it takes the write lock
/// at once, so two writers queue instead of one failing on a stale read.
pub async fn begin_write(db: &Db) -> Result<Tx, AppError> {
    let options = db.connect_options();
    let url = &options.database_url;
    if url.scheme().starts_with("sqlite") {
        // As long as SQLite's busy timeout: a writer stuck longer is an
        // outage, answered as one instead of waiting forever.
        let turn = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            writer_turns(url.as_str()).lock_owned(),
        )
        .await
        .map_err(|_| AppError::new(ErrorCode::Unavailable))?;
        let inner = db.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Tx {
            inner,
            _turn: Some(turn),
        })
    } else {
        let inner = db.begin().await?;
        Ok(Tx { inner, _turn: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_url_gets_create_mode() {
        let dir = std::env::temp_dir().join(format!("settle-url-{}", std::process::id()));
        let file = dir.join("x.db");
        let url = format!("sqlite://{}", file.display());
        let prepared = prepare_sqlite_url(&url).unwrap();
        assert!(prepared.ends_with("?mode=rwc"), "{prepared}");
        assert!(dir.exists());
        assert_eq!(
            prepare_sqlite_url("sqlite::memory:").unwrap(),
            "sqlite://:memory:?mode=rwc"
        );
        assert_eq!(
            prepare_sqlite_url("sqlite://a.db?mode=ro").unwrap(),
            "sqlite://a.db?mode=ro"
        );
    }
}
