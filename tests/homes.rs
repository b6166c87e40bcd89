#![cfg(feature = "ssr")]
//! The homes' data (issue 16), through the real router: what a model's
//! home lists as needing her (additions to confirm, today's sessions,
//! calls she can still refund) and a client's next sessions, each only
//! ever the asker's own.

mod support;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::de::DeserializeOwned;
use settle::calls::ModelCall;
use settle::domain::call::RefundState;
use settle::domain::session::{AdditionKind, Stage};
use settle::domain::{Role, UserId};
use settle::sessions::agenda::Agenda;
use support::money::{call, fund, person};
use support::{body_string, cookie_for, form_post, TestApp};

/// A weekday morning far from any clock change: 08:00 UTC is 09:00 in
/// Rome, so a session at 13:00 local time is "today" for both parties.
fn morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 10, 8, 0, 0).unwrap()
}

struct World {
    app: TestApp,
    client: String,
    model: String,
    model_id: UserId,
    /// Another client and another model, with nothing of the above.
    stranger_client: String,
    stranger_model: String,
    tariff: String,
}

async fn world() -> World {
    let app = TestApp::new().await;
    app.state.clock.set(morning());
    let now = app.state.clock.now();
    let c = person(&app.db, "home-client", Role::Client).await;
    let m = person(&app.db, "home-model", Role::Model).await;
    let sc = person(&app.db, "home-stranger-client", Role::Client).await;
    let sm = person(&app.db, "home-stranger-model", Role::Model).await;
    settle::sessions::store::seed_profile(&app.db, &m, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    fund(&app.db, &c, 10_000).await;
    let tariff = settle::sessions::store::profile(&app.db, &m)
        .await
        .unwrap()
        .tariffs[0]
        .id
        .clone();
    World {
        client: cookie_for(&app.db, &c, now).await,
        model: cookie_for(&app.db, &m, now).await,
        stranger_client: cookie_for(&app.db, &sc, now).await,
        stranger_model: cookie_for(&app.db, &sm, now).await,
        model_id: m,
        tariff,
        app,
    }
}

/// Calls a server function as the person of `cookie` and reads its answer.
async fn ask<T: DeserializeOwned>(app: &TestApp, path: &str, cookie: &str, body: &str) -> T {
    let res = app.request(form_post(path, cookie, body.to_string())).await;
    let status = res.status();
    let text = body_string(res).await;
    assert_eq!(status, StatusCode::OK, "{path}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"))
}

/// The error code a refused call answers.
async fn refused(app: &TestApp, path: &str, cookie: &str) -> String {
    let res = app.request(form_post(path, cookie, String::new())).await;
    let text = body_string(res).await;
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn agenda(w: &World, cookie: &str) -> Agenda {
    ask(&w.app, "/api/sessions/agenda", cookie, "").await
}

/// Books a balance-paid session at her place, at `date` `time` in the
/// venue's zone; answers its id.
async fn book(w: &World, date: &str, time: &str) -> String {
    let key = uuid::Uuid::now_v7().simple().to_string();
    let body = format!(
        "model={}&scenario=at_my_place&payment=balance&date={date}&time={time}&tariff={}&key={key}&lang=",
        w.model_id, w.tariff
    );
    let path: String = ask(&w.app, "/api/sessions/book", &w.client, &body).await;
    path.rsplit('/').next().unwrap().to_string()
}

async fn act(w: &World, cookie: &str, id: &str, fields: &str) {
    let body = format!("id={id}&{fields}");
    let res = w.app.request(form_post("/api/sessions/act", cookie, body)).await;
    let status = res.status();
    let text = body_string(res).await;
    assert_eq!(status, StatusCode::OK, "act {fields}: {text}");
}

#[tokio::test]
async fn r_meet_6_additions_wait_on_the_home_of_the_party_who_answers_them() {
    let w = world().await;
    let today = book(&w, "2027-03-10", "13:00").await;
    // The client asks for 30 more minutes: the model answers it.
    act(
        &w,
        &w.client,
        &today,
        "command=propose&kind=extra_tariff&label=Half+an+hour+more&minutes=30&price=120",
    )
    .await;
    // The model offers something of her own: the client answers it.
    act(
        &w,
        &w.model,
        &today,
        "command=propose&kind=custom_offer&label=Dinner+together&minutes=0&price=300",
    )
    .await;

    let hers = agenda(&w, &w.model).await;
    assert_eq!(hers.to_confirm.len(), 1, "{hers:?}");
    let a = &hers.to_confirm[0];
    assert_eq!(a.session.as_str(), today);
    assert_eq!(a.kind, AdditionKind::ExtraTariff);
    assert_eq!(a.label, "Half an hour more");
    assert_eq!((a.minutes, a.price.get()), (30, 120));
    assert_eq!(a.other_name, "home-client");

    let his = agenda(&w, &w.client).await;
    assert_eq!(his.to_confirm.len(), 1, "{his:?}");
    assert_eq!(his.to_confirm[0].kind, AdditionKind::CustomOffer);
    assert_eq!(his.to_confirm[0].other_name, "home-model");

    // Once answered, it no longer waits.
    act(&w, &w.model, &today, "command=decline&index=0").await;
    assert!(agenda(&w, &w.model).await.to_confirm.is_empty());
    assert_eq!(agenda(&w, &w.client).await.to_confirm.len(), 1);

    // Nobody else sees any of it.
    for stranger in [&w.stranger_client, &w.stranger_model] {
        assert_eq!(agenda(&w, stranger).await, Agenda::default());
    }
}

#[tokio::test]
async fn the_agenda_lists_todays_sessions_and_the_next_ones_soonest_first() {
    let w = world().await;
    let later = book(&w, "2027-03-20", "18:00").await;
    let today = book(&w, "2027-03-10", "13:00").await;
    let tomorrow = book(&w, "2027-03-11", "10:00").await;
    // Cancelled (more than 5 hours ahead: no reason, no dispute): gone.
    let cancelled = book(&w, "2027-03-12", "10:00").await;
    act(&w, &w.client, &cancelled, "command=cancel&reason=").await;

    let hers = agenda(&w, &w.model).await;
    let ids = |v: &[settle::sessions::SessionLine]| v.iter().map(|s| s.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&hers.today), vec![today.clone()]);
    assert_eq!(
        ids(&hers.upcoming),
        vec![today.clone(), tomorrow.clone(), later.clone()]
    );
    assert!(hers.upcoming.iter().all(|s| s.stage == Stage::BeforeMeeting));
    assert_eq!(hers.today[0].other_name, "home-client");

    let his = agenda(&w, &w.client).await;
    assert_eq!(ids(&his.upcoming), vec![today.clone(), tomorrow, later]);
    assert_eq!(ids(&his.today), vec![today]);
    assert_eq!(his.upcoming[0].other_name, "home-model");

    // At most the next five.
    for day in 21..=26 {
        book(&w, &format!("2027-03-{day}"), "12:00").await;
    }
    assert_eq!(
        agenda(&w, &w.client).await.upcoming.len(),
        settle::sessions::agenda::UPCOMING
    );

    for stranger in [&w.stranger_client, &w.stranger_model] {
        assert_eq!(agenda(&w, stranger).await, Agenda::default());
    }
}

