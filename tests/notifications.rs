#![cfg(feature = "ssr")]
//! What happens by itself, and who is told (NOTE-1..3, MEET-14..16),
//! against a real database and a real SMTP server on loopback. Time is the
//! test clock; the worker runs one round at a time (`worker::run_once`).

mod support;

use chrono::{DateTime, Duration, Utc};
use settle::domain::ledger::Account;
use settle::domain::session::{AdditionKind, CancelReason, Command, Payment, Scenario};
use settle::domain::{Credits, Role, SessionId, UserId};
use settle::platform::jobs::JobKind;
use settle::sessions::store::{act, book, Booking, Extra};
use settle::worker::run_once;
use support::money::*;
use support::smtp::Smtp;
use support::TestApp;

struct World {
    app: TestApp,
    smtp: Smtp,
    client: UserId,
    model: UserId,
}

/// A client in New York who reads English and a model in Rome who reads
/// Italian, both with confirmed addresses; the clock at a fixed instant.
async fn world() -> World {
    let smtp = Smtp::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    app.state.clock.set(t0());
    let client = person(&app.db, "client", Role::Client).await;
    let model = person(&app.db, "model", Role::Model).await;
    for (id, locale, zone) in [(&client, "en", "America/New_York"), (&model, "it", "Europe/Rome")] {
        sqlx::query("UPDATE users SET locale = $1, time_zone = $2, email_confirmed_at = 0 WHERE id = $3")
            .bind(locale)
            .bind(zone)
            .bind(id.as_str())
            .execute(&app.db)
            .await
            .unwrap();
    }
    settle::sessions::store::seed_profile(&app.db, &model, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    fund(&app.db, &client, 1000).await;
    World {
        app,
        smtp,
        client,
        model,
    }
}

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-07T09:00:00Z")
        .unwrap()
        .to_utc()
}

/// A balance-paid session at her place, 60 minutes, starting at `start`.
async fn booked(w: &World, payment: Payment, start: DateTime<Utc>) -> SessionId {
    let p = settle::sessions::store::profile(&w.app.db, &w.model)
        .await
        .unwrap();
    book(
        &w.app.db,
        &w.client,
        Booking {
            model: w.model.clone(),
            scenario: Scenario::AtMyPlace,
            payment,
            start,
            venue_zone: settle::domain::time::ZoneName::default_zone(),
            tariff_id: p
                .tariffs
                .iter()
                .find(|t| t.minutes == 60)
                .unwrap_or(&p.tariffs[0])
                .id
                .clone(),
            service_ids: vec![],
            client_address: None,
        },
        &uuid::Uuid::now_v7().simple().to_string(),
        w.app.state.clock.now(),
    )
    .await
    .unwrap()
}

/// One worker round with the clock at `at`.
async fn round_at(w: &World, at: DateTime<Utc>) -> settle::worker::Round {
    w.app.state.clock.set(at);
    settle::worker::run_at(&w.app.state, at).await
}

async fn step(w: &World, id: &SessionId, who: &UserId, cmd: Command, at: DateTime<Utc>) {
    w.app.state.clock.set(at);
    act(&w.app.db, id, who, cmd, Extra::default(), at).await.unwrap();
}

/// Starts a session at its start instant (she gives the address first).
async fn start_session(w: &World, id: &SessionId, start: DateTime<Utc>) {
    step(w, id, &w.client, Command::ImHere, start).await;
    w.app.state.clock.set(start);
    act(
        &w.app.db,
        id,
        &w.model,
        Command::GiveAddress,
        Extra {
            address_details: Some("Scala B, 2nd floor".into()),
            ..Default::default()
        },
        start,
    )
    .await
    .unwrap();
    step(w, id, &w.model, Command::Start, start).await;
}

async fn notices(w: &World, who: &UserId) -> Vec<(String, String)> {
    sqlx::query_as("SELECT kind, event_key FROM notifications WHERE user_id = $1 ORDER BY created_at, id")
        .bind(who.as_str())
        .fetch_all(&w.app.db)
        .await
        .unwrap()
}

async fn kinds(w: &World, who: &UserId) -> Vec<String> {
    notices(w, who).await.into_iter().map(|n| n.0).collect()
}

