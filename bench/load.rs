//! The load driver behind `make bench` (bench/run.sh). Subcommands:
//!
//! - `seed OUT.json`: fills the empty database at DATABASE_URL (help
//!   center, 10,000 customers, the demo accounts, calls to refund, one call
//!   review with its dispute) and writes what the loads need.
//! - `refunds URL SEED.json`: 64 connections refund distinct calls as
//!   their model; then 64 refund one call at once.
//! - `fanout URL SEED.json`: 200 listeners on a dispute's live channel,
//!   one message a second for 30 s; delivery latency.
//! - `bare-sqlite PATH`: the physical limit, a bare insert loop with the
//!   server's durability settings.
//! - `report RESULTS.jsonl`: the table for docs/performance.md.
//!
//! HTTP is spoken over plain TCP here (HTTP/1.1, keep-alive) so the driver
//! needs nothing beyond the server's own dependencies.

#[path = "common.rs"]
mod common;
#[path = "http.rs"]
mod http;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use settle::calls::store::{record_call, FinishedCall};
use settle::domain::ledger::Processor;
use settle::domain::{CallId, Credits, Reason, UserId};
use settle::platform::ledger::IdempotencyKey;

use http::Http;

const PASSWORD: &str = settle::seed::DEMO_PASSWORD;
const MODEL: &str = "giulia@settle.test";
const SUPPORT: &str = "support@settle.test";
const PAYERS: usize = 64;

fn die(msg: impl std::fmt::Display) -> ! {
    eprintln!("bench: {msg}");
    std::process::exit(1)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_else(|| die("missing argument"));
    match args.first().map(String::as_str) {
        Some("seed") => seed(&arg(1)).await,
        Some("refunds") => refunds(&arg(1), &load_seed(&arg(2))).await,
        Some("fanout") => fanout(&arg(1), &load_seed(&arg(2))).await,
        Some("bare-sqlite") => bare_loop(&format!("sqlite://{}", arg(1)), "bare_sqlite").await,
        Some("bare-postgres") => bare_loop(&arg(1), "bare_postgres").await,
        Some("report") => report(&arg(1)),
        _ => die("usage: load seed|refunds|fanout|bare-sqlite|report …"),
    }
}

fn load_seed(path: &str) -> Value {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| die(format!("{path}: {e}")));
    serde_json::from_str(&raw).unwrap_or_else(|e| die(format!("{path}: {e}")))
}

/// One result line for the report, printed as JSON on stdout.
fn emit(v: Value) {
    println!("{v}");
}

// ---- seed -------------------------------------------------------------------

