#![cfg(feature = "ssr")]
//! Purchases, spending and refund requests (BILL) against a real database
//! (SQLite, or PostgreSQL with SETTLE_TEST_DATABASE_URL).

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use settle::billing::store::{self as billing, SubjectRef};
use settle::domain::billing::{Ask, Decision, Product, Receipt, SpendKind, Status};
use settle::domain::ledger::{Account, Processor};
use settle::domain::{Credits, ErrorCode, Locale, Reason, Role, RuleId, SpendId, UserId};
use settle::platform::ledger::IdempotencyKey;
use support::money::{balance, fund, invariants, person};
use support::TestApp;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap()
}

fn key() -> IdempotencyKey {
    IdempotencyKey::from_form("test", &uuid::Uuid::now_v7().simple().to_string()).unwrap()
}

struct People {
    client: UserId,
    model: UserId,
    support: UserId,
}

async fn people(app: &TestApp) -> People {
    People {
        client: person(&app.db, "cleo", Role::Client).await,
        model: person(&app.db, "mira", Role::Model).await,
        support: person(&app.db, "sam", Role::Support).await,
    }
}

fn receipt(n: &str) -> Ask {
    Ask {
        amount: None,
        receipt: Some(Receipt::PaymentNumber(n.into())),
        reason: None,
    }
}

fn reasoned(amount: Option<i64>) -> Ask {
    Ask {
        amount: amount.map(Credits::new),
        receipt: None,
        reason: Some(Reason::parse("It stopped working after a minute").unwrap()),
    }
}

fn approve(amount: i64, note: Option<&str>) -> Decision {
    Decision::Approve {
        amount: Credits::new(amount),
        note: note.map(|n| Reason::parse(n).unwrap()),
    }
}

#[tokio::test]
async fn r_bill_1_a_pack_credits_the_wallet_and_premium_runs_a_year() {
    let app = TestApp::new().await;
    let p = people(&app).await;
    let k = key();
    let bought = billing::buy(&app.db, &p.client, Product::Pack500, Processor::SegPay, &k, t0())
        .await
        .unwrap();
    assert!(
        bought.payment_number.starts_with("SP-"),
        "{}",
        bought.payment_number
    );
    assert_eq!((bought.credits, bought.price_cents), (500, 4499));
    // The same form again is the same purchase.
    let again = billing::buy(&app.db, &p.client, Product::Pack500, Processor::SegPay, &k, t0())
        .await
        .unwrap();
    assert_eq!(again.id, bought.id);
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 500);
    billing::buy(
        &app.db,
        &p.client,
        Product::PremiumYear,
        Processor::CentroBill,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let o = billing::overview(&app.db, &p.client).await.unwrap();
    assert_eq!(o.purchases.len(), 2);
    assert_eq!(o.premium_until, Some(t0() + Duration::days(365)));
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 500);
    invariants(&app.db).await;
}

