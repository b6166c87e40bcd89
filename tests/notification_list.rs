#![cfg(feature = "ssr")]
//! The notification list and the header's live count (NOTE-1, NOTE-3),
//! through the real router: the list in the reader's words, opening a
//! notice, marking all read, the `/live/notices` stream and the header.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{DateTime, Utc};
use serde_json::Value;
use settle::domain::notice::{Notice, NoticeKind};
use settle::domain::{NotificationId, Role, UserId};
use support::money::person;
use support::{body_string, cookie_for, form_post, within, TestApp};

struct World {
    app: TestApp,
    /// Reads Italian, lives in Rome.
    model: UserId,
    /// No language setting, lives in New York.
    client: UserId,
}

async fn world() -> World {
    let app = TestApp::new().await;
    app.state.clock.set(t0());
    let model = person(&app.db, "giulia", Role::Model).await;
    let client = person(&app.db, "luca", Role::Client).await;
    for (id, locale, zone) in [
        (&model, Some("it"), "Europe/Rome"),
        (&client, None, "America/New_York"),
    ] {
        sqlx::query("UPDATE users SET locale = $1, time_zone = $2 WHERE id = $3")
            .bind(locale)
            .bind(zone)
            .bind(id.as_str())
            .execute(&app.db)
            .await
            .unwrap();
    }
    World { app, model, client }
}

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-07T09:00:00Z")
        .unwrap()
        .to_utc()
}

/// A session's start the notices name: 21:30 in Rome, 15:30 in New York.
fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-07T20:30:00Z")
        .unwrap()
        .to_utc()
}

/// "Luca is on the way" for `to`, written as an event would write it.
async fn on_my_way(w: &World, to: &UserId, key: &str) -> NotificationId {
    let notice = Notice::new(NoticeKind::OnMyWay, key, "/sessions/abc123")
        .name("Luca")
        .at(start());
    let mut tx = settle::platform::db::begin_write(&w.app.db).await.unwrap();
    let id = settle::platform::outbox::notify(&mut tx, to, &notice, t0())
        .await
        .unwrap()
        .expect("a new notice");
    tx.commit().await.unwrap();
    id
}

async fn cookie(w: &World, who: &UserId) -> String {
    cookie_for(&w.app.db, who, Utc::now()).await
}

async fn post_json(w: &World, path: &str, cookie: &str, body: &str) -> (StatusCode, Value) {
    let res = w.app.request(form_post(path, cookie, body.to_string())).await;
    let status = res.status();
    let text = body_string(res).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn notices(w: &World, cookie: &str, lang: &str) -> Vec<Value> {
    let (status, v) = post_json(w, "/api/notifications/mine", cookie, &format!("lang={lang}")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v.as_array().unwrap().clone()
}

async fn unread(w: &World, cookie: &str) -> i64 {
    let (status, v) = post_json(w, "/api/notifications/unread", cookie, "").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v.as_i64().unwrap()
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::empty()).unwrap()
}

fn location(res: &axum::http::Response<Body>) -> String {
    res.headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn r_note_1_a_notice_is_in_my_list_in_my_language_and_zone_with_no_codes() {
    let w = world().await;
    on_my_way(&w, &w.model, "s1:on_my_way").await;
    let model = cookie(&w, &w.model).await;

    // Her setting is Italian; the list says it in Italian, at Rome's time.
    let list = notices(&w, &model, "").await;
    assert_eq!(list.len(), 1);
    let n = &list[0];
    assert_eq!(n["title"], "Luca è in viaggio");
    let body = n["body"].as_str().unwrap();
    assert!(body.contains("21:30"), "{body}");
    assert_eq!(n["link"], "/sessions/abc123");
    assert_eq!(n["read"], false);
    for text in [n["title"].as_str().unwrap(), body] {
        for code in ["NOTE-", "MEET-", "on_my_way", "{", "}"] {
            assert!(!text.contains(code), "{text:?} names {code:?}");
        }
    }
    // Read on a page in English, it is in English.
    let en = notices(&w, &model, "en").await;
    assert_eq!(en[0]["title"], "Luca is on the way");
    assert_eq!(unread(&w, &model).await, 1);

    // The client has none of hers.
    let client = cookie(&w, &w.client).await;
    assert!(notices(&w, &client, "").await.is_empty());
    assert_eq!(unread(&w, &client).await, 0);

    // Signed out: refused.
    let (status, _) = post_json(&w, "/api/notifications/unread", "", "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn r_note_1_opening_a_notice_marks_it_read_and_goes_to_its_page_in_my_language() {
    let w = world().await;
    let id = on_my_way(&w, &w.model, "s1:on_my_way").await;
    let model = cookie(&w, &w.model).await;

    let res = w.app.request(get(&format!("/n/{id}"), Some(&model))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/it/sessions/abc123");
    assert_eq!(unread(&w, &model).await, 0);
    assert_eq!(notices(&w, &model, "").await[0]["read"], true);

    // The language the list was read in wins over the setting.
    let res = w
        .app
        .request(get(&format!("/n/{id}?lang=en"), Some(&model)))
        .await;
    assert_eq!(location(&res), "/en/sessions/abc123");
}

#[tokio::test]
async fn r_note_1_someone_elses_or_an_unknown_notice_changes_nothing() {
    let w = world().await;
    let id = on_my_way(&w, &w.model, "s1:on_my_way").await;
    let client = cookie(&w, &w.client).await;

    for path in [format!("/n/{id}"), "/n/not-an-id".to_string()] {
        let res = w.app.request(get(&path, Some(&client))).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&res), "/notifications", "{path}");
    }
    let model = cookie(&w, &w.model).await;
    assert_eq!(unread(&w, &model).await, 1, "still unread");

    // Signed out: sign in first, then back to the notice.
    let res = w.app.request(get(&format!("/n/{id}"), None)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&res).starts_with("/signin?next=/n/"),
        "{}",
        location(&res)
    );
    assert_eq!(unread(&w, &model).await, 1);
}

#[tokio::test]
async fn r_note_1_mark_all_as_read_works_as_a_plain_form() {
    let w = world().await;
    on_my_way(&w, &w.model, "s1:on_my_way").await;
    on_my_way(&w, &w.model, "s2:on_my_way").await;
    let model = cookie(&w, &w.model).await;
    assert_eq!(unread(&w, &model).await, 2);

    let req = Request::post("/api/notifications/open_all")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &model)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("lang=it"))
        .unwrap();
    let res = w.app.request(req).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(location(&res), "/it/notifications");
    assert_eq!(unread(&w, &model).await, 0);
}