async fn seed(out: &str) {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| die("DATABASE_URL"));
    let calls: usize = std::env::var("BENCH_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12_000);
    let db = settle::open_database(&url).await.unwrap_or_else(|e| die(e));
    let now = Utc::now();
    let t = Instant::now();
    settle::seed::seed_if_empty(&db, now)
        .await
        .unwrap_or_else(|e| die(e));
    settle::help::store::seed_if_empty(&db, now)
        .await
        .unwrap_or_else(|e| die(e));
    common::fill_help_center(&db, 500, now).await;
    eprintln!(
        "seed: demo accounts and 1,000 generated articles in {:.1?}",
        t.elapsed()
    );

    // 10,000 customers share one real Argon2id hash (hashing 10,000 times
    // would only time the hasher).
    let t = Instant::now();
    let (hash,): (String,) =
        sqlx::query_as("SELECT password_hash FROM users WHERE email = 'luca@settle.test'")
            .fetch_one(&db)
            .await
            .unwrap_or_else(|e| die(e));
    let mut tx = db.begin().await.unwrap_or_else(|e| die(e));
    for n in 0..10_000 {
        sqlx::query(
            "INSERT INTO users (id, email, display_name, role, password_hash, locale, created_at) \
             VALUES ($1, $2, $3, 'client', $4, NULL, $5)",
        )
        .bind(UserId::generate().as_str())
        .bind(format!("customer{n}@bench.test"))
        .bind(format!("Customer {n}"))
        .bind(&hash)
        .bind(now.timestamp_millis())
        .execute(&mut *tx)
        .await
        .unwrap_or_else(|e| die(e));
    }
    tx.commit().await.unwrap_or_else(|e| die(e));
    let payers: Vec<UserId> = {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM users WHERE email LIKE 'customer%@bench.test' ORDER BY email LIMIT $1",
        )
        .bind(PAYERS as i64)
        .fetch_all(&db)
        .await
        .unwrap_or_else(|e| die(e));
        rows.into_iter().map(|r| UserId::from_db(r.0)).collect()
    };
    for (i, payer) in payers.iter().enumerate() {
        settle::support::store::purchase(
            &db,
            payer,
            Credits::new(100_000),
            Processor::Epoch,
            &IdempotencyKey::derived("bench-fund", &i.to_string()),
            now,
        )
        .await
        .unwrap_or_else(|e| die(e));
    }
    eprintln!("seed: 10,000 customers, {PAYERS} funded, in {:.1?}", t.elapsed());

    let (model,): (String,) = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(MODEL)
        .fetch_one(&db)
        .await
        .unwrap_or_else(|e| die(e));
    let t = Instant::now();
    // One-minute calls at 1 credit a minute, ended a minute ago: inside the
    // model's 60-minute refund window for the whole run.
    let mut ids = Vec::with_capacity(calls + 2);
    for n in 0..calls + 2 {
        let ended = now - chrono::Duration::minutes(1);
        let recorded = record_call(
            &db,
            FinishedCall {
                external_id: format!("bench-{n}"),
                client_id: payers[n % PAYERS].to_string(),
                model_id: model.clone(),
                kind: "phone".into(),
                price_per_minute: 1,
                started_at: ended - chrono::Duration::seconds(60),
                ended_at: ended,
                events: vec![],
            },
            now,
        )
        .await
        .unwrap_or_else(|e| die(e));
        ids.push(recorded.call_id.to_string());
    }
    eprintln!("seed: {} calls in {:.1?}", ids.len(), t.elapsed());
    let reviewed = ids.pop().unwrap();
    let contested = ids.pop().unwrap();
    // A call review opens the dispute whose chat the fan-out load uses.
    let request = settle::calls::reviews::request_review(
        &db,
        &payers[(calls + 1) % PAYERS],
        &CallId::from_db(reviewed),
        Reason::parse("Benchmark: the call dropped").unwrap(),
        now,
    )
    .await
    .unwrap_or_else(|e| die(e));
    let dispute =
        settle::platform::cases::for_subject(&db, settle::platform::cases::Subject::Call, request.as_str())
            .await
            .unwrap_or_else(|e| die(e))
            .unwrap_or_else(|| die("no dispute"));
    let seed = json!({
        "calls": ids,
        "one_call": contested,
        "dispute": dispute.id,
        "model": MODEL,
        "support": SUPPORT,
    });
    std::fs::write(out, seed.to_string()).unwrap_or_else(|e| die(e));
}

// ---- HTTP ---------------------------------------------------------------------

/// Opens a keep-alive connection or stops the run.
async fn connect(url: &str) -> Http {
    Http::open(url)
        .await
        .unwrap_or_else(|e| die(format!("{url}: {e}")))
}

