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

/// Takes the row lock of `table`'s row `id` for the rest of the
/// transaction, so decisions that read it queue instead of racing; false
/// when there is no such row. PostgreSQL: `FOR NO KEY UPDATE`, which does
/// not block rows that refer to it. SQLite: the writer already holds the
/// database's one write lock, so only the row's existence is read. (An
/// `UPDATE … SET id = id` would look portable, but rewriting a key makes
/// SQLite check every table that refers to it, a scan where that column
/// has no index.)
pub async fn lock_row(conn: &mut AnyConnection, table: &'static str, id: &str) -> Result<bool, AppError> {
    let lock = if conn.backend_name() == "PostgreSQL" {
        " FOR NO KEY UPDATE"
    } else {
        ""
    };
    let row: Option<(i32,)> = sqlx::query_as(&format!("SELECT 1 FROM {table} WHERE id = $1{lock}"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.is_some())
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
                    // timeout queues writers instead of failing them. A
                    // savepoint's journal (every write of a group has one)
                    // and sorts stay in memory, not in a temporary file
                    // written through the kernel: it only undoes a savepoint
                    // and is never needed after a crash (the WAL is).
                    conn.execute(
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; \
                         PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY;",
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

/// A value bound to a statement of a `Batch`.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(Some(v))
    }
}

impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Arg {
        Arg::Int(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_owned()))
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(Some(v))
    }
}

impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_owned))
    }
}

impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Arg {
        Arg::Text(v)
    }
}

/// One statement of a `Batch`: its text, with parameters `$1`..`$n`, and
/// the `n` values bound to them.
#[derive(Clone, Debug)]
pub struct Stmt {
    sql: std::borrow::Cow<'static, str>,
    args: Vec<Arg>,
}

impl Stmt {
    pub fn new(sql: impl Into<std::borrow::Cow<'static, str>>) -> Stmt {
        Stmt {
            sql: sql.into(),
            args: Vec::new(),
        }
    }

    pub fn bind(mut self, value: impl Into<Arg>) -> Stmt {
        self.args.push(value.into());
        self
    }

    pub(crate) fn sql(&self) -> &str {
        &self.sql
    }

    pub(crate) fn args(&self) -> &[Arg] {
        &self.args
    }

    /// Runs it on its own; answers the rows it changed.
    pub async fn execute(&self, conn: &mut AnyConnection) -> Result<u64, AppError> {
        Ok(bind_all(sqlx::query(&self.sql), &self.args)
            .execute(conn)
            .await?
            .rows_affected())
    }
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    args: &[Arg],
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    for arg in args {
        query = match arg {
            Arg::Int(v) => query.bind(*v),
            Arg::Text(v) => query.bind(v.clone()),
        };
    }
    query
}

/// Statements written together. On SQLite they reach the connection's
/// thread as one text (each statement's `$n` moved past the parameters of
/// the ones before it), so the writer waits on one round trip instead of
/// one per statement; SQLite stops at the first that fails. On PostgreSQL,
/// whose prepared statements hold one command each, they run one after
/// another (`try_run_as_one` makes one command of them where it may).
/// Either way they run in order and each sees the ones before.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    stmts: Vec<Stmt>,
}

impl Batch {
    pub fn push(&mut self, stmt: Stmt) {
        self.stmts.push(stmt);
    }

    pub fn append(&mut self, other: Batch) {
        self.stmts.extend(other.stmts);
    }

    pub(crate) fn statements(&self) -> &[Stmt] {
        &self.stmts
    }

    /// Runs every statement; answers the rows each one changed, in order.
    pub async fn run(&self, conn: &mut AnyConnection) -> Result<Vec<u64>, AppError> {
        Ok(self.try_run(conn).await?)
    }