async fn stage(w: &World, id: &SessionId) -> String {
    sqlx::query_scalar("SELECT stage FROM bookings WHERE id = $1")
        .bind(id.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap()
}

async fn disputes_of(w: &World, id: &SessionId) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM disputes WHERE subject_id = $1")
        .bind(id.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap()
}

fn hms(h: i64, m: i64, s: i64) -> Duration {
    Duration::hours(h) + Duration::minutes(m) + Duration::seconds(s)
}

#[tokio::test]
async fn r_note_1_and_3_a_step_reaches_the_other_party_by_mail_in_her_language_and_zone() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    step(&w, &id, &w.client, Command::OnMyWay, t0() + Duration::hours(1)).await;
    let round = run_once(&w.app.state).await;
    assert_eq!(round.sent, 1, "{round:?}");
    let mails = w.smtp.mails_to("model@example.com");
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(m.subject, "client è in viaggio");
    // 15:00 UTC on 8 Dec is 16:00 in Rome.
    assert!(m.text.contains("8 dic 2026, 16:00"), "{}", m.text);
    assert!(
        m.text.contains(&format!("/it/sessions/{id}")),
        "links to where she acts: {}",
        m.text
    );
    assert!(m.html.contains(&format!("/it/sessions/{id}")));
    for code in ["on_my_way", "NOTE-", "UTC", "{"] {
        assert!(!m.text.contains(code), "{code} in {}", m.text);
    }
    // The one who pressed is not told; the other is, in the list too.
    assert!(kinds(&w, &w.client).await.is_empty());
    assert_eq!(kinds(&w, &w.model).await, vec!["on_my_way"]);
    // The client arrives at her place: she is asked for the address.
    step(&w, &id, &w.client, Command::ImHere, start).await;
    run_once(&w.app.state).await;
    let asked: Vec<_> = w
        .smtp
        .mails_to("model@example.com")
        .into_iter()
        .filter(|m| m.subject == "client è sul posto: indica l'indirizzo completo")
        .collect();
    assert_eq!(asked.len(), 1);
}

#[tokio::test]
async fn r_note_1_reminders_at_24_00_00_and_1_00_00_before() {
    let w = world().await;
    let start = t0() + Duration::hours(48);
    let _id = booked(&w, Payment::Balance, start).await;
    round_at(&w, start - hms(24, 0, 1)).await;
    assert!(kinds(&w, &w.client).await.is_empty(), "not at 24:00:01 before");
    round_at(&w, start - Duration::hours(24)).await;
    assert_eq!(kinds(&w, &w.client).await, vec!["reminder_24h"]);
    assert_eq!(kinds(&w, &w.model).await, vec!["reminder_24h"]);
    round_at(&w, start - hms(1, 0, 1)).await;
    assert_eq!(kinds(&w, &w.client).await.len(), 1, "not at 1:00:01 before");
    round_at(&w, start - Duration::hours(1)).await;
    assert_eq!(kinds(&w, &w.client).await, vec!["reminder_24h", "reminder_1h"]);
    // The client reads it in English, in New York time (1 pm EST).
    let mails = w.smtp.mails_to("client@example.com");
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].subject, "Your session with model is in 1 hour");
    assert!(
        mails[1].text.contains("9 Dec 2026, 4:00 am EST"),
        "{}",
        mails[1].text
    );
    // Another round sends nothing twice (NOTE-2).
    round_at(&w, start - Duration::minutes(30)).await;
    assert_eq!(w.smtp.mails().len(), 4);
}

#[tokio::test]
async fn r_note_1_no_reminder_that_is_already_past_at_booking() {
    let w = world().await;
    let start = t0() + Duration::hours(3);
    booked(&w, Payment::Balance, start).await;
    round_at(&w, start - Duration::hours(1)).await;
    assert_eq!(kinds(&w, &w.client).await, vec!["reminder_1h"]);
}