#[tokio::test]
async fn r_bill_2_purchase_refund_at_47h_is_queued_and_at_49h_refused() {
    let app = TestApp::new().await;
    let p = people(&app).await;
    let bought = billing::buy(
        &app.db,
        &p.client,
        Product::Pack100,
        Processor::Epoch,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let subject = SubjectRef::Purchase(bought.id.clone());
    let late = billing::request_refund(
        &app.db,
        &p.client,
        &subject,
        receipt(&bought.payment_number),
        t0() + Duration::hours(49),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (late.rule, late.detail.as_deref()),
        (Some(RuleId::Bill2), Some("window"))
    );
    let wrong = billing::request_refund(
        &app.db,
        &p.client,
        &subject,
        receipt("EP-WRONG"),
        t0() + Duration::hours(47),
    )
    .await
    .unwrap_err();
    assert_eq!(wrong.detail.as_deref(), Some("receipt"));
    let (id, accepted) = billing::request_refund(
        &app.db,
        &p.client,
        &subject,
        receipt(&bought.payment_number),
        t0() + Duration::hours(47),
    )
    .await
    .unwrap();
    assert_eq!(accepted.status, Status::Open);
    // A second click finds the same request.
    let (id2, _) = billing::request_refund(
        &app.db,
        &p.client,
        &subject,
        receipt(&bought.payment_number),
        t0() + Duration::hours(47),
    )
    .await
    .unwrap();
    assert_eq!(id, id2);
    assert_eq!(billing::queue(&app.db, None).await.unwrap().len(), 1);
    // Another client cannot ask about it.
    let other = person(&app.db, "otto", Role::Client).await;
    let e = billing::request_refund(&app.db, &other, &subject, receipt(&bought.payment_number), t0())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);

    billing::decide(
        &app.db,
        &p.support,
        &id,
        approve(100, None),
        t0() + Duration::hours(50),
    )
    .await
    .unwrap();
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 0);
    let o = billing::overview(&app.db, &p.client).await.unwrap();
    assert!(o.purchases[0].refunded);
    assert_eq!(o.requests[0].status, Status::Approved);
    // Decided is final; a refunded purchase cannot be asked again.
    let e = billing::decide(&app.db, &p.support, &id, approve(100, None), t0())
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Bill2));
    let e = billing::request_refund(
        &app.db,
        &p.client,
        &subject,
        receipt(&bought.payment_number),
        t0(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.detail.as_deref(), Some("refunded"));
    invariants(&app.db).await;
}

#[tokio::test]
async fn r_bill_2_spent_credits_cannot_be_refunded_to_the_processor() {
    let app = TestApp::new().await;
    let p = people(&app).await;
    let bought = billing::buy(
        &app.db,
        &p.client,
        Product::Pack100,
        Processor::Epoch,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    billing::record_spend(
        &app.db,
        SpendKind::Tip,
        &p.client,
        &p.model,
        "Tip",
        Credits::new(60),
        None,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let (id, _) = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Purchase(bought.id.clone()),
        receipt(&bought.payment_number),
        t0(),
    )
    .await
    .unwrap();
    let e = billing::decide(&app.db, &p.support, &id, approve(100, None), t0())
        .await
        .unwrap_err();
    assert_eq!(
        (e.code, e.rule),
        (ErrorCode::InsufficientCredits, Some(RuleId::Bill2))
    );
    // Nothing moved and the request is still pending.
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 40);
    assert_eq!(
        billing::queue(&app.db, None).await.unwrap()[0].status,
        Status::Open
    );
    invariants(&app.db).await;
}

#[tokio::test]
async fn r_bill_3_a_tip_refund_waits_for_the_model_then_support_decides() {
    let app = TestApp::new().await;
    let p = people(&app).await;
    fund(&app.db, &p.client, 200).await;
    let spend = billing::record_spend(
        &app.db,
        SpendKind::Tip,
        &p.client,
        &p.model,
        "Tip",
        Credits::new(100),
        None,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let subject = SubjectRef::Spend(spend);
    let e = billing::request_refund(&app.db, &p.client, &subject, receipt("x"), t0())
        .await
        .unwrap_err();
    assert_eq!(
        (e.rule, e.detail.as_deref()),
        (Some(RuleId::Bill3), Some("reason"))
    );
    let (id, accepted) = billing::request_refund(&app.db, &p.client, &subject, reasoned(None), t0())
        .await
        .unwrap();
    assert_eq!(accepted.status, Status::AwaitingModel);
    assert_eq!(billing::for_model(&app.db, &p.model).await.unwrap().len(), 1);
    let e = billing::decide(
        &app.db,
        &p.support,
        &id,
        approve(100, None),
        t0() + Duration::hours(1),
    )
    .await
    .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Bill3));
    // Only the model concerned answers.
    let other = person(&app.db, "nina", Role::Model).await;
    let statement = Reason::parse("The client asked for it twice").unwrap();
    let e = billing::model_answer(&app.db, &other, &id, statement.clone(), t0())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    billing::model_answer(
        &app.db,
        &p.model,
        &id,
        statement.clone(),
        t0() + Duration::hours(2),
    )
    .await
    .unwrap();
    let e = billing::model_answer(&app.db, &p.model, &id, statement, t0())
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Bill3));
    let earned_before = balance(&app.db, Account::Earnings(p.model.clone())).await;
    billing::decide(
        &app.db,
        &p.support,
        &id,
        approve(40, None),
        t0() + Duration::hours(3),
    )
    .await
    .unwrap();
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 140);
    assert_eq!(
        balance(&app.db, Account::Earnings(p.model.clone())).await,
        earned_before - 28
    );
    let o = billing::overview(&app.db, &p.client).await.unwrap();
    assert_eq!(o.spends[0].refunded, 40);
    invariants(&app.db).await;
}

