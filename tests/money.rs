#![cfg(feature = "ssr")]
//! The ledger, call refunds and the back office against a real database
//! (SQLite, or PostgreSQL with SETTLE_TEST_DATABASE_URL). Named after the
//! rules they check.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Duration;
use settle::calls::store::refund_call;
use settle::domain::ledger::{Account, Processor};
use settle::domain::{Credits, ErrorCode, Reason, Role, RuleId, TxnId};
use settle::platform::ledger::IdempotencyKey;
use settle::support::store as bo;
use support::money::*;
use support::TestApp;

fn key(name: &str) -> IdempotencyKey {
    IdempotencyKey::from_form(
        "test",
        &format!("{name}-{}", uuid::Uuid::now_v7().simple())[..40.min(name.len() + 33)],
    )
    .unwrap()
}

fn fresh_key() -> IdempotencyKey {
    IdempotencyKey::from_form("test", &uuid::Uuid::now_v7().simple().to_string()).unwrap()
}

async fn charge_txn(app: &TestApp, call: &settle::domain::CallId) -> TxnId {
    let (t,): (String,) = sqlx::query_as("SELECT charge_txn FROM calls WHERE id = $1")
        .bind(call.as_str())
        .fetch_one(&app.db)
        .await
        .unwrap();
    TxnId::from_db(t)
}

struct World {
    app: TestApp,
    client: settle::domain::UserId,
    model: settle::domain::UserId,
    other_model: settle::domain::UserId,
    support: settle::domain::UserId,
}

async fn world() -> World {
    let app = TestApp::new().await;
    let client = person(&app.db, "client", Role::Client).await;
    let model = person(&app.db, "model", Role::Model).await;
    let other_model = person(&app.db, "other", Role::Model).await;
    let support = person(&app.db, "support", Role::Support).await;
    fund(&app.db, &client, 1000).await;
    World {
        app,
        client,
        model,
        other_model,
        support,
    }
}

#[tokio::test]
async fn r_call_1_recording_a_call_charges_the_client_and_pays_the_model_once() {
    let w = world().await;
    let now = w.app.state.clock.now();
    // 4 minutes 1 second at 30 credits: 5 started minutes, 150 credits.
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(1), 241, 30).await;
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 850);
    assert_eq!(balance(&w.app.db, Account::Earnings(w.model.clone())).await, 105);
    assert_eq!(balance(&w.app.db, Account::PlatformRevenue).await, 45);
    let (ext,): (String,) = sqlx::query_as("SELECT external_id FROM calls WHERE id = $1")
        .bind(call.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap();

    // The call system retries: the same call is not charged twice.
    let again = settle::calls::store::record_call(
        &w.app.db,
        settle::calls::store::FinishedCall {
            external_id: ext,
            client_id: w.client.to_string(),
            model_id: w.model.to_string(),
            kind: "video".into(),
            price_per_minute: 30,
            started_at: now - Duration::minutes(1) - Duration::seconds(241),
            ended_at: now - Duration::minutes(1),
            events: vec![],
        },
        now,
    )
    .await
    .unwrap();
    assert!(!again.first_time);
    assert_eq!(again.call_id, call);
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 850);
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_call_1_a_call_beyond_the_balance_is_refused_and_changes_nothing() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let res = settle::calls::store::record_call(
        &w.app.db,
        settle::calls::store::FinishedCall {
            external_id: "too-long".into(),
            client_id: w.client.to_string(),
            model_id: w.model.to_string(),
            kind: "phone".into(),
            price_per_minute: 101,
            started_at: now - Duration::minutes(11),
            ended_at: now - Duration::minutes(1),
            events: vec![],
        },
        now,
    )
    .await;
    let err = res.unwrap_err();
    assert_eq!(
        (err.code, err.rule),
        (ErrorCode::InsufficientCredits, Some(RuleId::Call1))
    );
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 1000);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM calls")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(n, 0);
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_ref_1_the_model_refunds_her_own_call_in_full_and_nobody_else_can() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 120, 30).await;
    let err = refund_call(&w.app.db, &call, &w.other_model, now)
        .await
        .unwrap_err();
    assert_eq!((err.code, err.rule), (ErrorCode::NotAllowed, Some(RuleId::Ref1)));
    let err = refund_call(&w.app.db, &call, &w.client, now).await.unwrap_err();
    assert_eq!(err.rule, Some(RuleId::Ref1));

    let out = refund_call(&w.app.db, &call, &w.model, now).await.unwrap();
    assert_eq!((out.amount, out.first_time), (Credits::new(60), true));
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 1000);
    assert_eq!(balance(&w.app.db, Account::Earnings(w.model.clone())).await, 0);
    assert_eq!(balance(&w.app.db, Account::PlatformRevenue).await, 0);
    invariants(&w.app.db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r_ref_2_fifty_simultaneous_refunds_of_one_call_leave_exactly_one() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 300, 20).await;
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (db, call, model) = (w.app.db.clone(), call.clone(), w.model.clone());
        tasks.push(tokio::spawn(
            async move { refund_call(&db, &call, &model, now).await },
        ));
    }
    let mut firsts = 0;
    for t in tasks {
        let out = t
            .await
            .unwrap()
            .expect("every retry gets an answer, not an error");
        assert_eq!(out.amount, Credits::new(100));
        firsts += usize::from(out.first_time);
    }
    assert_eq!(firsts, 1, "exactly one refund was written");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ledger_txns WHERE kind = 'call_refund'")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 1000);
    invariants(&w.app.db).await;
}

/// On SQLite the usual refund runs on the writer's own connection
/// (`platform::lite`) and simultaneous refunds share commits; every one is
/// answered once, written once and balanced.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r_ref_2_simultaneous_refunds_of_many_calls_are_each_written_once_on_the_writers_connection() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let mut calls = Vec::new();
    for _ in 0..40 {
        calls.push(call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 60, 10).await);
    }
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 600);
    let tasks: Vec<_> = calls
        .iter()
        .map(|call| {
            let (db, call, model) = (w.app.db.clone(), call.clone(), w.model.clone());
            tokio::spawn(async move { refund_call(&db, &call, &model, now).await })
        })
        .collect();
    for t in tasks {
        let out = t.await.unwrap().expect("every refund is answered");
        assert_eq!((out.amount, out.first_time), (Credits::new(10), true));
    }
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 1000);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM calls WHERE refund_txn IS NOT NULL")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(n, 40);
    let (commits, kept) = settle::platform::lite::counts(&w.app.db);
    if settle::platform::db::is_postgres(&w.app.db) {
        assert_eq!((commits, kept), (0, 0), "PostgreSQL has no writer connection");
    } else {
        assert_eq!(kept, 40, "every refund took the writer's connection");
        support::report(&format!(
            "writer connection: 40 simultaneous refunds in {commits} commits"
        ));
    }
    invariants(&w.app.db).await;
}

