#![cfg(feature = "ssr")]
//! The outbox under faults (NOTE-2): the server process is killed with
//! SIGKILL while it delivers mails to a real SMTP server on loopback, and
//! started again. Its own test binary: the server's port is one per
//! process, and the other crash test uses it at the same time.

mod support;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::Utc;
use settle::domain::Credits;
use support::process::Server;

/// NOTE-2: the server is killed with SIGKILL twice while it delivers 300
/// mails to a real SMTP server; after each restart it goes on. Every mail
/// arrives; one is sent twice at most per kill (the one whose "sent" mark
/// the kill cut off, docs/decisions.md), and never more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_note_2_kill_9_while_mails_go_out_loses_none_and_doubles_at_most_the_one_in_flight() {
    const MAILS: usize = 300;
    let (db_url, _dir) = support::fresh_database().await;
    let work = std::env::temp_dir().join(format!("settle-outbox-crash-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&work).unwrap();
    let db = settle::open_database(&db_url).await.unwrap();
    let user = support::money::person(&db, "reader", settle::domain::Role::Client).await;
    sqlx::query("UPDATE users SET email_confirmed_at = 0 WHERE id = $1")
        .bind(user.as_str())
        .execute(&db)
        .await
        .unwrap();
    let now = Utc::now();
    let mut tx = settle::platform::db::begin_write(&db).await.unwrap();
    for n in 0..MAILS {
        let notice = settle::domain::notice::Notice::new(
            settle::domain::notice::NoticeKind::CreditsBack,
            format!("crash:{n}"),
            "/client/billing",
        )
        .amount(Credits::new(n as i64 + 1));
        settle::platform::outbox::notify(&mut tx, &user, &notice, now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    db.close().await;

    let smtp = support::smtp::Smtp::start();
    let url = smtp.url();
    let env = [("SETTLE_SMTP_URL", url.as_str())];
    let mut kills = 0;
    for at in [40, 150] {
        let mut server = Server::start_with(&db_url, &work, &env).await;
        let seen = smtp.wait_for(at, Duration::from_secs(60)).len();
        assert!(seen >= at, "the worker delivers by itself: {seen} mails");
        server.kill();
        kills += 1;
    }
    let _server = Server::start_with(&db_url, &work, &env).await;
    // The mail in flight at each kill waits out its claim (30 s).
    let deadline = Instant::now() + Duration::from_secs(120);
    let unique = loop {
        let ids: HashSet<String> = smtp.mails().into_iter().map(|m| m.message_id).collect();
        if ids.len() >= MAILS || Instant::now() > deadline {
            break ids.len();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let total = smtp.mails().len();
    support::report(&format!(
        "outbox under kill -9: {MAILS} mails, {kills} kills, {unique} delivered, {} sent twice",
        total - unique
    ));
    assert_eq!(unique, MAILS, "every mail arrives");
    assert!(
        total - unique <= kills,
        "{total} sent for {unique}: more than one per kill twice"
    );
    let _ = std::fs::remove_dir_all(&work);
}