#[tokio::test]
async fn r_meet_14_not_started_at_30_00_stays_open_and_at_30_01_ends_with_a_dispute() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    step(&w, &id, &w.client, Command::ImHere, start + Duration::minutes(10)).await;
    round_at(&w, start + Duration::minutes(30)).await;
    assert_eq!(
        stage(&w, &id).await,
        "Meeting",
        "the window's last instant still allows a start"
    );
    round_at(&w, start + hms(0, 30, 1)).await;
    assert_eq!(stage(&w, &id).await, "NotStarted");
    assert_eq!(
        disputes_of(&w, &id).await,
        1,
        "a secure transaction goes to a dispute"
    );
    assert_eq!(
        balance(&w.app.db, Account::Escrow(id.to_string())).await,
        300,
        "the credits stay held for support"
    );
    for (who, other) in [(&w.client, "model"), (&w.model, "client")] {
        let k = kinds(&w, who).await;
        assert!(k.contains(&"session_not_started".to_string()), "{k:?}");
        assert!(k.contains(&"dispute_opened".to_string()), "{k:?}");
        // Each is told about the session with the other.
        let params: String = sqlx::query_scalar(
            "SELECT params FROM notifications WHERE user_id = $1 AND kind = 'session_not_started'",
        )
        .bind(who.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap();
        assert!(params.contains(&format!("\"name\":\"{other}\"")), "{params}");
    }
    // The presses are the evidence: the timeline has them, then Settle's step.
    let tl = settle::sessions::store::timeline(&w.app.db, &id).await.unwrap();
    let last = tl.last().unwrap();
    assert_eq!((last.actor, last.kind.as_str()), (None, "not_started"));
    // Nothing more happens on later rounds.
    round_at(&w, start + Duration::hours(3)).await;
    assert_eq!(disputes_of(&w, &id).await, 1);
}

#[tokio::test]
async fn r_meet_14_a_direct_payment_session_ends_unstarted_without_a_dispute() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Direct, start).await;
    round_at(&w, start + hms(0, 30, 1)).await;
    assert_eq!(stage(&w, &id).await, "NotStarted");
    assert_eq!(disputes_of(&w, &id).await, 0);
}

#[tokio::test]
async fn r_meet_15_escrow_released_at_24_00_00_after_the_end_not_at_23_59_59() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    start_session(&w, &id, start).await;
    let end = start + Duration::minutes(60);
    step(&w, &id, &w.client, Command::Finish, end).await;
    let earnings = || balance(&w.app.db, Account::Earnings(w.model.clone()));
    assert_eq!(earnings().await, 0, "held through the complaint period");
    round_at(&w, end + hms(23, 59, 59)).await;
    assert_eq!(earnings().await, 0);
    round_at(&w, end + Duration::hours(24)).await;
    assert_eq!(earnings().await, 210, "300 less the platform's share");
    assert_eq!(balance(&w.app.db, Account::Escrow(id.to_string())).await, 0);
    assert!(kinds(&w, &w.model).await.contains(&"session_paid".to_string()));
    // Too late to report a problem now.
    let e = act(
        &w.app.db,
        &id,
        &w.client,
        Command::Complain(CancelReason::RuleViolation),
        Extra::default(),
        end + Duration::hours(24),
    )
    .await
    .unwrap_err();
    assert_eq!(e.rule, Some(settle::domain::RuleId::Meet15));
}

#[tokio::test]
async fn r_meet_15_a_dispute_opened_at_23_59_59_keeps_the_money_held() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    start_session(&w, &id, start).await;
    let end = start + Duration::minutes(60);
    step(&w, &id, &w.client, Command::Finish, end).await;
    step(
        &w,
        &id,
        &w.client,
        Command::Complain(CancelReason::RuleViolation),
        end + hms(23, 59, 59),
    )
    .await;
    assert_eq!(disputes_of(&w, &id).await, 1);
    assert!(kinds(&w, &w.model).await.contains(&"dispute_opened".to_string()));
    round_at(&w, end + Duration::hours(25)).await;
    assert_eq!(balance(&w.app.db, Account::Earnings(w.model.clone())).await, 0);
    assert_eq!(balance(&w.app.db, Account::Escrow(id.to_string())).await, 300);
    assert!(
        settle::platform::jobs::done_at(&w.app.db, JobKind::Release, id.as_str())
            .await
            .unwrap()
            .is_some()
    );
    // A second report is pointed at the open dispute.
    let e = act(
        &w.app.db,
        &id,
        &w.model,
        Command::Complain(CancelReason::Other),
        Extra::default(),
        end + Duration::hours(2),
    )
    .await
    .unwrap_err();
    assert_eq!(e.detail.as_deref(), Some("disputed"));
}