/// Signs in and answers the session cookie (`name=value`).
async fn sign_in(url: &str, email: &str) -> String {
    let mut http = connect(url).await;
    let a = http
        .post(
            "/api/auth/sign_in",
            None,
            &[("email", email), ("password", PASSWORD), ("lang", "en")],
        )
        .await
        .unwrap_or_else(|e| die(e));
    if a.status != 200 {
        die(format!("sign in as {email}: HTTP {}", a.status));
    }
    a.headers
        .iter()
        .find(|(k, _)| k == "set-cookie")
        .and_then(|(_, v)| v.split(';').next())
        .map(str::to_owned)
        .unwrap_or_else(|| die("no session cookie"))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

// ---- refunds ----------------------------------------------------------------

async fn refunds(url: &str, seed: &Value) {
    let db_kind = std::env::var("BENCH_DB").unwrap_or_else(|_| "sqlite".into());
    let cookie = Arc::new(sign_in(url, seed["model"].as_str().unwrap()).await);
    let calls: Arc<Vec<String>> = Arc::new(
        seed["calls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(calls.len())));
    let failures = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..64 {
        let (cookie, calls, next, latencies, failures) = (
            cookie.clone(),
            calls.clone(),
            next.clone(),
            latencies.clone(),
            failures.clone(),
        );
        let url = url.to_string();
        tasks.push(tokio::spawn(async move {
            let mut http = connect(&url).await;
            let mut mine = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(call) = calls.get(i) else { break };
                let t = Instant::now();
                match http
                    .post("/api/model/calls/refund", Some(&cookie), &[("call_id", call)])
                    .await
                {
                    Ok(a) if a.status == 200 && a.body.windows(17).any(|w| w == b"\"first_time\":true") => {
                        mine.push(t.elapsed().as_secs_f64() * 1000.0)
                    }
                    Ok(a) => {
                        if failures.fetch_add(1, Ordering::Relaxed) < 3 {
                            eprintln!(
                                "refund {call}: HTTP {} {}",
                                a.status,
                                String::from_utf8_lossy(&a.body)
                            );
                        }
                    }
                    Err(e) => {
                        failures.fetch_add(1, Ordering::Relaxed);
                        eprintln!("refund {call}: {e}");
                        http = connect(&url).await;
                    }
                }
            }
            latencies.lock().unwrap().extend(mine);
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut lat = std::mem::take(&mut *latencies.lock().unwrap());
    lat.sort_by(|a, b| a.total_cmp(b));
    emit(json!({
        "row": "refunds", "db": db_kind, "connections": 64, "refunds": lat.len(),
        "failed": failures.load(Ordering::Relaxed), "seconds": elapsed,
        "per_second": lat.len() as f64 / elapsed,
        "p50_ms": percentile(&lat, 0.5), "p99_ms": percentile(&lat, 0.99),
    }));

    // One call, 64 clients at the same instant: one refund, 63 idempotent answers.
    let call = seed["one_call"].as_str().unwrap().to_string();
    let mut conns = Vec::new();
    for _ in 0..64 {
        conns.push(connect(url).await);
    }
    let gate = Arc::new(tokio::sync::Barrier::new(64));
    let mut tasks = Vec::new();
    for mut http in conns {
        let (gate, cookie, call) = (gate.clone(), cookie.clone(), call.clone());
        tasks.push(tokio::spawn(async move {
            gate.wait().await;
            let a = http
                .post("/api/model/calls/refund", Some(&cookie), &[("call_id", &call)])
                .await
                .unwrap_or_else(|e| die(e));
            let body = String::from_utf8_lossy(&a.body).to_string();
            (
                a.status,
                body.contains("\"first_time\":true"),
                body.contains("\"first_time\":false"),
            )
        }));
    }
    let (mut first, mut again, mut other) = (0, 0, 0);
    for t in tasks {
        match t.await.unwrap() {
            (200, true, _) => first += 1,
            (200, _, true) => again += 1,
            _ => other += 1,
        }
    }
    emit(
        json!({"row": "one_call", "db": db_kind, "clients": 64, "refunded": first, "idempotent": again, "other": other}),
    );
}

// ---- dispute chat fan-out ----------------------------------------------------

/// Listeners on one dispute's live stream while support posts once a
/// second; each listener times every message. `BENCH_ROW` names the row
/// (`fanout`, or `streams` for the 5,000-connection run).
async fn fanout(url: &str, seed: &Value) {
    let db_kind = std::env::var("BENCH_DB").unwrap_or_else(|_| "sqlite".into());
    let row = std::env::var("BENCH_ROW").unwrap_or_else(|_| "fanout".into());
    let listeners: usize = std::env::var("BENCH_LISTENERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seconds: usize = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let cookie = sign_in(url, seed["support"].as_str().unwrap()).await;
    let dispute = seed["dispute"].as_str().unwrap().to_string();
    // When the latest message was sent; each listener measures against it.
    let sent_at: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
    let samples = Arc::new(Mutex::new(Vec::new()));
    let ready = Arc::new(tokio::sync::Barrier::new(listeners + 1));
    let mut tasks = Vec::new();
    for _ in 0..listeners {
        let (sent_at, samples, ready, cookie, dispute) = (
            sent_at.clone(),
            samples.clone(),
            ready.clone(),
            cookie.clone(),
            dispute.clone(),
        );
        let url = url.to_string();
        tasks.push(tokio::spawn(async move {
            let mut http = connect(&url).await;
            let head = format!(
                "GET /live/disputes/{dispute} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n",
                http.host
            );
            http.conn.get_mut().write_all(head.as_bytes()).await.unwrap_or_else(|e| die(e));
            let (status, _) = http.read_head().await.unwrap_or_else(|e| die(e));
            if status != 200 {
                die(format!("listener: HTTP {status}"));
            }
            ready.wait().await;
            let mut buf = vec![0u8; 4096];
            let mut tail: Vec<u8> = Vec::new();
            loop {
                let n = match http.conn.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                let at = Instant::now();
                tail.extend_from_slice(&buf[..n]);
                let events = tail.windows(9).filter(|w| w == b"data: new").count();
                if events > 0 {
                    if let Some(sent) = *sent_at.lock().unwrap() {
                        samples.lock().unwrap().push((at - sent).as_secs_f64() * 1000.0);
                    }
                }
                let keep = tail.len().saturating_sub(8);
                tail.drain(..keep);
            }
        }));
    }
    ready.wait().await;
    let mut poster = connect(url).await;
    let mut failed = 0;
    for n in 0..seconds {
        let tick = Instant::now();
        *sent_at.lock().unwrap() = Some(Instant::now());
        let body = format!("Benchmark message {n}");
        match poster
            .post(
                "/api/disputes/post",
                Some(&cookie),
                &[("id", &dispute), ("body", &body)],
            )
            .await
        {
            Ok(a) if a.status == 200 => {}
            _ => failed += 1,
        }
        tokio::time::sleep(Duration::from_secs(1).saturating_sub(tick.elapsed())).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    for t in &tasks {
        t.abort();
    }
    let mut lat = std::mem::take(&mut *samples.lock().unwrap());
    lat.sort_by(|a, b| a.total_cmp(b));
    emit(json!({
        "row": row, "db": db_kind, "listeners": listeners, "messages": seconds,
        "expected": listeners * seconds, "delivered": lat.len(), "post_failed": failed,
        "p50_ms": percentile(&lat, 0.5), "p99_ms": percentile(&lat, 0.99),
        "max_ms": lat.last().copied().unwrap_or(f64::NAN),
    }));
}

// ---- the bare commit loops ---------------------------------------------------

/// One writer committing one row per transaction for 5 s, through the
/// server's own connection settings: on SQLite WAL with synchronous=FULL
/// (an fsync per commit), on PostgreSQL the benchmark's cluster (fsync=on,
/// synchronous_commit=on). `row` names the result.
async fn bare_loop(url: &str, row: &str) {
    let db = settle::open_database(url).await.unwrap_or_else(|e| die(e));
    let mut conn = db.acquire().await.unwrap_or_else(|e| die(e));
    sqlx::query("CREATE TABLE bench_rows (id TEXT PRIMARY KEY, amount BIGINT NOT NULL, at BIGINT NOT NULL)")
        .execute(&mut *conn)
        .await
        .unwrap_or_else(|e| die(e));
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed() < Duration::from_secs(5) {
        let mut tx = sqlx::Connection::begin(&mut *conn)
            .await
            .unwrap_or_else(|e| die(e));
        sqlx::query("INSERT INTO bench_rows (id, amount, at) VALUES ($1, $2, $3)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(1_i64)
            .bind(n as i64)
            .execute(&mut *tx)
            .await
            .unwrap_or_else(|e| die(e));
        tx.commit().await.unwrap_or_else(|e| die(e));
        n += 1;
    }
    let per_second = n as f64 / started.elapsed().as_secs_f64();
    // The server runs on this database next: it leaves no trace.
    sqlx::query("DROP TABLE bench_rows")
        .execute(&mut *conn)
        .await
        .unwrap_or_else(|e| die(e));
    emit(json!({"row": row, "commits": n, "per_second": per_second}));
}

// ---- report -----------------------------------------------------------------

/// Issue 17's table: per page, the wasm and JS it downloads (the site's
/// precompressed files it fetched) and Lighthouse's median of three mobile
/// runs (bench/pages/run.mjs).
fn pages_table(rows: &BTreeMap<String, Value>) -> String {
    let pages: Vec<&Value> = rows
        .iter()
        .filter(|(k, _)| k.starts_with("lighthouse/"))
        .map(|(_, v)| v)
        .collect();
    if pages.is_empty() {
        return String::new();
    }
    let f = |v: &Value, k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    let mut out = String::from(
        "\n**Pages** (Lighthouse 12.2.3, mobile: simulated slow 4G and 4× CPU slowdown, Debian's Chromium; median of three runs; signed-in pages with a real session cookie)\n\n\
         | page | wasm + JS, brotli / gzip | performance | total blocking time | time to interactive | accessibility / best practices / SEO | verdict |\n\
         |---|---|---|---|---|---|---|\n",
    );
    let mut heaviest = (0.0f64, 0.0f64);
    for p in &pages {
        let (br, gz) = (f(p, "br_kb"), f(p, "gz_kb"));
        heaviest = (heaviest.0.max(br), heaviest.1.max(gz));
        let (perf, tbt, tti) = (f(p, "perf"), f(p, "tbt_ms"), f(p, "tti_ms"));
        let (a11y, best, seo) = (f(p, "a11y"), f(p, "best"), f(p, "seo"));
        let needs_none = p["expect_wasm"].as_bool() == Some(false);
        let ok = perf >= 98.0
            && tbt <= 50.0
            && tti <= 2000.0
            && a11y == 100.0
            && best == 100.0
            && seo == 100.0
            && (!needs_none || br == 0.0);
        let failed: Vec<&str> = p["failed"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        let note = if failed.is_empty() {
            String::new()
        } else {
            format!(" (failed audits: {})", failed.join(", "))
        };
        out.push_str(&format!(
            "| {} (`{}`) | {br:.1} KB / {gz:.1} KB{} | {perf:.0} | {tbt:.0} ms | {:.2} s | {a11y:.0} / {best:.0} / {seo:.0} | {}{note} |\n",
            p["page"].as_str().unwrap_or("?"),
            p["path"].as_str().unwrap_or("?"),
            if needs_none { " (target 0)" } else { "" },
            tti / 1000.0,
            if ok { "met" } else { "**missed**" },
        ));
    }
    out.push_str(&format!(
        "\nHeaviest page: {:.1} KB brotli (target ≤ 150 KB), {:.1} KB gzip (target ≤ 200 KB): {}. Targets for every page above: performance ≥ 98, total blocking time ≤ 50 ms, time to interactive ≤ 2.0 s, accessibility, best practices and SEO 100.\n",
        heaviest.0,
        heaviest.1,
        if heaviest.0 <= 150.0 && heaviest.1 <= 200.0 { "met" } else { "**missed**" }
    ));
    out
}

fn report(path: &str) {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| die(format!("{path}: {e}")));
    let mut rows: BTreeMap<String, Value> = BTreeMap::new();
    for line in raw.lines().filter(|l| l.starts_with('{')) {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| die(format!("{line}: {e}")));
        let key = format!(
            "{}{}",
            v["row"].as_str().unwrap_or("?"),
            v["db"]
                .as_str()
                .or(v["page"].as_str())
                .map(|d| format!("/{d}"))
                .unwrap_or_default()
        );
        rows.insert(key, v);
    }
    let get = |k: &str| rows.get(k).cloned().unwrap_or(Value::Null);
    let f = |v: &Value, k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    let verdict = |ok: bool| if ok { "met" } else { "**missed**" };
    let mut out = String::new();
    let meta = get("machine");
    out.push_str(&format!(
        "Measured {} on {} ({} cores, {} GiB), {}. Every ratio below compares figures taken side by side in the same run.\n\n",
        meta["date"].as_str().unwrap_or("?"),
        meta["cpu"].as_str().unwrap_or("?"),
        meta["cores"].as_str().unwrap_or("?"),
        meta["mem_gib"].as_str().unwrap_or("?"),
        meta["kernel"].as_str().unwrap_or("?"),
    ));
    out.push_str(
        "| what | load | measured | limit / target | ratio | verdict |\n|---|---|---|---|---|---|\n",
    );

    let page = get("page");
    let nginx = get("nginx");
    let (rps, nrps, p99) = (f(&page, "rps"), f(&nginx, "rps"), f(&page, "p99_ms"));
    out.push_str(&format!(
        "| help article, server-rendered, warm | 64 connections, 20 s (wrk) | {rps:.0} req/s, p99 {p99:.2} ms | nginx, same {} bytes as a static file: {nrps:.0} req/s; target ≥ 0.9 × nginx, p99 ≤ 10 ms | {:.2} × nginx | {} |\n",
        page["bytes"].as_u64().unwrap_or(0),
        rps / nrps,
        if page["non_2xx"].as_u64() != Some(0) || nginx["non_2xx"].as_u64() != Some(0) {
            "**invalid: non-2xx answers**"
        } else {
            verdict(rps / nrps >= 0.9 && p99 <= 10.0)
        }
    ));
    for db in ["sqlite", "postgres"] {
        let s = get(&format!("search/{db}"));
        if s.is_null() {
            continue;
        }
        let p99 = f(&s, "p99_ms");
        out.push_str(&format!(
            "| help search, warm ({db}) | 32 connections, 10 s (wrk), 8 queries already asked once, 1,000 articles + the shipped ones | {:.0} req/s, p99 {p99:.2} ms | p99 ≤ 20 ms | {:.2} × limit | {} |\n",
            f(&s, "rps"),
            p99 / 20.0,
            if s["non_2xx"].as_u64() != Some(0) {
                "**invalid: non-2xx answers**"
            } else {
                verdict(p99 <= 20.0)
            }
        ));
        // The 10 s before it, starting with nothing kept: every query's
        // first askers rank it at once.
        let c = get(&format!("search_cold/{db}"));
        if !c.is_null() {
            out.push_str(&format!(
                "| help search, cold ({db}) | the same load in the 10 s before, starting with no results kept | {:.0} req/s, p99 {:.2} ms | reported | — | reported |\n",
                f(&c, "rps"),
                f(&c, "p99_ms"),
            ));
        }
    }
    for db in ["sqlite", "postgres"] {
        let r = get(&format!("refunds/{db}"));
        if r.is_null() {
            continue;
        }
        let per = f(&r, "per_second");
        let (bare, name) = if db == "sqlite" {
            (
                f(&get("bare_sqlite"), "per_second"),
                "SQLite commit loop (WAL, synchronous=FULL)",
            )
        } else {
            (
                f(&get("bare_postgres"), "per_second"),
                "PostgreSQL insert loop (fsync=on, synchronous_commit=on)",
            )
        };
        let (limit, ratio, ok) = (
            format!("≥ 0.5 × a bare {name}: {bare:.0} commits/s, one row per transaction"),
            format!("{:.2} × bare", per / bare),
            verdict(per >= 0.5 * bare),
        );
        out.push_str(&format!(
            "| call refunds, ledger writes ({db}) | 64 concurrent clients, {} distinct calls | {per:.0} committed refunds/s (p50 {:.1} ms, p99 {:.1} ms, {} failed) | {limit} | {ratio} | {ok} |\n",
            r["refunds"], f(&r, "p50_ms"), f(&r, "p99_ms"), r["failed"]
        ));
    }
    for db in ["sqlite", "postgres"] {
        let o = get(&format!("one_call/{db}"));
        if o.is_null() {
            continue;
        }
        let ok = o["refunded"].as_u64() == Some(1) && o["idempotent"].as_u64() == Some(63);
        out.push_str(&format!(
            "| one call refunded by 64 clients at once ({db}) | 64 requests released together | {} refund, {} idempotent answers, {} other | exactly one refund | — | {} |\n",
            o["refunded"], o["idempotent"], o["other"], verdict(ok)
        ));
    }
    for db in ["sqlite", "postgres"] {
        let o = get(&format!("fanout/{db}"));
        if o.is_null() {
            continue;
        }
        let p99 = f(&o, "p99_ms");
        let complete = o["delivered"] == o["expected"];
        out.push_str(&format!(
            "| dispute chat fan-out ({db}) | {} listeners, 1 message/s for {} s | {}/{} delivered, p50 {:.1} ms, p99 {p99:.1} ms | p99 ≤ 50 ms | {:.2} × limit | {} |\n",
            o["listeners"], o["messages"], o["delivered"], o["expected"], f(&o, "p50_ms"), p99 / 50.0,
            verdict(p99 <= 50.0 && complete)
        ));
    }
    for db in ["sqlite", "postgres"] {
        let o = get(&format!("streams/{db}"));
        if o.is_null() {
            continue;
        }
        let p99 = f(&o, "p99_ms");
        let complete = o["delivered"] == o["expected"];
        let mb = f(&get(&format!("rss_streams/{db}")), "peak_mb");
        out.push_str(&format!(
            "| 5,000 live streams ({db}) | {} open event streams, 1 message/s for {} s | {}/{} delivered, p50 {:.1} ms, p99 {p99:.1} ms; peak RSS {mb:.0} MB | p99 ≤ 250 ms, RSS ≤ 300 MB | {:.2} × p99 limit, {:.2} × RSS limit | {} |\n",
            o["listeners"], o["messages"], o["delivered"], o["expected"], f(&o, "p50_ms"), p99 / 250.0, mb / 300.0,
            verdict(p99 <= 250.0 && mb <= 300.0 && complete)
        ));
    }
    for db in ["sqlite", "postgres"] {
        let m = get(&format!("rss/{db}"));
        if m.is_null() {
            continue;
        }
        let mb = f(&m, "peak_mb");
        out.push_str(&format!(
            "| server memory ({db}) | peak RSS (VmHWM) over the loads above | {mb:.0} MB | ≤ 150 MB | {:.2} × limit | {} |\n",
            mb / 150.0,
            verdict(mb <= 150.0)
        ));
    }
    out.push_str(&pages_table(&rows));
    print!("{out}");
}
