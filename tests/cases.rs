#![cfg(feature = "ssr")]
//! Support's cases against a real database (SUP-1, SUP-2): requests enter
//! one queue with their due times, one agent owns a case, the first answer
//! and the decision stop the clocks, and support's home counts them.

mod support;

use chrono::{DateTime, Duration, Utc};
use settle::cases::store;
use settle::domain::case::{CaseKind, Show, Targets};
use settle::domain::session::{CancelReason, Command, Payment, Scenario};
use settle::domain::{CallReviewId, Credits, Reason, Role, RuleId, UserId};
use settle::platform::db::Db;
use support::money::*;
use support::TestApp;

struct World {
    app: TestApp,
    client: UserId,
    model: UserId,
    ann: UserId,
    bea: UserId,
}

async fn world() -> World {
    let app = TestApp::new().await;
    let client = person(&app.db, "client", Role::Client).await;
    let model = person(&app.db, "model", Role::Model).await;
    let ann = person(&app.db, "ann", Role::Support).await;
    let bea = person(&app.db, "bea", Role::Support).await;
    settle::sessions::store::seed_profile(&app.db, &model, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    fund(&app.db, &client, 2000).await;
    World {
        app,
        client,
        model,
        ann,
        bea,
    }
}

/// A call review the client asks for at `now` (a case of 4 h and 72 h).
async fn review(w: &World, now: DateTime<Utc>) -> CallReviewId {
    let c = call(&w.app.db, &w.client, &w.model, now, Duration::minutes(5), 120, 3).await;
    settle::calls::reviews::request_review(
        &w.app.db,
        &w.client,
        &c,
        Reason::parse("It dropped twice").unwrap(),
        now,
    )
    .await
    .unwrap()
}

/// A session cancelled within 5 hours of its start at `now`: a session
/// dispute (15 min and 24 h).
async fn session_dispute(w: &World, now: DateTime<Utc>) -> settle::domain::DisputeId {
    let p = settle::sessions::store::profile(&w.app.db, &w.model)
        .await
        .unwrap();
    let id = settle::sessions::store::book(
        &w.app.db,
        &w.client,
        settle::sessions::store::Booking {
            model: w.model.clone(),
            scenario: Scenario::HomeVisit,
            payment: Payment::Balance,
            start: now + Duration::hours(2),
            venue_zone: settle::domain::time::ZoneName::default_zone(),
            tariff_id: p.tariffs[0].id.clone(),
            service_ids: vec![],
            client_address: Some("Via Verdi 3, Milano".into()),
        },
        &uuid::Uuid::now_v7().simple().to_string(),
        now,
    )
    .await
    .unwrap();
    settle::sessions::store::act(
        &w.app.db,
        &id,
        &w.client,
        Command::Cancel(Some(CancelReason::ClientUrgent)),
        settle::sessions::store::Extra::default(),
        now,
    )
    .await
    .unwrap();
    settle::platform::cases::for_subject(&w.app.db, settle::platform::cases::Subject::Session, id.as_str())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The database keeps milliseconds; instants compared with it are cut there.
fn whole_ms(t: DateTime<Utc>) -> DateTime<Utc> {
    settle::platform::db::from_ms(settle::platform::db::ms(t))
}

/// A call review asked for at `now`, and the dispute chat it is talked over in.
async fn review_dispute(w: &World, now: DateTime<Utc>) -> settle::domain::DisputeId {
    let r = review(w, now).await;
    settle::platform::cases::for_subject(&w.app.db, settle::platform::cases::Subject::Call, r.as_str())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn open(db: &Db, show: Show, me: &UserId, now: DateTime<Utc>) -> Vec<(CaseKind, String)> {
    store::queue(db, show, None, None, me, now)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.kind, c.subject_id))
        .collect()
}

#[tokio::test]
async fn r_sup_2_a_session_dispute_left_unanswered_is_overdue_from_its_15th_minute() {
    let w = world().await;
    let t0: DateTime<Utc> = "2026-12-04T14:45:00Z".parse().unwrap();
    let d = session_dispute(&w, t0).await;
    let case = store::for_dispute(&w.app.db, &d).await.unwrap().unwrap();
    assert_eq!(case.kind, CaseKind::Dispute);
    assert_eq!(case.clock.first_due, t0 + Duration::minutes(15));
    assert_eq!(case.clock.resolve_due, t0 + Duration::hours(24));
    let at_1459_59 = t0 + Duration::minutes(15) - Duration::seconds(1);
    assert!(open(&w.app.db, Show::Overdue, &w.ann, at_1459_59)
        .await
        .is_empty());
    assert_eq!(
        open(&w.app.db, Show::Overdue, &w.ann, t0 + Duration::minutes(15))
            .await
            .len(),
        1
    );
    let home = store::home(&w.app.db, &w.ann, t0 + Duration::minutes(15))
        .await
        .unwrap();
    let disputes = home.counts.iter().find(|c| c.kind == CaseKind::Dispute).unwrap();
    assert_eq!((disputes.open, disputes.unowned, disputes.overdue), (1, 1, 1));
}

#[tokio::test]
async fn r_sup_2_other_cases_are_due_in_4_hours_and_72_hours() {
    let w = world().await;
    let t0 = whole_ms(w.app.state.clock.now());
    let r = review(&w, t0).await;
    let case = store::get(&w.app.db, CaseKind::CallReview, r.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.clock.first_due, t0 + Duration::hours(4));
    assert_eq!(case.clock.resolve_due, t0 + Duration::hours(72));
    assert_eq!(case.href, format!("/support/reviews/{r}"));
    // One case per request: its dispute chat is not a second one.
    assert_eq!(open(&w.app.db, Show::All, &w.ann, t0).await.len(), 1);
}

#[tokio::test]
async fn r_sup_2_supports_first_answer_stops_the_first_clock_a_note_does_not() {
    let w = world().await;
    let t0: DateTime<Utc> = "2026-12-04T14:45:00Z".parse().unwrap();
    let d = session_dispute(&w, t0).await;
    let at = t0 + Duration::minutes(5);
    settle::disputes::store::post(&w.app.db, &d, &w.ann, Role::Support, "Only for support", true, at)
        .await
        .unwrap();
    let case = store::for_dispute(&w.app.db, &d).await.unwrap().unwrap();
    assert_eq!(case.clock.first_response_at, None, "a note is not an answer");
    settle::disputes::store::post(&w.app.db, &d, &w.client, Role::Client, "Sorry, urgent", false, at)
        .await
        .unwrap();
    settle::disputes::store::post(&w.app.db, &d, &w.ann, Role::Support, "Hello both", false, at)
        .await
        .unwrap();
    let case = store::for_dispute(&w.app.db, &d).await.unwrap().unwrap();
    assert_eq!(case.clock.first_response_at, Some(at));
    // Now the day-long clock runs: not overdue at 15:00 any more.
    assert!(!case.clock.overdue(t0 + Duration::minutes(15)));
    assert!(case.clock.overdue(t0 + Duration::hours(24)));
}

#[tokio::test]
async fn r_sup_2_a_decision_settles_the_case() {
    let w = world().await;
    let t0 = whole_ms(w.app.state.clock.now());
    let r = review(&w, t0).await;
    let later = t0 + Duration::hours(1);
    settle::calls::reviews::decide_request(
        &w.app.db,
        &w.ann,
        &r,
        Some(Credits::new(6)),
        Reason::parse("Dropped").unwrap(),
        later,
    )
    .await
    .unwrap();
    let case = store::get(&w.app.db, CaseKind::CallReview, r.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.clock.resolved_at, Some(later));
    assert_eq!(
        case.clock.first_response_at,
        Some(later),
        "a decision is an answer too"
    );
    assert!(open(&w.app.db, Show::All, &w.ann, later).await.is_empty());
}

#[tokio::test]
async fn r_sup_1_unowned_cases_come_first_then_by_due_time() {
    let w = world().await;
    let t0: DateTime<Utc> = "2026-12-04T10:00:00Z".parse().unwrap();
    let older_review = review(&w, t0).await; // due 14:00
    let dispute = session_dispute(&w, t0 + Duration::minutes(30)).await; // due 10:45
    let newer_review = review(&w, t0 + Duration::minutes(40)).await; // due 14:40
    let now = t0 + Duration::hours(1);
    let d_case = store::for_dispute(&w.app.db, &dispute).await.unwrap().unwrap();
    assert_eq!(
        open(&w.app.db, Show::All, &w.ann, now).await,
        vec![
            (CaseKind::Dispute, d_case.subject_id.clone()),
            (CaseKind::CallReview, older_review.to_string()),
            (CaseKind::CallReview, newer_review.to_string()),
        ]
    );
    // Taken, the dispute goes after every case nobody has.
    store::take(&w.app.db, CaseKind::Dispute, &d_case.subject_id, &w.ann, now)
        .await
        .unwrap();
    assert_eq!(
        open(&w.app.db, Show::All, &w.ann, now).await.last(),
        Some(&(CaseKind::Dispute, d_case.subject_id.clone()))
    );
    assert_eq!(
        open(&w.app.db, Show::Mine, &w.ann, now).await,
        vec![(CaseKind::Dispute, d_case.subject_id.clone())]
    );
    assert!(open(&w.app.db, Show::Mine, &w.bea, now).await.is_empty());
    assert_eq!(open(&w.app.db, Show::Unowned, &w.bea, now).await.len(), 2);
    assert_eq!(open(&w.app.db, Show::Overdue, &w.bea, now).await.len(), 1);
    let reviews = store::queue(
        &w.app.db,
        Show::All,
        Some(CaseKind::CallReview),
        None,
        &w.ann,
        now,
    )
    .await
    .unwrap();
    assert_eq!(reviews.len(), 2);
}

#[tokio::test]
async fn r_sup_1_the_queue_filters_by_the_openers_language() {
    let w = world().await;
    let now = w.app.state.clock.now();
    sqlx::query("UPDATE users SET locale = 'it' WHERE id = $1")
        .bind(w.client.as_str())
        .execute(&w.app.db)
        .await
        .unwrap();
    review(&w, now).await;
    let it = store::queue(
        &w.app.db,
        Show::All,
        None,
        Some(settle::domain::Locale::It),
        &w.ann,
        now,
    )
    .await
    .unwrap();
    let en = store::queue(
        &w.app.db,
        Show::All,
        None,
        Some(settle::domain::Locale::En),
        &w.ann,
        now,
    )
    .await
    .unwrap();
    assert_eq!((it.len(), en.len()), (1, 0));
}

#[tokio::test]
async fn r_sup_1_two_agents_take_one_case_at_once_and_one_has_it() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let r = review(&w, now).await;
    let (a, b) = tokio::join!(
        store::take(&w.app.db, CaseKind::CallReview, r.as_str(), &w.ann, now),
        store::take(&w.app.db, CaseKind::CallReview, r.as_str(), &w.bea, now),
    );
    assert!(a.is_ok() != b.is_ok(), "exactly one takes it: {a:?} {b:?}");
    let loser = a.err().or(b.err()).unwrap();
    assert_eq!(
        (loser.rule, loser.detail.as_deref()),
        (Some(RuleId::Sup1), Some("owned"))
    );
    let case = store::get(&w.app.db, CaseKind::CallReview, r.as_str())
        .await
        .unwrap()
        .unwrap();
    assert!(case.owner.is_some());
}