#[tokio::test]
async fn r_meet_15_a_started_session_nobody_finishes_ends_2_hours_after_its_end() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    start_session(&w, &id, start).await;
    // An extra tariff of 30 minutes moves the end (additions' minutes count).
    step(
        &w,
        &id,
        &w.client,
        Command::Propose {
            kind: AdditionKind::ExtraTariff,
            label: "30 more minutes".into(),
            minutes: 30,
            price: Credits::new(100),
        },
        start + Duration::minutes(20),
    )
    .await;
    step(
        &w,
        &id,
        &w.model,
        Command::Confirm(0),
        start + Duration::minutes(21),
    )
    .await;
    let end = start + Duration::minutes(90);
    round_at(&w, end + hms(1, 59, 59)).await;
    assert_eq!(stage(&w, &id).await, "InProgress");
    round_at(&w, end + Duration::hours(2)).await;
    assert_eq!(stage(&w, &id).await, "Completed");
    assert!(kinds(&w, &w.client)
        .await
        .contains(&"session_finished".to_string()));
    let params: String = sqlx::query_scalar(
        "SELECT params FROM notifications WHERE user_id = $1 AND kind = 'session_finished'",
    )
    .bind(w.model.as_str())
    .fetch_one(&w.app.db)
    .await
    .unwrap();
    assert!(params.contains("\"name\":\"client\""), "{params}");
    // Then the complaint period runs from that end.
    round_at(&w, end + Duration::hours(2) + hms(23, 59, 59)).await;
    assert_eq!(balance(&w.app.db, Account::Earnings(w.model.clone())).await, 0);
    round_at(&w, end + Duration::hours(26)).await;
    assert!(balance(&w.app.db, Account::Earnings(w.model.clone())).await > 0);
}

#[tokio::test]
async fn r_meet_16_a_pending_addition_lapses_at_the_end_and_changes_nothing() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    start_session(&w, &id, start).await;
    step(
        &w,
        &id,
        &w.model,
        Command::Propose {
            kind: AdditionKind::ExtraService,
            label: "Dinner".into(),
            minutes: 0,
            price: Credits::new(80),
        },
        start + Duration::minutes(10),
    )
    .await;
    assert!(kinds(&w, &w.client)
        .await
        .contains(&"addition_proposed".to_string()));
    let wallet = balance(&w.app.db, Account::Wallet(w.client.clone())).await;
    step(&w, &id, &w.client, Command::Finish, start + Duration::minutes(60)).await;
    let e = act(
        &w.app.db,
        &id,
        &w.client,
        Command::Confirm(0),
        Extra::default(),
        start + Duration::minutes(61),
    )
    .await
    .unwrap_err();
    assert_eq!(e.rule, Some(settle::domain::RuleId::Meet8));
    assert_eq!(
        balance(&w.app.db, Account::Wallet(w.client.clone())).await,
        wallet
    );
    let view = settle::sessions::store::load(&mut w.app.db.acquire().await.unwrap(), &id, &w.client)
        .await
        .unwrap()
        .0;
    assert_eq!(
        view.session.additions[0].state,
        settle::domain::session::AdditionState::Lapsed
    );
}

#[tokio::test]
async fn r_note_2_a_refusing_mail_server_gets_the_mail_later_once() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    w.smtp.refuse(true);
    step(&w, &id, &w.client, Command::OnMyWay, t0() + Duration::hours(1)).await;
    let r = round_at(&w, t0() + Duration::hours(1)).await;
    assert_eq!((r.sent, r.failed), (0, 1));
    // Not tried again before its delay (30 s after the failed try, which
    // read the clock a few milliseconds after the round began), then sent.
    w.smtp.refuse(false);
    let r = round_at(&w, t0() + Duration::hours(1) + Duration::seconds(29)).await;
    assert_eq!(r.sent, 0);
    let r = round_at(&w, t0() + Duration::hours(1) + Duration::seconds(31)).await;
    assert_eq!(r.sent, 1);
    round_at(&w, t0() + Duration::hours(2)).await;
    assert_eq!(w.smtp.mails().len(), 1, "sent once");
}