    /// `run`, with the database's own error: for callers that expect a
    /// refusal and take another way, without logging it as a fault.
    pub async fn try_run(&self, conn: &mut AnyConnection) -> Result<Vec<u64>, sqlx::Error> {
        use futures::TryStreamExt;
        if conn.backend_name() == "PostgreSQL" || self.stmts.len() < 2 {
            let mut changed = Vec::with_capacity(self.stmts.len());
            for stmt in &self.stmts {
                let query = bind_all(sqlx::query(&stmt.sql), &stmt.args);
                changed.push(query.execute(&mut *conn).await?.rows_affected());
            }
            return Ok(changed);
        }
        let sql = self.joined();
        let mut query = sqlx::query(&sql);
        for stmt in &self.stmts {
            query = bind_all(query, &stmt.args);
        }
        // sqlx's SQLite driver runs every statement of a text and reports
        // each one's changes (its `$n` count across the whole text).
        let mut results = conn.fetch_many(query);
        let mut changed = Vec::with_capacity(self.stmts.len());
        while let Some(step) = results.try_next().await? {
            if let sqlx::Either::Left(done) = step {
                changed.push(done.rows_affected());
            }
        }
        Ok(changed)
    }

    /// PostgreSQL: the statements as one, each a data-modifying `WITH`
    /// part, bound and prepared like any statement (one round trip, and
    /// planned once per connection). Unlike `run`, every part sees the
    /// database as it was before the statement (one snapshot), not the
    /// parts before it; foreign keys are checked at its end, over all of
    /// them. Only for statements that do not read each other's writes and
    /// never change one row twice.
    pub async fn try_run_as_one(&self, conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
        // PostgreSQL runs parts nobody reads from last to first (seen in
        // 15; the test `a_batch_as_one_postgresql_statement_…` checks it),
        // so they are written in reverse: they then run in the batch's
        // order and take row locks in the order every other writer takes
        // them (no deadlock between them).
        let mut offsets = Vec::with_capacity(self.stmts.len());
        let mut offset = 0;
        for stmt in &self.stmts {
            offsets.push(offset);
            offset += stmt.args.len();
        }
        let mut sql = String::from("WITH ");
        for (i, stmt) in self.stmts.iter().enumerate().rev() {
            if i + 1 < self.stmts.len() {
                sql.push_str(", ");
            }
            sql.push_str(&format!("s{i} AS ("));
            renumber(&stmt.sql, offsets[i], &mut sql);
            sql.push(')');
        }
        sql.push_str(" SELECT 1");
        let mut query = sqlx::query(&sql);
        for stmt in &self.stmts {
            query = bind_all(query, &stmt.args);
        }
        query.execute(conn).await.map(drop)
    }

    /// The statements as one text, parameters renumbered.
    fn joined(&self) -> String {
        let mut sql = String::new();
        let mut offset = 0;
        for stmt in &self.stmts {
            renumber(&stmt.sql, offset, &mut sql);
            sql.push_str(";\n");
            offset += stmt.args.len();
        }
        sql
    }
}

/// Copies `sql` to `out` with every parameter `$n` written `$(n + offset)`.
/// The app's SQL has no `$` inside its quoted text (values are bound).
fn renumber(sql: &str, offset: usize, out: &mut String) {
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if let Ok(n) = rest[..digits].parse::<usize>() {
            out.push_str(&(n + offset).to_string());
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
}

/// A write transaction. It derefs to the connection, so statements run on
/// `&mut *tx`. On SQLite it is one member of a group commit (see
/// `begin_write`) and holds this process's writer turn until it ends.
pub struct Tx {
    inner: TxInner,
}

enum TxInner {
    Postgres(Transaction<'static, Any>),
    /// `None` once ended; dropping an unended member rolls it back.
    Sqlite(Option<Turn>),
}

/// The writer turn of a SQLite database, with the group transaction open
/// on its connection, if any.
type Turn = tokio::sync::OwnedMutexGuard<Option<Group>>;

/// A SQLite transaction shared by the writers that came one after another
/// while it was open: each wrote inside a savepoint of its own, and those
/// that committed wait for its `COMMIT` (one fsync for all of them).
struct Group {
    conn: sqlx::pool::PoolConnection<Any>,
    committed: Vec<tokio::sync::oneshot::Sender<Result<(), AppError>>>,
}

impl std::ops::Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match &self.inner {
            TxInner::Postgres(tx) => tx,
            TxInner::Sqlite(turn) => &open_group(turn).conn,
        }
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match &mut self.inner {
            TxInner::Postgres(tx) => tx,
            TxInner::Sqlite(turn) => {
                let turn = turn.as_mut().expect("a transaction is used only until it ends");
                &mut turn.as_mut().expect("a member's group is open").conn
            }
        }
    }
}