#[tokio::test]
async fn r_sup_1_only_the_owner_hands_a_case_over_and_only_to_support() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let r = review(&w, now).await;
    let (kind, id) = (CaseKind::CallReview, r.as_str());
    let e = store::hand_over(&w.app.db, kind, id, &w.ann, &w.bea, now)
        .await
        .unwrap_err();
    assert_eq!(e.detail.as_deref(), Some("not_owner"), "nobody has it yet");
    store::take(&w.app.db, kind, id, &w.ann, now).await.unwrap();
    let e = store::hand_over(&w.app.db, kind, id, &w.bea, &w.bea, now)
        .await
        .unwrap_err();
    assert_eq!(e.detail.as_deref(), Some("not_owner"));
    let e = store::hand_over(&w.app.db, kind, id, &w.ann, &w.client, now)
        .await
        .unwrap_err();
    assert_eq!(e.detail.as_deref(), Some("agent"));
    store::hand_over(&w.app.db, kind, id, &w.ann, &w.bea, now)
        .await
        .unwrap();
    let case = store::get(&w.app.db, kind, id).await.unwrap().unwrap();
    assert_eq!(case.owner.map(|o| o.id), Some(w.bea.clone()));
    // Settled, it can be neither taken nor handed on.
    settle::calls::reviews::decide_request(&w.app.db, &w.bea, &r, None, Reason::parse("Fine").unwrap(), now)
        .await
        .unwrap();
    let e = store::take(&w.app.db, kind, id, &w.ann, now).await.unwrap_err();
    assert_eq!(e.detail.as_deref(), Some("resolved"));
}