#[tokio::test]
async fn r_note_2_a_mail_server_that_is_down_holds_nothing_else_up() {
    let mut w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    w.smtp.stop();
    step(&w, &id, &w.client, Command::OnMyWay, t0() + Duration::hours(1)).await;
    let r = run_once(&w.app.state).await;
    assert_eq!((r.sent, r.failed), (0, 1));
    // The product goes on: the next step is taken and noticed in the app.
    step(&w, &id, &w.client, Command::ImHere, start).await;
    assert_eq!(kinds(&w, &w.model).await, vec!["on_my_way", "address_needed"]);
    w.smtp.resume();
    round_at(&w, start + Duration::minutes(5)).await;
    let mails = w.smtp.mails_to("model@example.com");
    assert_eq!(mails.len(), 2, "both went out once it was back");
    let ids: std::collections::BTreeSet<_> = mails.iter().map(|m| m.message_id.clone()).collect();
    assert_eq!(ids.len(), 2);
}

#[tokio::test]
async fn r_note_2_the_same_event_is_one_notice_and_one_mail() {
    let w = world().await;
    let notice = settle::domain::notice::Notice::new(
        settle::domain::notice::NoticeKind::CreditsBack,
        "call:x:refund",
        "/client/billing",
    )
    .amount(Credits::new(40));
    for _ in 0..3 {
        let mut tx = settle::platform::db::begin_write(&w.app.db).await.unwrap();
        settle::platform::outbox::notify(&mut tx, &w.client, &notice, t0())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        run_once(&w.app.state).await;
    }
    assert_eq!(kinds(&w, &w.client).await, vec!["credits_back"]);
    assert_eq!(w.smtp.mails().len(), 1);
    assert_eq!(w.smtp.mails()[0].subject, "40 credits are back in your balance");
}

#[tokio::test]
async fn r_note_2_a_notice_rolled_back_with_its_event_is_never_sent() {
    let w = world().await;
    let notice = settle::domain::notice::Notice::new(
        settle::domain::notice::NoticeKind::CreditsBack,
        "call:y:refund",
        "/client/billing",
    );
    let mut tx = settle::platform::db::begin_write(&w.app.db).await.unwrap();
    settle::platform::outbox::notify(&mut tx, &w.client, &notice, t0())
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    run_once(&w.app.state).await;
    assert!(kinds(&w, &w.client).await.is_empty());
    assert!(w.smtp.mails().is_empty());
}

#[tokio::test]
async fn r_note_1_a_person_who_turned_a_kind_off_gets_it_in_the_app_only() {
    let w = world().await;
    settle::platform::outbox::set_opt_outs(
        &w.app.db,
        &w.client,
        &[settle::domain::notice::MailTopic::Reminders],
    )
    .await
    .unwrap();
    let start = t0() + Duration::hours(48);
    booked(&w, Payment::Balance, start).await;
    round_at(&w, start - Duration::hours(24)).await;
    assert_eq!(kinds(&w, &w.client).await, vec!["reminder_24h"]);
    assert!(w.smtp.mails_to("client@example.com").is_empty());
    assert_eq!(w.smtp.mails_to("model@example.com").len(), 1);
}

