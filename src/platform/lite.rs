//! SQLite's writer with a connection of its own (rusqlite, the same SQLite
//! library sqlx links). Through sqlx every statement is a hand-off to the
//! connection's own thread and back while the database's one write lock is
//! held; here the writer thread runs the statements itself, so the lock is
//! held only for SQLite's own work.
//!
//! Writes queue here and are taken in groups: one `BEGIN IMMEDIATE`, a
//! savepoint per write (one failing undoes only its own), one `COMMIT` and
//! so one fsync for the whole group; nobody hears "done" before it. The
//! group shares the writer turn with sqlx's writers (`db::begin_write`): it
//! waits its turn and first commits a sqlx group left open.
//!
//! A write here takes only the usual case. When it meets anything else (a
//! statement refused, a row it would have to create) it answers
//! `Stop::Careful`: its savepoint is rolled back and the caller takes its
//! careful way through sqlx, which gives the exact answer.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use crate::domain::{AppError, ErrorCode};
use crate::platform::db::{self, Arg, Batch, Db, Stmt};

/// Why a write on the writer's connection stopped.
#[derive(Debug)]
pub enum Stop {
    /// Not the usual case: undone here, the caller goes the careful way.
    Careful,
    /// The final answer, a refusal (nothing of the write is kept).
    Refused(AppError),
}

impl From<AppError> for Stop {
    fn from(err: AppError) -> Stop {
        Stop::Refused(err)
    }
}

/// The writer's connection inside one write's savepoint.
pub struct LiteTx<'c> {
    conn: &'c Connection,
}

impl LiteTx<'_> {
    /// Runs every statement in order; the rows each one changed.
    pub fn run(&self, batch: &Batch) -> Result<Vec<u64>, Stop> {
        batch
            .statements()
            .iter()
            .map(|stmt| {
                let mut prepared = self.prepare(stmt)?;
                prepared.raw_execute().map(|n| n as u64).map_err(careful)
            })
            .collect()
    }

    /// The rows `stmt` reads, each made a `T` by `row`.
    pub fn rows<T>(
        &self,
        stmt: &Stmt,
        mut row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, Stop> {
        let mut prepared = self.prepare(stmt)?;
        let mut rows = prepared.raw_query();
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(careful)? {
            out.push(row(r).map_err(careful)?);
        }
        Ok(out)
    }

    /// The statement, kept prepared between writes, with its values bound
    /// by their `$n` (SQLite numbers named parameters in order of first
    /// appearance, not by `n`).
    fn prepare(&self, stmt: &Stmt) -> Result<rusqlite::CachedStatement<'_>, Stop> {
        let mut prepared = self.conn.prepare_cached(stmt.sql()).map_err(careful)?;
        for index in 1..=prepared.parameter_count() {
            let n = prepared
                .parameter_name(index)
                .and_then(|name| name.strip_prefix('$'))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| stmt.args().get(n.checked_sub(1)?));
            let bound = match n {
                Some(Arg::Int(v)) => prepared.raw_bind_parameter(index, v),
                Some(Arg::Text(v)) => prepared.raw_bind_parameter(index, v),
                None => {
                    return Err(Stop::Refused(db::internal(
                        "a parameter with no value",
                        stmt.sql(),
                    )))
                }
            };
            bound.map_err(careful)?;
        }
        Ok(prepared)
    }
}

/// A refused statement sends the write the careful way, which answers it.
fn careful(err: rusqlite::Error) -> Stop {
    tracing::debug!(%err, "a write on the writer's connection goes the careful way");
    Stop::Careful
}

/// What a database's writer did so far: groups committed, and the writes
/// they kept (writes per fsync).
#[derive(Default)]
struct Counts {
    commits: AtomicU64,
    kept: AtomicU64,
}

/// Groups committed and writes kept by the writer of `db` so far (for the
/// tests and the bench).
pub fn counts(db: &Db) -> (u64, u64) {
    let options = db.connect_options();
    let map = queues().lock().unwrap_or_else(|e| e.into_inner());
    map.get(options.database_url.as_str()).map_or((0, 0), |w| {
        (
            w.counts.commits.load(Ordering::Relaxed),
            w.counts.kept.load(Ordering::Relaxed),
        )
    })
}

