//! Issue 20: several app servers on one PostgreSQL database. Two servers
//! (each with its own upload folder, page cache, search results and live
//! listener) share what a person does on either: a receipt uploaded through
//! one is served by the other, an article saved on one is fresh on the
//! other within a second, and a dispute message posted on one arrives live
//! on the other. SQLite serves a single app server; there these tests
//! report that they need PostgreSQL.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Utc;
use http_body_util::BodyExt;
use settle::domain::{Reason, Role};
use support::money::{fund, person};
use support::{body_string, cookie_for, form_post, help_search_json, save_article_adding, within, TestApp};

/// Two app servers on one fresh PostgreSQL database, or None on SQLite.
async fn two_servers() -> Option<(TestApp, TestApp)> {
    let base = TestApp::new().await;
    if !base.url.starts_with("postgres") {
        support::report("multi-server tests need PostgreSQL (SETTLE_TEST_DATABASE_URL); not run on SQLite");
        return None;
    }
    let a = base.another_server().await;
    let b = base.another_server().await;
    Some((a, b))
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(path).header(header::ACCEPT_LANGUAGE, "en");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn r_bill_2_a_receipt_uploaded_through_one_server_is_served_by_another() {
    use settle::billing::store as billing;
    use settle::domain::billing::Product;
    use settle::domain::ledger::Processor;
    let Some((a, b)) = two_servers().await else {
        return;
    };
    let client = person(&a.db, "client", Role::Client).await;
    let support_agent = person(&a.db, "support", Role::Support).await;
    let bought = billing::buy(
        &a.db,
        &client,
        Product::Pack100,
        Processor::Epoch,
        &settle::platform::ledger::IdempotencyKey::from_form(
            "test",
            &uuid::Uuid::now_v7().simple().to_string(),
        )
        .unwrap(),
        Utc::now(),
    )
    .await
    .unwrap();
    let png: Vec<u8> = [b"\x89PNG\r\n\x1a\n".as_slice(), b"\0\0\0\rIHDR", &[7u8; 200]].concat();
    let boundary = "receipt-boundary";
    let mut body = String::new();
    for (name, value) in [
        ("subject", format!("purchase:{}", bought.id)),
        ("amount", String::new()),
        ("payment_number", String::new()),
        ("reason", "Charged twice for one pack".to_string()),
    ] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\"r.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    ));
    let mut body = body.into_bytes();
    body.extend_from_slice(&png);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let client_cookie = cookie_for(&a.db, &client, Utc::now()).await;
    let res = a
        .request(
            Request::post("/api/billing/ask_refund_upload")
                .header(header::ACCEPT, "application/json")
                .header(header::COOKIE, &client_cookie)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body_string(res).await);
    let id = billing::queue(&a.db, None).await.unwrap()[0]
        .receipt_upload
        .clone()
        .expect("the request carries the receipt");
    assert!(a.state.config.upload_dir.join(&id).exists());
    assert!(!b.state.config.upload_dir.join(&id).exists(), "b has no copy yet");

    // Server b serves it to the client and to support, byte for byte.
    for cookie in [
        client_cookie.clone(),
        cookie_for(&b.db, &support_agent, Utc::now()).await,
    ] {
        let res = b.request(get(&format!("/files/{id}"), Some(&cookie))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
        let served = res.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(served.as_ref(), png.as_slice());
    }
    // And keeps a copy for next time; a stranger still gets nothing.
    assert!(b.state.config.upload_dir.join(&id).exists());
    let stranger = person(&a.db, "stranger", Role::Client).await;
    let res = b
        .request(get(
            &format!("/files/{id}"),
            Some(&cookie_for(&b.db, &stranger, Utc::now()).await),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn r_help_4_an_article_saved_on_one_server_is_fresh_on_another_within_a_second() {
    let Some((a, b)) = two_servers().await else {
        return;
    };
    settle::help::store::seed_if_empty(&a.db, Utc::now())
        .await
        .unwrap();
    let agent = person(&a.db, "sara", Role::Support).await;
    let cookie = cookie_for(&a.db, &agent, Utc::now()).await;
    let article = settle::help::store::admin_list(&a.db)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.locale == settle::domain::Locale::En)
        .unwrap();
    let path = format!("/en/help/a/{}", article.slug);
    // Server b keeps the page and the (empty) search result.
    for _ in 0..2 {
        assert_eq!(b.request(get(&path, None)).await.status(), StatusCode::OK);
        assert_eq!(help_search_json(&b, "en", "quokkaberry").await, "[]");
    }
    assert_eq!(b.request(get(&path, None)).await.headers()["x-page-cache"], "hit");
    assert_eq!(b.state.search_results.len(), 1);

    // Sara saves the article on server a.
    let res = save_article_adding(&a, &cookie, &article.id, "A quokkaberry line added by Sara.").await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body_string(res).await);

    // Within a second server b shows the new text and finds the new word.
    let saved = std::time::Instant::now();
    loop {
        let page = body_string(b.request(get(&path, None)).await).await;
        let found = help_search_json(&b, "en", "quokkaberry").await;
        if page.contains("quokkaberry line") && found.contains(&article.slug) {
            break;
        }
        assert!(
            saved.elapsed() < std::time::Duration::from_secs(1),
            "server b still shows the old article a second after the save"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn r_disp_2_a_dispute_message_posted_on_one_server_arrives_live_on_another() {
    let Some((a, b)) = two_servers().await else {
        return;
    };
    let now = Utc::now();
    let client = person(&a.db, "client", Role::Client).await;
    let model = person(&a.db, "model", Role::Model).await;
    let agent = person(&a.db, "support", Role::Support).await;
    fund(&a.db, &client, 100).await;
    let call = support::money::call(&a.db, &client, &model, now, chrono::Duration::minutes(5), 60, 10).await;
    let request = settle::calls::reviews::request_review(
        &a.db,
        &client,
        &call,
        Reason::parse("The line dropped").unwrap(),
        now,
    )
    .await
    .unwrap();
    let dispute =
        settle::platform::cases::for_subject(&a.db, settle::platform::cases::Subject::Call, request.as_str())
            .await
            .unwrap()
            .unwrap();

    // The client's chat page listens on server b.
    let res = b
        .request(get(
            &format!("/live/disputes/{}", dispute.id),
            Some(&cookie_for(&b.db, &client, now).await),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let mut events = res.into_body();

    // Support writes on server a.
    let res = a
        .request(form_post(
            "/api/disputes/post",
            &cookie_for(&a.db, &agent, now).await,
            format!("id={}&body=We+are+looking+at+your+call", dispute.id),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body_string(res).await);
    let mut seen = String::new();
    while !seen.contains("event: message") {
        let frame = within(
            std::time::Duration::from_secs(5),
            "a live message on server b",
            events.frame(),
        )
        .await
        .expect("the stream stays open")
        .unwrap();
        if let Ok(bytes) = frame.into_data() {
            seen.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    assert!(seen.contains("data: new"), "{seen}");
}