#[tokio::test]
async fn r_sup_2_changed_targets_apply_to_cases_opened_after() {
    let w = world().await;
    let t0 = whole_ms(w.app.state.clock.now());
    let before = review(&w, t0).await;
    store::set_targets(
        &w.app.db,
        CaseKind::CallReview,
        Targets::new(30, 600).unwrap(),
        &w.ann,
        t0,
    )
    .await
    .unwrap();
    let after = review(&w, t0).await;
    let get = |id: CallReviewId| {
        let db = w.app.db.clone();
        async move {
            store::get(&db, CaseKind::CallReview, id.as_str())
                .await
                .unwrap()
                .unwrap()
        }
    };
    assert_eq!(get(before).await.clock.first_due, t0 + Duration::hours(4));
    let a = get(after).await;
    assert_eq!(
        (a.clock.first_due, a.clock.resolve_due),
        (t0 + Duration::minutes(30), t0 + Duration::minutes(600))
    );
    let shown = store::targets(&w.app.db).await.unwrap();
    assert!(shown.contains(&(CaseKind::CallReview, Targets::new(30, 600).unwrap())));
    assert!(shown.contains(&(CaseKind::Dispute, Targets::default_for(CaseKind::Dispute))));
}

/// What `f` moved on the client's wallet, the model's earnings and the
/// platform's revenue, in the preview's order, and what `f` answered.
async fn moved<T>(w: &World, f: impl std::future::Future<Output = T>) -> ([i64; 3], T) {
    use settle::domain::ledger::Account;
    let read = || async {
        [
            balance(&w.app.db, Account::Wallet(w.client.clone())).await,
            balance(&w.app.db, Account::Earnings(w.model.clone())).await,
            balance(&w.app.db, Account::PlatformRevenue).await,
        ]
    };
    let before = read().await;
    let out = f.await;
    let after = read().await;
    (
        [after[0] - before[0], after[1] - before[1], after[2] - before[2]],
        out,
    )
}

