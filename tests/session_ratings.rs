#![cfg(feature = "ssr")]
//! Ratings of a finished in-person session (issue 16): the RATE rules
//! measured from the session's end, through the real router and the test
//! clock. A session ends at its `completed` timeline event.

mod support;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use serde_json::Value;
use settle::domain::session::{Command, Payment, Scenario};
use settle::domain::{Role, SessionId, UserId};
use settle::sessions::store::{act, book, Booking, Extra};
use support::money::{call, fund, person};
use support::{body_string, cookie_for, form_post, TestApp};

struct World {
    app: TestApp,
    client: UserId,
    model: UserId,
}

async fn world() -> World {
    let app = TestApp::new().await;
    let client = person(&app.db, "client", Role::Client).await;
    let model = person(&app.db, "model", Role::Model).await;
    settle::sessions::store::seed_profile(&app.db, &model, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    fund(&app.db, &client, 1000).await;
    World { app, client, model }
}

fn hms(h: i64, m: i64, s: i64) -> Duration {
    Duration::hours(h) + Duration::minutes(m) + Duration::seconds(s)
}

/// A session booked for tomorrow; `finish`: driven to Completed. Returns
/// its id and its end (the instant of its `completed` event).
async fn session(w: &World, finish: bool) -> (SessionId, DateTime<Utc>) {
    let now = w.app.state.clock.now();
    // Whole seconds: instants are stored in milliseconds.
    let start = (now + Duration::days(1)).trunc_subsecs(0);
    let p = settle::sessions::store::profile(&w.app.db, &w.model)
        .await
        .unwrap();
    let id = book(
        &w.app.db,
        &w.client,
        Booking {
            model: w.model.clone(),
            scenario: Scenario::AtMyPlace,
            payment: Payment::Balance,
            start,
            venue_zone: settle::domain::time::ZoneName::default_zone(),
            tariff_id: p.tariffs[0].id.clone(),
            service_ids: vec![],
            client_address: None,
        },
        &uuid::Uuid::now_v7().simple().to_string(),
        now,
    )
    .await
    .unwrap();
    let end = start + Duration::minutes(60);
    if finish {
        let db = &w.app.db;
        act(db, &id, &w.client, Command::ImHere, Extra::default(), start)
            .await
            .unwrap();
        let address = Extra {
            address_details: Some("Scala B, interno 4".into()),
            ..Default::default()
        };
        act(db, &id, &w.model, Command::GiveAddress, address, start)
            .await
            .unwrap();
        act(db, &id, &w.model, Command::Start, Extra::default(), start)
            .await
            .unwrap();
        act(db, &id, &w.client, Command::Finish, Extra::default(), end)
            .await
            .unwrap();
    }
    (id, end)
}

/// A server function called by `who` at `at` (the test clock set there).
async fn post(w: &World, who: &UserId, at: DateTime<Utc>, path: &str, body: String) -> (u16, Value) {
    w.app.state.clock.set(at);
    let cookie = cookie_for(&w.app.db, who, at).await;
    let res = w.app.request(form_post(path, &cookie, body)).await;
    let status = res.status().as_u16();
    let text = body_string(res).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn rate(w: &World, who: &UserId, at: DateTime<Utc>, id: &SessionId, stars: u8) -> (u16, Value) {
    post(
        w,
        who,
        at,
        "/api/ratings/rate_session",
        format!("session_id={id}&stars={stars}&comment=Puntuale"),
    )
    .await
}

async fn form(w: &World, who: &UserId, at: DateTime<Utc>, id: &SessionId) -> (u16, Value) {
    post(
        w,
        who,
        at,
        "/api/ratings/session_form",
        format!("session_id={id}"),
    )
    .await
}

fn instant(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .unwrap_or_else(|| panic!("not an instant: {v}"))
        .parse()
        .unwrap()
}

async fn stars_of(w: &World, id: &SessionId, rater: &UserId) -> Option<i64> {
    sqlx::query_as::<_, (i64,)>("SELECT stars FROM session_ratings WHERE session_id = $1 AND rater_id = $2")
        .bind(id.as_str())
        .bind(rater.as_str())
        .fetch_optional(&w.app.db)
        .await
        .unwrap()
        .map(|(s,)| s)
}

#[tokio::test]
async fn r_rate_1_a_finished_session_can_be_rated_for_24_hours() {
    let w = world().await;
    let (id, end) = session(&w, true).await;
    // The form offers it to each party, until 24 hours after the end.
    let (status, f) = form(&w, &w.client, end + hms(23, 59, 59), &id).await;
    assert_eq!(status, 200, "{f}");
    assert_eq!(instant(&f["form"]["Rate"]["until"]), end + hms(24, 0, 0));
    assert_eq!(instant(&f["ended"]), end);
    assert_eq!(f["other_name"], "model");
    // 23:59:59 after the end: yes.
    let (status, body) = rate(&w, &w.client, end + hms(23, 59, 59), &id, 4).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(stars_of(&w, &id, &w.client).await, Some(4));
    // 24:00:00: no, and the refusal says until when.
    let (status, e) = rate(&w, &w.model, end + hms(24, 0, 0), &id, 5).await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        (e["code"].as_str(), e["rule"].as_str()),
        (Some("rule_violation"), Some("RATE-1"))
    );
    assert_eq!(instant(&e["at"]), end + hms(24, 0, 0));
    assert_eq!(stars_of(&w, &id, &w.model).await, None);
    let (_, f) = form(&w, &w.model, end + hms(24, 0, 0), &id).await;
    assert_eq!(instant(&f["form"]["Closed"]["since"]), end + hms(24, 0, 0));
    // The model rates the client just in time on another session.
    let (other, end2) = session(&w, true).await;
    let (status, body) = rate(&w, &w.model, end2 + hms(0, 5, 0), &other, 5).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(stars_of(&w, &other, &w.model).await, Some(5));
}

#[tokio::test]
async fn r_rate_1_a_session_not_finished_is_refused() {
    let w = world().await;
    let (id, end) = session(&w, false).await;
    let (status, e) = rate(&w, &w.client, end + hms(0, 1, 0), &id, 3).await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        (e["rule"].as_str(), e["detail"].as_str()),
        (Some("RATE-1"), Some("not finished"))
    );
    let (status, f) = form(&w, &w.client, end + hms(0, 1, 0), &id).await;
    assert_eq!(status, 200, "{f}");
    assert!(f["form"].is_null() && f["ended"].is_null(), "{f}");
    assert_eq!(stars_of(&w, &id, &w.client).await, None);
}

