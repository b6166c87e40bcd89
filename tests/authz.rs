#![cfg(feature = "ssr")]
//! The authorization matrix (issue 8): every server function × every role
//! (anonymous, client, model, support), through the real router. One table
//! (tests/support/matrix.rs) lists who may call each function; a registered
//! server function without a row fails the test, and so does a row for one
//! that is gone.
//!
//! A refused call must answer `not_signed_in` (anonymous) or `not_allowed`
//! (wrong role) whatever the arguments; an allowed one must get past that
//! check. A second table below covers ownership: every function that takes
//! an object, called with someone else's (files: tests/billing.rs).

mod support;

use std::collections::BTreeSet;

use settle::domain::Role;
use support::matrix::{matrix, may_call, request, Who};
use support::money::person;
use support::TestApp;

#[tokio::test]
async fn every_server_function_has_a_row_and_refuses_every_other_role() {
    let rows = matrix();
    // The table and the registered server functions are the same set.
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.path).collect();
    assert_eq!(listed.len(), rows.len(), "a server function is listed twice");
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in the matrix: {missing:?}"
    );
    let gone: Vec<_> = listed.difference(&registered).collect();
    assert!(
        gone.is_empty(),
        "rows for server functions that no longer exist: {gone:?}"
    );

    let app = TestApp::new().await;
    let now = app.state.clock.now();
    let mut people = Vec::new();
    for (name, role) in [
        ("authz-client", Role::Client),
        ("authz-model", Role::Model),
        ("authz-support", Role::Support),
    ] {
        people.push((role, person(&app.db, name, role).await));
    }

    let mut wrong = Vec::new();
    let mut checked = 0;
    for row in &rows {
        // Fresh sessions for every row: signing out ends the one it used.
        let mut cookies = vec![(Who::Anonymous, None)];
        for (role, user) in &people {
            let token = settle::platform::auth::start_session(&app.db, user, now)
                .await
                .unwrap();
            cookies.push((Who::Signed(*role), Some(format!("settle_session={token}"))));
        }
        for (who, cookie) in &cookies {
            let res = app.request(request(row, cookie.as_deref())).await;
            let status = res.status().as_u16();
            let body = support::body_string(res).await;
            let code = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["code"].as_str().map(str::to_owned))
                .unwrap_or_default();
            let refused = matches!(code.as_str(), "not_signed_in" | "not_allowed");
            let allowed = may_call(row.access, *who);
            if allowed == refused {
                wrong.push(format!(
                    "{} as {who:?}: expected {}, got HTTP {status} {body:.120}",
                    row.path,
                    if allowed {
                        "to get past the access check"
                    } else {
                        "a refusal"
                    }
                ));
            }
            checked += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} checks wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(checked, rows.len() * 4);
}

