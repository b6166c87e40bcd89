#![cfg(feature = "ssr")]
//! Faults (issue 8): PostgreSQL stops while the server runs and refunds are
//! being written. Requests then fail with a clear 503 (JSON for server
//! functions, a page for a browser), nothing is half-written, and once the
//! database is back the same server process serves again — no restart.
//!
//! Runs in the PostgreSQL pass of scripts/test.sh, which exports the
//! cluster's `PG_DIR` so the test can stop and start it (scripts/pg.sh).
//! On the SQLite pass there is no database server to stop.

mod support;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use settle::domain::ledger::Processor;
use settle::domain::Credits;
use settle::platform::ledger::IdempotencyKey;

use support::client::Http;
use support::process::{sign_in, Server};

const CALLS: usize = 3000;
const WRITERS: usize = 4;

fn pg(command: &str) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/pg.sh");
    let status = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("source {script} && {command}"))
        .status()
        .unwrap();
    assert!(status.success(), "{command} failed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_txn_7_database_outage_answers_503_writes_nothing_half_and_recovers_without_restart() {
    let postgres = std::env::var("SETTLE_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"));
    if !postgres || std::env::var_os("PG_DIR").is_none() {
        eprintln!("outage test: PostgreSQL pass only (scripts/test.sh runs it there)");
        return;
    }
    let (db_url, _) = support::fresh_database().await;
    let work = std::env::temp_dir().join(format!("settle-outage-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&work).unwrap();

    // Calls for the model to refund, one minute each, ended a minute ago.
    let db = settle::open_database(&db_url).await.unwrap();
    let now = Utc::now();
    settle::seed::seed_if_empty(&db, now).await.unwrap();
    let client = support::user_id(&db, "luca@settle.test").await;
    let model = support::user_id(&db, "giulia@settle.test").await;
    settle::support::store::purchase(
        &db,
        &client,
        Credits::new(1_000_000),
        Processor::Epoch,
        &IdempotencyKey::derived("outage-fund", "1"),
        now,
    )
    .await
    .unwrap();
    let mut calls = Vec::new();
    for _ in 0..CALLS {
        let call =
            support::money::call(&db, &client, &model, now, chrono::Duration::minutes(1), 60, 10).await;
        calls.push(call.to_string());
    }
    db.close().await;

    let server = Server::start(&db_url, &work).await;
    let url = server.url.clone();
    let model_cookie = sign_in(&url, "giulia@settle.test").await;
    let client_cookie = sign_in(&url, "luca@settle.test").await;

    // Writers refund calls one after another through the outage.
    let calls = Arc::new(calls);
    let next = Arc::new(AtomicUsize::new(0));
    let refunded = Arc::new(Mutex::new(Vec::new()));
    let unavailable = Arc::new(AtomicUsize::new(0));
    let other = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for _ in 0..WRITERS {
        let (calls, next, refunded, unavailable, other, stop, cookie, url) = (
            calls.clone(),
            next.clone(),
            refunded.clone(),
            unavailable.clone(),
            other.clone(),
            stop.clone(),
            model_cookie.clone(),
            url.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut http = Http::open(&url).await.unwrap();
            while !stop.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(call) = calls.get(i) else { break };
                let a = match http
                    .post("/api/model/calls/refund", Some(&cookie), &[("call_id", call)])
                    .await
                {
                    Ok(a) => a,
                    Err(e) => {
                        other.lock().unwrap().push(format!("connection: {e}"));
                        http = Http::open(&url).await.unwrap();
                        continue;
                    }
                };
                match (a.status, a.json()["code"].as_str()) {
                    (200, _) => refunded.lock().unwrap().push(call.clone()),
                    (503, Some("unavailable")) => {
                        unavailable.fetch_add(1, Ordering::Relaxed);
                    }
                    (s, _) => other.lock().unwrap().push(format!("HTTP {s} {}", a.text())),
                }
            }
        }));
    }

    tokio::time::sleep(Duration::from_millis(700)).await;
    let before = refunded.lock().unwrap().len();
    assert!(before > 0, "no refund went through before the outage");
    pg("pause_pg");
    let down_at = Instant::now();

    // During the outage: clear answers, in time. A refund on a fresh
    // connection: its answer and how long it took.
    let refund = |call: String| {
        let (url, cookie) = (url.clone(), model_cookie.clone());
        async move {
            let mut h = Http::open(&url).await.unwrap();
            let t = Instant::now();
            let a = h
                .post("/api/model/calls/refund", Some(&cookie), &[("call_id", &call)])
                .await
                .unwrap();
            (a, t.elapsed())
        }
    };
    let (a, json_took) = refund(calls[CALLS - 1].clone()).await;
    assert_eq!(a.status, 503, "a server function during the outage: {}", a.text());
    assert_eq!(a.json()["code"], "unavailable");
    let mut h = Http::open(&url).await.unwrap();
    let page = h.get("/client", Some(&client_cookie)).await.unwrap();
    assert_eq!(page.status, 503, "a page during the outage: {}", page.text());
    assert!(page.header("content-type").unwrap_or("").starts_with("text/html"));
    assert!(page.header("retry-after").is_some());
    let body = page.text();
    assert!(
        body.contains("Nothing was changed") && body.contains("Nulla è stato modificato"),
        "the page says what happened, in both languages: {body}"
    );
    let mut h = Http::open(&url).await.unwrap();
    let health = h.get("/healthz", None).await.unwrap();
    assert_eq!(health.status, 503);
    assert_eq!(health.json()["database"], "down");
    // Once a request has found it down, the next ones are answered at once
    // rather than each waiting out the pool's connection timeout.
    let (a, later_took) = refund(calls[CALLS - 2].clone()).await;
    assert_eq!(a.status, 503, "{}", a.text());
    assert!(
        later_took < Duration::from_secs(1),
        "a request during a known outage waited {later_took:?}"
    );

    tokio::time::sleep(Duration::from_millis(500)).await;
    let outage = down_at.elapsed();
    pg("resume_pg");

    // The same process serves again once the database is back.
    let back_at = Instant::now();
    let recovered = loop {
        let mut h = Http::open(&url).await.unwrap();
        if h.get("/healthz", None).await.unwrap().status == 200 {
            break back_at.elapsed();
        }
        assert!(back_at.elapsed() < Duration::from_secs(30), "no recovery in 30 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let before_resume = refunded.lock().unwrap().len();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.await.unwrap();
    }
    let refunded = refunded.lock().unwrap().clone();
    assert!(
        refunded.len() > before_resume,
        "refunds resumed after the outage without a restart"
    );
    let mut h = Http::open(&url).await.unwrap();
    let page = h.get("/client", Some(&client_cookie)).await.unwrap();
    assert_eq!(page.status, 200, "pages are served again");

    // Nothing half-written: the books balance, every answered refund is
    // there once, and no refused one left a trace.
    let db = settle::open_database(&db_url).await.unwrap();
    settle::platform::ledger::check_invariants(&db).await.unwrap();
    let rows: Vec<(String,)> = sqlx::query_as("SELECT id FROM calls WHERE refund_txn IS NOT NULL")
        .fetch_all(&db)
        .await
        .unwrap();
    let in_db: std::collections::HashSet<String> = rows.into_iter().map(|r| r.0).collect();
    for call in &refunded {
        assert!(in_db.contains(call), "answered as refunded but missing: {call}");
    }
    let (orphans,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM ledger_txns t WHERE t.kind = 'call_refund' \
         AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.refund_txn = t.id)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(orphans, 0, "a refund entry without its call's mark: half-written");
    db.close().await;
    drop(server);
    let _ = std::fs::remove_dir_all(&work);

    let other = other.lock().unwrap().clone();
    assert!(other.is_empty(), "unclear answers during the outage: {other:?}");
    let unavailable = unavailable.load(Ordering::Relaxed);
    assert!(unavailable > 0, "the writers met the outage");
    support::report(&format!(
        "outage test: {} refunds committed ({before} before the stop), {unavailable} answered 503 \
         during {:.1} s without PostgreSQL, the first refused call answered in {:.2} s and later \
         ones in {:.2} s, served again {:.2} s after the restart of PostgreSQL, 0 half-written",
        refunded.len(),
        outage.as_secs_f64(),
        json_took.as_secs_f64(),
        later_took.as_secs_f64(),
        recovered.as_secs_f64(),
    ));
}