#[tokio::test]
async fn r_rate_1_only_the_two_parties_may_rate_a_session_others_get_not_found() {
    let w = world().await;
    let (id, end) = session(&w, true).await;
    let at = end + hms(1, 0, 0);
    for (name, role) in [
        ("stranger-client", Role::Client),
        ("stranger-model", Role::Model),
        ("support", Role::Support),
    ] {
        let stranger = person(&w.app.db, name, role).await;
        for (status, e) in [
            rate(&w, &stranger, at, &id, 1).await,
            form(&w, &stranger, at, &id).await,
        ] {
            assert_eq!(
                (status, e["code"].as_str()),
                (404, Some("not_found")),
                "{name}: {e}"
            );
        }
    }
    // An unknown or ill-formed session id: not found too.
    let (status, e) = post(
        &w,
        &w.client,
        at,
        "/api/ratings/rate_session",
        "session_id=..%2F..&stars=5&comment=".into(),
    )
    .await;
    assert_eq!((status, e["code"].as_str()), (404, Some("not_found")));
    let count: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM session_ratings")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(count.0, 0);
}

#[tokio::test]
async fn r_rate_3_a_session_rating_can_be_changed_within_48_hours_then_not() {
    let w = world().await;
    let (id, end) = session(&w, true).await;
    assert_eq!(rate(&w, &w.client, end + hms(1, 0, 0), &id, 2).await.0, 200);
    let (_, f) = form(&w, &w.client, end + hms(30, 0, 0), &id).await;
    assert_eq!(instant(&f["form"]["Change"]["until"]), end + hms(48, 0, 0));
    assert_eq!(
        (f["stars"].as_i64(), f["comment"].as_str()),
        (Some(2), Some("Puntuale"))
    );
    // Past the 24 hours of RATE-1, a change is still allowed until 48:00:00.
    let (status, body) = rate(&w, &w.client, end + hms(47, 59, 59), &id, 5).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(stars_of(&w, &id, &w.client).await, Some(5));
    let (status, e) = rate(&w, &w.client, end + hms(48, 0, 0), &id, 1).await;
    assert_eq!((status, e["rule"].as_str()), (422, Some("RATE-4")), "{e}");
    assert_eq!(instant(&e["at"]), end + hms(48, 0, 0));
    assert_eq!(stars_of(&w, &id, &w.client).await, Some(5));
    let (_, f) = form(&w, &w.client, end + hms(48, 0, 0), &id).await;
    assert_eq!(instant(&f["form"]["RemoveOnly"]["since"]), end + hms(48, 0, 0));
    // Still one row: a change is not a second rating.
    let count: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM session_ratings WHERE session_id = $1")
        .bind(id.as_str())
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(count.0, 1);
}