fn verdict(refund: i64) -> settle::disputes::store::Verdict {
    settle::disputes::store::Verdict {
        refund: Credits::new(refund),
        client_sanction: None,
        model_sanction: None,
        reason: Reason::parse("Part of it goes back").unwrap(),
    }
}

fn figures(p: &settle::disputes::DecisionPreview) -> [i64; 3] {
    [p.client.get(), p.model.get(), p.platform.get()]
}

#[tokio::test]
async fn r_sup_5_the_preview_of_a_session_decision_is_what_the_decision_moves() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let d = session_dispute(&w, now).await;
    let db = &w.app.db;
    let (during, p) = moved(
        &w,
        settle::disputes::store::preview(db, &d, &w.ann, Credits::new(100), now),
    )
    .await;
    let p = p.unwrap();
    assert_eq!(during, [0, 0, 0], "a preview moves nothing");
    assert_eq!(
        (p.refund, p.client, p.through_processor),
        (Credits::new(100), Credits::new(100), Credits::ZERO)
    );
    assert!(
        p.model.get() > 0 && p.platform.get() > 0,
        "the rest is released less the platform's share: {p:?}"
    );
    let (decided, out) = moved(
        &w,
        settle::disputes::store::decide(db, &d, &w.ann, &verdict(100), now),
    )
    .await;
    out.unwrap();
    assert_eq!(decided, figures(&p));
    invariants(db).await;
}

