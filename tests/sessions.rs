#![cfg(feature = "ssr")]
//! Booked sessions against a real database: escrow at booking, the money of
//! each step, disputes on late cancellation (MEET-1, 7, 9, 10, 13).

mod support;

use chrono::{DateTime, Duration, Utc};
use settle::domain::ledger::Account;
use settle::domain::session::{AdditionKind, CancelReason, Command, Payment, Scenario};
use settle::domain::{Credits, ErrorCode, Role, RuleId, UserId};
use settle::sessions::store::{book, Booking, Extra};

/// `store::act` for the text ids these tests keep (sessions are typed now).
async fn act(
    db: &settle::platform::db::Db,
    id: &str,
    actor: &settle::domain::UserId,
    cmd: Command,
    extra: Extra,
    now: DateTime<Utc>,
) -> Result<Vec<settle::domain::session::Event>, settle::domain::AppError> {
    let id = settle::domain::SessionId::from_db(id.to_string());
    settle::sessions::store::act(db, &id, actor, cmd, extra, now).await
}
use support::money::*;
use support::TestApp;

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

async fn booking(
    w: &World,
    scenario: Scenario,
    payment: Payment,
    start: DateTime<Utc>,
) -> Result<String, settle::domain::AppError> {
    let p = settle::sessions::store::profile(&w.app.db, &w.model)
        .await
        .unwrap();
    let key = uuid::Uuid::now_v7().simple().to_string();
    book(
        &w.app.db,
        &w.client,
        Booking {
            model: w.model.clone(),
            scenario,
            payment,
            start,
            venue_zone: settle::domain::time::ZoneName::default_zone(),
            tariff_id: p.tariffs[0].id.clone(),
            service_ids: vec![p.services.iter().find(|s| s.by_preference).unwrap().id.clone()],
            client_address: Some("Via Verdi 3, Milano".into()),
        },
        &key,
        w.app.state.clock.now(),
    )
    .await
    .map(|id| id.to_string())
}

async fn escrow(w: &World, id: &str) -> i64 {
    balance(&w.app.db, Account::Escrow(id.to_string())).await
}

async fn wallet(w: &World) -> i64 {
    balance(&w.app.db, Account::Wallet(w.client.clone())).await
}

