//! TIME-1..3 through the server: people's zones, bookings entered at the
//! venue's local time, and the clock changes of Europe/Rome (last Sundays
//! of March and October) at their edges.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{DateTime, Utc};
use settle::domain::session::CommandKind;
use settle::domain::{Role, UserId};
use settle::sessions::{QuoteView, SessionView};
use support::money::{fund, person};
use support::{body_string, cookie_for, form_post, TestApp};

struct World {
    app: TestApp,
    client: UserId,
    model: UserId,
    cookie: String,
    tariff: String,
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn world(now: &str) -> World {
    let app = TestApp::new().await;
    app.state.clock.set(at(now));
    let client = person(&app.db, "client", Role::Client).await;
    let model = person(&app.db, "model", Role::Model).await;
    settle::sessions::store::seed_profile(&app.db, &model, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    fund(&app.db, &client, 5000).await;
    let cookie = cookie_for(&app.db, &client, app.state.clock.now()).await;
    let tariff = settle::sessions::store::profile(&app.db, &model)
        .await
        .unwrap()
        .tariffs[0]
        .id
        .clone();
    World {
        app,
        client,
        model,
        cookie,
        tariff,
    }
}

async fn set_zone(w: &World, user: &UserId, zone: &str) {
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone)
        .bind(user.as_str())
        .execute(&w.app.db)
        .await
        .unwrap();
}

/// Books through the form's endpoint; the answer's status and body.
async fn book(w: &World, scenario: &str, date: &str, time: &str, key: &str) -> (StatusCode, String) {
    let body = format!(
        "model={}&scenario={scenario}&payment=balance&date={date}&time={time}&tariff={}&address=Via+Verdi+3&key={key}&lang=it",
        w.model, w.tariff
    );
    let res = w
        .app
        .request(form_post("/api/sessions/book", &w.cookie, body))
        .await;
    let status = res.status();
    (status, body_string(res).await)
}

async fn stored(w: &World, key: &str) -> Option<(DateTime<Utc>, String)> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT start_at, venue_zone FROM bookings WHERE id = $1")
            .bind(key)
            .fetch_optional(&w.app.db)
            .await
            .unwrap();
    row.map(|(ms, zone)| (DateTime::from_timestamp_millis(ms).unwrap(), zone))
}

async fn quote(w: &World, date: &str, time: &str) -> (StatusCode, String) {
    let body = format!(
        "model={}&scenario=at_my_place&date={date}&time={time}&tariff={}",
        w.model, w.tariff
    );
    let res = w
        .app
        .request(form_post("/api/sessions/quote", &w.cookie, body))
        .await;
    let status = res.status();
    (status, body_string(res).await)
}

async fn view(w: &World, id: &str) -> SessionView {
    let res = w
        .app
        .request(form_post("/api/sessions/view", &w.cookie, format!("id={id}")))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    serde_json::from_str(&body_string(res).await).unwrap()
}

#[tokio::test]
async fn r_time_2_the_start_is_entered_at_the_venue_in_its_zone() {
    let w = world("2027-01-10T12:00:00Z").await;
    set_zone(&w, &w.model, "America/New_York").await;
    // At her place: her zone, New York (UTC-5 in January).
    let (status, body) = book(&w, "at_my_place", "2027-01-15", "10:00", "venue-her-place-1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        stored(&w, "venue-her-place-1").await,
        Some((at("2027-01-15T15:00:00Z"), "America/New_York".into()))
    );
    // A home visit: the client's zone, Rome (UTC+1 in January).
    let (status, body) = book(&w, "home_visit", "2027-01-15", "10:00", "venue-home-visit-1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        stored(&w, "venue-home-visit-1").await,
        Some((at("2027-01-15T09:00:00Z"), "Europe/Rome".into()))
    );
    // The session reads in the venue's zone, with the offsets to write it.
    let v = view(&w, "venue-her-place-1").await;
    assert_eq!(v.venue.name.as_str(), "America/New_York");
    assert_eq!(v.venue.offset_at(v.start), -5 * 3600);
}