#[tokio::test]
async fn r_sup_5_the_preview_of_a_call_decision_is_what_the_decision_moves() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let d = review_dispute(&w, now).await;
    let db = &w.app.db;
    let p = settle::disputes::store::preview(db, &d, &w.ann, Credits::new(4), now)
        .await
        .unwrap();
    // The client gets 4 back; the model and the platform give back their parts.
    assert_eq!(p.client, Credits::new(4));
    assert!(p.model.is_negative() && p.platform.is_negative(), "{p:?}");
    assert_eq!(p.model + p.platform, Credits::new(-4));
    // More than the call cost is refused, by the decision's own rule.
    let e = settle::disputes::store::preview(db, &d, &w.ann, Credits::new(7), now)
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Disp3));
    // Only support sees a preview.
    let e = settle::disputes::store::preview(db, &d, &w.client, Credits::new(1), now)
        .await
        .unwrap_err();
    assert_eq!(e.code, settle::domain::ErrorCode::NotAllowed);
    let (decided, out) = moved(
        &w,
        settle::disputes::store::decide(db, &d, &w.ann, &verdict(4), now),
    )
    .await;
    out.unwrap();
    assert_eq!(decided, figures(&p));
    invariants(db).await;
}

#[tokio::test]
async fn r_sup_3_a_saved_italian_reply_is_filled_from_the_dispute_in_the_clients_zone() {
    use settle::domain::reply::{render, ReplyDraft};
    use settle::domain::Locale;
    let w = world().await;
    let now: DateTime<Utc> = "2026-12-04T14:45:00Z".parse().unwrap();
    let d = session_dispute(&w, now).await;
    sqlx::query("UPDATE users SET locale = 'it', time_zone = 'America/New_York' WHERE id = $1")
        .bind(w.client.as_str())
        .execute(&w.app.db)
        .await
        .unwrap();
    let draft = ReplyDraft::parse(
        "it",
        "Attesa",
        "Ciao {client} e {model}: per l'incontro del {time} restano {held}.",
    )
    .unwrap();
    let id = settle::replies::store::save(&w.app.db, None, &draft, &w.ann, now)
        .await
        .unwrap();
    let saved = settle::replies::store::list(&w.app.db, Some(Locale::It))
        .await
        .unwrap();
    let reply = saved.iter().find(|r| r.id == id).unwrap();
    let facts = settle::replies::store::facts(&w.app.db, &d).await.unwrap();
    assert_eq!(
        facts.client_locale,
        Locale::It,
        "the default language is the client's"
    );
    let text = render(&reply.body, &settle::replies::api::fill(&facts, Locale::It));
    // The session starts 2 hours after 14:45 UTC: 11:45 in New York.
    assert!(
        text.starts_with("Ciao client e model: per l'incontro del "),
        "{text}"
    );
    assert!(text.contains("11:45") && text.contains("EST"), "{text}");
    assert!(
        text.ends_with(&format!("restano {} crediti.", facts.held.get())),
        "{text}"
    );
    assert!(facts.held.get() > 0);
    // In English the same facts read in English.
    let en = render("{held}", &settle::replies::api::fill(&facts, Locale::En));
    assert_eq!(en, format!("{} credits", facts.held.get()));
    // Changed, then deleted: the list follows.
    let changed = ReplyDraft::parse("it", "Attesa", "Ciao {client}.").unwrap();
    settle::replies::store::save(&w.app.db, Some(&id), &changed, &w.bea, now)
        .await
        .unwrap();
    let body = |rows: Vec<settle::replies::SavedReply>| rows.into_iter().find(|r| r.id == id).map(|r| r.body);
    assert_eq!(
        body(settle::replies::store::list(&w.app.db, None).await.unwrap()).as_deref(),
        Some("Ciao {client}.")
    );
    settle::replies::store::delete(&w.app.db, &id).await.unwrap();
    assert_eq!(
        body(settle::replies::store::list(&w.app.db, None).await.unwrap()),
        None
    );
    let e = settle::replies::store::save(&w.app.db, Some(&id), &changed, &w.bea, now)
        .await
        .unwrap_err();
    assert_eq!(
        e.code,
        settle::domain::ErrorCode::NotFound,
        "a reply deleted in another tab"
    );
}