#[tokio::test]
async fn r_meet_1_a_balance_booking_holds_the_credits_in_escrow_at_once() {
    let w = world().await;
    let start = w.app.state.clock.now() + Duration::days(1);
    let id = booking(&w, Scenario::AtMyPlace, Payment::Balance, start)
        .await
        .unwrap();
    assert_eq!((wallet(&w).await, escrow(&w, &id).await), (700, 300));
    let direct = booking(&w, Scenario::AtMyPlace, Payment::Direct, start)
        .await
        .unwrap();
    assert_eq!(
        (wallet(&w).await, escrow(&w, &direct).await),
        (700, 0),
        "nothing held for a direct payment"
    );
    // Past starts, missing home-visit addresses and unaffordable bookings are refused.
    assert!(
        booking(&w, Scenario::AtMyPlace, Payment::Balance, w.app.state.clock.now())
            .await
            .is_err()
    );
    // 700 left: two more bookings of 300 fit, a third does not.
    booking(&w, Scenario::AtMyPlace, Payment::Balance, start)
        .await
        .unwrap();
    booking(&w, Scenario::AtMyPlace, Payment::Balance, start)
        .await
        .unwrap();
    let e = booking(&w, Scenario::AtMyPlace, Payment::Balance, start)
        .await
        .unwrap_err();
    assert_eq!(
        (e.code, e.rule),
        (ErrorCode::InsufficientCredits, Some(RuleId::Meet1))
    );
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_meet_7_a_full_session_with_a_confirmed_addition_releases_everything_to_the_model() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let start = now + Duration::hours(8);
    let id = booking(&w, Scenario::AtMyPlace, Payment::Balance, start)
        .await
        .unwrap();
    let db = &w.app.db;
    let run = |cmd: Command, who: &UserId, at: DateTime<Utc>| {
        let (db, id, who) = (db.clone(), id.clone(), who.clone());
        async move { act(&db, &id, &who, cmd, Extra::default(), at).await }
    };
    run(
        Command::Propose {
            kind: AdditionKind::ExtraTariff,
            label: "30 more minutes".into(),
            minutes: 30,
            price: Credits::new(120),
        },
        &w.client,
        now,
    )
    .await
    .unwrap();
    run(Command::Confirm(0), &w.model, now).await.unwrap();
    assert_eq!(
        (wallet(&w).await, escrow(&w, &id).await),
        (580, 420),
        "MEET-7: the addition is held like the session"
    );
    run(Command::ImHere, &w.client, start).await.unwrap();
    let no_address = act(db, &id, &w.model, Command::GiveAddress, Extra::default(), start)
        .await
        .unwrap_err();
    assert_eq!(no_address.rule, Some(RuleId::Meet2));
    act(
        db,
        &id,
        &w.model,
        Command::GiveAddress,
        Extra {
            address_details: Some("Scala B, int. 4, 2nd floor".into()),
            ..Default::default()
        },
        start,
    )
    .await
    .unwrap();
    run(Command::DeclarePreferences(vec![true]), &w.model, start)
        .await
        .unwrap();
    run(Command::Start, &w.model, start).await.unwrap();
    let end = start + Duration::minutes(90);
    run(Command::Finish, &w.client, end).await.unwrap();
    assert_eq!(
        escrow(&w, &id).await,
        420,
        "MEET-15: held through the complaint period"
    );
    after_complaint_period(&w, end).await;
    assert_eq!(escrow(&w, &id).await, 0);
    assert_eq!(
        balance(db, Account::Earnings(w.model.clone())).await,
        294,
        "420 less the 30 % share"
    );
    let (stage, details): (String, Option<String>) =
        sqlx::query_as("SELECT stage, address_details FROM bookings WHERE id = $1")
            .bind(&id)
            .fetch_one(db)
            .await
            .unwrap();
    assert_eq!(
        (stage.as_str(), details.as_deref()),
        ("Completed", Some("Scala B, int. 4, 2nd floor"))
    );
    invariants(db).await;
}

#[tokio::test]
async fn r_meet_9_six_hours_before_is_free_and_four_hours_before_opens_a_dispute() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let early = booking(
        &w,
        Scenario::HomeVisit,
        Payment::Balance,
        now + Duration::hours(6),
    )
    .await
    .unwrap();
    act(
        &w.app.db,
        &early,
        &w.client,
        Command::Cancel(None),
        Extra::default(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        (wallet(&w).await, escrow(&w, &early).await),
        (1000, 0),
        "credits back, no dispute"
    );
    assert!(settle::platform::cases::for_subject(
        &w.app.db,
        settle::platform::cases::Subject::Session,
        &early
    )
    .await
    .unwrap()
    .is_none());

    let late = booking(
        &w,
        Scenario::HomeVisit,
        Payment::Balance,
        now + Duration::hours(4),
    )
    .await
    .unwrap();
    let e = act(
        &w.app.db,
        &late,
        &w.client,
        Command::Cancel(None),
        Extra::default(),
        now,
    )
    .await
    .unwrap_err();
    assert!(e.rule.is_some(), "a reason is required within 5 hours");
    act(
        &w.app.db,
        &late,
        &w.client,
        Command::Cancel(Some(CancelReason::ClientUrgent)),
        Extra::default(),
        now,
    )
    .await
    .unwrap();
    assert_eq!(escrow(&w, &late).await, 300, "held until support decides");
    let d = settle::platform::cases::for_subject(&w.app.db, settle::platform::cases::Subject::Session, &late)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (d.state.as_str(), d.reason.as_deref(), d.held),
        ("open", Some("client_urgent"), Credits::new(300))
    );
    let (first,): (String,) = sqlx::query_as(
        "SELECT m.body FROM messages m JOIN disputes d ON d.conversation_id = m.conversation_id WHERE d.id = $1 ORDER BY m.created_at, m.id LIMIT 1",
    )
    .bind(d.id.as_str())
    .fetch_one(&w.app.db)
    .await
    .unwrap();
    assert_eq!(
        first, "dispute_opened",
        "DISP-1: support's automatic first message"
    );
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_meet_10_the_models_other_reason_reaches_support_only() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let start = now + Duration::hours(2);
    let id = booking(&w, Scenario::HomeVisit, Payment::Balance, start)
        .await
        .unwrap();
    act(&w.app.db, &id, &w.model, Command::ImHere, Extra::default(), start)
        .await
        .unwrap();
    act(
        &w.app.db,
        &id,
        &w.model,
        Command::Cancel(Some(CancelReason::Other)),
        Extra {
            other_text: Some("He was aggressive at the door".into()),
            ..Default::default()
        },
        start,
    )
    .await
    .unwrap();
    let (note_kind, note): (String, String) = sqlx::query_as(
        "SELECT m.kind, m.body FROM messages m JOIN disputes d ON d.conversation_id = m.conversation_id WHERE d.subject_id = $1 AND m.kind = 'note'",
    )
    .bind(&id)
    .fetch_one(&w.app.db)
    .await
    .unwrap();
    assert_eq!(
        (note_kind.as_str(), note.as_str()),
        ("note", "He was aggressive at the door")
    );
    // The client's conversation with the model never contains it.
    let convo = settle::calls::store::conversation_of(&w.app.db, &w.model, &w.client, Role::Client)
        .await
        .unwrap();
    assert!(convo.iter().all(|m| !m.body.contains("aggressive")));
}

