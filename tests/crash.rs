#![cfg(feature = "ssr")]
//! Faults (issue 8): the server process is killed with SIGKILL at random
//! moments under a mixed load — purchases, call refunds, session bookings
//! and cancellations, dispute decisions — and restarted. After every kill,
//! with the server down, the database must show: postings summing to zero,
//! every balance equal to its postings, no key applied twice, and every
//! request that got a success answer. Requests cut off by a kill are sent
//! again with the same key, as a browser's retry would.
//!
//! The server is `SETTLE_SERVER_BIN` (scripts/test.sh passes the release
//! build) or else the debug build cargo made for this test. The database is
//! SQLite, or PostgreSQL when `SETTLE_TEST_DATABASE_URL` names a server.

mod support;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use rand::{Rng, SeedableRng};
use settle::domain::ledger::Processor;
use settle::domain::{CallId, Credits, Reason, UserId};
use settle::platform::db::Db;
use settle::platform::ledger::IdempotencyKey;

use support::client::{Answer, Http};
use support::process::{sign_in, Server};

const FAULTS: usize = 6;
const CLIENTS: [&str; 3] = ["luca@settle.test", "marco@settle.test", "paolo@settle.test"];
const MODELS: [&str; 3] = ["giulia@settle.test", "sofia@settle.test", "marta@settle.test"];
const SUPPORT: &str = "support@settle.test";
/// Calls each model can refund, and calls under review (disputes to decide).
const CALLS_PER_MODEL: usize = 1000;
const DISPUTES: usize = 800;
/// A call's charge: one minute at this price.
const PRICE: i64 = 10;

/// What a success answer promised; each is looked for after every kill.
#[derive(Clone, Debug)]
enum Done {
    Purchase { payment_number: String },
    Refund { call: String },
    Booking { id: String },
    Cancel { id: String },
    Decision { dispute: String },
}

#[derive(Default)]
struct Tally {
    done: Mutex<Vec<Done>>,
    /// Requests whose connection a kill cut, sent again with the same key.
    resent: AtomicUsize,
    /// Answers that refused for a reason the load does not expect.
    unexpected: Mutex<Vec<String>>,
    refused_for_credits: AtomicUsize,
}

impl Tally {
    fn done(&self, d: Done) {
        self.done.lock().unwrap().push(d);
    }
    fn unexpected(&self, what: String) {
        self.unexpected.lock().unwrap().push(what);
    }
}