/// Ownership: each function that takes an object, called by a person of
/// the right role who is not one of the object's parties. One table; each
/// row must be refused (`not_found` or `not_allowed`) and change nothing,
/// and the object's own party must get past the same check.
#[tokio::test]
async fn someone_elses_objects_are_refused_for_every_function_that_takes_one() {
    use chrono::Duration;
    use support::money::{call, fund};
    use support::snapshot::fingerprint;

    let app = TestApp::new().await;
    let now = app.state.clock.now();
    let a = person(&app.db, "owner-client", Role::Client).await;
    let m = person(&app.db, "owner-model", Role::Model).await;
    let b = person(&app.db, "stranger-client", Role::Client).await;
    let n = person(&app.db, "stranger-model", Role::Model).await;
    settle::sessions::store::seed_profile(&app.db, &m, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    fund(&app.db, &a, 1_000).await;
    fund(&app.db, &b, 1_000).await;
    let cookie = |user| support::cookie_for(&app.db, user, now);
    let (ca, cm, cb, cn) = (
        cookie(&a).await,
        cookie(&m).await,
        cookie(&b).await,
        cookie(&n).await,
    );
    let one = |sql: &'static str| {
        let db = app.db.clone();
        async move {
            let (id,): (String,) = sqlx::query_as(sql)
                .fetch_one(&db)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
            id
        }
    };

    // A and M's objects: a call, a call under review (a dispute), a session,
    // a rating, a purchase, a tip and its refund request.
    let c = call(&app.db, &a, &m, now, Duration::minutes(5), 60, 10).await;
    let reviewed = call(&app.db, &a, &m, now, Duration::minutes(5), 60, 10).await;
    let request = settle::calls::reviews::request_review(
        &app.db,
        &a,
        &reviewed,
        settle::domain::Reason::parse("The line dropped").unwrap(),
        now,
    )
    .await
    .unwrap();
    let d = settle::platform::cases::for_subject(
        &app.db,
        settle::platform::cases::Subject::Call,
        request.as_str(),
    )
    .await
    .unwrap()
    .unwrap()
    .id;
    let tariff = settle::sessions::store::profile(&app.db, &m)
        .await
        .unwrap()
        .tariffs[0]
        .id
        .clone();
    let start = now + Duration::days(2);
    for (path, cookie, body) in [
        (
            "/api/sessions/book",
            &ca,
            format!(
                "model={m}&scenario=at_my_place&payment=balance&date={}&time={}&tariff={tariff}&key=owned-session-1&lang=en",
                support::venue_fields(start).0,
                support::venue_fields(start).1
            ),
        ),
        ("/api/ratings/rate", &ca, format!("call_id={c}&stars=1&comment=slow")),
        ("/api/billing/tip", &ca, format!("model_id={m}&amount=10&form_key=owned-tip-1")),
        (
            "/api/billing/buy",
            &ca,
            "product=pack_100&processor=epoch&form_key=owned-buy-1".to_string(),
        ),
    ] {
        let res = app.request(support::form_post(path, cookie, body)).await;
        assert_eq!(res.status(), 200, "{path}: {}", support::body_string(res).await);
    }
    let s = "owned-session-1".to_string();
    let r = one("SELECT id FROM ratings").await;
    let p = one("SELECT id FROM purchases").await;
    let sp = one("SELECT id FROM spends").await;
    let asked = app
        .request(support::form_post(
            "/api/billing/ask_refund",
            &ca,
            format!("subject=spend:{sp}&amount=&payment_number=&reason=Sent+by+mistake"),
        ))
        .await;
    assert_eq!(asked.status(), 200, "{}", support::body_string(asked).await);
    let req = one("SELECT id FROM billing_requests").await;

    // (function, the stranger's cookie, the owner's cookie, the fields).
    let rows: Vec<(&str, &String, &String, String)> = vec![
        ("/api/client/call", &cb, &ca, format!("call_id={c}")),
        (
            "/api/client/calls/review",
            &cb,
            &ca,
            format!("call_id={c}&reason=Not+mine&lang=en"),
        ),
        (
            "/api/client/calls/rate",
            &cb,
            &ca,
            format!("call_id={c}&thumb=down&lang=en"),
        ),
        (
            "/api/calls/feedback",
            &cb,
            &ca,
            format!("call_id={c}&feedback=x&lang=en"),
        ),
        ("/api/model/call", &cn, &cm, format!("call_id={c}")),
        ("/api/model/calls/refund", &cn, &cm, format!("call_id={c}")),
        (
            "/api/model/calls/rate",
            &cn,
            &cm,
            format!("call_id={c}&thumb=down&lang=en"),
        ),
        (
            "/api/calls/feedback",
            &cn,
            &cm,
            format!("call_id={c}&feedback=x&lang=en"),
        ),
        (
            "/api/ratings/rate",
            &cb,
            &ca,
            format!("call_id={c}&stars=5&comment=great"),
        ),
        (
            "/api/ratings/request_removal",
            &cn,
            &cm,
            format!("id={r}&ground=offensive_language&evidence=Not+true"),
        ),
        // After the model's request: the owner's control removes the rating.
        ("/api/ratings/remove", &cb, &ca, format!("id={r}")),
        ("/api/disputes/view", &cb, &ca, format!("id={d}")),
        ("/api/disputes/view", &cn, &cm, format!("id={d}")),
        ("/api/disputes/post", &cb, &ca, format!("id={d}&body=hello")),
        ("/api/disputes/post", &cn, &cm, format!("id={d}&body=hello")),
        (
            "/api/ratings/rate_session",
            &cb,
            &ca,
            format!("session_id={s}&stars=5&comment=great"),
        ),
        ("/api/ratings/session_form", &cn, &cm, format!("session_id={s}")),
        ("/api/sessions/view", &cb, &ca, format!("id={s}")),
        ("/api/sessions/view", &cn, &cm, format!("id={s}")),
        ("/api/sessions/act", &cb, &ca, format!("id={s}&command=on_my_way")),
        (
            "/api/sessions/act",
            &cn,
            &cm,
            format!("id={s}&command=cancel&reason="),
        ),
        (
            "/api/billing/ask_refund",
            &cb,
            &ca,
            format!("subject=purchase:{p}&amount=&payment_number=&reason=Not+mine"),
        ),
        (
            "/api/billing/answer",
            &cn,
            &cm,
            format!("id={req}&statement=Fine"),
        ),
        ("/api/chat/send", &cb, &ca, format!("with={m}&body=hello")),
    ];
    let mut wrong = Vec::new();
    for (path, stranger, owner, body) in &rows {
        let before = fingerprint(&app.db).await;
        let res = app
            .request(support::form_post(path, stranger, body.clone()))
            .await;
        let status = res.status().as_u16();
        let text = support::body_string(res).await;
        let code = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["code"].as_str().map(str::to_owned))
            .unwrap_or_default();
        if !matches!(code.as_str(), "not_found" | "not_allowed") {
            wrong.push(format!(
                "{path} ({body}) by a stranger: HTTP {status} {text:.120}"
            ));
        }
        if fingerprint(&app.db).await != before {
            wrong.push(format!("{path} ({body}) by a stranger changed the database"));
        }
        // The same request by the object's party is not refused as a stranger's.
        let res = app.request(support::form_post(path, owner, body.clone())).await;
        let text = support::body_string(res).await;
        if text.contains("\"not_found\"") || text.contains("\"not_allowed\"") {
            wrong.push(format!(
                "{path} ({body}) by its own party was refused: {text:.120}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} ownership rows wrong:\n{}",
        wrong.len(),
        rows.len(),
        wrong.join("\n")
    );
}