fn open_group(turn: &Option<Turn>) -> &Group {
    turn.as_ref()
        .and_then(|t| t.as_ref())
        .expect("a member's group is open while it is used")
}

impl Tx {
    /// Commits: on SQLite, returns once the group this write joined has
    /// committed, so an answer given after it survives a power cut.
    pub async fn commit(mut self) -> Result<(), AppError> {
        match std::mem::replace(&mut self.inner, TxInner::Sqlite(None)) {
            TxInner::Postgres(tx) => Ok(tx.commit().await?),
            TxInner::Sqlite(turn) => {
                let turn = turn.expect("a transaction ends once");
                commit_member(turn).await
            }
        }
    }

    pub async fn rollback(mut self) -> Result<(), AppError> {
        match std::mem::replace(&mut self.inner, TxInner::Sqlite(None)) {
            TxInner::Postgres(tx) => Ok(tx.rollback().await?),
            TxInner::Sqlite(turn) => {
                roll_back_member(turn.expect("a transaction ends once")).await;
                Ok(())
            }
        }
    }
}

impl Drop for Tx {
    /// A member left without `commit` (an error on the way) is rolled back
    /// to its savepoint, the others' writes kept. That needs the
    /// connection, so it runs as a task holding the turn.
    fn drop(&mut self) {
        if let TxInner::Sqlite(Some(_)) = &self.inner {
            if let TxInner::Sqlite(Some(turn)) = std::mem::replace(&mut self.inner, TxInner::Sqlite(None)) {
                match tokio::runtime::Handle::try_current() {
                    Ok(rt) => {
                        rt.spawn(roll_back_member(turn));
                    }
                    // No runtime to run it on: close the connection, which
                    // rolls back the whole group; its waiting members hear
                    // of it when their senders are dropped.
                    Err(_) => drop_group(turn),
                }
            }
        }
    }
}

/// Ends a member's savepoint, keeping its writes in the group, and waits
/// for the group's commit. The member queues for the turn again: writers
/// that queued meanwhile join the group first, then the first member to
/// get the turn back commits for all.
async fn commit_member(mut turn: Turn) -> Result<(), AppError> {
    let Some(group) = turn.as_mut() else {
        return Err(AppError::new(ErrorCode::Internal));
    };
    if let Err(e) = group.conn.execute("RELEASE w").await {
        fail_group(turn).await;
        return Err(e.into());
    }
    let (done, outcome) = tokio::sync::oneshot::channel::<Result<(), AppError>>();
    group.committed.push(done);
    let turns = tokio::sync::OwnedMutexGuard::mutex(&turn).clone();
    drop(turn);
    let again = turns.lock_owned().await;
    let mut outcome = outcome;
    match outcome.try_recv() {
        // Another member committed the group meanwhile.
        Ok(result) => result,
        Err(tokio::sync::oneshot::error::TryRecvError::Empty) => {
            // A task of its own: a request that goes away mid-commit must
            // not leave the group half ended.
            let _ = tokio::spawn(commit_group(again)).await;
            outcome
                .await
                .unwrap_or(Err(AppError::new(ErrorCode::Unavailable)))
        }
        Err(tokio::sync::oneshot::error::TryRecvError::Closed) => Err(AppError::new(ErrorCode::Unavailable)),
    }
}