/// NOTE-1: mail goes only to a confirmed address (the notice and its mail
/// are written by one statement each, the mail's conditions read in it).
#[tokio::test]
async fn r_note_1_an_unconfirmed_address_gets_the_notice_in_the_app_only() {
    let w = world().await;
    sqlx::query("UPDATE users SET email_confirmed_at = NULL WHERE id = $1")
        .bind(w.client.as_str())
        .execute(&w.app.db)
        .await
        .unwrap();
    for (who, key) in [(&w.client, "call:u:refund"), (&w.model, "call:v:refund")] {
        let notice = settle::domain::notice::Notice::new(
            settle::domain::notice::NoticeKind::CreditsBack,
            key,
            "/client/billing",
        )
        .amount(Credits::new(5));
        let mut tx = settle::platform::db::begin_write(&w.app.db).await.unwrap();
        settle::platform::outbox::notify(&mut tx, who, &notice, t0())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    run_once(&w.app.state).await;
    assert_eq!(kinds(&w, &w.client).await, vec!["credits_back"]);
    assert!(w.smtp.mails_to("client@example.com").is_empty());
    assert_eq!(w.smtp.mails_to("model@example.com").len(), 1);
}

/// MEET-14/15 with several app servers on one database: two workers
/// (two app states) run their rounds at once, many times; every job's
/// effect happens once.
#[tokio::test]
async fn r_meet_14_each_job_runs_once_with_two_app_servers() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(booked(&w, Payment::Balance, start).await);
    }
    let other = TestApp::with_service_token("x", &w.app).await;
    // Both servers, at once, five rounds each: 30 minutes before the start
    // (the reminders are due), then after the window (its end is due).
    let mut ran = 0;
    for at in [start - Duration::minutes(30), start + Duration::hours(1)] {
        w.app.state.clock.set(at);
        let (a, b) = tokio::join!(
            async {
                let mut n = 0;
                for _ in 0..5 {
                    n += run_once(&w.app.state).await.jobs;
                }
                n
            },
            async {
                let mut n = 0;
                for _ in 0..5 {
                    n += run_once(&other.state).await.jobs;
                }
                n
            }
        );
        ran += a + b;
    }
    let (a, b) = (ran, 0);
    assert!(a + b >= 9, "every due job was claimed: {a} + {b}");
    for id in &ids {
        assert_eq!(stage(&w, id).await, "NotStarted");
        assert_eq!(disputes_of(&w, id).await, 1);
    }
    let k = kinds(&w, &w.client).await;
    let count = |kind: &str| k.iter().filter(|x| x.as_str() == kind).count();
    assert_eq!(
        (
            count("reminder_24h"),
            count("reminder_1h"),
            count("session_not_started")
        ),
        (0, 3, 3),
        "the 24-hour reminder, due with the 1-hour one, is no longer true: {k:?}"
    );
    assert_eq!(w.smtp.mails_to("client@example.com").len(), k.len());
}