#[tokio::test]
async fn r_meet_13_the_model_gives_credits_back_and_is_still_paid_in_full() {
    let w = world().await;
    let now = w.app.state.clock.now();
    let start = now + Duration::hours(1);
    let id = booking(&w, Scenario::HomeVisit, Payment::Balance, start)
        .await
        .unwrap();
    let key = settle::platform::ledger::IdempotencyKey::from_form(
        "session",
        &uuid::Uuid::now_v7().simple().to_string(),
    )
    .unwrap();
    let extra = || Extra {
        key: Some(key.clone()),
        ..Default::default()
    };
    act(
        &w.app.db,
        &id,
        &w.model,
        Command::RefundNow(Credits::new(100)),
        extra(),
        now,
    )
    .await
    .unwrap();
    // A double click with the same form key gives back once.
    act(
        &w.app.db,
        &id,
        &w.model,
        Command::RefundNow(Credits::new(100)),
        extra(),
        now,
    )
    .await
    .unwrap();
    assert_eq!((wallet(&w).await, escrow(&w, &id).await), (800, 200));
    act(&w.app.db, &id, &w.model, Command::ImHere, Extra::default(), start)
        .await
        .unwrap();
    act(
        &w.app.db,
        &id,
        &w.model,
        Command::DeclarePreferences(vec![false]),
        Extra::default(),
        start,
    )
    .await
    .unwrap();
    act(&w.app.db, &id, &w.model, Command::Start, Extra::default(), start)
        .await
        .unwrap();
    act(
        &w.app.db,
        &id,
        &w.model,
        Command::Finish,
        Extra::default(),
        start + Duration::hours(1),
    )
    .await
    .unwrap();
    after_complaint_period(&w, start + Duration::hours(1)).await;
    assert_eq!(
        balance(&w.app.db, Account::Earnings(w.model.clone())).await,
        210,
        "the full reward for 300"
    );
    assert_eq!(
        balance(&w.app.db, Account::PlatformRevenue).await,
        -10,
        "the platform paid the difference"
    );
    invariants(&w.app.db).await;
}