struct World {
    models: Vec<UserId>,
    /// Per model, the calls she refunds.
    calls: Vec<Vec<String>>,
    disputes: Vec<String>,
    /// Per model, a tariff id to book.
    tariffs: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_txn_7_kill_9_under_mixed_load_loses_and_doubles_nothing() {
    let (db_url, dir) = support::fresh_database().await;
    let work = match &dir {
        Some(d) => d.path().to_path_buf(),
        None => {
            let p = std::env::temp_dir().join(format!("settle-crash-{}", uuid::Uuid::now_v7().simple()));
            std::fs::create_dir_all(&p).unwrap();
            p
        }
    };
    let db_kind = if db_url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let seed: u64 = std::env::var("SETTLE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Utc::now().timestamp_micros() as u64);
    eprintln!("crash test on {db_kind}: seed {seed} (SETTLE_CRASH_SEED repeats a run)");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);

    let world = Arc::new(prepare(&db_url).await);
    let mut server = Server::start(&db_url, &work).await;
    let url = server.url.clone();

    let tally = Arc::new(Tally::default());
    let stop = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for (i, email) in CLIENTS.iter().enumerate() {
        let cookie = sign_in(&url, email).await;
        let (w, t, s, u) = (world.clone(), tally.clone(), stop.clone(), url.clone());
        let seed = seed.wrapping_add(i as u64 + 1);
        workers.push(tokio::spawn(async move {
            client_load(u, cookie, w, t, s, seed).await
        }));
    }
    for (i, email) in MODELS.iter().enumerate() {
        let cookie = sign_in(&url, email).await;
        let (w, t, s, u) = (world.clone(), tally.clone(), stop.clone(), url.clone());
        workers.push(tokio::spawn(
            async move { model_load(u, cookie, i, w, t, s).await },
        ));
    }
    {
        let cookie = sign_in(&url, SUPPORT).await;
        let (w, t, s, u) = (world.clone(), tally.clone(), stop.clone(), url.clone());
        let seed = seed.wrapping_add(100);
        workers.push(tokio::spawn(async move {
            support_load(u, cookie, w, t, s, seed).await
        }));
    }

    let started = Instant::now();
    for fault in 1..=FAULTS {
        tokio::time::sleep(Duration::from_millis(rng.gen_range(300..1500))).await;
        server.kill();
        let done = tally.done.lock().unwrap().clone();
        if let Err(e) = check(&db_url, &done).await {
            panic!(
                "after kill {fault} of {FAULTS} ({} operations confirmed): {e}",
                done.len()
            );
        }
        server = Server::start(&db_url, &work).await;
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        w.await.unwrap();
    }
    let done = tally.done.lock().unwrap().clone();
    let last = check(&db_url, &done).await;
    server.kill();
    if dir.is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
    last.unwrap_or_else(|e| panic!("after the load: {e}"));

    let unexpected = tally.unexpected.lock().unwrap().clone();
    assert!(
        unexpected.is_empty(),
        "{} unexpected answers, first: {}",
        unexpected.len(),
        unexpected[0]
    );
    let count = |f: fn(&Done) -> bool| done.iter().filter(|d| f(d)).count();
    let kinds = [
        ("purchases", count(|d| matches!(d, Done::Purchase { .. }))),
        ("call refunds", count(|d| matches!(d, Done::Refund { .. }))),
        ("bookings", count(|d| matches!(d, Done::Booking { .. }))),
        ("cancellations", count(|d| matches!(d, Done::Cancel { .. }))),
        ("dispute decisions", count(|d| matches!(d, Done::Decision { .. }))),
    ];
    for (what, n) in kinds {
        assert!(n > 0, "the load made no {what}: the test would prove nothing");
    }
    support::report(&format!(
        "crash test on {db_kind}: {} operations confirmed ({}) in {:.1} s, {FAULTS} kill -9 survived, \
         {} requests cut by a kill and resent with their key, {} bookings refused for credits, \
         0 lost, 0 applied twice",
        done.len(),
        kinds
            .iter()
            .map(|(w, n)| format!("{n} {w}"))
            .collect::<Vec<_>>()
            .join(", "),
        started.elapsed().as_secs_f64(),
        tally.resent.load(Ordering::Relaxed),
        tally.refused_for_credits.load(Ordering::Relaxed),
    ));
}

// ---- the world before the first start -----------------------------------------

async fn prepare(db_url: &str) -> World {
    let db = settle::open_database(db_url).await.unwrap();
    let now = Utc::now();
    settle::seed::seed_if_empty(&db, now).await.unwrap();
    let mut clients = Vec::new();
    for email in CLIENTS {
        clients.push(support::user_id(&db, email).await);
    }
    let mut models = Vec::new();
    for email in MODELS {
        models.push(support::user_id(&db, email).await);
    }
    for (i, c) in clients.iter().enumerate() {
        settle::support::store::purchase(
            &db,
            c,
            Credits::new(1_000_000),
            Processor::Epoch,
            &IdempotencyKey::derived("crash-fund", &i.to_string()),
            now,
        )
        .await
        .unwrap();
    }
    // One-minute calls that ended a minute ago: inside the refund window
    // for the whole run.
    let minute = chrono::Duration::minutes(1);
    let mut calls = vec![Vec::new(); MODELS.len()];
    for k in 0..CALLS_PER_MODEL * MODELS.len() {
        let (c, m) = (k % CLIENTS.len(), (k / CLIENTS.len()) % MODELS.len());
        let id = support::money::call(&db, &clients[c], &models[m], now, minute, 60, PRICE).await;
        calls[m].push(id.to_string());
    }
    let mut disputes = Vec::new();
    for k in 0..DISPUTES {
        let (c, m) = (k % CLIENTS.len(), (k / CLIENTS.len()) % MODELS.len());
        let id: CallId = support::money::call(&db, &clients[c], &models[m], now, minute, 60, PRICE).await;
        let request = settle::calls::reviews::request_review(
            &db,
            &clients[c],
            &id,
            Reason::parse("Crash test: the line kept dropping").unwrap(),
            now,
        )
        .await
        .unwrap();
        let d = settle::platform::cases::for_subject(
            &db,
            settle::platform::cases::Subject::Call,
            request.as_str(),
        )
        .await
        .unwrap()
        .expect("a call review opens a dispute");
        disputes.push(d.id.to_string());
    }
    let mut tariffs = Vec::new();
    for m in &models {
        let p = settle::sessions::store::profile(&db, m).await.unwrap();
        tariffs.push(p.tariffs[0].id.clone());
    }
    db.close().await;
    World {
        models,
        calls,
        disputes,
        tariffs,
    }
}

// ---- the load ------------------------------------------------------------------

/// Posts until an answer comes. A connection a kill cut (or a refused one
/// while the server restarts) is retried with the very same form, so its
/// key; `resent` says whether that happened.
async fn send(
    url: &str,
    conn: &mut Option<Http>,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
    tally: &Tally,
) -> (Answer, bool) {
    let mut resent = false;
    loop {
        if conn.is_none() {
            match Http::open(url).await {
                Ok(c) => *conn = Some(c),
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            }
        }
        match conn.as_mut().unwrap().post(path, Some(cookie), form).await {
            Ok(a) => return (a, resent),
            Err(_) => {
                *conn = None;
                if !resent {
                    tally.resent.fetch_add(1, Ordering::Relaxed);
                }
                resent = true;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

fn rule_of(a: &Answer) -> String {
    let j = a.json();
    format!(
        "{} {}",
        j["code"].as_str().unwrap_or("?"),
        j["rule"].as_str().unwrap_or("")
    )
}

fn key() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

async fn client_load(
    url: String,
    cookie: String,
    world: Arc<World>,
    tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
    seed: u64,
) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut conn = None;
    let mut open: Vec<String> = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        let roll: u32 = rng.gen_range(0..100);
        if roll < 35 {
            let k = key();
            let form = [
                ("product", "pack_100"),
                ("processor", "epoch"),
                ("form_key", k.as_str()),
            ];
            let (a, _) = send(&url, &mut conn, &cookie, "/api/billing/buy", &form, &tally).await;
            match a.json()["payment_number"].as_str() {
                Some(n) if a.status == 200 => tally.done(Done::Purchase {
                    payment_number: n.to_string(),
                }),
                _ => tally.unexpected(format!("buy: HTTP {} {}", a.status, a.text())),
            }
        } else if roll < 70 || open.is_empty() {
            let m = rng.gen_range(0..world.models.len());
            let start =
                Utc::now() + chrono::Duration::days(2) + chrono::Duration::minutes(rng.gen_range(0..600));
            let (date, time) = support::venue_fields(start);
            let k = key();
            let model = world.models[m].to_string();
            let form = [
                ("model", model.as_str()),
                ("scenario", "at_my_place"),
                ("payment", "balance"),
                ("date", date.as_str()),
                ("time", time.as_str()),
                ("tariff", world.tariffs[m].as_str()),
                ("key", k.as_str()),
                ("lang", "en"),
            ];
            let (a, _) = send(&url, &mut conn, &cookie, "/api/sessions/book", &form, &tally).await;
            match a.status {
                200 => {
                    tally.done(Done::Booking { id: k.clone() });
                    open.push(k);
                }
                409 => {
                    tally.refused_for_credits.fetch_add(1, Ordering::Relaxed);
                }
                s => tally.unexpected(format!("book: HTTP {s} {}", a.text())),
            }
        } else {
            let id = open.swap_remove(rng.gen_range(0..open.len()));
            let form = [("id", id.as_str()), ("command", "cancel"), ("reason", "")];
            let (a, resent) = send(&url, &mut conn, &cookie, "/api/sessions/act", &form, &tally).await;
            match a.status {
                200 => tally.done(Done::Cancel { id }),
                // The cut request had cancelled it: the retry finds it closed.
                s if resent && s < 500 => tally.done(Done::Cancel { id }),
                s => tally.unexpected(format!("cancel: HTTP {s} {}", rule_of(&a))),
            }
        }
    }
}

async fn model_load(
    url: String,
    cookie: String,
    model: usize,
    world: Arc<World>,
    tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
) {
    let mut conn = None;
    for call in &world.calls[model] {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let form = [("call_id", call.as_str())];
        let (a, _) = send(&url, &mut conn, &cookie, "/api/model/calls/refund", &form, &tally).await;
        // A retry of a refund the cut request made answers first_time: false.
        if a.status == 200 && a.json()["amount"].as_i64() == Some(PRICE) {
            tally.done(Done::Refund { call: call.clone() });
        } else {
            tally.unexpected(format!("refund: HTTP {} {}", a.status, a.text()));
        }
    }
}

async fn support_load(
    url: String,
    cookie: String,
    world: Arc<World>,
    tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
    seed: u64,
) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut conn = None;
    for dispute in &world.disputes {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let refund = rng.gen_range(0..=PRICE).to_string();
        let form = [
            ("id", dispute.as_str()),
            ("refund", refund.as_str()),
            ("client_sanction", ""),
            ("client_days", ""),
            ("model_sanction", ""),
            ("model_days", ""),
            ("reason", "Crash test: decided on the call log"),
        ];
        let (a, resent) = send(&url, &mut conn, &cookie, "/api/disputes/decide", &form, &tally).await;
        match a.status {
            200 => tally.done(Done::Decision {
                dispute: dispute.clone(),
            }),
            // The cut request had decided it: DISP-3 refuses a second decision.
            s if resent && s < 500 && rule_of(&a).contains("DISP-3") => tally.done(Done::Decision {
                dispute: dispute.clone(),
            }),
            s => tally.unexpected(format!("decide: HTTP {s} {}", rule_of(&a))),
        }
    }
}

// ---- the checks ----------------------------------------------------------------

/// With the server down (or idle): the books balance and hold every
/// confirmed operation, once.
async fn check(db_url: &str, done: &[Done]) -> Result<(), String> {
    let db = settle::open_database(db_url)
        .await
        .map_err(|e| format!("reopening the database: {e}"))?;
    let result = check_with(&db, done).await;
    db.close().await;
    result
}

async fn strings(db: &Db, sql: &str) -> Result<HashSet<String>, String> {
    let rows: Vec<(String,)> = sqlx::query_as(sql)
        .fetch_all(db)
        .await
        .map_err(|e| format!("{sql}: {e}"))?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

async fn check_with(db: &Db, done: &[Done]) -> Result<(), String> {
    settle::platform::ledger::check_invariants(db).await?;

    let twice = [
        (
            "an idempotency key",
            "SELECT idempotency_key FROM ledger_txns GROUP BY idempotency_key HAVING COUNT(*) > 1",
        ),
        (
            "a call refund",
            "SELECT refers_to FROM ledger_txns WHERE kind = 'call_refund' GROUP BY refers_to HAVING COUNT(*) > 1",
        ),
        (
            "a decision's refund",
            "SELECT refers_to FROM ledger_txns WHERE kind = 'support_refund' GROUP BY refers_to HAVING COUNT(*) > 1",
        ),
        (
            "a booking's hold",
            "SELECT p.account_id FROM ledger_postings p JOIN ledger_txns t ON t.id = p.txn_id \
             WHERE t.kind = 'session_hold' AND p.account_id LIKE 'escrow:%' GROUP BY p.account_id HAVING COUNT(*) > 1",
        ),
        (
            "a cancellation",
            "SELECT session_id FROM booking_events WHERE kind = 'cancelled' GROUP BY session_id HAVING COUNT(*) > 1",
        ),
    ];
    for (what, sql) in twice {
        if let Some(k) = strings(db, sql).await?.into_iter().next() {
            return Err(format!("{what} applied twice: {k}"));
        }
    }

    let purchases = strings(
        db,
        "SELECT p.payment_number FROM purchases p JOIN ledger_txns t ON t.id = p.txn_id",
    )
    .await?;
    let refunded = strings(
        db,
        "SELECT c.id FROM calls c JOIN ledger_txns t ON t.id = c.refund_txn",
    )
    .await?;
    let held = strings(
        db,
        "SELECT b.id FROM bookings b JOIN ledger_postings p ON p.account_id = 'escrow:' || b.id \
         JOIN ledger_txns t ON t.id = p.txn_id AND t.kind = 'session_hold'",
    )
    .await?;
    let cancelled = strings(
        db,
        "SELECT session_id FROM booking_events WHERE kind = 'cancelled'",
    )
    .await?;
    let decided = strings(db, "SELECT id FROM disputes WHERE state = 'decided'").await?;
    for d in done {
        let found = match d {
            Done::Purchase { payment_number } => purchases.contains(payment_number),
            Done::Refund { call } => refunded.contains(call),
            Done::Booking { id } => held.contains(id),
            Done::Cancel { id } => cancelled.contains(id),
            Done::Decision { dispute } => decided.contains(dispute),
        };
        if !found {
            return Err(format!("answered as done but missing: {d:?}"));
        }
    }
    Ok(())
}

/// What a crash between an upload's steps leaves — a file never recorded,
/// or a recorded one no message came to use — is swept from one hour on
/// (start-up runs the sweep); younger ones may belong to a request still
/// running, and used ones stay.
#[tokio::test]
async fn r_disp_2_uploads_a_crash_left_unused_are_swept_from_one_hour_on() {
    use settle::platform::uploads::{store_evidence_image, sweep_orphans, ORPHAN_AFTER};
    let app = support::TestApp::new().await;
    let now = app.state.clock.now();
    let dir = app.state.config.upload_dir.clone();
    let client = support::money::person(&app.db, "sweep-client", settle::domain::Role::Client).await;
    let model = support::money::person(&app.db, "sweep-model", settle::domain::Role::Model).await;
    support::money::fund(&app.db, &client, 100).await;
    let png: Vec<u8> = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    let second = chrono::Duration::seconds(1);
    // Recorded, never used: at 60:00 swept, at 59:59 kept.
    let hour_old = store_evidence_image(&app.db, &dir, &client, &png, now - ORPHAN_AFTER)
        .await
        .unwrap();
    let younger = store_evidence_image(&app.db, &dir, &client, &png, now - ORPHAN_AFTER + second)
        .await
        .unwrap();
    // Recorded and used in a dispute's chat long ago: kept.
    let c = support::money::call(
        &app.db,
        &client,
        &model,
        now,
        chrono::Duration::minutes(5),
        60,
        10,
    )
    .await;
    let request = settle::calls::reviews::request_review(
        &app.db,
        &client,
        &c,
        Reason::parse("The line dropped").unwrap(),
        now,
    )
    .await
    .unwrap();
    let dispute = settle::platform::cases::for_subject(
        &app.db,
        settle::platform::cases::Subject::Call,
        request.as_str(),
    )
    .await
    .unwrap()
    .unwrap();
    let used = store_evidence_image(&app.db, &dir, &client, &png, now - chrono::Duration::days(3))
        .await
        .unwrap();
    settle::disputes::store::post_image(
        &app.db,
        &dispute.id,
        &client,
        settle::domain::Role::Client,
        "the screen",
        &used,
        false,
        now,
    )
    .await
    .unwrap();
    // Written, never recorded: by the file's age.
    let file_at = |name: &str, age: chrono::Duration| {
        let path = dir.join(name);
        std::fs::write(&path, &png).unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(std::time::SystemTime::from(now - age)).unwrap();
        path
    };
    let stray_old = file_at("0123456789abcdef0123456789abcdef", ORPHAN_AFTER + second);
    let stray_young = file_at("fedcba9876543210fedcba9876543210", ORPHAN_AFTER - second);
    let not_ours = file_at("README", chrono::Duration::days(30));

    let removed = sweep_orphans(&app.db, &dir, now).await.unwrap();
    assert_eq!(removed, 2, "the hour-old unused record and the stray file");
    let exists = |id: &str| dir.join(id).exists();
    assert!(!exists(&hour_old) && !stray_old.exists());
    assert!(exists(&younger) && exists(&used) && stray_young.exists() && not_ours.exists());
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM uploads")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 2, "the used and the younger records stay");
    // Sweeping again finds nothing.
    assert_eq!(sweep_orphans(&app.db, &dir, now).await.unwrap(), 0);
}

/// A model's photo is written before her profile points at it, and on
/// PostgreSQL its bytes are shared too: a crash between the steps leaves a
/// photo nobody shows, swept from one hour on (with any copy left
/// half-written); her current photo and a younger one stay.
#[tokio::test]
async fn r_disp_2_photos_a_crash_left_unused_are_swept_from_one_hour_on() {
    use settle::platform::uploads::{read_photo, store_photo, sweep_orphans, ORPHAN_AFTER};
    let app = support::TestApp::new().await;
    let now = app.state.clock.now();
    let dir = app.state.config.upload_dir.clone();
    let model = support::money::person(&app.db, "photo-model", settle::domain::Role::Model).await;
    settle::sessions::store::seed_profile(&app.db, &model, "Centro", "Via Roma 1", "")
        .await
        .unwrap();
    let jpeg = b"\xff\xd8\xff\xe0 not really a jpeg, never decoded here".to_vec();
    let second = chrono::Duration::seconds(1);
    let photos = dir.join("photos");
    let aged = |name: &str, at: chrono::DateTime<chrono::Utc>| {
        let f = std::fs::File::options()
            .write(true)
            .open(photos.join(name))
            .unwrap();
        f.set_modified(std::time::SystemTime::from(at)).unwrap();
    };
    let days_ago = now - chrono::Duration::days(3);
    let current = store_photo(&app.db, &dir, &jpeg, days_ago).await.unwrap();
    settle::sessions::store::set_photo(&app.db, &model, &current)
        .await
        .unwrap();
    aged(&current, days_ago);
    // At 60:00 swept, at 59:59 kept.
    let unused = store_photo(&app.db, &dir, &jpeg, now - ORPHAN_AFTER)
        .await
        .unwrap();
    aged(&unused, now - ORPHAN_AFTER);
    let younger = store_photo(&app.db, &dir, &jpeg, now - ORPHAN_AFTER + second)
        .await
        .unwrap();
    aged(&younger, now - ORPHAN_AFTER + second);
    let part = format!("{current}.0123.part");
    std::fs::write(photos.join(&part), &jpeg).unwrap();
    aged(&part, now - ORPHAN_AFTER);

    let removed = sweep_orphans(&app.db, &dir, now).await.unwrap();
    let shared = if settle::platform::db::is_postgres(&app.db) {
        1
    } else {
        0
    };
    assert_eq!(
        removed,
        2 + shared,
        "the unused photo, the stale copy, and (PostgreSQL) its shared bytes"
    );
    assert!(!photos.join(&unused).exists() && !photos.join(&part).exists());
    assert!(photos.join(&current).exists() && photos.join(&younger).exists());
    assert!(
        read_photo(&app.db, &dir, &unused).await.is_err(),
        "gone everywhere"
    );
    assert_eq!(read_photo(&app.db, &dir, &current).await.unwrap(), jpeg);
    assert_eq!(sweep_orphans(&app.db, &dir, now).await.unwrap(), 0);
}