/// Commits the open group and tells its members; a group no member waits
/// on is rolled back.
async fn commit_group(mut turn: Turn) {
    let Some(group) = turn.as_mut() else { return };
    if group.committed.is_empty() {
        fail_group(turn).await;
        return;
    }
    match group.conn.execute("COMMIT").await {
        Ok(_) => {
            let group = turn.take().expect("checked above");
            GROUP_COMMITS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            for member in group.committed {
                let _ = member.send(Ok(()));
            }
        }
        Err(e) => {
            tracing::error!(%e, "a group of writes did not commit");
            fail_group(turn).await;
        }
    }
}

/// Undoes a member's writes, keeping the group's others. A group with no
/// member waiting on it ends here, so the write lock is not held idle.
async fn roll_back_member(mut turn: Turn) {
    let Some(group) = turn.as_mut() else { return };
    if group.conn.execute("ROLLBACK TO w; RELEASE w").await.is_err() {
        fail_group(turn).await;
        return;
    }
    if group.committed.is_empty() {
        let group = turn.take().expect("checked above");
        let mut conn = group.conn;
        if conn.execute("ROLLBACK").await.is_err() {
            conn.close_on_drop();
        }
    }
}

/// The group transaction is broken (a statement failed where it cannot):
/// roll it all back; every member waiting on it is told it did not commit.
async fn fail_group(mut turn: Turn) {
    let Some(mut group) = turn.take() else { return };
    if group.conn.execute("ROLLBACK").await.is_err() {
        group.conn.close_on_drop();
    }
    for member in group.committed {
        let _ = member.send(Err(AppError::new(ErrorCode::Unavailable)));
    }
}

/// `fail_group` without a runtime: the connection is closed, which rolls
/// the transaction back, and the members' senders are dropped unanswered.
fn drop_group(mut turn: Turn) {
    if let Some(mut group) = turn.take() {
        group.conn.close_on_drop();
    }
}

/// Group commits so far in this process (for the tests and the bench:
/// refunds per fsync).
pub static GROUP_COMMITS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// SQLite has one writer per database. Writers of this process take turns
/// here, in arrival order, before writing: waiting on SQLite's own busy
/// handler instead means sleeping and polling, which under load costs
/// more than the writes themselves (see docs/performance.md).
fn writer_turns(url: &str) -> std::sync::Arc<tokio::sync::Mutex<Option<Group>>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Turns = Mutex<HashMap<String, Arc<tokio::sync::Mutex<Option<Group>>>>>;
    static TURNS: OnceLock<Turns> = OnceLock::new();
    let mut map = TURNS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    map.entry(url.to_string()).or_default().clone()
}

/// This process's writer turn of the SQLite database at `url`, with no
/// group of `begin_write` left open on it (one is committed first): for
/// the writer's own connection (`platform::lite`).
pub(crate) struct WriterTurn(#[allow(dead_code)] Turn);

/// `None` when the turn did not come within `limit`. An open group's
/// commit runs as a task of its own, so it finishes even if the caller
/// stops waiting: its members must hear how it ended.
pub(crate) async fn writer_turn_alone(url: &str, limit: Duration) -> Option<WriterTurn> {
    loop {
        let turn = tokio::time::timeout(limit, writer_turns(url).lock_owned())
            .await
            .ok()?;
        if turn.is_none() {
            return Some(WriterTurn(turn));
        }
        let _ = tokio::spawn(commit_group(turn)).await;
    }
}

/// Runs `work`, a whole write from its first statement to its commit, on
/// SQLite's writer thread. A write holds SQLite's one write lock from
/// `BEGIN IMMEDIATE` to its commit, and each of its statements is a round
/// trip to the connection's own thread; on the request workers every such
/// wake-up waits behind the other requests' work, so the lock was held
/// milliseconds for a few hundred microseconds of SQL. The writer thread
/// runs nothing else, so it answers each wake-up at once. A write started
/// here finishes even if the reader who asked for it goes away. On
/// PostgreSQL (row locks, no single writer) `work` runs where it is.
pub async fn on_writer<T, F>(db: &Db, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    if is_postgres(db) {
        return work.await;
    }
    writer_runtime()
        .spawn(work)
        .await
        .map_err(|e| internal("the writer thread dropped a write", e))?
}

/// The single-threaded runtime of SQLite's writes, started on first use
/// and kept for the life of the process.
pub(crate) fn writer_runtime() -> &'static tokio::runtime::Handle {
    use std::sync::OnceLock;
    static WRITER: OnceLock<tokio::runtime::Handle> = OnceLock::new();
    WRITER.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the writer thread");
        let handle = runtime.handle().clone();
        std::thread::Builder::new()
            .name("settle-writer".into())
            .spawn(move || runtime.block_on(std::future::pending::<()>()))
            .expect("the writer thread");
        handle
    })
}