#[tokio::test]
async fn r_meet_8_someone_elses_session_is_invisible_and_closed_sessions_refuse() {
    let w = world().await;
    let stranger = person(&w.app.db, "stranger", Role::Client).await;
    let now = w.app.state.clock.now();
    let id = booking(&w, Scenario::AtMyPlace, Payment::Balance, now + Duration::days(2))
        .await
        .unwrap();
    let e = act(
        &w.app.db,
        &id,
        &stranger,
        Command::Cancel(None),
        Extra::default(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    act(
        &w.app.db,
        &id,
        &w.client,
        Command::Cancel(None),
        Extra::default(),
        now,
    )
    .await
    .unwrap();
    let e = act(
        &w.app.db,
        &id,
        &w.model,
        Command::Cancel(None),
        Extra::default(),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Meet8));
    invariants(&w.app.db).await;
}

mod property {
    use super::*;
    use proptest::prelude::*;
    use settle::domain::session::{Session, Stage};

    /// (command index, by the model?, minutes to move on, amount)
    fn step() -> impl Strategy<Value = (usize, bool, i64, i64)> {
        (0..10usize, any::<bool>(), 0..80i64, 1..150i64)
    }

    async fn state_of(w: &World, id: &str) -> Session {
        let (json,): (String,) = sqlx::query_as("SELECT state FROM bookings WHERE id = $1")
            .bind(id)
            .fetch_one(&w.app.db)
            .await
            .unwrap();
        serde_json::from_str(&json).unwrap()
    }

    async fn run(home: bool, steps: Vec<(usize, bool, i64, i64)>) -> Result<(), String> {
        let w = world().await;
        let mut now = w.app.state.clock.now();
        let scenario = if home {
            Scenario::HomeVisit
        } else {
            Scenario::AtMyPlace
        };
        let id = booking(&w, scenario, Payment::Balance, now + Duration::hours(6))
            .await
            .map_err(|e| e.to_string())?;
        let mut last = Stage::BeforeMeeting;
        let (mut released, mut returned_by_cancel) = (false, false);
        for (n, (k, model, minutes, amount)) in steps.into_iter().enumerate() {
            now += Duration::minutes(minutes);
            let who = if model { w.model.clone() } else { w.client.clone() };
            let cmd = match k {
                0 => Command::OnMyWay,
                1 => Command::ImHere,
                2 => Command::GiveAddress,
                3 => Command::DeclarePreferences(vec![true]),
                4 => Command::Start,
                5 => Command::Propose {
                    kind: AdditionKind::ExtraService,
                    label: "extra".into(),
                    minutes: 0,
                    price: Credits::new(amount),
                },
                6 => Command::Confirm(0),
                7 => Command::Cancel(Some(
                    [
                        CancelReason::ClientUrgent,
                        CancelReason::ModelUrgent,
                        CancelReason::NotMatchingProfile,
                    ][amount as usize % 3],
                )),
                8 => Command::RefundNow(Credits::new(amount)),
                _ => Command::Finish,
            };
            let extra = Extra {
                address_details: Some("door 2".into()),
                ..Default::default()
            };
            if let Ok(events) = act(&w.app.db, &id, &who, cmd.clone(), extra, now).await {
                for e in &events {
                    match e {
                        settle::domain::session::Event::Completed => released = true,
                        settle::domain::session::Event::Cancelled {
                            escrow_back: true, ..
                        } => returned_by_cancel = true,
                        _ => {}
                    }
                }
            }
            let s = state_of(&w, &id).await;
            let held = escrow(&w, &id).await;
            let expected = if s.stage.is_open() || s.cancellation.as_ref().is_some_and(|c| c.dispute) {
                (s.total() - s.refunded_now).get()
            } else {
                0
            };
            if held != expected {
                return Err(format!(
                    "step {n} {cmd:?}: escrow {held}, expected {expected} ({:?})",
                    s.stage
                ));
            }
            if s.stage < last {
                return Err(format!("step {n}: stage went back {last:?} -> {:?}", s.stage));
            }
            if released && returned_by_cancel {
                return Err("both released and returned".into());
            }
            last = s.stage;
            settle::platform::ledger::check_invariants(&w.app.db)
                .await
                .map_err(|e| format!("step {n}: {e}"))?;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 32, .. ProptestConfig::default() })]

        #[test]
        fn r_meet_1_escrow_equals_what_is_held_through_random_steps(home in any::<bool>(), steps in prop::collection::vec(step(), 1..30)) {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            let result = rt.block_on(run(home, steps));
            prop_assert!(result.is_ok(), "{}", result.unwrap_err());
        }
    }
}

mod disputes {
    use super::*;
    use settle::disputes::store as d;
    use settle::domain::dispute::{DisputeState, Sanction};