/// The two people's first conversation is not the usual case: that refund
/// goes the careful way (through sqlx), which opens the conversation; the
/// next refund of the pair is usual again. Both answer the same way.
#[tokio::test]
async fn r_ref_5_a_refund_with_no_conversation_yet_opens_one_and_tells_the_client() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let first = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 60, 10).await;
    let second = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 60, 10).await;
    for sql in [
        "DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE model_id = $1)",
        "DELETE FROM conversations WHERE model_id = $1",
    ] {
        sqlx::query(sql)
            .bind(w.model.as_str())
            .execute(&w.app.db)
            .await
            .unwrap();
    }
    let out = refund_call(&w.app.db, &first, &w.model, now).await.unwrap();
    assert_eq!((out.amount, out.first_time), (Credits::new(10), true));
    let usual_before = settle::platform::lite::counts(&w.app.db).1;
    let out = refund_call(&w.app.db, &second, &w.model, now).await.unwrap();
    assert_eq!((out.amount, out.first_time), (Credits::new(10), true));
    if !settle::platform::db::is_postgres(&w.app.db) {
        assert_eq!(usual_before, 0, "the first went the careful way");
        assert_eq!(
            settle::platform::lite::counts(&w.app.db).1,
            1,
            "the second was usual"
        );
    }
    let (bubbles,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id \
         WHERE c.model_id = $1 AND m.kind = 'system'",
    )
    .bind(w.model.as_str())
    .fetch_one(&w.app.db)
    .await
    .unwrap();
    assert_eq!(bubbles, 2, "one chat bubble per refund, in one conversation");
    let (notices,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1")
        .bind(w.client.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(notices, 2);
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 1000);
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_ref_3_refund_at_59_59_passes_and_at_60_00_is_refused() {
    let w = world().await;
    let clock = &w.app.state.clock;
    let now = clock.now();
    let early = call(&w.app.db, &w.client, &w.model, now, Duration::zero(), 60, 10).await;
    let late = call(&w.app.db, &w.client, &w.model, now, Duration::zero(), 60, 10).await;
    let (ended,): (i64,) = sqlx::query_as("SELECT ended_at FROM calls WHERE id = $1")
        .bind(early.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    let ended = settle::platform::db::from_ms(ended);

    let at_59_59 = ended + Duration::minutes(59) + Duration::seconds(59);
    assert!(refund_call(&w.app.db, &early, &w.model, at_59_59).await.is_ok());
    let at_60_00 = ended + Duration::minutes(60);
    let err = refund_call(&w.app.db, &late, &w.model, at_60_00)
        .await
        .unwrap_err();
    assert_eq!(err.rule, Some(RuleId::Ref3));
    // Refused means unchanged: the late call's charge stays with the model.
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 990);
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_txn_2_partial_refunds_follow_each_other_up_to_the_cap() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::hours(3), 240, 30).await;
    let txn = charge_txn(&w.app, &call).await;
    let reason = Reason::parse("connection dropped").unwrap();
    let first = fresh_key();
    bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(50),
        reason.clone(),
        &first,
        now,
    )
    .await
    .unwrap();
    // A double click with the same key answers the same and changes nothing.
    let again = bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(50),
        reason.clone(),
        &first,
        now,
    )
    .await
    .unwrap();
    assert!(!again.first_time);
    assert_eq!(
        balance(&w.app.db, Account::Wallet(w.client.clone())).await,
        880 + 50
    );
    let over = bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(71),
        reason.clone(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(
        (over.rule, over.detail.as_deref()),
        (Some(RuleId::Txn2), Some("70"))
    );
    bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(70),
        reason.clone(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 1000);
    let done = bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(1),
        reason,
        &fresh_key(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(done.rule, Some(RuleId::Txn2));
    invariants(&w.app.db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn r_txn_2_fifty_parallel_partial_refunds_never_exceed_the_charge() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::hours(3), 240, 30).await;
    let txn = charge_txn(&w.app, &call).await;
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (db, s, c, t) = (w.app.db.clone(), w.support.clone(), w.client.clone(), txn.clone());
        tasks.push(tokio::spawn(async move {
            bo::support_refund(
                &db,
                &s,
                &c,
                &t,
                Credits::new(10),
                Reason::parse("split").unwrap(),
                &fresh_key(),
                now,
            )
            .await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => assert_eq!(e.rule, Some(RuleId::Txn2), "{e:?}"),
        }
    }
    assert_eq!(ok, 12, "120 credits charged, 10 each");
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 1000);
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_txn_3_a_refund_is_a_new_entry_naming_the_original_and_credits_the_balance() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::hours(3), 60, 40).await;
    let txn = charge_txn(&w.app, &call).await;
    let r = bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(15),
        Reason::parse("goodwill").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    let lines = bo::transactions(&w.app.db, &w.client, &bo::TxnFilter::default())
        .await
        .unwrap();
    let refund = lines.iter().find(|l| l.id == r.txn).unwrap();
    assert_eq!(refund.refers_to.as_ref(), Some(&txn));
    assert_eq!(refund.balance_effect, Credits::new(15));
    assert_eq!(refund.actor_name.as_deref(), Some("support"));
    let original = lines.iter().find(|l| l.id == txn).unwrap();
    assert_eq!(original.refundable, Some(Credits::new(25)));
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_txn_4_deleting_a_wrong_refund_restores_the_balance_and_keeps_the_trail() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::hours(3), 240, 30).await;
    let txn = charge_txn(&w.app, &call).await;
    let before = balance(&w.app.db, Account::Wallet(w.client.clone())).await;
    let refund = bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(80),
        Reason::parse("oops").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    let del_key = fresh_key();
    bo::delete_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &refund.txn,
        Reason::parse("wrong customer").unwrap(),
        &del_key,
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        balance(&w.app.db, Account::Wallet(w.client.clone())).await,
        before
    );
    // Retried: same answer. Deleting again with a new key: refused by rule.
    assert!(
        !bo::delete_refund(
            &w.app.db,
            &w.support,
            &w.client,
            &refund.txn,
            Reason::parse("again").unwrap(),
            &del_key,
            now
        )
        .await
        .unwrap()
        .first_time
    );
    let again = bo::delete_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &refund.txn,
        Reason::parse("again").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(again.rule, Some(RuleId::Txn4));

    let lines = bo::transactions(&w.app.db, &w.client, &bo::TxnFilter::default())
        .await
        .unwrap();
    let entry = lines
        .iter()
        .find(|l| l.id == refund.txn)
        .expect("the refund entry is kept");
    let d = entry.deleted.as_ref().expect("and marked deleted");
    assert_eq!(
        (d.by_name.as_str(), d.reason.as_str()),
        ("support", "wrong customer")
    );
    assert!(lines
        .iter()
        .any(|l| l.kind == settle::domain::ledger::TxnKind::RefundDeletion
            && l.refers_to.as_ref() == Some(&refund.txn)));
    assert_eq!(
        lines.iter().find(|l| l.id == txn).unwrap().refundable,
        Some(Credits::new(120))
    );
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_txn_4_a_model_refund_is_final_and_cannot_be_deleted() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(2), 60, 30).await;
    refund_call(&w.app.db, &call, &w.model, now).await.unwrap();
    let (rt,): (String,) = sqlx::query_as("SELECT refund_txn FROM calls WHERE id = $1")
        .bind(call.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    let err = bo::delete_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &TxnId::from_db(rt),
        Reason::parse("try").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(err.rule, Some(RuleId::Txn4));
}