/// Runs `work` on SQLite's writer connection, in the next group. `Some`
/// once its group committed (or with its refusal); `None` when the caller
/// should take its careful way: `work` said so, or the database is
/// PostgreSQL or in memory (which a second connection would not share).
pub async fn write<T, F>(db: &Db, work: F) -> Result<Option<T>, AppError>
where
    T: Send + 'static,
    F: FnOnce(&LiteTx<'_>) -> Result<T, Stop> + Send + 'static,
{
    let options = db.connect_options();
    let url = options.database_url.as_str();
    let Some(path) = file_of(url) else {
        return Ok(None);
    };
    let (answer, answered) = oneshot::channel::<Result<Option<T>, AppError>>();
    // Run with no connection (the writer could not open one or begin), a
    // write answers "the careful way".
    let job: Job = Box::new(move |tx| match tx.map(work).unwrap_or(Err(Stop::Careful)) {
        Ok(value) => Finish {
            kept: true,
            answer: Box::new(move |committed| {
                let _ = answer.send(committed.map(|()| Some(value)));
            }),
        },
        Err(stop) => Finish {
            kept: false,
            answer: Box::new(move |_| {
                let _ = answer.send(match stop {
                    Stop::Careful => Ok(None),
                    Stop::Refused(err) => Err(err),
                });
            }),
        },
    });
    if queue(url, &path).send(job).is_err() {
        // The writer of this database is gone (it panicked): the careful
        // way still works.
        forget(url);
        return Ok(None);
    }
    answered
        .await
        .unwrap_or_else(|_| Err(AppError::new(ErrorCode::Unavailable)))
}

type Job = Box<dyn FnOnce(Option<&LiteTx<'_>>) -> Finish + Send>;

/// What a write left: whether its savepoint stays in the group, and how to
/// tell its caller once the group's fate is known.
struct Finish {
    kept: bool,
    answer: Box<dyn FnOnce(Result<(), AppError>) + Send>,
}

/// The SQLite file of `url`; `None` for PostgreSQL and in-memory databases.
fn file_of(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let (file, query) = rest.split_once('?').unwrap_or((rest, ""));
    if file.is_empty() || file == ":memory:" || query.contains("mode=memory") {
        return None;
    }
    Some(std::path::PathBuf::from(file))
}

struct Writer {
    queue: mpsc::UnboundedSender<Job>,
    counts: Arc<Counts>,
}

type Queues = Mutex<HashMap<String, Writer>>;

fn queues() -> &'static Queues {
    static QUEUES: OnceLock<Queues> = OnceLock::new();
    QUEUES.get_or_init(Default::default)
}

/// The queue of `url`'s writer, started on first use on the writer thread.
fn queue(url: &str, path: &std::path::Path) -> mpsc::UnboundedSender<Job> {
    let mut map = queues().lock().unwrap_or_else(|e| e.into_inner());
    map.entry(url.to_string())
        .or_insert_with(|| {
            let (queue, jobs) = mpsc::unbounded_channel();
            let counts = Arc::<Counts>::default();
            db::writer_runtime().spawn(writer(url.to_string(), path.to_path_buf(), jobs, counts.clone()));
            Writer { queue, counts }
        })
        .queue
        .clone()
}

fn forget(url: &str) {
    queues().lock().unwrap_or_else(|e| e.into_inner()).remove(url);
}

/// A group takes at most this many writes, so the first of them is not
/// kept waiting on an endless queue.
const GROUP_MAX: usize = 256;

/// The writer of one database: waits for writes, then takes every write
/// queued by then as one group. The connection is closed after a minute
/// with nothing to write, and opened again if the file was replaced.
async fn writer(
    url: String,
    path: std::path::PathBuf,
    mut jobs: mpsc::UnboundedReceiver<Job>,
    counts: Arc<Counts>,
) {
    let mut conn: Option<(Connection, Option<u64>)> = None;
    loop {
        let first = match tokio::time::timeout(Duration::from_secs(60), jobs.recv()).await {
            Ok(Some(job)) => job,
            Ok(None) => return,
            Err(_) => {
                conn = None;
                continue;
            }
        };
        let mut group = vec![first];
        // The writer turn, with no sqlx group left open (one is committed
        // first). Waited for as long as SQLite's busy timeout, like
        // `begin_write`.
        let turn = db::writer_turn_alone(&url, Duration::from_secs(10)).await;
        while group.len() < GROUP_MAX {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let Some(_turn) = turn else {
            tracing::error!(writes = group.len(), "the writer turn did not come");
            // Dropped unrun: their callers hear `unavailable`.
            drop(group);
            continue;
        };
        let identity = file_identity(&path);
        if conn.as_ref().is_some_and(|(_, id)| *id != identity) {
            conn = None;
        }
        if conn.is_none() {
            match open(&path) {
                Ok(c) => conn = Some((c, identity)),
                Err(err) => {
                    tracing::error!(%err, "the writer's connection did not open");
                    go_careful(group);
                    continue;
                }
            }
        }
        let Some((c, _)) = conn.as_ref() else { continue };
        if !run_group(c, group, &counts) {
            // The transaction's state is unknown: a new connection next time.
            conn = None;
        }
    }
}

/// Runs a group in one transaction; false when the connection must not be
/// used again.
fn run_group(conn: &Connection, group: Vec<Job>, counts: &Counts) -> bool {
    if let Err(err) = conn.execute_batch("BEGIN IMMEDIATE") {
        tracing::error!(%err, "the writer could not begin");
        go_careful(group);
        return false;
    }
    let mut kept = Vec::with_capacity(group.len());
    let mut jobs = group.into_iter();
    while let Some(job) = jobs.next() {
        if let Err(err) = exec(conn, "SAVEPOINT w") {
            tracing::error!(%err, "the writer could not open a savepoint");
            return abandon(conn, kept, std::iter::once(job).chain(jobs));
        }
        let finish = job(Some(&LiteTx { conn }));
        let end = if finish.kept {
            exec(conn, "RELEASE w")
        } else {
            exec(conn, "ROLLBACK TO w").and_then(|()| exec(conn, "RELEASE w"))
        };
        if let Err(err) = end {
            tracing::error!(%err, "the writer could not end a savepoint");
            kept.push(finish);
            return abandon(conn, kept, jobs);
        }
        if finish.kept {
            kept.push(finish);
        } else {
            (finish.answer)(Ok(()));
        }
    }
    match conn.execute_batch("COMMIT") {
        Ok(()) => {
            counts.commits.fetch_add(1, Ordering::Relaxed);
            counts.kept.fetch_add(kept.len() as u64, Ordering::Relaxed);
            for finish in kept {
                (finish.answer)(Ok(()));
            }
            true
        }
        Err(err) => {
            tracing::error!(%err, "a group of writes did not commit");
            abandon(conn, kept, Vec::new())
        }
    }
}

/// A statement of the group's own, kept prepared (one per write).
fn exec(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([]).map(drop)
}

/// The group is broken: everything is rolled back; its writes that ran are
/// told they did not happen (`unavailable`: try again), the others go the
/// careful way.
fn abandon(conn: &Connection, kept: Vec<Finish>, not_run: impl IntoIterator<Item = Job>) -> bool {
    let _ = conn.execute_batch("ROLLBACK");
    for finish in kept {
        (finish.answer)(Err(AppError::new(ErrorCode::Unavailable)));
    }
    go_careful(not_run.into_iter().collect());
    false
}

/// Sends writes that could not run here the careful way.
fn go_careful(group: Vec<Job>) {
    for job in group {
        (job(None).answer)(Ok(()));
    }
}

fn open(path: &std::path::Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // The settings of the pool's connections (`db::connect`; WAL is kept
    // in the file): durable commits, foreign keys enforced, savepoints'
    // journals in memory, queueing behind another writer. And a larger
    // page cache than SQLite's 2 MB: the writer rereads what the writes
    // before it touched (measured: 0.65 × the bare loop with 2 MB, 0.73–
    // 0.92 × with 8–32 MB; docs/performance.md).
    conn.execute_batch(
        "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;",
    )?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// The file's inode: a file replaced under the server is opened anew.
fn file_identity(path: &std::path::Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| m.ino())
}