    #[tokio::test]
    async fn r_disp_2_images_in_the_chat_are_for_its_members_and_notes_for_support() {
        use settle::domain::upload::FileKind;
        use settle::platform::auth::Viewer;
        use settle::platform::uploads::{self, Purpose};
        let w = world().await;
        let support = person(&w.app.db, "support", Role::Support).await;
        let stranger = person(&w.app.db, "stranger", Role::Client).await;
        let (_, dispute) = disputed(&w).await;
        let now = w.app.state.clock.now();
        let dir = w.app.state.config.upload_dir.clone();
        let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
        let shot = uploads::store(
            &w.app.db,
            &dir,
            &w.client,
            Purpose::Evidence,
            &png,
            &FileKind::IMAGES,
            now,
        )
        .await
        .unwrap();
        d::post_image(
            &w.app.db,
            &dispute,
            &w.client,
            Role::Client,
            "The door was locked",
            &shot,
            false,
            now,
        )
        .await
        .unwrap();
        let note = uploads::store(
            &w.app.db,
            &dir,
            &support,
            Purpose::Evidence,
            &png,
            &FileKind::IMAGES,
            now,
        )
        .await
        .unwrap();
        d::post_image(&w.app.db, &dispute, &support, Role::Support, "", &note, true, now)
            .await
            .unwrap();
        let viewer = |id: &UserId, role| Viewer {
            id: id.clone(),
            role,
            display_name: "x".into(),
            locale: None,
            time_zone: settle::domain::time::ZoneName::default_zone(),
        };
        // The other party sees the client's image; a stranger does not.
        assert!(
            uploads::open(&w.app.db, &dir, &shot, &viewer(&w.model, Role::Model))
                .await
                .is_ok()
        );
        let e = uploads::open(&w.app.db, &dir, &shot, &viewer(&stranger, Role::Client))
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::NotFound);
        // Support's note image stays with support.
        let e = uploads::open(&w.app.db, &dir, &note, &viewer(&w.client, Role::Client))
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::NotFound);
        let rows = d::list(&w.app.db, &support, Role::Support, None, None)
            .await
            .unwrap();
        let row = rows.iter().find(|r| r.id == dispute).unwrap();
        let seen = d::messages(&w.app.db, row, &w.model, Role::Model).await.unwrap();
        assert_eq!(seen.iter().filter(|m| m.attachment.is_some()).count(), 1);
        let all = d::messages(&w.app.db, row, &support, Role::Support)
            .await
            .unwrap();
        assert_eq!(all.iter().filter(|m| m.attachment.is_some()).count(), 2);
        // Only disputes open long enough pass the age filter.
        let older = d::list(
            &w.app.db,
            &support,
            Role::Support,
            None,
            Some(now - Duration::days(1)),
        )
        .await
        .unwrap();
        assert!(older.iter().all(|r| r.id != dispute));
        let newer = d::list(
            &w.app.db,
            &support,
            Role::Support,
            None,
            Some(now + Duration::seconds(1)),
        )
        .await
        .unwrap();
        assert!(newer.iter().any(|r| r.id == dispute));
        // A decided dispute takes no more images.
        let reason = settle::domain::Reason::parse("Settled in the chat").unwrap();
        d::decide(
            &w.app.db,
            &dispute,
            &support,
            &settle::disputes::store::Verdict {
                refund: Credits::new(0),
                client_sanction: None,
                model_sanction: None,
                reason,
            },
            now,
        )
        .await
        .unwrap();
        let e = d::post_image(
            &w.app.db,
            &dispute,
            &w.client,
            Role::Client,
            "",
            &shot,
            false,
            now,
        )
        .await
        .unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Disp3));
    }

    async fn disputed(w: &World) -> (String, settle::domain::DisputeId) {
        let now = w.app.state.clock.now();
        let id = booking(w, Scenario::HomeVisit, Payment::Balance, now + Duration::hours(2))
            .await
            .unwrap();
        act(
            &w.app.db,
            &id,
            &w.client,
            Command::Cancel(Some(CancelReason::ClientUrgent)),
            Extra::default(),
            now,
        )
        .await
        .unwrap();
        let dispute = d::for_subject(&w.app.db, d::Subject::Session, &id)
            .await
            .unwrap()
            .unwrap();
        (id, dispute.id)
    }

    #[tokio::test]
    async fn r_disp_1_support_marks_awaiting_decision_and_the_parties_see_it() {
        let w = world().await;
        let support = person(&w.app.db, "support", Role::Support).await;
        let (_, dispute) = disputed(&w).await;
        let now = w.app.state.clock.now();
        let e = d::mark_awaiting(&w.app.db, &dispute, &w.client, now)
            .await
            .unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Disp3), "only support sets the step");
        d::mark_awaiting(&w.app.db, &dispute, &support, now)
            .await
            .unwrap();
        d::mark_awaiting(&w.app.db, &dispute, &support, now)
            .await
            .unwrap();
        let waiting = d::list(
            &w.app.db,
            &w.client,
            Role::Client,
            Some(DisputeState::AwaitingDecision),
            None,
        )
        .await
        .unwrap();
        assert_eq!(waiting.len(), 1);
        let chat = d::messages(&w.app.db, &waiting[0], &w.client, Role::Client)
            .await
            .unwrap();
        assert_eq!(
            chat.iter().filter(|m| m.body == "dispute_awaiting").count(),
            1,
            "one notice, even after two clicks"
        );
        // The parties may still add something, and support then decides.
        d::post(
            &w.app.db,
            &dispute,
            &w.model,
            Role::Model,
            "One more photo",
            false,
            now,
        )
        .await
        .unwrap();
        d::decide(
            &w.app.db,
            &dispute,
            &support,
            &settle::disputes::store::Verdict {
                refund: Credits::ZERO,
                client_sanction: None,
                model_sanction: None,
                reason: settle::domain::Reason::parse("Cancelled too late").unwrap(),
            },
            now,
        )
        .await
        .unwrap();
        let e = d::mark_awaiting(&w.app.db, &dispute, &support, now)
            .await
            .unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Disp3));
        invariants(&w.app.db).await;
    }

    #[tokio::test]
    async fn r_disp_3_the_decision_splits_the_held_credits_in_one_transaction() {
        let w = world().await;
        let support = person(&w.app.db, "support", Role::Support).await;
        let (session, dispute) = disputed(&w).await;
        let now = w.app.state.clock.now();
        let reason = settle::domain::Reason::parse("Both were partly right").unwrap();
        let over = d::decide(
            &w.app.db,
            &dispute,
            &support,
            &settle::disputes::store::Verdict {
                refund: Credits::new(301),
                client_sanction: None,
                model_sanction: None,
                reason: reason.clone(),
            },
            now,
        )
        .await
        .unwrap_err();
        assert_eq!(over.rule, Some(RuleId::Disp3));
        // Only support decides.
        assert!(d::decide(
            &w.app.db,
            &dispute,
            &w.client,
            &settle::disputes::store::Verdict {
                refund: Credits::new(300),
                client_sanction: None,
                model_sanction: None,
                reason: reason.clone()
            },
            now
        )
        .await
        .is_err());
        d::decide(
            &w.app.db,
            &dispute,
            &support,
            &settle::disputes::store::Verdict {
                refund: Credits::new(120),
                client_sanction: Some(Sanction::Warning),
                model_sanction: Some(Sanction::Suspension(3)),
                reason: reason.clone(),
            },
            now,
        )
        .await
        .unwrap();
        assert_eq!(wallet(&w).await, 700 + 120);
        assert_eq!(escrow(&w, &session).await, 0);
        assert_eq!(
            balance(&w.app.db, Account::Earnings(w.model.clone())).await,
            126,
            "180 released, less 30 %"
        );
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sanctions")
            .fetch_one(&w.app.db)
            .await
            .unwrap();
        assert_eq!(n, 2);
        // Decided: read-only, and a second decision changes nothing.
        assert!(d::decide(
            &w.app.db,
            &dispute,
            &support,
            &settle::disputes::store::Verdict {
                refund: Credits::new(0),
                client_sanction: None,
                model_sanction: None,
                reason
            },
            now
        )
        .await
        .is_err());
        let e = d::post(
            &w.app.db,
            &dispute,
            &w.client,
            Role::Client,
            "one more thing",
            false,
            now,
        )
        .await
        .unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Disp3));
        invariants(&w.app.db).await;
    }

    #[tokio::test]
    async fn r_disp_2_members_talk_notes_stay_with_support_and_strangers_see_nothing() {
        let w = world().await;
        let support = person(&w.app.db, "support", Role::Support).await;
        let stranger = person(&w.app.db, "stranger", Role::Client).await;
        let (_, dispute) = disputed(&w).await;
        let now = w.app.state.clock.now();
        d::post(
            &w.app.db,
            &dispute,
            &w.client,
            Role::Client,
            "I had an emergency",
            false,
            now,
        )
        .await
        .unwrap();
        d::post(
            &w.app.db,
            &dispute,
            &support,
            Role::Support,
            "check her past disputes",
            true,
            now,
        )
        .await
        .unwrap();
        // A note flag from a party is ignored: it is a plain message.
        d::post(
            &w.app.db,
            &dispute,
            &w.model,
            Role::Model,
            "<script>alert(1)</script>",
            true,
            now,
        )
        .await
        .unwrap();
        let mut conn = w.app.db.acquire().await.unwrap();
        assert_eq!(
            d::get(&mut conn, &dispute, &stranger, Role::Client)
                .await
                .unwrap_err()
                .code,
            ErrorCode::NotFound
        );
        let row = d::get(&mut conn, &dispute, &w.model, Role::Model).await.unwrap();
        drop(conn);
        assert_eq!(row.state, DisputeState::Open);
        let model_view = d::messages(&w.app.db, &row, &w.model, Role::Model).await.unwrap();
        assert!(model_view.iter().all(|m| m.kind.as_str() != "note"));
        assert!(model_view
            .iter()
            .any(|m| m.body == "<script>alert(1)</script>" && m.kind.as_str() == "text"));
        let support_view = d::messages(&w.app.db, &row, &support, Role::Support)
            .await
            .unwrap();
        assert!(support_view
            .iter()
            .any(|m| m.kind.as_str() == "note" && m.body == "check her past disputes"));
        assert_eq!(
            support_view[0].body, "dispute_opened",
            "DISP-1: support's first message comes first"
        );
    }
}