#[tokio::test]
async fn r_rate_2_one_rating_per_pair_per_24_hours_across_calls_and_sessions() {
    let w = world().await;
    let (id, end) = session(&w, true).await;
    // The client rated a call with the same model 3 hours before the end.
    let rated_at = end - hms(3, 0, 0);
    let c = call(
        &w.app.db,
        &w.client,
        &w.model,
        rated_at,
        Duration::minutes(5),
        60,
        10,
    )
    .await;
    let stars = settle::domain::rating::Stars::parse("5").unwrap();
    settle::ratings::store::rate(&w.app.db, &c, &w.client, stars, None, rated_at)
        .await
        .unwrap();
    let (status, e) = rate(&w, &w.client, end + hms(1, 0, 0), &id, 4).await;
    assert_eq!((status, e["rule"].as_str()), (422, Some("RATE-2")), "{e}");
    assert_eq!(instant(&e["at"]), rated_at + hms(24, 0, 0));
    let (_, f) = form(&w, &w.client, end + hms(1, 0, 0), &id).await;
    assert_eq!(instant(&f["form"]["WaitUntil"]["from"]), rated_at + hms(24, 0, 0));
    // 24 hours after that rating (still within the session's 24 hours).
    let (status, body) = rate(&w, &w.client, rated_at + hms(24, 0, 0), &id, 4).await;
    assert_eq!(status, 200, "{body}");
    // The other way round: a session rating holds back a call rating.
    let (status, body) = rate(&w, &w.model, end + hms(2, 0, 0), &id, 5).await;
    assert_eq!(status, 200, "{body}");
    let later = end + hms(3, 0, 0);
    let c2 = call(
        &w.app.db,
        &w.client,
        &w.model,
        later,
        Duration::minutes(1),
        60,
        10,
    )
    .await;
    let e = settle::ratings::store::rate(&w.app.db, &c2, &w.model, stars, None, later)
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(settle::domain::RuleId::Rate2));
}

#[tokio::test]
async fn r_rate_1_the_models_summary_counts_her_session_ratings() {
    let w = world().await;
    let summary = |w: &World| {
        let (db, model) = (w.app.db.clone(), w.model.clone());
        async move {
            settle::sessions::store::rating_summary(&db, &model)
                .await
                .unwrap()
        }
    };
    assert_eq!(summary(&w).await, None);
    let (id, end) = session(&w, true).await;
    assert_eq!(rate(&w, &w.client, end + hms(1, 0, 0), &id, 4).await.0, 200);
    // The model's rating of the client is not hers.
    assert_eq!(rate(&w, &w.model, end + hms(1, 0, 0), &id, 1).await.0, 200);
    assert_eq!(summary(&w).await, Some((4.0, 1)));
    // With a call rating two days later: both count.
    let later = end + hms(49, 0, 0);
    let c = call(
        &w.app.db,
        &w.client,
        &w.model,
        later,
        Duration::minutes(5),
        60,
        10,
    )
    .await;
    let two = settle::domain::rating::Stars::parse("2").unwrap();
    settle::ratings::store::rate(&w.app.db, &c, &w.client, two, None, later)
        .await
        .unwrap();
    assert_eq!(summary(&w).await, Some((3.0, 2)));
    // A removed one does not.
    sqlx::query("UPDATE session_ratings SET removed_at = $1 WHERE session_id = $2")
        .bind(later.timestamp_millis())
        .bind(id.as_str())
        .execute(&w.app.db)
        .await
        .unwrap();
    assert_eq!(summary(&w).await, Some((2.0, 1)));
    // The public profile says the same.
    let (status, p) = post(
        &w,
        &w.client,
        later,
        "/api/sessions/profile",
        format!("id={}", w.model),
    )
    .await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["rating"]["count"], 1);
}