#[tokio::test]
async fn r_bill_3_a_show_watched_over_5_minutes_is_only_partly_refundable() {
    let app = TestApp::new().await;
    let p = people(&app).await;
    fund(&app.db, &p.client, 500).await;
    let show = |secs: i64| {
        let (db, c, m) = (app.db.clone(), p.client.clone(), p.model.clone());
        async move {
            billing::record_spend(
                &db,
                SpendKind::PrivateShow,
                &c,
                &m,
                "Private show",
                Credits::new(120),
                Some(secs),
                &key(),
                t0(),
            )
            .await
            .unwrap()
        }
    };
    let at_limit = show(300).await;
    billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(at_limit),
        reasoned(None),
        t0(),
    )
    .await
    .unwrap();
    let over = show(301).await;
    let e = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(over.clone()),
        reasoned(None),
        t0(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (e.rule, e.detail.as_deref()),
        (Some(RuleId::Bill3), Some("watched"))
    );
    let (_, part) = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(over),
        reasoned(Some(50)),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!((part.amount, part.full), (Credits::new(50), false));
}

#[tokio::test]
async fn r_bill_4_content_is_refused_by_default_and_support_may_override_with_a_note() {
    let app = TestApp::new().await;
    let p = people(&app).await;
    fund(&app.db, &p.client, 100).await;
    let spend = billing::record_spend(
        &app.db,
        SpendKind::Content,
        &p.client,
        &p.model,
        "Photo set",
        Credits::new(30),
        None,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let (id, accepted) = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(spend),
        Ask {
            amount: None,
            receipt: None,
            reason: None,
        },
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(accepted.status, Status::RefusedByDefault);
    let e = billing::decide(&app.db, &p.support, &id, approve(30, None), t0())
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Bill4));
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 70);
    billing::decide(
        &app.db,
        &p.support,
        &id,
        approve(30, Some("The files were corrupt")),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 100);
    invariants(&app.db).await;
}

#[tokio::test]
async fn r_bill_5_processors_are_data_support_edits() {
    let app = TestApp::new().await;
    let p = people(&app).await;
    let list = billing::processors(&app.db, Locale::It).await.unwrap();
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Paymentico",
            "Epoch",
            "SegPay",
            "CentroBill",
            "Webbilling",
            "Wtseticket"
        ]
    );
    assert!(list.iter().all(|p| !p.contacts.is_empty()));
    let centro = list.iter().find(|p| p.code == "centrobill").unwrap();
    assert!(centro.advice.contains("Premium"));
    assert_eq!(list[4].regions, "Europa");
    let edit = |contacts: &str| billing::ProcessorEdit {
        regions_en: "Europe and the UK".into(),
        regions_it: "Europa e Regno Unito".into(),
        advice_en: "E-mail only.".into(),
        advice_it: "Solo e-mail.".into(),
        contacts: contacts.into(),
    };
    let e = billing::save_processor(&app.db, Processor::Webbilling, edit("fax | 12"), &p.support, t0())
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Bill5));
    billing::save_processor(
        &app.db,
        Processor::Webbilling,
        edit("email | new@webbilling.example"),
        &p.support,
        t0(),
    )
    .await
    .unwrap();
    let list = billing::processors(&app.db, Locale::En).await.unwrap();
    assert_eq!(list[4].regions, "Europe and the UK");
    assert_eq!(list[4].contacts[0].value, "new@webbilling.example");
}