#[tokio::test]
async fn r_disp_2_a_message_notice_reaches_every_app_server() {
    // On PostgreSQL two servers share NOTIFY; on SQLite one server delivers locally.
    let app = TestApp::new().await;
    let url = app.url.clone();
    let (a, b) = if !url.starts_with("postgres") {
        let l = settle::platform::state::Live::new();
        (l.clone(), l)
    } else {
        (
            settle::platform::state::Live::with_postgres(app.db.clone(), &url)
                .await
                .unwrap(),
            settle::platform::state::Live::with_postgres(app.db.clone(), &url)
                .await
                .unwrap(),
        )
    };
    let mut on_b = b.subscribe();
    let mut on_a = a.subscribe();
    a.notify("conversation-42").await;
    let got = tokio::time::timeout(std::time::Duration::from_secs(5), on_b.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got, "conversation-42");
    let got = tokio::time::timeout(std::time::Duration::from_secs(5), on_a.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got, "conversation-42", "the sender's own pages get it too");
}

/// Issue 14.2: a page's HTTP status depends only on what it shows. Fifty
/// requests for each kind of refusal (someone else's session or dispute,
/// an unknown call, a signed-out reader) all get the same status.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_meet_8_refusal_pages_answer_one_status_every_time() {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    let w = world().await;
    let stranger = person(&w.app.db, "stranger", Role::Client).await;
    let now = w.app.state.clock.now();
    // A session cancelled within 5 hours: it has a dispute (MEET-9).
    let id = booking(
        &w,
        Scenario::HomeVisit,
        Payment::Balance,
        now + Duration::hours(4),
    )
    .await
    .unwrap();
    act(
        &w.app.db,
        &id,
        &w.client,
        Command::Cancel(Some(CancelReason::ClientUrgent)),
        Extra::default(),
        now,
    )
    .await
    .unwrap();
    let dispute =
        settle::platform::cases::for_subject(&w.app.db, settle::platform::cases::Subject::Session, &id)
            .await
            .unwrap()
            .expect("a late cancellation opens a dispute")
            .id;
    let stranger_cookie = support::cookie_for(&w.app.db, &stranger, now).await;
    let unknown_call = "00000000-0000-7000-8000-000000000000";
    let cases: [(&str, String, Option<&str>, StatusCode); 6] = [
        (
            "someone else's session",
            format!("/sessions/{id}"),
            Some(&stranger_cookie),
            StatusCode::NOT_FOUND,
        ),
        (
            "someone else's dispute",
            format!("/disputes/{dispute}"),
            Some(&stranger_cookie),
            StatusCode::NOT_FOUND,
        ),
        (
            "an unknown call",
            format!("/client/calls/{unknown_call}/rate"),
            Some(&stranger_cookie),
            StatusCode::NOT_FOUND,
        ),
        (
            "the support home for a client",
            "/support".into(),
            Some(&stranger_cookie),
            StatusCode::FORBIDDEN,
        ),
        (
            "a session, signed out",
            format!("/it/sessions/{id}"),
            None,
            StatusCode::FOUND,
        ),
        (
            "the client home, signed out",
            "/client".into(),
            None,
            StatusCode::FOUND,
        ),
    ];
    for (what, path, cookie, expected) in cases {
        let mut seen = std::collections::BTreeMap::new();
        for _ in 0..50 {
            let mut req = Request::get(&path).header(header::ACCEPT, "text/html");
            if let Some(c) = cookie {
                req = req.header(header::COOKIE, c);
            }
            let res = w.app.request(req.body(Body::empty()).unwrap()).await;
            *seen.entry(res.status().as_u16()).or_insert(0) += 1;
        }
        assert_eq!(
            seen.into_iter().collect::<Vec<_>>(),
            vec![(expected.as_u16(), 50)],
            "{what}: {path}"
        );
    }
}