/// Starts a transaction that will write. On PostgreSQL it is a plain
/// transaction. On SQLite the writers of this process take turns (the
/// database has one writer) and share one transaction, opened with
/// `BEGIN IMMEDIATE` by the first of them: each writes inside its own
/// savepoint, so one failing undoes only its own writes, and the group
/// commits once for all (group commit: one fsync covers every writer that
/// came while it was open). Nobody hears "committed" before that fsync.
pub async fn begin_write(db: &Db) -> Result<Tx, AppError> {
    let options = db.connect_options();
    let url = &options.database_url;
    if !url.scheme().starts_with("sqlite") {
        let inner = db.begin().await?;
        return Ok(Tx {
            inner: TxInner::Postgres(inner),
        });
    }
    // As long as SQLite's busy timeout: a writer stuck longer is an
    // outage, answered as one instead of waiting forever.
    let mut turn = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        writer_turns(url.as_str()).lock_owned(),
    )
    .await
    .map_err(|_| AppError::new(ErrorCode::Unavailable))?;
    match turn.as_mut() {
        // The group's first member opens it and its own savepoint in one
        // round trip to the connection's thread.
        None => {
            let mut conn = db.acquire().await?;
            if let Err(e) = conn.execute("BEGIN IMMEDIATE; SAVEPOINT w").await {
                // Half of it may have run: the connection is not reused.
                conn.close_on_drop();
                return Err(e.into());
            }
            *turn = Some(Group {
                conn,
                committed: Vec::new(),
            });
        }
        Some(group) => {
            if let Err(e) = group.conn.execute("SAVEPOINT w").await {
                fail_group(turn).await;
                return Err(e.into());
            }
        }
    }
    Ok(Tx {
        inner: TxInner::Sqlite(Some(turn)),
    })
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

    #[test]
    fn a_batch_moves_each_statements_parameters_past_the_ones_before() {
        let mut batch = Batch::default();
        batch.push(Stmt::new("INSERT INTO t VALUES ($1, $2)").bind(1).bind("a"));
        batch.push(
            Stmt::new("UPDATE t SET a = $2 WHERE b = $1 AND c = $1")
                .bind("b")
                .bind(2),
        );
        batch.push(Stmt::new("SAVEPOINT l"));
        batch.push(
            Stmt::new("SELECT $10")
                .bind(None::<i64>)
                .bind(0)
                .bind(0)
                .bind(0)
                .bind(0)
                .bind(0)
                .bind(0)
                .bind(0)
                .bind(0)
                .bind(0),
        );
        assert_eq!(
            batch.joined(),
            "INSERT INTO t VALUES ($1, $2);\nUPDATE t SET a = $4 WHERE b = $3 AND c = $3;\nSAVEPOINT l;\nSELECT $14;\n"
        );
    }
}
