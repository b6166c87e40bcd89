#![cfg(feature = "ssr")]
//! Property test of the ledger (TXN-7): random sequences of purchases,
//! calls, model refunds, support refunds (full and partial), refund
//! deletions and balance corrections, against the real database. After
//! every step: postings sum to zero (overall and per transaction), every
//! cached balance equals its postings, no wallet is negative, no
//! transaction is refunded beyond its charge. Refusals are fine; a broken
//! invariant is not.

mod support;

use chrono::Duration;
use proptest::prelude::*;
use settle::domain::ledger::Processor;
use settle::domain::{CallId, Credits, Reason, Role, TxnId, UserId};
use settle::platform::ledger::{check_invariants, IdempotencyKey};
use settle::support::store as bo;
use support::money::*;
use support::TestApp;

#[derive(Clone, Debug)]
enum Op {
    Purchase {
        client: usize,
        amount: i64,
    },
    Call {
        client: usize,
        model: usize,
        secs: i64,
        price: i64,
        ago_min: i64,
    },
    ModelRefund {
        call: usize,
    },
    SupportRefund {
        call: usize,
        amount: i64,
    },
    DeleteRefund {
        refund: usize,
    },
    Correction {
        client: usize,
        delta: i64,
        withdraw: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..2usize, 1..400i64).prop_map(|(client, amount)| Op::Purchase { client, amount }),
        (0..2usize, 0..2usize, 1..900i64, 1..40i64, 0..120i64).prop_map(
            |(client, model, secs, price, ago_min)| Op::Call {
                client,
                model,
                secs,
                price,
                ago_min
            }
        ),
        (0..8usize).prop_map(|call| Op::ModelRefund { call }),
        (0..8usize, 1..300i64).prop_map(|(call, amount)| Op::SupportRefund { call, amount }),
        (0..8usize).prop_map(|refund| Op::DeleteRefund { refund }),
        (0..2usize, 1..500i64, any::<bool>()).prop_map(|(client, delta, withdraw)| Op::Correction {
            client,
            delta: if withdraw { -delta } else { delta },
            withdraw
        }),
    ]
}

fn key() -> IdempotencyKey {
    IdempotencyKey::from_form("prop", &uuid::Uuid::now_v7().simple().to_string()).unwrap()
}

async fn run(ops: Vec<Op>) -> Result<(), String> {
    let app = TestApp::new().await;
    let db = &app.db;
    let clients = [
        person(db, "c0", Role::Client).await,
        person(db, "c1", Role::Client).await,
    ];
    let models = [
        person(db, "m0", Role::Model).await,
        person(db, "m1", Role::Model).await,
    ];
    let support = person(db, "s", Role::Support).await;
    let now = app.state.clock.now();
    // Start with credits, so most calls go through and refunds have
    // something to act on.
    for c in &clients {
        fund(db, c, 500).await;
    }
    let mut calls: Vec<(CallId, UserId, UserId, TxnId)> = Vec::new();
    let mut refunds: Vec<(TxnId, UserId)> = Vec::new();
    let reason = Reason::parse("property test").unwrap();
    for (step, op) in ops.into_iter().enumerate() {
        match op.clone() {
            Op::Purchase { client, amount } => {
                bo::purchase(
                    db,
                    &clients[client],
                    Credits::new(amount),
                    Processor::Paymentico,
                    &key(),
                    now,
                )
                .await
                .map_err(|e| format!("purchase refused: {e}"))?;
            }
            Op::Call {
                client,
                model,
                secs,
                price,
                ago_min,
            } => {
                let ended = now - Duration::minutes(ago_min);
                let res = settle::calls::store::record_call(
                    db,
                    settle::calls::store::FinishedCall {
                        external_id: uuid::Uuid::now_v7().to_string(),
                        client_id: clients[client].to_string(),
                        model_id: models[model].to_string(),
                        kind: "phone".into(),
                        price_per_minute: price,
                        started_at: ended - Duration::seconds(secs),
                        ended_at: ended,
                        events: vec![],
                    },
                    now,
                )
                .await;
                if let Ok(rec) = res {
                    let (t,): (String,) = sqlx::query_as("SELECT charge_txn FROM calls WHERE id = $1")
                        .bind(rec.call_id.as_str())
                        .fetch_one(db)
                        .await
                        .unwrap();
                    calls.push((
                        rec.call_id,
                        clients[client].clone(),
                        models[model].clone(),
                        TxnId::from_db(t),
                    ));
                }
            }
            Op::ModelRefund { call } => {
                if let Some((id, _, model, _)) = calls.get(call) {
                    let _ = settle::calls::store::refund_call(db, id, model, now).await;
                }
            }
            Op::SupportRefund { call, amount } => {
                if let Some((_, client, _, txn)) = calls.get(call) {
                    if let Ok(w) = bo::support_refund(
                        db,
                        &support,
                        client,
                        txn,
                        Credits::new(amount),
                        reason.clone(),
                        &key(),
                        now,
                    )
                    .await
                    {
                        refunds.push((w.txn, client.clone()));
                    }
                }
            }
            Op::DeleteRefund { refund } => {
                if let Some((txn, client)) = refunds.get(refund) {
                    let _ = bo::delete_refund(db, &support, client, txn, reason.clone(), &key(), now).await;
                }
            }
            Op::Correction {
                client,
                delta,
                withdraw,
            } => {
                let processor = withdraw.then_some(Processor::Epoch);
                let _ = bo::correct_balance(
                    db,
                    &support,
                    &clients[client],
                    Credits::new(delta),
                    processor,
                    reason.clone(),
                    &key(),
                    now,
                )
                .await;
            }
        }
        check_invariants(db)
            .await
            .map_err(|e| format!("after step {step} ({op:?}): {e}"))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 64, .. ProptestConfig::default() })]

    #[test]
    fn r_txn_7_ledger_invariants_hold_under_random_operations(ops in prop::collection::vec(op(), 1..40)) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let result = rt.block_on(run(ops));
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}