#[tokio::test]
async fn r_time_3_a_time_the_spring_change_skips_is_refused_and_nothing_is_booked() {
    let w = world("2027-03-20T12:00:00Z").await;
    for time in ["02:00", "02:30", "02:59"] {
        let key = format!("spring-skipped-{}", time.replace(':', ""));
        let (status, body) = book(&w, "at_my_place", "2027-03-28", time, &key).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{time}: {body}");
        assert!(body.contains("TIME-3") && body.contains("skipped"), "{body}");
        assert_eq!(stored(&w, &key).await, None, "{time}: nothing booked");
        let (status, body) = quote(&w, "2027-03-28", time).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    // The edges around the gap exist: 01:59 CET and 03:00 CEST.
    let (status, body) = book(&w, "at_my_place", "2027-03-28", "01:59", "spring-edge-0159").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        stored(&w, "spring-edge-0159").await.unwrap().0,
        at("2027-03-28T00:59:00Z")
    );
    let (status, body) = book(&w, "at_my_place", "2027-03-28", "03:00", "spring-edge-0300").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        stored(&w, "spring-edge-0300").await.unwrap().0,
        at("2027-03-28T01:00:00Z")
    );
}

#[tokio::test]
async fn r_time_3_a_time_the_autumn_change_repeats_takes_the_first_and_the_quote_says_so() {
    let w = world("2027-10-20T12:00:00Z").await;
    let (status, body) = quote(&w, "2027-10-31", "02:30").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let q: QuoteView = serde_json::from_str(&body).unwrap();
    assert!(q.ambiguous);
    assert_eq!(q.start, at("2027-10-31T00:30:00Z"), "the first 02:30 is CEST");
    let (status, body) = book(&w, "at_my_place", "2027-10-31", "02:30", "autumn-first-0230").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        stored(&w, "autumn-first-0230").await.unwrap().0,
        at("2027-10-31T00:30:00Z")
    );
    // 03:00 happens once.
    let (_, body) = quote(&w, "2027-10-31", "03:00").await;
    let q: QuoteView = serde_json::from_str(&body).unwrap();
    assert!(!q.ambiguous);
    assert_eq!(q.start, at("2027-10-31T02:00:00Z"));
}