/// The session screen as `who` reads it at `at`, in `lang`.
async fn screen(w: &World, who: &UserId, at: DateTime<Utc>, lang: &str, id: &SessionId) -> String {
    w.app.state.clock.set(at);
    let cookie = cookie_for(&w.app.db, who, at).await;
    let req = axum::http::Request::get(format!("/{lang}/sessions/{id}"))
        .header(axum::http::header::COOKIE, cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    body_string(w.app.request(req).await).await
}

/// English words of the catalogue's session-rating texts (between their
/// placeholders) that an Italian page shows.
fn english_on(html: &str) -> Vec<String> {
    use settle::domain::Locale;
    use settle::i18n::Msg;
    let mut found = Vec::new();
    for m in Msg::ALL {
        let name = format!("{m:?}");
        if !(name.starts_with("SessionRat")
            || name.starts_with("SessionStar")
            || name.starts_with("RuleRate1Session"))
        {
            continue;
        }
        let (en, it) = (m.text(Locale::En), m.text(Locale::It));
        if en == it {
            continue;
        }
        for part in en.split(['{', '}']).step_by(2) {
            if part.trim().len() >= 8 && html.contains(part.trim()) {
                found.push(format!("{name}: {}", part.trim()));
            }
        }
    }
    found
}

#[tokio::test]
async fn r_rate_1_the_session_screen_offers_the_star_form_in_the_readers_words() {
    let w = world().await;
    let (id, end) = session(&w, true).await;
    let at = end + hms(1, 0, 0);
    let html = screen(&w, &w.client, at, "it", &id).await;
    assert!(
        html.contains("data-testid=\"session-rating\""),
        "no form: {html:.2000}"
    );
    assert!(html.contains("Valuta questo incontro"));
    assert!(html.contains("Puoi dare la tua valutazione fino al"));
    assert!(html.contains("5 stelle") && html.contains("1 stella"));
    assert_eq!(english_on(&html), Vec::<String>::new());
    // After rating: the rating as it stands, and the change until 48 hours.
    assert_eq!(rate(&w, &w.client, at, &id, 3).await.0, 200);
    let html = screen(&w, &w.client, at, "en", &id).await;
    assert!(
        html.contains("data-testid=\"session-current-rating\""),
        "{html:.2000}"
    );
    assert!(html.contains("You can change your rating until"));
    assert!(html.contains("data-testid=\"session-rating-remove\""));
    assert!(!english_on(&html).is_empty(), "the checker finds English");
    // Every state in Italian: to change, only to remove, closed, removed.
    let html = screen(&w, &w.client, end + hms(2, 0, 0), "it", &id).await;
    assert!(html.contains("Puoi modificare la tua valutazione fino al"));
    assert_eq!(english_on(&html), Vec::<String>::new());
    let html = screen(&w, &w.client, end + hms(50, 0, 0), "it", &id).await;
    assert!(html.contains("solo rimuovere"), "{html:.3000}");
    assert_eq!(english_on(&html), Vec::<String>::new());
    let html = screen(&w, &w.model, end + hms(50, 0, 0), "it", &id).await;
    assert!(html.contains("Le 24 ore per valutare questo incontro sono finite"));
    assert_eq!(english_on(&html), Vec::<String>::new());
    // A session not finished shows no star form.
    let (open, _) = session(&w, false).await;
    let html = screen(&w, &w.client, end + hms(50, 0, 0), "it", &open).await;
    assert!(!html.contains("data-testid=\"session-rating\""));
}

#[tokio::test]
async fn r_rate_4_after_48_hours_a_session_rating_can_only_be_removed_by_its_author() {
    let w = world().await;
    let (id, end) = session(&w, true).await;
    assert_eq!(rate(&w, &w.client, end + hms(1, 0, 0), &id, 1).await.0, 200);
    let late = end + hms(60, 0, 0);
    let remove = |who: UserId| {
        let body = format!("session_id={id}");
        let w = &w;
        async move { post(w, &who, late, "/api/ratings/remove_session", body).await }
    };
    // The other party cannot remove it; the author can, past 48 hours.
    let (status, e) = remove(w.model.clone()).await;
    assert_eq!((status, e["code"].as_str()), (404, Some("not_found")), "{e}");
    let (status, body) = remove(w.client.clone()).await;
    assert_eq!(status, 200, "{body}");
    let summary = settle::sessions::store::rating_summary(&w.app.db, &w.model)
        .await
        .unwrap();
    assert_eq!(summary, None, "a removed rating does not count");
    let (_, f) = form(&w, &w.client, late, &id).await;
    assert_eq!(f["form"], "Removed", "{f}");
    assert!(f["stars"].is_null());
    // Removed stays removed: not given again, not removed twice.
    let (status, e) = rate(&w, &w.client, end + hms(2, 0, 0), &id, 5).await;
    assert_eq!((status, e["rule"].as_str()), (422, Some("RATE-4")), "{e}");
    let (status, e) = remove(w.client.clone()).await;
    assert_eq!((status, e["code"].as_str()), (404, Some("not_found")), "{e}");
}