#[tokio::test]
async fn r_bill_2_an_uploaded_receipt_is_kept_outside_the_site_and_served_only_to_its_people() {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use settle::domain::upload::FileKind;
    use settle::platform::uploads::{self, Purpose};
    let app = TestApp::new().await;
    let p = people(&app).await;
    let dir = app.state.config.upload_dir.clone();
    let png = [
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];
    let id = uploads::store(
        &app.db,
        &dir,
        &p.client,
        Purpose::Receipt,
        &png,
        &FileKind::RECEIPTS,
        t0(),
    )
    .await
    .unwrap();
    assert!(dir.join(&id).exists());
    assert!(!dir.starts_with(&app.state.config.site_root));
    // Hostile or oversized files are refused and nothing is kept.
    let html = b"<html><script>alert(1)</script></html>";
    let e = uploads::store(
        &app.db,
        &dir,
        &p.client,
        Purpose::Receipt,
        html,
        &FileKind::RECEIPTS,
        t0(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::FileType);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM uploads")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    // The receipt carries a purchase refund request.
    let bought = billing::buy(
        &app.db,
        &p.client,
        Product::Pack100,
        Processor::Epoch,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let ask = Ask {
        amount: None,
        receipt: Some(Receipt::Upload(id.clone())),
        reason: None,
    };
    billing::request_refund(&app.db, &p.client, &SubjectRef::Purchase(bought.id), ask, t0())
        .await
        .unwrap();
    assert_eq!(
        billing::queue(&app.db, None).await.unwrap()[0]
            .receipt_upload
            .as_deref(),
        Some(id.as_str())
    );

    // Served to the client and to support, to nobody else.
    let get = |cookie: Option<String>| {
        let mut req = Request::get(format!("/files/{id}"));
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        app.request(req.body(Body::empty()).unwrap())
    };
    let cookie_of = |u: UserId| {
        let db = app.db.clone();
        async move {
            let token = settle::platform::auth::start_session(&db, &u, Utc::now())
                .await
                .unwrap();
            format!("settle_session={token}")
        }
    };
    assert_eq!(get(None).await.status(), StatusCode::UNAUTHORIZED);
    let res = get(Some(cookie_of(p.client.clone()).await)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
    assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(res.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    assert_eq!(
        get(Some(cookie_of(p.support.clone()).await)).await.status(),
        StatusCode::OK
    );
    let stranger = person(&app.db, "eve", Role::Client).await;
    assert_eq!(
        get(Some(cookie_of(stranger).await)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(Some(cookie_of(p.model.clone()).await)).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn r_disp_1_a_tip_refund_request_is_settled_in_a_dispute_chat() {
    use settle::disputes::store as d;
    let app = TestApp::new().await;
    let p = people(&app).await;
    fund(&app.db, &p.client, 200).await;
    let spend = billing::record_spend(
        &app.db,
        SpendKind::Tip,
        &p.client,
        &p.model,
        "Tip",
        Credits::new(100),
        None,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let (id, _) = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(spend),
        reasoned(None),
        t0(),
    )
    .await
    .unwrap();
    // DISP-1: the request opened a dispute with the two parties and support.
    let dispute = d::for_subject(&app.db, d::Subject::Purchase, id.as_str())
        .await
        .unwrap()
        .expect("a dispute for the request");
    assert_eq!(
        (dispute.state.as_str(), dispute.held),
        ("open", Credits::new(100))
    );
    let mut conn = app.db.acquire().await.unwrap();
    let row = d::get(&mut conn, &dispute.id, &p.model, Role::Model)
        .await
        .unwrap();
    drop(conn);
    let first = d::messages(&app.db, &row, &p.client, Role::Client).await.unwrap();
    assert_eq!(first[0].body, "dispute_opened:purchase");
    // Support cannot approve before the model was heard (BILL-3) ...
    let e = d::decide(
        &app.db,
        &dispute.id,
        &p.support,
        &settle::disputes::store::Verdict {
            refund: Credits::new(60),
            client_sanction: None,
            model_sanction: None,
            reason: Reason::parse("Partly").unwrap(),
        },
        t0() + Duration::hours(1),
    )
    .await
    .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Bill3));
    // ... and her words in the chat are her being heard.
    d::post(
        &app.db,
        &dispute.id,
        &p.model,
        Role::Model,
        "The tip was for a show that happened",
        false,
        t0() + Duration::hours(2),
    )
    .await
    .unwrap();
    assert_eq!(
        billing::queue(&app.db, None).await.unwrap()[0].status,
        Status::Open
    );
    let over = d::decide(
        &app.db,
        &dispute.id,
        &p.support,
        &settle::disputes::store::Verdict {
            refund: Credits::new(101),
            client_sanction: None,
            model_sanction: None,
            reason: Reason::parse("Too much").unwrap(),
        },
        t0() + Duration::hours(3),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (over.rule, over.detail.as_deref()),
        (Some(RuleId::Disp3), Some("100"))
    );
    let earned_before = balance(&app.db, Account::Earnings(p.model.clone())).await;
    d::decide(
        &app.db,
        &dispute.id,
        &p.support,
        &settle::disputes::store::Verdict {
            refund: Credits::new(60),
            client_sanction: None,
            model_sanction: None,
            reason: Reason::parse("Half of the show was missing").unwrap(),
        },
        t0() + Duration::hours(3),
    )
    .await
    .unwrap();
    // The money moved with the decision, and the request says so.
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 160);
    assert_eq!(
        balance(&app.db, Account::Earnings(p.model.clone())).await,
        earned_before - 42
    );
    let decided = billing::queue(&app.db, Some(Status::Approved)).await.unwrap();
    assert_eq!(decided.len(), 1);
    let after = d::for_subject(&app.db, d::Subject::Purchase, id.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.state, settle::domain::dispute::DisputeState::Decided);
    // The billing queue cannot decide it a second time.
    assert!(billing::decide(
        &app.db,
        &p.support,
        &id,
        approve(40, None),
        t0() + Duration::hours(4)
    )
    .await
    .is_err());
    invariants(&app.db).await;
}

#[tokio::test]
async fn r_disp_1_deciding_in_the_billing_queue_closes_the_dispute_and_credit_packs_open_none() {
    use settle::disputes::store as d;
    let app = TestApp::new().await;
    let p = people(&app).await;
    fund(&app.db, &p.client, 200).await;
    let spend = billing::record_spend(
        &app.db,
        SpendKind::Tip,
        &p.client,
        &p.model,
        "Tip",
        Credits::new(100),
        None,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let (id, _) = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(spend),
        reasoned(None),
        t0(),
    )
    .await
    .unwrap();
    billing::model_answer(
        &app.db,
        &p.model,
        &id,
        Reason::parse("I was there the whole time").unwrap(),
        t0() + Duration::hours(1),
    )
    .await
    .unwrap();
    let dispute = d::for_subject(&app.db, d::Subject::Purchase, id.as_str())
        .await
        .unwrap()
        .unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    let row = d::get(&mut conn, &dispute.id, &p.support, Role::Support)
        .await
        .unwrap();
    drop(conn);
    let chat = d::messages(&app.db, &row, &p.support, Role::Support)
        .await
        .unwrap();
    assert!(
        chat.iter().any(|m| m.body == "I was there the whole time"),
        "her answer on the Billing page is in the chat"
    );
    billing::decide(
        &app.db,
        &p.support,
        &id,
        Decision::Decline {
            note: Reason::parse("The log shows the show took place").unwrap(),
        },
        t0() + Duration::hours(2),
    )
    .await
    .unwrap();
    let after = d::for_subject(&app.db, d::Subject::Purchase, id.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.state, settle::domain::dispute::DisputeState::Decided);
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 100);
    // A credit pack has no model: its request opens no dispute.
    let pack = billing::buy(
        &app.db,
        &p.client,
        Product::Pack100,
        Processor::Epoch,
        &key(),
        t0(),
    )
    .await
    .unwrap();
    let (pid, _) = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Purchase(pack.id.clone()),
        receipt(&pack.payment_number),
        t0() + Duration::hours(1),
    )
    .await
    .unwrap();
    assert!(d::for_subject(&app.db, d::Subject::Purchase, pid.as_str())
        .await
        .unwrap()
        .is_none());
    invariants(&app.db).await;
}

/// Issue 14.4: the streaming and content systems report shows and sales as
/// the call system reports calls (token, idempotent by their own id, the
/// same error shape), and the client's refund requests reach BILL-3 and
/// BILL-4 on them.
#[tokio::test]
async fn r_bill_3_and_4_reported_shows_and_sales_reach_the_refund_rules() {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    let base = TestApp::new().await;
    let p = people(&base).await;
    fund(&base.db, &p.client, 500).await;
    let app = TestApp::with_service_token("svc-secret", &base).await;
    let now = app.state.clock.now();
    let post = |path: &str, token: &str, body: serde_json::Value| {
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let show = |external: &str, watched: i64, price: i64| {
        serde_json::json!({
            "external_id": external, "client_id": p.client.to_string(), "model_id": p.model.to_string(),
            "price_per_minute": price, "started_at": (now - Duration::minutes(40)).to_rfc3339(),
            "ended_at": (now - Duration::minutes(10)).to_rfc3339(), "watched_seconds": watched
        })
    };
    let json = |res: axum::http::Response<Body>| async move {
        serde_json::from_str::<serde_json::Value>(&support::body_string(res).await).unwrap()
    };
    // The same front door as calls.
    let res = app
        .request(post("/service/v1/shows", "wrong", show("s-1", 720, 5)))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = app
        .request(post(
            "/service/v1/shows",
            "svc-secret",
            serde_json::json!({"nope": 1}),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(res).await["code"], "bad_input");
    let res = app
        .request(post("/service/v1/shows", "svc-secret", show("s-1", 40 * 60, 5)))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "more watched than the show lasted"
    );
    // 12 minutes watched at 5 a minute.
    let res = app
        .request(post("/service/v1/shows", "svc-secret", show("s-1", 720, 5)))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let first = json(res).await;
    assert_eq!(first["amount"], 60);
    let again = app
        .request(post("/service/v1/shows", "svc-secret", show("s-1", 720, 5)))
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(json(again).await["spend_id"], first["spend_id"]);
    let other = app
        .request(post("/service/v1/shows", "svc-secret", show("s-1", 720, 6)))
        .await;
    assert_eq!(other.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 440);
    // BILL-3: more than 5 minutes watched: no full refund.
    let spend = SpendId::from_db(first["spend_id"].as_str().unwrap().to_string());
    let e = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(spend.clone()),
        reasoned(None),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(
        (e.rule, e.detail.as_deref()),
        (Some(RuleId::Bill3), Some("watched"))
    );
    billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(spend),
        reasoned(Some(20)),
        now,
    )
    .await
    .unwrap();

    // A video sale: BILL-4 refuses by default; support may override.
    let sale = serde_json::json!({
        "external_id": "c-1", "client_id": p.client.to_string(), "model_id": p.model.to_string(),
        "kind": "video", "price": 30, "title": "Studio video\u{0007}"
    });
    let bad = serde_json::json!({
        "external_id": "c-2", "client_id": p.client.to_string(), "model_id": p.model.to_string(),
        "kind": "audio", "price": 30
    });
    let res = app
        .request(post("/service/v1/content-sales", "svc-secret", bad))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .request(post("/service/v1/content-sales", "svc-secret", sale.clone()))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let spend = json(res).await["spend_id"].as_str().unwrap().to_string();
    let o = billing::overview(&app.db, &p.client).await.unwrap();
    let spend = SpendId::from_db(spend);
    let line = o.spends.iter().find(|s| s.id == spend).unwrap();
    assert_eq!(line.title, "Studio video", "control characters dropped");
    let (id, accepted) = billing::request_refund(
        &app.db,
        &p.client,
        &SubjectRef::Spend(spend),
        Ask {
            amount: None,
            receipt: None,
            reason: None,
        },
        now,
    )
    .await
    .unwrap();
    assert_eq!(accepted.status, Status::RefusedByDefault);
    billing::decide(
        &app.db,
        &p.support,
        &id,
        approve(30, Some("The file was corrupt")),
        now,
    )
    .await
    .unwrap();
    assert_eq!(balance(&app.db, Account::Wallet(p.client.clone())).await, 440);
    invariants(&app.db).await;
}