#[tokio::test]
async fn r_time_3_the_30_minute_window_is_real_minutes_across_the_spring_change() {
    let w = world("2027-03-27T12:00:00Z").await;
    // 03:15 CEST on the change day is 01:15 UTC; 30 minutes earlier the
    // wall clock read 01:45 CET, an hour and a half "earlier" on the wall.
    let (status, body) = book(&w, "at_my_place", "2027-03-28", "03:15", "spring-window-1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let q = view(&w, "spring-window-1").await;
    assert_eq!(q.window_opens, at("2027-03-28T00:45:00Z"));
    assert_eq!(q.window_closes, at("2027-03-28T01:45:00Z"));
    w.app.state.clock.set(at("2027-03-28T00:44:59Z"));
    assert!(!view(&w, "spring-window-1")
        .await
        .allowed
        .contains(&CommandKind::ImHere));
    w.app.state.clock.set(at("2027-03-28T00:45:00Z"));
    assert!(view(&w, "spring-window-1")
        .await
        .allowed
        .contains(&CommandKind::ImHere));
    w.app.state.clock.set(at("2027-03-28T01:44:59Z"));
    assert!(view(&w, "spring-window-1")
        .await
        .allowed
        .contains(&CommandKind::ImHere));
    // The window includes its last second (the domain tests 30:00 itself);
    // the server's clock ticks on, so the check here is one second past it.
    w.app.state.clock.set(at("2027-03-28T01:45:01Z"));
    assert!(!view(&w, "spring-window-1")
        .await
        .allowed
        .contains(&CommandKind::ImHere));
}

#[tokio::test]
async fn r_meet_9_free_cancellation_ends_5_real_hours_before_across_the_spring_change() {
    let w = world("2027-03-26T12:00:00Z").await;
    // 03:30 CEST (01:30 UTC): five hours earlier is 20:30 UTC, 21:30 CET on
    // the wall, six wall-clock hours before.
    let (status, body) = book(&w, "at_my_place", "2027-03-28", "03:30", "spring-cancel-1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    w.app.state.clock.set(at("2027-03-27T20:29:59Z"));
    let v = view(&w, "spring-cancel-1").await;
    assert_eq!(v.free_cancel_until, at("2027-03-27T20:30:00Z"));
    assert!(v.cancel_reasons.is_empty(), "free until 20:29:59 UTC");
    w.app.state.clock.set(at("2027-03-27T20:30:00Z"));
    assert!(
        !view(&w, "spring-cancel-1").await.cancel_reasons.is_empty(),
        "a reason from 20:30 UTC"
    );
}

#[tokio::test]
async fn r_time_3_refusals_name_the_instant_in_the_readers_zone_and_language() {
    let w = world("2027-03-27T12:00:00Z").await;
    book(&w, "at_my_place", "2027-03-28", "03:15", "spring-refusal-1").await;
    w.app.state.clock.set(at("2027-03-28T00:40:00Z"));
    let res = w
        .app
        .request(form_post(
            "/api/sessions/act",
            &w.cookie,
            "id=spring-refusal-1&command=im_here".into(),
        ))
        .await;
    let err: settle::domain::AppError = serde_json::from_str(&body_string(res).await).unwrap();
    assert_eq!(err.at, Some(at("2027-03-28T00:45:00Z")));
    let rome = settle::platform::zones::info(&settle::domain::time::ZoneName::default_zone());
    let text = settle::i18n::error_message_with(&err, settle::domain::Locale::It, &|t| {
        settle::domain::time::write_instant(t, &rome, settle::domain::Locale::It, true)
    });
    assert!(text.contains("28 mar 2027, 1:45 CET"), "{text}");
    assert!(!text.contains("UTC"), "{text}");
}

#[tokio::test]
async fn r_time_1_a_person_chooses_their_zone_at_sign_up_and_in_settings() {
    let app = TestApp::new().await;
    let sign_up = |zone: &str, email: &str| {
        Request::post("/api/auth/sign_up")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, "settle_tz=America%2FNew_York")
            .body(Body::from(format!(
                "display_name=Ada&email={email}&password=long+enough+pw&role=client&lang=it&time_zone={zone}&adult=on&terms=on"
            )))
            .unwrap()
    };
    // An unknown zone is refused and creates nothing.
    let res = app
        .request(sign_up("Europe%2FAtlantis", "ada%40example.com"))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(body_string(res).await.contains("TIME-1"));
    // The chosen zone is kept; none chosen takes the browser's.
    let res = app.request(sign_up("Asia%2FTokyo", "ada%40example.com")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.request(sign_up("", "bea%40example.com")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let zones: Vec<(String, String)> = sqlx::query_as("SELECT email, time_zone FROM users ORDER BY email")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        zones,
        vec![
            ("ada@example.com".into(), "Asia/Tokyo".into()),
            ("bea@example.com".into(), "America/New_York".into())
        ]
    );
    // Settings change it, and the session summary then carries its offsets.
    let ada = support::user_id(&app.db, "ada@example.com").await;
    let cookie = cookie_for(&app.db, &ada, Utc::now()).await;
    let res = app
        .request(form_post(
            "/api/account/settings",
            &cookie,
            "locale=it&lang=it&time_zone=Europe%2FLondon".into(),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let done: settle::ui::context::Done = serde_json::from_str(&body_string(res).await).unwrap();
    assert_eq!(done.session.zone.name.as_str(), "Europe/London");
    let now = Utc::now();
    assert!(done.session.zone.offset_at(now) == 0 || done.session.zone.offset_at(now) == 3600);
}

#[tokio::test]
async fn r_time_1_sign_up_needs_an_adult_who_accepts_the_terms() {
    let app = TestApp::new().await;
    for (boxes, code) in [
        ("", "age_not_confirmed"),
        ("&adult=on", "terms_not_accepted"),
        ("&terms=on", "age_not_confirmed"),
    ] {
        let res = app
            .request(
                Request::post("/api/auth/sign_up")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(format!(
                        "display_name=Ada&email=ada%40example.com&password=long+enough+pw&role=client&lang={boxes}"
                    )))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{boxes}");
        assert!(body_string(res).await.contains(code), "{boxes}");
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 0, "no account without both boxes");
}

#[tokio::test]
async fn r_time_1_pages_show_times_in_the_readers_zone_never_utc() {
    let w = world("2027-01-10T12:00:00Z").await;
    let (status, _) = book(&w, "at_my_place", "2027-01-15", "21:30", "page-times-1").await;
    assert_eq!(status, StatusCode::OK);
    let page = |path: &str| {
        Request::get(path)
            .header(header::COOKIE, &w.cookie)
            .body(Body::empty())
            .unwrap()
    };
    let html = body_string(w.app.request(page("/it/sessions/page-times-1")).await).await;
    assert!(
        html.contains("15 gen 2027, 21:30 CET"),
        "the start in Rome, in Italian"
    );
    assert!(!html.contains(" UTC"), "no UTC on the page");
    let html = body_string(w.app.request(page("/en/sessions")).await).await;
    assert!(
        html.contains("15 Jan 2027, 9:30 pm"),
        "the list in English, 12-hour"
    );
    // Someone in New York reads the same session in their own time too.
    set_zone(&w, &w.client, "America/New_York").await;
    let html = body_string(w.app.request(page("/en/sessions/page-times-1")).await).await;
    assert!(
        html.contains("15 Jan 2027, 9:30 pm CET"),
        "the venue's time, named"
    );
    assert!(html.contains("15 Jan 2027, 3:30 pm EST"), "and the reader's own");
}