/// MEET-15: the worker's round 24 hours after `end` pays the model.
async fn after_complaint_period(w: &World, end: DateTime<Utc>) {
    w.app.state.clock.set(end + Duration::hours(24));
    let round = settle::worker::run_once(&w.app.state).await;
    assert!(round.jobs >= 1, "the release ran: {round:?}");
}

/// MEET-2 (issue 17): each party's open session page follows the other's
/// steps through `/live/sessions/{id}`; nobody else may listen.
#[tokio::test]
async fn r_meet_2_a_step_is_told_on_the_sessions_live_channel_to_its_parties_only() {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use http_body_util::BodyExt;
    let w = world().await;
    let stranger = person(&w.app.db, "stranger", Role::Client).await;
    let now = w.app.state.clock.now();
    let id = booking(
        &w,
        Scenario::AtMyPlace,
        Payment::Balance,
        now + Duration::hours(3),
    )
    .await
    .unwrap();
    let listen = |cookie: Option<String>| {
        let mut req = Request::get(format!("/live/sessions/{id}"));
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        req.body(Body::empty()).unwrap()
    };
    let res = w.app.request(listen(None)).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let other = support::cookie_for(&w.app.db, &stranger, Utc::now()).await;
    let res = w.app.request(listen(Some(other))).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "a stranger learns nothing");

    let model = support::cookie_for(&w.app.db, &w.model, Utc::now()).await;
    let res = w.app.request(listen(Some(model))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let mut body = res.into_body();

    // The client presses "On my way" through the page's form.
    let client = support::cookie_for(&w.app.db, &w.client, Utc::now()).await;
    let res = w
        .app
        .request(support::form_post(
            "/api/sessions/act",
            &client,
            format!("id={id}&command=on_my_way"),
        ))
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let mut seen = String::new();
    while !seen.contains("event: step") {
        let frame = support::within(std::time::Duration::from_secs(10), "a step event", body.frame())
            .await
            .expect("the stream stays open")
            .unwrap();
        if let Ok(bytes) = frame.into_data() {
            seen.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
}