#[tokio::test]
async fn r_sup_4_a_session_dispute_shows_its_timeline_and_both_parties_history() {
    use settle::cases::SubjectFacts;
    let w = world().await;
    let t0: DateTime<Utc> = "2026-12-04T10:00:00Z".parse().unwrap();
    let first = session_dispute(&w, t0).await;
    // The first is decided with a warning to the client.
    let warned = settle::disputes::store::Verdict {
        client_sanction: Some(settle::domain::dispute::Sanction::Warning),
        ..verdict(0)
    };
    settle::disputes::store::decide(&w.app.db, &first, &w.ann, &warned, t0 + Duration::hours(1))
        .await
        .unwrap();
    let second = session_dispute(&w, t0 + Duration::hours(2)).await;
    let f = store::facts(&w.app.db, &second).await.unwrap();
    let SubjectFacts::Session {
        start,
        held,
        timeline,
        ..
    } = &f.subject
    else {
        panic!("a session's facts: {:?}", f.subject)
    };
    assert_eq!(*start, t0 + Duration::hours(4));
    assert!(held.get() > 0);
    let kinds: Vec<(&str, &str)> = timeline
        .iter()
        .map(|e| (e.kind.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(kinds.first(), Some(&("booked", "client")), "{kinds:?}");
    assert!(
        timeline
            .iter()
            .any(|e| e.kind == "cancelled" && e.detail == "client_urgent"),
        "{kinds:?}"
    );
    // Both parties' earlier dispute, decided; the client's warning.
    for p in [&f.client, &f.model] {
        assert_eq!(p.cases.len(), 1, "{}", p.name);
        assert_eq!(p.cases[0].dispute, first);
        assert_eq!(p.cases[0].refunded, Some(Credits::ZERO));
    }
    assert_eq!(f.client.sanctions.len(), 1);
    assert!(!f.client.sanctions[0].suspension);
    assert!(f.model.sanctions.is_empty());
}

#[tokio::test]
async fn r_sup_4_a_call_review_shows_the_calls_log() {
    use settle::cases::SubjectFacts;
    let w = world().await;
    let now = w.app.state.clock.now();
    let d = review_dispute(&w, now).await;
    let f = store::facts(&w.app.db, &d).await.unwrap();
    let SubjectFacts::Call {
        charged,
        price_per_minute,
        started,
        ended,
        ..
    } = f.subject
    else {
        panic!("a call's facts: {:?}", f.subject)
    };
    assert_eq!((charged, price_per_minute), (Credits::new(6), Credits::new(3)));
    assert_eq!(ended - started, Duration::seconds(120));
}