#[tokio::test]
async fn the_agenda_is_for_the_two_parties_only() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let staff = person(&w.app.db, "home-support", Role::Support).await;
    let staff = cookie_for(&w.app.db, &staff, now).await;
    assert_eq!(
        refused(&w.app, "/api/sessions/agenda", &staff).await,
        "not_allowed"
    );
    assert_eq!(refused(&w.app, "/api/sessions/agenda", "").await, "not_signed_in");
    // A party with no sessions has an empty agenda, not an error.
    assert_eq!(agenda(&w, &w.stranger_model).await, Agenda::default());
}

#[tokio::test]
async fn r_ref_3_the_model_home_lists_only_her_calls_still_refundable_soonest_to_close_first() {
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    let client = person(&app.db, "rc-client", Role::Client).await;
    let model = person(&app.db, "rc-model", Role::Model).await;
    let other = person(&app.db, "rc-other-model", Role::Model).await;
    fund(&app.db, &client, 5_000).await;
    let recent = call(&app.db, &client, &model, now, Duration::minutes(10), 120, 10).await;
    let older = call(&app.db, &client, &model, now, Duration::minutes(40), 120, 10).await;
    let _closed = call(&app.db, &client, &model, now, Duration::minutes(90), 120, 10).await;
    let refunded = call(&app.db, &client, &model, now, Duration::minutes(5), 120, 10).await;
    let _hers_not = call(&app.db, &client, &other, now, Duration::minutes(5), 120, 10).await;
    let mine = cookie_for(&app.db, &model, now).await;
    let res = app
        .request(form_post(
            "/api/model/calls/refund",
            &mine,
            format!("call_id={refunded}"),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body_string(res).await);

    let calls: Vec<ModelCall> = ask(&app, "/api/model/calls/refundable", &mine, "").await;
    let ids: Vec<String> = calls.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(ids, vec![older.to_string(), recent.to_string()]);
    assert!(calls
        .iter()
        .all(|c| matches!(c.refund, RefundState::Open { .. }) && c.client_name == "rc-client"));

    let theirs = cookie_for(&app.db, &other, now).await;
    let calls: Vec<ModelCall> = ask(&app, "/api/model/calls/refundable", &theirs, "").await;
    assert_eq!(calls.len(), 1, "the other model sees her own call only");

    let his = cookie_for(&app.db, &client, now).await;
    assert_eq!(
        refused(&app, "/api/model/calls/refundable", &his).await,
        "not_allowed"
    );
    assert_eq!(
        refused(&app, "/api/model/calls/refundable", "").await,
        "not_signed_in"
    );
}