#[tokio::test]
async fn r_txn_5_a_full_withdrawal_leaves_exactly_zero_and_never_goes_below() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let below = bo::correct_balance(
        &w.app.db,
        &w.support,
        &w.client,
        Credits::new(-1001),
        Some(Processor::Epoch),
        Reason::parse("withdrawal").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(below.rule, Some(RuleId::Txn5));
    let no_processor = bo::correct_balance(
        &w.app.db,
        &w.support,
        &w.client,
        Credits::new(-10),
        None,
        Reason::parse("withdrawal").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(no_processor.rule, Some(RuleId::Txn6));
    bo::correct_balance(
        &w.app.db,
        &w.support,
        &w.client,
        Credits::new(-1000),
        Some(Processor::Epoch),
        Reason::parse("withdrawal").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 0);
    bo::correct_balance(
        &w.app.db,
        &w.support,
        &w.client,
        Credits::new(25),
        None,
        Reason::parse("goodwill").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(balance(&w.app.db, Account::Wallet(w.client.clone())).await, 25);
    let lines = bo::transactions(
        &w.app.db,
        &w.client,
        &bo::TxnFilter {
            kind: Some(settle::domain::ledger::TxnKind::Correction),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(lines.len(), 2, "corrections show in Transactions");
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_txn_6_a_withdrawal_is_paid_out_through_its_processor_with_a_reference() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let c = bo::correct_balance(
        &w.app.db,
        &w.support,
        &w.client,
        Credits::new(-400),
        Some(Processor::SegPay),
        Reason::parse("withdrawal").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(balance(&w.app.db, Account::PayoutsPending).await, 400);
    assert!(
        bo::record_payout(&w.app.db, &w.support, &w.client, &c.txn, "  ", now)
            .await
            .is_err()
    );
    bo::record_payout(&w.app.db, &w.support, &w.client, &c.txn, "SP-778812", now)
        .await
        .unwrap();
    // A second click is harmless.
    bo::record_payout(&w.app.db, &w.support, &w.client, &c.txn, "SP-778812", now)
        .await
        .unwrap();
    assert_eq!(balance(&w.app.db, Account::PayoutsPending).await, 0);
    assert_eq!(balance(&w.app.db, Account::World(Processor::SegPay)).await, 400);
    let lines = bo::transactions(&w.app.db, &w.client, &bo::TxnFilter::default())
        .await
        .unwrap();
    let corr = lines.iter().find(|l| l.id == c.txn).unwrap();
    assert_eq!(
        corr.payout.as_ref().map(|p| p.reference.as_str()),
        Some("SP-778812")
    );
    assert_eq!(corr.processor, Some(Processor::SegPay));
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_txn_1_transactions_filter_by_kind_date_and_text() {
    let w = world().await;
    let now = w.app.state.clock.now();
    call(&w.app.db, &w.client, &w.model, now, Duration::hours(1), 60, 10).await;
    let all = bo::transactions(&w.app.db, &w.client, &bo::TxnFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    let calls = bo::transactions(
        &w.app.db,
        &w.client,
        &bo::TxnFilter {
            kind: Some(settle::domain::ledger::TxnKind::CallCharge),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(calls.len(), 1);
    let found = bo::transactions(
        &w.app.db,
        &w.client,
        &bo::TxnFilter {
            search: "EPOCH".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(found.len(), 1, "search is case-insensitive");
    let future = bo::transactions(
        &w.app.db,
        &w.client,
        &bo::TxnFilter {
            from: Some(now + Duration::days(1)),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(future.is_empty());
    let hostile = bo::transactions(
        &w.app.db,
        &w.client,
        &bo::TxnFilter {
            search: "%' OR 1=1 --".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(hostile.is_empty());
    let found = bo::customers(&w.app.db, "CLIENT@").await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].balance, Credits::new(990));
}

#[tokio::test]
async fn r_ref_6_support_reviews_a_call_and_grants_part_or_declines() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let c1 = call(&w.app.db, &w.client, &w.model, now, Duration::hours(2), 300, 20).await;
    let c2 = call(&w.app.db, &w.client, &w.model, now, Duration::hours(2), 60, 20).await;
    // Only the call's own client may ask.
    assert!(settle::calls::reviews::request_review(
        &w.app.db,
        &w.model,
        &c1,
        Reason::parse("nope").unwrap(),
        now
    )
    .await
    .is_err());
    let r1 = settle::calls::reviews::request_review(
        &w.app.db,
        &w.client,
        &c1,
        Reason::parse("video froze").unwrap(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        settle::calls::reviews::request_review(
            &w.app.db,
            &w.client,
            &c1,
            Reason::parse("again").unwrap(),
            now
        )
        .await
        .unwrap(),
        r1,
        "one request per call"
    );
    let r2 = settle::calls::reviews::request_review(
        &w.app.db,
        &w.client,
        &c2,
        Reason::parse("bad audio").unwrap(),
        now,
    )
    .await
    .unwrap();
    let before = balance(&w.app.db, Account::Wallet(w.client.clone())).await;
    settle::calls::reviews::decide_request(
        &w.app.db,
        &w.support,
        &r1,
        Some(Credits::new(40)),
        Reason::parse("partial: froze at 3 min").unwrap(),
        now,
    )
    .await
    .unwrap();
    settle::calls::reviews::decide_request(
        &w.app.db,
        &w.support,
        &r2,
        None,
        Reason::parse("the log shows a clean call").unwrap(),
        now,
    )
    .await
    .unwrap();
    // Deciding twice changes nothing.
    settle::calls::reviews::decide_request(
        &w.app.db,
        &w.support,
        &r1,
        Some(Credits::new(40)),
        Reason::parse("again").unwrap(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        balance(&w.app.db, Account::Wallet(w.client.clone())).await,
        before + 40
    );
    let mine = settle::calls::reviews::requests(&w.app.db, None, None, Some(&w.client))
        .await
        .unwrap();
    let declined = mine.iter().find(|r| r.id == r2).unwrap();
    assert_eq!(
        declined.decision_note.as_deref(),
        Some("the log shows a clean call")
    );
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_disp_1_a_call_review_is_a_dispute_and_its_decision_refunds_the_call() {
    use settle::disputes::store as d;
    let w = world().await;
    let now = w.app.state.clock.now();
    let c1 = call(&w.app.db, &w.client, &w.model, now, Duration::hours(2), 300, 20).await;
    let c2 = call(&w.app.db, &w.client, &w.model, now, Duration::hours(2), 60, 20).await;
    let r1 = settle::calls::reviews::request_review(
        &w.app.db,
        &w.client,
        &c1,
        Reason::parse("video froze").unwrap(),
        now,
    )
    .await
    .unwrap();
    let dispute = d::for_subject(&w.app.db, d::Subject::Call, r1.as_str())
        .await
        .unwrap()
        .expect("the review opened a dispute");
    assert_eq!(
        dispute.held,
        Credits::new(100),
        "the whole charge (5 min × 20) is at stake"
    );
    // The model is a member: she can give her side.
    d::post(
        &w.app.db,
        &dispute.id,
        &w.model,
        Role::Model,
        "The client hung up",
        false,
        now,
    )
    .await
    .unwrap();
    let over = d::decide(
        &w.app.db,
        &dispute.id,
        &w.support,
        &settle::disputes::store::Verdict {
            refund: Credits::new(101),
            client_sanction: None,
            model_sanction: None,
            reason: Reason::parse("all of it").unwrap(),
        },
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(
        (over.rule, over.detail.as_deref()),
        (Some(RuleId::Disp3), Some("100"))
    );
    let before = balance(&w.app.db, Account::Wallet(w.client.clone())).await;
    d::decide(
        &w.app.db,
        &dispute.id,
        &w.support,
        &settle::disputes::store::Verdict {
            refund: Credits::new(40),
            client_sanction: None,
            model_sanction: None,
            reason: Reason::parse("The log shows two drops").unwrap(),
        },
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        balance(&w.app.db, Account::Wallet(w.client.clone())).await,
        before + 40
    );
    let view = settle::calls::reviews::requests(&w.app.db, None, Some(&r1), None)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(view.status, settle::calls::reviews::RequestStatus::Granted);
    assert_eq!(view.refundable, Credits::new(60));
    // The review page's form cannot decide it again.
    settle::calls::reviews::decide_request(
        &w.app.db,
        &w.support,
        &r1,
        Some(Credits::new(50)),
        Reason::parse("again").unwrap(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        balance(&w.app.db, Account::Wallet(w.client.clone())).await,
        before + 40
    );
    // Deciding on the review page closes the other call's dispute too.
    let r2 = settle::calls::reviews::request_review(
        &w.app.db,
        &w.client,
        &c2,
        Reason::parse("bad audio").unwrap(),
        now,
    )
    .await
    .unwrap();
    settle::calls::reviews::decide_request(
        &w.app.db,
        &w.support,
        &r2,
        None,
        Reason::parse("A clean call").unwrap(),
        now,
    )
    .await
    .unwrap();
    let closed = d::for_subject(&w.app.db, d::Subject::Call, r2.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed.state, settle::domain::dispute::DisputeState::Decided);
    let e = d::post(&w.app.db, &closed.id, &w.client, Role::Client, "but", false, now)
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Disp3));
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_call_1_the_service_endpoint_needs_its_token_and_answers_idempotently() {
    let w = world().await;
    let app = TestApp::with_service_token("svc-secret", &w.app).await;
    let now = app.state.clock.now();
    let body = serde_json::json!({
        "external_id": "ext-1", "client_id": w.client.to_string(), "model_id": w.model.to_string(),
        "kind": "phone", "price_per_minute": 10,
        "started_at": (now - Duration::minutes(3)).to_rfc3339(), "ended_at": (now - Duration::minutes(1)).to_rfc3339(),
        "events": [{"at": (now - Duration::minutes(3)).to_rfc3339(), "kind": "connected", "detail": "ok"}]
    })
    .to_string();
    let post = |token: &str, body: String| {
        Request::post("/service/v1/calls")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(body))
            .unwrap()
    };
    assert_eq!(
        app.request(post("wrong", body.clone())).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.request(post("svc-secret", body.clone())).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.request(post("svc-secret", body.clone())).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.request(post("svc-secret", "{not json".into())).await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(balance(&app.db, Account::Wallet(w.client.clone())).await, 980);
    let _ = key("unused");
}

#[tokio::test]
async fn r_call_2_either_side_rates_the_call_and_nobody_else() {
    use settle::calls::store::{calls_of, rate_call};
    use settle::domain::call::Thumb;
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(3), 60, 10).await;
    rate_call(
        &w.app.db,
        &call,
        &w.model,
        Role::Model,
        Thumb::Down,
        Some("bad line".into()),
        now,
    )
    .await
    .unwrap();
    rate_call(&w.app.db, &call, &w.client, Role::Client, Thumb::Up, None, now)
        .await
        .unwrap();
    let err = rate_call(
        &w.app.db,
        &call,
        &w.other_model,
        Role::Model,
        Thumb::Up,
        None,
        now,
    )
    .await
    .unwrap_err();
    assert_eq!((err.code, err.rule), (ErrorCode::NotFound, Some(RuleId::Call2)));
    assert!(
        rate_call(&w.app.db, &call, &w.support, Role::Support, Thumb::Up, None, now)
            .await
            .is_err()
    );
    let model_view = calls_of(&w.app.db, &w.model, Role::Model, None).await.unwrap();
    assert_eq!(model_view[0].my_thumb, Some(Thumb::Down));
    let client_view = calls_of(&w.app.db, &w.client, Role::Client, None).await.unwrap();
    assert_eq!(client_view[0].my_thumb, Some(Thumb::Up));
}

mod ratings {
    use super::*;
    use settle::domain::rating::{Ground, Stars};
    use settle::ratings::store as r;

    #[tokio::test]
    async fn r_rate_1_and_2_one_rating_per_pair_per_day_within_24_hours() {
        let w = world().await;
        let now = w.app.state.clock.now();
        let c1 = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 120, 5).await;
        let c2 = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(1), 60, 5).await;
        r::rate(
            &w.app.db,
            &c1,
            &w.client,
            Stars::parse("4").unwrap(),
            Some("lovely".into()),
            now,
        )
        .await
        .unwrap();
        let e = r::rate(&w.app.db, &c2, &w.client, Stars::parse("5").unwrap(), None, now)
            .await
            .unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Rate2));
        // The model rates the client too (RATE-1 both ways).
        r::rate(&w.app.db, &c1, &w.model, Stars::parse("5").unwrap(), None, now)
            .await
            .unwrap();
        let late = r::rate(
            &w.app.db,
            &c2,
            &w.model,
            Stars::parse("5").unwrap(),
            None,
            now + Duration::hours(25),
        )
        .await
        .unwrap_err();
        assert_eq!(late.rule, Some(RuleId::Rate1));
        // A stranger cannot rate someone else's call.
        assert!(r::rate(
            &w.app.db,
            &c1,
            &w.other_model,
            Stars::parse("1").unwrap(),
            None,
            now
        )
        .await
        .is_err());
    }

    #[tokio::test]
    async fn r_rate_3_and_4_change_within_48_hours_then_only_remove() {
        let w = world().await;
        let now = w.app.state.clock.now();
        let c = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 120, 5).await;
        let id = r::rate(&w.app.db, &c, &w.client, Stars::parse("2").unwrap(), None, now)
            .await
            .unwrap();
        r::rate(
            &w.app.db,
            &c,
            &w.client,
            Stars::parse("4").unwrap(),
            Some("better".into()),
            now + Duration::hours(47),
        )
        .await
        .unwrap();
        let e = r::rate(
            &w.app.db,
            &c,
            &w.client,
            Stars::parse("5").unwrap(),
            None,
            now + Duration::hours(48),
        )
        .await
        .unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Rate4));
        assert!(
            r::remove_own(&w.app.db, &id, &w.model, now).await.is_err(),
            "only its author"
        );
        r::remove_own(&w.app.db, &id, &w.client, now + Duration::days(30))
            .await
            .unwrap();
        assert_eq!(
            settle::sessions::store::rating_summary(&w.app.db, &w.model)
                .await
                .unwrap(),
            None,
            "removed ratings do not count"
        );
    }

    #[tokio::test]
    async fn r_rate_5_a_screenshot_is_evidence_and_reaches_support() {
        use settle::domain::upload::FileKind;
        use settle::platform::uploads::{self, Purpose};
        let w = world().await;
        let now = w.app.state.clock.now();
        // A bad rating of a short call, asked about between 48 and 72 hours.
        let c = call(&w.app.db, &w.client, &w.model, now, Duration::zero(), 40, 5).await;
        let id = r::rate(&w.app.db, &c, &w.client, Stars::parse("1").unwrap(), None, now)
            .await
            .unwrap();
        let dir = w.app.state.config.upload_dir.clone();
        let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
        let shot = uploads::store(
            &w.app.db,
            &dir,
            &w.model,
            Purpose::Evidence,
            &png,
            &FileKind::IMAGES,
            now,
        )
        .await
        .unwrap();
        r::request_removal_with(
            &w.app.db,
            &id,
            &w.model,
            Ground::ShortCall,
            None,
            Some(&shot),
            now + Duration::hours(50),
        )
        .await
        .unwrap();
        let queue = r::queue(&w.app.db, "open").await.unwrap();
        assert_eq!(queue[0].screenshot.as_deref(), Some(shot.as_str()));
        assert_eq!(queue[0].evidence, None);
    }

    #[tokio::test]
    async fn r_rate_5_and_6_requests_flags_and_support_removal() {
        let w = world().await;
        let support = w.support.clone();
        let now = w.app.state.clock.now();
        let c = call(&w.app.db, &w.client, &w.model, now, Duration::zero(), 40, 5).await;
        let id = r::rate(
            &w.app.db,
            &c,
            &w.client,
            Stars::parse("1").unwrap(),
            Some("mail me at x@y.com".into()),
            now,
        )
        .await
        .unwrap();
        let queue = r::queue(&w.app.db, "open").await.unwrap();
        assert_eq!(
            (queue.len(), queue[0].source.as_str(), queue[0].ground.as_str()),
            (1, "flag", "personal_information")
        );
        let early = r::request_removal(
            &w.app.db,
            &id,
            &w.model,
            Ground::ShortCall,
            None,
            now + Duration::hours(47),
        )
        .await
        .unwrap_err();
        assert_eq!(early.rule, Some(RuleId::Rate5));
        let late = r::request_removal(
            &w.app.db,
            &id,
            &w.model,
            Ground::ShortCall,
            None,
            now + Duration::hours(72),
        )
        .await
        .unwrap_err();
        assert_eq!(late.rule, Some(RuleId::Rate5));
        r::request_removal(
            &w.app.db,
            &id,
            &w.model,
            Ground::ShortCall,
            None,
            now + Duration::hours(71),
        )
        .await
        .unwrap();
        r::decide(
            &w.app.db,
            &queue[0].id,
            &support,
            true,
            Reason::parse("phone or e-mail in the comment").unwrap(),
            now,
        )
        .await
        .unwrap();
        let mine = r::ratings_of(&w.app.db, &w.client, true).await.unwrap();
        assert!(mine[0].removed);
        assert_eq!(mine[0].stars, 1, "removed, never edited");
    }
}

#[tokio::test]
async fn audit_log_records_money_and_support_actions_and_cannot_be_changed() {
    use settle::domain::audit::Action;
    use settle::domain::ledger::TxnKind;
    use settle::platform::audit;
    let w = world().await;
    let now = w.app.state.clock.now();
    let recent = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 120, 10).await;
    refund_call(&w.app.db, &recent, &w.model, now).await.unwrap();
    let older = call(&w.app.db, &w.client, &w.model, now, Duration::hours(3), 240, 30).await;
    let txn = charge_txn(&w.app, &older).await;
    bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(50),
        Reason::parse("connection dropped").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    let money = audit::list(&w.app.db, None, Some("money")).await.unwrap();
    let refund = money
        .iter()
        .find(|l| l.action == Action::Money(TxnKind::SupportRefund))
        .expect("the support refund is in the log");
    assert_eq!(
        (refund.actor.as_deref(), refund.amount, refund.reason.as_deref()),
        (
            Some("support"),
            Some(Credits::new(50)),
            Some("connection dropped")
        )
    );
    assert!(money
        .iter()
        .any(|l| l.action == Action::Money(TxnKind::CallRefund) && l.actor.as_deref() == Some("model")));
    assert!(
        money
            .iter()
            .any(|l| l.action == Action::Money(TxnKind::CallCharge) && l.actor.is_none()),
        "the system's charges too"
    );
    // Newest first, and paging goes on from the last one shown.
    let all = audit::list(&w.app.db, None, None).await.unwrap();
    assert_eq!(all[0].action, Action::Money(TxnKind::SupportRefund));
    let older_page = audit::list(&w.app.db, Some(&all[0].id), None).await.unwrap();
    assert_eq!(older_page.len(), all.len() - 1);
    // Append-only, whatever the SQL.
    for sql in [
        "UPDATE audit_log SET reason = 'rewritten'",
        "DELETE FROM audit_log",
    ] {
        assert!(sqlx::query(sql).execute(&w.app.db).await.is_err(), "{sql}");
    }
    assert_eq!(audit::list(&w.app.db, None, None).await.unwrap(), all);
}

/// Issue 14.3: what support returned is never offered to the model again;
/// the list (page and countdown) and the server give one answer.
#[tokio::test]
async fn r_ref_2_after_supports_refund_the_model_is_offered_only_the_rest() {
    use settle::domain::call::{refund_state, RefundState};
    let w = world().await;
    let now = w.app.state.clock.now();
    let offer = |w: &World, call: settle::domain::CallId| {
        let (db, model) = (w.app.db.clone(), w.model.clone());
        async move {
            let rows = settle::calls::store::calls_of(&db, &model, Role::Model, None)
                .await
                .unwrap();
            let row = rows.into_iter().find(|c| c.id == call).unwrap();
            refund_state(&row.facts(&model, &row.other_id), now)
        }
    };
    // 120 credits, ended 5 minutes ago: support returns 50 of them.
    let part = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 240, 30).await;
    bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &charge_txn(&w.app, &part).await,
        Credits::new(50),
        Reason::parse("connection dropped").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    assert!(matches!(
        offer(&w, part.clone()).await,
        RefundState::Open { amount, .. } if amount == Credits::new(70)
    ));
    let out = refund_call(&w.app.db, &part, &w.model, now).await.unwrap();
    assert_eq!((out.amount, out.first_time), (Credits::new(70), true));
    assert_eq!(offer(&w, part).await, RefundState::ByModel(Credits::new(70)));

    // Support returns all of another call: nothing is offered, the click is
    // refused with its own code, and nothing moves.
    let full = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 240, 30).await;
    bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &charge_txn(&w.app, &full).await,
        Credits::new(120),
        Reason::parse("connection dropped").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(offer(&w, full.clone()).await, RefundState::BySupport);
    let before = balance(&w.app.db, Account::Wallet(w.client.clone())).await;
    let err = refund_call(&w.app.db, &full, &w.model, now).await.unwrap_err();
    assert_eq!(
        (err.code, err.rule),
        (ErrorCode::AlreadyReturned, Some(RuleId::Ref2))
    );
    assert_eq!(
        balance(&w.app.db, Account::Wallet(w.client.clone())).await,
        before
    );
    invariants(&w.app.db).await;
}

/// Issue 14.6: a key sent again with a different request is refused with
/// its own code and changes nothing; the same request still answers as the
/// first time.
#[tokio::test]
async fn r_txn_7_a_reused_idempotency_key_with_a_different_request_is_refused() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let call = call(&w.app.db, &w.client, &w.model, now, Duration::hours(3), 240, 30).await;
    let txn = charge_txn(&w.app, &call).await;
    let reason = Reason::parse("connection dropped").unwrap();
    let k = fresh_key();
    let refund = |amount: i64| {
        bo::support_refund(
            &w.app.db,
            &w.support,
            &w.client,
            &txn,
            Credits::new(amount),
            reason.clone(),
            &k,
            now,
        )
    };
    let first = refund(40).await.unwrap();
    let wallet = balance(&w.app.db, Account::Wallet(w.client.clone())).await;
    let err = refund(60).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::IdempotencyKeyReused);
    assert_eq!(err.code.http_status(), 422);
    assert_eq!(
        balance(&w.app.db, Account::Wallet(w.client.clone())).await,
        wallet
    );
    let again = refund(40).await.unwrap();
    assert_eq!((again.txn, again.first_time), (first.txn, false));

    // The call system's external id is its key: another call under it is refused.
    let app = TestApp::with_service_token("svc-secret", &w.app).await;
    let body = |price: i64| {
        serde_json::json!({
            "external_id": "ext-reused", "client_id": w.client.to_string(), "model_id": w.model.to_string(),
            "kind": "phone", "price_per_minute": price,
            "started_at": (now - Duration::minutes(3)).to_rfc3339(), "ended_at": (now - Duration::minutes(1)).to_rfc3339(),
            "events": []
        })
        .to_string()
    };
    let post = |body: String| {
        Request::post("/service/v1/calls")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, "Bearer svc-secret")
            .body(Body::from(body))
            .unwrap()
    };
    assert_eq!(app.request(post(body(10))).await.status(), StatusCode::CREATED);
    let wallet = balance(&app.db, Account::Wallet(w.client.clone())).await;
    let refused = app.request(post(body(11))).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(support::body_string(refused)
        .await
        .contains("idempotency_key_reused"));
    assert_eq!(balance(&app.db, Account::Wallet(w.client.clone())).await, wallet);
    assert_eq!(app.request(post(body(10))).await.status(), StatusCode::OK);
    invariants(&app.db).await;
}

/// Issue 14.5: every entry has a short unique reference, found by search
/// however it is typed, and a refund names the entry it refunds by it.
#[tokio::test]
async fn r_txn_3_every_entry_has_a_readable_reference_and_a_refund_names_its_original() {
    let w = world().await;
    let now = w.app.state.clock.now();
    // Entries made in the same instant still get different references.
    let mut calls = Vec::new();
    for _ in 0..20 {
        calls.push(call(&w.app.db, &w.client, &w.model, now, Duration::hours(3), 60, 5).await);
    }
    let txn = charge_txn(&w.app, &calls[0]).await;
    bo::support_refund(
        &w.app.db,
        &w.support,
        &w.client,
        &txn,
        Credits::new(5),
        Reason::parse("connection dropped").unwrap(),
        &fresh_key(),
        now,
    )
    .await
    .unwrap();
    let all = bo::transactions(&w.app.db, &w.client, &bo::TxnFilter::default())
        .await
        .unwrap();
    let refs: std::collections::BTreeSet<_> = all.iter().map(|t| t.reference.clone()).collect();
    assert_eq!(refs.len(), all.len(), "references are unique");
    for t in &all {
        let r = t.reference.as_str();
        assert!(r.len() == 11 && r.starts_with("T-") && &r[6..7] == "-", "{r}");
    }
    let original = all.iter().find(|t| t.id == txn).unwrap();
    let refund = all
        .iter()
        .find(|t| t.kind == settle::domain::ledger::TxnKind::SupportRefund)
        .unwrap();
    assert_eq!(refund.refers_to_ref.as_ref(), Some(&original.reference));
    // Searching the original's reference, typed loosely, finds it and its refund.
    let typed = original.reference.as_str().to_lowercase().replace('-', " ");
    let found = bo::transactions(
        &w.app.db,
        &w.client,
        &bo::TxnFilter {
            search: typed,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut ids: Vec<_> = found.iter().map(|t| t.id.clone()).collect();
    ids.sort();
    let mut want = vec![original.id.clone(), refund.id.clone()];
    want.sort();
    assert_eq!(ids, want);
}

/// Issue 20 (TXN-7 under load): on PostgreSQL the shared accounts (here a
/// processor's) do not make writers queue on one row lock: a purchase
/// commits while another writer's purchase through the same processor is
/// still open. Every cached balance still equals its postings.
#[tokio::test]
async fn r_txn_7_writers_through_one_processor_do_not_wait_on_each_other() {
    let app = TestApp::new().await;
    let plan = |who: &settle::domain::UserId| {
        settle::domain::ledger::purchase(who, Credits::new(100), Processor::Epoch, Reason::system("test"))
    };
    let first_client = person(&app.db, "first", Role::Client).await;
    let second_client = person(&app.db, "second", Role::Client).await;
    // The processor's account exists once anyone has paid through it (a
    // writer creating it makes others wait until it commits, once).
    fund(&app.db, &first_client, 100).await;
    let world = Account::World(Processor::Epoch);
    let before = balance_of(&app, &world).await;
    let both = side_by_side(
        &app,
        plan(&first_client),
        plan(&second_client),
        "a purchase beside another open one through the same processor",
    )
    .await;
    let paid = if both { 200 } else { 100 };
    assert_eq!(balance_of(&app, &world).await, before - Credits::new(paid));
}

/// Issue 20 (REF-1 under load): a popular model's earnings do not make
/// writers queue either: two clients' calls with her are charged side by
/// side on PostgreSQL, and her earnings are the sum of both.
#[tokio::test]
async fn r_ref_1_charges_of_one_models_calls_do_not_wait_on_each_other() {
    use settle::platform::ledger;
    let app = TestApp::new().await;
    let model = person(&app.db, "model", Role::Model).await;
    let first_client = person(&app.db, "first", Role::Client).await;
    let second_client = person(&app.db, "second", Role::Client).await;
    fund(&app.db, &first_client, 100).await;
    fund(&app.db, &second_client, 100).await;
    let charge = |who: &settle::domain::UserId| {
        settle::domain::ledger::call_charge(who, &model, Credits::new(100), Reason::system("test"))
    };
    // Her earnings account exists from her first paid call on.
    let mut tx = settle::platform::db::begin_write(&app.db).await.unwrap();
    ledger::write(
        &mut tx,
        &charge(&first_client),
        &IdempotencyKey::derived("t", "0"),
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    fund(&app.db, &first_client, 100).await;
    let earnings = Account::Earnings(model.clone());
    let before = balance_of(&app, &earnings).await;
    let both = side_by_side(
        &app,
        charge(&first_client),
        charge(&second_client),
        "a call charge beside another open one of the same model",
    )
    .await;
    let share = settle::domain::ledger::platform_share(Credits::new(100));
    let each = Credits::new(100) - share;
    let got = balance_of(&app, &earnings).await - before;
    assert_eq!(got, if both { each + each } else { each });
}

/// The account's cached balance, read outside any write.
async fn balance_of(app: &TestApp, account: &Account) -> Credits {
    let mut conn = app.db.acquire().await.unwrap();
    settle::platform::ledger::balance(&mut conn, account)
        .await
        .unwrap()
}

/// Writes `first` in an open transaction, then (PostgreSQL) `second` on
/// another connection, which must commit within 5 s while the first is
/// still open; then commits the first and checks the ledger. True when
/// both were written (SQLite has one writer, so only the first is).
async fn side_by_side(
    app: &TestApp,
    first_plan: settle::domain::ledger::TxnPlan,
    second_plan: settle::domain::ledger::TxnPlan,
    what: &str,
) -> bool {
    use settle::platform::db::begin_write;
    use settle::platform::ledger;
    let now = chrono::Utc::now();
    let mut first = begin_write(&app.db).await.unwrap();
    ledger::write(
        &mut first,
        &first_plan,
        &IdempotencyKey::derived("t", "1"),
        None,
        now,
    )
    .await
    .unwrap();
    let postgres = app.url.starts_with("postgres");
    if postgres {
        // Shards follow the connection; take one whose shard differs (the
        // pool may hand out any backend).
        async fn shard(tx: &mut settle::platform::db::Tx) -> i32 {
            let (pid,): (i32,) = sqlx::query_as("SELECT pg_backend_pid()")
                .fetch_one(&mut **tx)
                .await
                .unwrap();
            pid % 64
        }
        let first_shard = shard(&mut first).await;
        let mut held = Vec::new();
        let mut second = begin_write(&app.db).await.unwrap();
        while shard(&mut second).await == first_shard {
            held.push(second);
            second = begin_write(&app.db).await.unwrap();
        }
        support::within(
            std::time::Duration::from_secs(5),
            what,
            ledger::write(
                &mut second,
                &second_plan,
                &IdempotencyKey::derived("t", "2"),
                None,
                now,
            ),
        )
        .await
        .unwrap();
        second.commit().await.unwrap();
        drop(held);
    } else {
        support::report("SQLite has one writer: writers queue by design; the shard test needs PostgreSQL");
    }
    first.commit().await.unwrap();
    settle::platform::ledger::check_invariants(&app.db).await.unwrap();
    postgres
}

/// Issue 20 (TXN-7, group commit): concurrent SQLite writers share commits
/// (fewer commits than writers, one fsync each), every one of them is
/// answered only once its write is committed, and the ledger holds.
#[tokio::test]
async fn r_txn_7_concurrent_writers_share_commits_and_all_are_kept() {
    use settle::platform::db::{begin_write, GROUP_COMMITS};
    use settle::platform::ledger;
    use std::sync::atomic::Ordering;
    let app = TestApp::new().await;
    let mut clients = Vec::new();
    for n in 0..32 {
        clients.push(person(&app.db, &format!("buyer{n}"), Role::Client).await);
    }
    let gate = std::sync::Arc::new(tokio::sync::Barrier::new(clients.len()));
    let commits_before = GROUP_COMMITS.load(Ordering::SeqCst);
    let writers = clients.iter().cloned().enumerate().map(|(n, client)| {
        let (db, gate) = (app.db.clone(), gate.clone());
        tokio::spawn(async move {
            gate.wait().await;
            let plan = settle::domain::ledger::purchase(
                &client,
                Credits::new(10),
                Processor::Epoch,
                Reason::system("test"),
            );
            let mut tx = begin_write(&db).await?;
            ledger::write(
                &mut tx,
                &plan,
                &IdempotencyKey::derived("group", &n.to_string()),
                None,
                chrono::Utc::now(),
            )
            .await?;
            tx.commit().await?;
            // Answered: another connection sees it.
            let mut conn = db.acquire().await?;
            ledger::balance(&mut conn, &Account::Wallet(client)).await
        })
    });
    for writer in writers.collect::<Vec<_>>() {
        assert_eq!(writer.await.unwrap(), Ok(Credits::new(10)));
    }
    let commits = GROUP_COMMITS.load(Ordering::SeqCst) - commits_before;
    if app.url.starts_with("sqlite") {
        // Other tests of this binary may commit meanwhile; 32 writers
        // released together still need far fewer commits than 32.
        assert!(commits < 32, "{commits} commits for 32 writers");
    }
    ledger::check_invariants(&app.db).await.unwrap();
}

/// Issue 20 (TXN-7, group commit): a writer that fails inside a group (a
/// spend beyond the wallet) undoes only its own writes; the writer before
/// it in the same group commits.
#[tokio::test]
async fn r_txn_7_a_failed_writer_in_a_group_undoes_only_its_own_writes() {
    use settle::platform::db::begin_write;
    use settle::platform::ledger;
    let app = TestApp::new().await;
    let buyer = person(&app.db, "buyer", Role::Client).await;
    let spender = person(&app.db, "spender", Role::Client).await;
    let model = person(&app.db, "model", Role::Model).await;
    let mut first = begin_write(&app.db).await.unwrap();
    let bought =
        settle::domain::ledger::purchase(&buyer, Credits::new(50), Processor::Epoch, Reason::system("test"));
    ledger::write(
        &mut first,
        &bought,
        &IdempotencyKey::derived("t", "bought"),
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    // The second writer queues for the turn while the first is open, so it
    // writes in the first one's group once the first has committed its part.
    let second = {
        let (db, spender, model) = (app.db.clone(), spender.clone(), model.clone());
        tokio::spawn(async move {
            let mut tx = begin_write(&db).await?;
            let spend = settle::domain::ledger::call_charge(
                &spender,
                &model,
                Credits::new(30),
                Reason::system("test"),
            );
            ledger::write(
                &mut tx,
                &spend,
                &IdempotencyKey::derived("t", "overspend"),
                None,
                chrono::Utc::now(),
            )
            .await?;
            tx.commit().await
        })
    };
    tokio::task::yield_now().await;
    first.commit().await.unwrap();
    assert_eq!(
        second.await.unwrap().unwrap_err().code,
        ErrorCode::InsufficientCredits
    );
    let mut conn = app.db.acquire().await.unwrap();
    assert_eq!(
        ledger::balance(&mut conn, &Account::Wallet(buyer)).await.unwrap(),
        Credits::new(50)
    );
    let (failed,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ledger_txns WHERE idempotency_key = $1")
        .bind("t:overspend")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(failed, 0, "the failed writer's entry is undone with it");
    ledger::check_invariants(&app.db).await.unwrap();
}

/// Issue 20 (TXN-7, one round trip per write): a money write that the
/// database refuses part-way (a spend beyond the wallet fails its `CHECK`
/// inside the batch, after the entry's row and the model's earnings were
/// written) is answered as refused, not as a repeat of itself, and leaves
/// nothing: the next write finds the ledger as it was.
#[tokio::test]
async fn r_txn_7_a_write_refused_part_way_is_refused_and_leaves_nothing() {
    use settle::platform::db::begin_write;
    use settle::platform::ledger;
    let app = TestApp::new().await;
    let buyer = person(&app.db, "buyer", Role::Client).await;
    let model = person(&app.db, "model", Role::Model).await;
    let now = chrono::Utc::now();
    let write = |plan: settle::domain::ledger::TxnPlan, key: &'static str| {
        let db = app.db.clone();
        async move {
            let mut tx = begin_write(&db).await?;
            ledger::write(&mut tx, &plan, &IdempotencyKey::derived("t", key), None, now).await?;
            tx.commit().await
        }
    };
    let charge = |amount| {
        settle::domain::ledger::call_charge(&buyer, &model, Credits::new(amount), Reason::system("test"))
    };
    write(
        settle::domain::ledger::purchase(&buyer, Credits::new(10), Processor::Epoch, Reason::system("test")),
        "bought",
    )
    .await
    .unwrap();
    // Twice: a second try must not find the first one's half.
    for _ in 0..2 {
        assert_eq!(
            write(charge(30), "overspend").await.unwrap_err().code,
            ErrorCode::InsufficientCredits
        );
    }
    write(charge(4), "within").await.unwrap();

    let mut conn = app.db.acquire().await.unwrap();
    assert_eq!(
        ledger::balance(&mut conn, &Account::Wallet(buyer.clone()))
            .await
            .unwrap(),
        Credits::new(6)
    );
    let keys: Vec<(String,)> =
        sqlx::query_as("SELECT idempotency_key FROM ledger_txns ORDER BY idempotency_key")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(keys, vec![("t:bought".to_string(),), ("t:within".to_string(),)]);
    let (audited,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'money:%'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 2, "the refused write's audit entry is undone with it");
    ledger::check_invariants(&app.db).await.unwrap();
}

/// Issue 20 (TXN-7): a key used again inside the batch's way is answered
/// as the first time was, by the careful way, and writes nothing more.
#[tokio::test]
async fn r_txn_7_a_used_key_gets_the_first_answer_and_writes_nothing() {
    use settle::platform::db::begin_write;
    use settle::platform::ledger;
    let app = TestApp::new().await;
    let buyer = person(&app.db, "buyer", Role::Client).await;
    let now = chrono::Utc::now();
    let bought =
        settle::domain::ledger::purchase(&buyer, Credits::new(10), Processor::Epoch, Reason::system("test"));
    let key = IdempotencyKey::derived("t", "bought");
    let mut answers = Vec::new();
    for _ in 0..2 {
        let mut tx = begin_write(&app.db).await.unwrap();
        answers.push(ledger::write(&mut tx, &bought, &key, None, now).await.unwrap());
        tx.commit().await.unwrap();
    }
    assert_eq!(answers[0].txn, answers[1].txn);
    assert!(answers[0].first_time && !answers[1].first_time);
    let mut conn = app.db.acquire().await.unwrap();
    assert_eq!(
        ledger::balance(&mut conn, &Account::Wallet(buyer)).await.unwrap(),
        Credits::new(10)
    );
    let (audited,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'money:%'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    ledger::check_invariants(&app.db).await.unwrap();
}

/// PostgreSQL's one-statement write (`ledger::write_as_one`): the usual
/// case is written whole; a used key refuses the statement, nothing of it
/// stays, and the careful way in a new transaction gives the first answer.
/// (On SQLite it is `write_with`.)
#[tokio::test]
async fn r_txn_7_a_write_as_one_statement_is_whole_or_refused_and_answered_the_careful_way() {
    use settle::platform::db::begin_write;
    use settle::platform::ledger;
    let app = TestApp::new().await;
    let buyer = person(&app.db, "buyer", Role::Client).await;
    let now = chrono::Utc::now();
    let bought =
        settle::domain::ledger::purchase(&buyer, Credits::new(10), Processor::Epoch, Reason::system("test"));
    // The accounts' first postings are not the usual case (on PostgreSQL
    // the statement is refused): a first purchase makes them.
    let mut tx = begin_write(&app.db).await.unwrap();
    ledger::write(
        &mut tx,
        &bought,
        &IdempotencyKey::derived("t", "first"),
        None,
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let key = IdempotencyKey::derived("t", "bought-as-one");
    let mut tx = begin_write(&app.db).await.unwrap();
    let first = ledger::write_as_one(&mut tx, &bought, &key, None, now, |_| {
        Ok(settle::platform::db::Batch::default())
    })
    .await
    .unwrap()
    .expect("the usual case is written");
    tx.commit().await.unwrap();
    assert!(first.first_time);

    let mut tx = begin_write(&app.db).await.unwrap();
    let again = ledger::write_as_one(&mut tx, &bought, &key, None, now, |_| {
        Ok(settle::platform::db::Batch::default())
    })
    .await
    .unwrap();
    let again = match again {
        None => {
            assert!(
                settle::platform::db::is_postgres(&app.db),
                "only PostgreSQL refuses here"
            );
            tx.rollback().await.unwrap();
            let mut tx = begin_write(&app.db).await.unwrap();
            let careful = ledger::write(&mut tx, &bought, &key, None, now).await.unwrap();
            tx.commit().await.unwrap();
            careful
        }
        Some(written) => {
            assert!(
                !settle::platform::db::is_postgres(&app.db),
                "a used key is refused"
            );
            tx.commit().await.unwrap();
            written
        }
    };
    assert_eq!((again.txn, again.first_time), (first.txn, false));
    let mut conn = app.db.acquire().await.unwrap();
    assert_eq!(
        ledger::balance(&mut conn, &Account::Wallet(buyer)).await.unwrap(),
        Credits::new(20)
    );
    ledger::check_invariants(&app.db).await.unwrap();
}