/// MEET-15 through the server function the page posts to: a reason outside
/// the complaint's is refused and changes nothing; a good one opens the
/// dispute, keeps the private text for support, and tells the model.
#[tokio::test]
async fn r_meet_15_report_a_problem_through_the_session_form() {
    let w = world().await;
    let start = t0() + Duration::hours(30);
    let id = booked(&w, Payment::Balance, start).await;
    start_session(&w, &id, start).await;
    let end = start + Duration::minutes(60);
    step(&w, &id, &w.client, Command::Finish, end).await;
    w.app.state.clock.set(end + Duration::hours(3));
    let cookie = support::cookie_for(&w.app.db, &w.client, w.app.state.clock.now()).await;
    let post = |body: String| {
        w.app
            .request(support::form_post("/api/sessions/act", &cookie, body))
    };
    let bad = post(format!("id={id}&command=complain&reason=client_urgent")).await;
    assert_eq!(bad.status(), 400);
    assert!(support::body_string(bad).await.contains("MEET-15"));
    assert_eq!(disputes_of(&w, &id).await, 0);
    let ok = post(format!(
        "id={id}&command=complain&reason=rule_violation&other_text=She+left+after+twenty+minutes"
    ))
    .await;
    assert!(ok.status().is_success(), "{}", ok.status());
    assert_eq!(disputes_of(&w, &id).await, 1);
    let note: Option<String> = sqlx::query_scalar("SELECT private_note FROM disputes WHERE subject_id = $1")
        .bind(id.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(note.as_deref(), Some("She left after twenty minutes"));
    assert!(kinds(&w, &w.model).await.contains(&"dispute_opened".to_string()));
    assert!(!kinds(&w, &w.client).await.contains(&"dispute_opened".to_string()));
}

/// No mail server configured (the embedded default): mails stay in the
/// outbox, and the test-mode page shows them in the reader's words.
#[tokio::test]
async fn r_note_2_without_a_mail_server_mails_wait_in_the_outbox_page() {
    let app = TestApp::with_test_mode().await;
    let client = person(&app.db, "reader", Role::Client).await;
    sqlx::query("UPDATE users SET locale = 'it', email_confirmed_at = 0 WHERE id = $1")
        .bind(client.as_str())
        .execute(&app.db)
        .await
        .unwrap();
    let notice = settle::domain::notice::Notice::new(
        settle::domain::notice::NoticeKind::CreditsBack,
        "call:z:refund",
        "/client/billing",
    )
    .amount(Credits::new(25));
    let mut tx = settle::platform::db::begin_write(&app.db).await.unwrap();
    settle::platform::outbox::notify(&mut tx, &client, &notice, t0())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let round = run_once(&app.state).await;
    assert_eq!(
        (round.sent, round.failed),
        (0, 0),
        "nothing is tried without a server"
    );
    let res = app
        .request(
            axum::http::Request::get("/__test/outbox")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), 200);
    let list: serde_json::Value = serde_json::from_str(&support::body_string(res).await).unwrap();
    assert_eq!(list[0]["address"], "reader@example.com");
    assert_eq!(list[0]["subject"], "25 crediti sono tornati nel tuo saldo");
    assert!(list[0]["text"].as_str().unwrap().contains("/it/client/billing"));
    // Not in production: the page exists in test mode only.
    let prod = TestApp::new().await;
    let res = prod
        .request(
            axum::http::Request::get("/__test/outbox")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_ne!(res.status(), 200);
}

/// Sessions booked before the jobs existed: those whose window is still
/// open get its end; one whose window closed long ago is left alone; a
/// second start adds nothing.
#[tokio::test]
async fn r_meet_14_sessions_booked_before_the_jobs_get_theirs_at_start() {
    let w = world().await;
    let soon = booked(&w, Payment::Balance, t0() + Duration::hours(30)).await;
    let past = booked(&w, Payment::Balance, t0() + Duration::hours(2)).await;
    sqlx::query("DELETE FROM jobs").execute(&w.app.db).await.unwrap();
    let now = t0() + Duration::hours(3);
    let added = settle::sessions::store::schedule_missing_jobs(&w.app.db, now)
        .await
        .unwrap();
    assert_eq!(added, 1);
    assert_eq!(
        settle::sessions::store::schedule_missing_jobs(&w.app.db, now)
            .await
            .unwrap(),
        0
    );
    round_at(&w, t0() + Duration::hours(31)).await;
    assert_eq!(stage(&w, &soon).await, "NotStarted");
    assert_eq!(stage(&w, &past).await, "BeforeMeeting");
}

/// NOTE-1: a chat message for someone away is one notice per chat until
/// they read the chat; then the next message tells them again.
#[tokio::test]
async fn r_note_1_chat_messages_tell_once_until_the_chat_is_read() {
    let w = world().await;
    booked(&w, Payment::Balance, t0() + Duration::hours(30)).await;
    let now = w.app.state.clock.now();
    let client = support::cookie_for(&w.app.db, &w.client, now).await;
    let model = support::cookie_for(&w.app.db, &w.model, now).await;
    let send = |body: &str| {
        let form = format!("with={}&body={body}", w.model);
        w.app.request(support::form_post("/api/chat/send", &client, form))
    };
    let chat_notices = || async {
        kinds(&w, &w.model)
            .await
            .into_iter()
            .filter(|k| k == "chat_message")
            .count()
    };
    assert!(send("Hello").await.status().is_success());
    assert!(send("Are+you+there%3F").await.status().is_success());
    assert_eq!(chat_notices().await, 1, "one notice while the first is unread");
    let open = w
        .app
        .request(support::form_post(
            "/api/chat/conversation",
            &model,
            format!("with={}", w.client),
        ))
        .await;
    assert!(open.status().is_success());
    assert_eq!(
        settle::platform::outbox::unread_count(&w.app.db, &w.model)
            .await
            .unwrap(),
        0
    );
    assert!(send("See+you+at+eight").await.status().is_success());
    assert_eq!(chat_notices().await, 2, "read: the next message tells again");
}