/// The next `count` event's number, reading the stream until one comes.
async fn next_count(body: &mut Body, seen: &mut String) -> i64 {
    use http_body_util::BodyExt;
    loop {
        if let Some(end) = seen.find("\n\n") {
            let event: String = seen.drain(..end + 2).collect();
            if event.contains("event: count") {
                let data = event.lines().find_map(|l| l.strip_prefix("data:")).expect("data");
                return data.trim().parse().unwrap();
            }
            continue;
        }
        let frame = within(std::time::Duration::from_secs(10), "a live event", body.frame())
            .await
            .expect("the stream stays open")
            .unwrap();
        if let Ok(bytes) = frame.into_data() {
            seen.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
}

#[tokio::test]
async fn r_note_1_the_live_count_comes_at_once_and_again_after_each_new_notice() {
    let w = world().await;
    on_my_way(&w, &w.model, "s1:on_my_way").await;
    let model = cookie(&w, &w.model).await;

    let res = w.app.request(get("/live/notices", None)).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let res = w.app.request(get("/live/notices", Some(&model))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let mut body = res.into_body();
    let mut seen = String::new();
    assert_eq!(next_count(&mut body, &mut seen).await, 1, "the count at once");

    // A new notice: the worker tells the page, which gets the new count.
    on_my_way(&w, &w.model, "s2:on_my_way").await;
    let round = settle::worker::run_once(&w.app.state).await;
    assert!(round.told >= 1, "{round:?}");
    assert_eq!(next_count(&mut body, &mut seen).await, 2);

    // Another person's notice says nothing to this page; her own does.
    on_my_way(&w, &w.client, "s3:on_my_way").await;
    settle::worker::run_once(&w.app.state).await;
    on_my_way(&w, &w.model, "s4:on_my_way").await;
    settle::worker::run_once(&w.app.state).await;
    assert_eq!(next_count(&mut body, &mut seen).await, 3);
}

#[tokio::test]
async fn r_note_1_the_header_and_the_list_page_show_my_unread_notices() {
    let w = world().await;
    on_my_way(&w, &w.model, "s1:on_my_way").await;
    on_my_way(&w, &w.model, "s2:on_my_way").await;
    let model = cookie(&w, &w.model).await;

    let res = w.app.request(get("/it/notifications", Some(&model))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = body_string(res).await;
    let count = html
        .split("data-testid=\"notice-count\"")
        .nth(1)
        .expect("the header's count");
    let count = &count[count.find('>').unwrap() + 1..];
    assert_eq!(&count[..count.find('<').unwrap()].trim(), &"2", "{html}");
    assert!(html.contains("2 da leggere"), "the count's label");
    assert!(html.contains("Luca è in viaggio"));
    assert!(html.contains(">Nuova<"), "unread ones say so in words");
    assert!(html.contains("Segna tutte come lette"));

    // The client has none: the empty list says what will come here.
    let client = cookie(&w, &w.client).await;
    let res = w.app.request(get("/notifications", Some(&client))).await;
    let html = body_string(res).await;
    assert!(html.contains("data-testid=\"notices-empty\""), "{html}");
    assert!(html.contains("data-testid=\"notice-count\""));

    // Signed out: no count in the header.
    let res = w.app.request(get("/signin", None)).await;
    let html = body_string(res).await;
    assert!(!html.contains("data-testid=\"notice-count\""));
}
