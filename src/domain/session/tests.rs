use super::*;
use chrono::TimeZone;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 20, 0, 0).unwrap()
}

fn hms(h: i64, m: i64, s: i64) -> Duration {
    Duration::hours(h) + Duration::minutes(m) + Duration::seconds(s)
}

fn booking(scenario: Scenario, payment: Payment) -> Session {
    Session::new_booking(
        scenario,
        payment,
        start(),
        60,
        Credits::new(300),
        vec![
            Service {
                name: "Dinner".into(),
                by_preference: false,
            },
            Service {
                name: "Massage".into(),
                by_preference: true,
            },
        ],
    )
}

fn run(s: &mut Session, cmd: Command, by: Party, now: DateTime<Utc>) {
    let events = apply(s, &cmd, by, now).unwrap_or_else(|e| panic!("{cmd:?} by {by:?}: {e}"));
    s.evolve(&events, now);
}

/// A session at each stage, with one pending addition from each side.
fn at_stage(scenario: Scenario, stage: Stage) -> Session {
    let now = start() - Duration::hours(6);
    let mut s = booking(scenario, Payment::Balance);
    let offer = |kind, _by: Party| Command::Propose {
        kind,
        label: "extra".into(),
        minutes: 0,
        price: Credits::new(50),
    };
    run(
        &mut s,
        offer(AdditionKind::ExtraService, Party::Client),
        Party::Client,
        now,
    );
    run(
        &mut s,
        offer(AdditionKind::CustomOffer, Party::Model),
        Party::Model,
        now,
    );
    let traveller = s.traveller();
    let t = start();
    match stage {
        Stage::BeforeMeeting => {}
        Stage::NotStarted => {
            let Due::Now(events) = s.window_check(t + WINDOW + Duration::seconds(1)) else {
                panic!("the window closed")
            };
            s.evolve(&events, t + WINDOW + Duration::seconds(1));
        }
        Stage::Meeting => run(&mut s, Command::ImHere, traveller, t),
        Stage::InProgress | Stage::Completed | Stage::Cancelled => {
            run(&mut s, Command::ImHere, traveller, t);
            if scenario == Scenario::AtMyPlace {
                run(&mut s, Command::GiveAddress, Party::Model, t);
            }
            run(&mut s, Command::DeclarePreferences(vec![true]), Party::Model, t);
            run(&mut s, Command::Start, Party::Model, t);
            match stage {
                Stage::Completed => run(&mut s, Command::Finish, Party::Client, t),
                Stage::Cancelled => run(
                    &mut s,
                    Command::Cancel(Some(CancelReason::ModelUrgent)),
                    Party::Model,
                    t,
                ),
                _ => {}
            }
        }
    }
    assert_eq!(s.stage, stage);
    s
}

use CommandKind as K;

/// Every (stage, actor, command) pair: what is allowed at the start time;
/// everything not listed must be refused.
#[test]
fn r_meet_8_every_stage_actor_command_pair_is_decided() {
    let table: &[(Scenario, Stage, Party, &[K])] = &[
        (
            Scenario::AtMyPlace,
            Stage::BeforeMeeting,
            Party::Client,
            &[K::ImHere, K::Propose, K::Confirm, K::Decline, K::Cancel],
        ),
        (
            Scenario::AtMyPlace,
            Stage::BeforeMeeting,
            Party::Model,
            &[
                K::DeclarePreferences,
                K::Propose,
                K::Confirm,
                K::Decline,
                K::Cancel,
                K::RefundNow,
            ],
        ),
        (Scenario::AtMyPlace, Stage::Meeting, Party::Client, &[K::Cancel]),
        (
            Scenario::AtMyPlace,
            Stage::Meeting,
            Party::Model,
            &[K::GiveAddress, K::DeclarePreferences, K::Cancel, K::RefundNow],
        ),
        (
            Scenario::AtMyPlace,
            Stage::InProgress,
            Party::Client,
            &[K::Propose, K::Confirm, K::Decline, K::Cancel, K::Finish],
        ),
        (
            Scenario::AtMyPlace,
            Stage::InProgress,
            Party::Model,
            &[
                K::Propose,
                K::Confirm,
                K::Decline,
                K::Cancel,
                K::RefundNow,
                K::Finish,
            ],
        ),
        (
            Scenario::AtMyPlace,
            Stage::Completed,
            Party::Client,
            &[K::Complain],
        ),
        (
            Scenario::AtMyPlace,
            Stage::Completed,
            Party::Model,
            &[K::Complain],
        ),
        (Scenario::AtMyPlace, Stage::NotStarted, Party::Client, &[]),
        (Scenario::AtMyPlace, Stage::NotStarted, Party::Model, &[]),
        (Scenario::AtMyPlace, Stage::Cancelled, Party::Client, &[]),
        (Scenario::AtMyPlace, Stage::Cancelled, Party::Model, &[]),
        (
            Scenario::HomeVisit,
            Stage::BeforeMeeting,
            Party::Client,
            &[K::Propose, K::Confirm, K::Decline, K::Cancel],
        ),
        (
            Scenario::HomeVisit,
            Stage::BeforeMeeting,
            Party::Model,
            &[
                K::ImHere,
                K::DeclarePreferences,
                K::Propose,
                K::Confirm,
                K::Decline,
                K::Cancel,
                K::RefundNow,
            ],
        ),
        (Scenario::HomeVisit, Stage::Meeting, Party::Client, &[K::Cancel]),
        (
            Scenario::HomeVisit,
            Stage::Meeting,
            Party::Model,
            &[K::DeclarePreferences, K::Cancel, K::RefundNow],
        ),
        (
            Scenario::HomeVisit,
            Stage::InProgress,
            Party::Client,
            &[K::Propose, K::Confirm, K::Decline, K::Cancel, K::Finish],
        ),
        (
            Scenario::HomeVisit,
            Stage::InProgress,
            Party::Model,
            &[
                K::Propose,
                K::Confirm,
                K::Decline,
                K::Cancel,
                K::RefundNow,
                K::Finish,
            ],
        ),
        (
            Scenario::HomeVisit,
            Stage::Completed,
            Party::Client,
            &[K::Complain],
        ),
        (
            Scenario::HomeVisit,
            Stage::Completed,
            Party::Model,
            &[K::Complain],
        ),
        (Scenario::HomeVisit, Stage::NotStarted, Party::Client, &[]),
        (Scenario::HomeVisit, Stage::NotStarted, Party::Model, &[]),
        (Scenario::HomeVisit, Stage::Cancelled, Party::Client, &[]),
        (Scenario::HomeVisit, Stage::Cancelled, Party::Model, &[]),
    ];
    let mut checked = 0;
    for (scenario, stage, party, allowed) in table {
        let s = at_stage(*scenario, *stage);
        for kind in CommandKind::ALL {
            let result = apply(&s, &kind.sample(&s, *party, start()), *party, start());
            assert_eq!(
                result.is_ok(),
                allowed.contains(&kind),
                "{scenario:?} {stage:?} {party:?} {kind:?}: {result:?}"
            );
            if let Err(e) = result {
                assert!(
                    e.rule.is_some(),
                    "a refusal names its rule: {scenario:?} {stage:?} {party:?} {kind:?}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * 6 * 2 * CommandKind::ALL.len());
}

#[test]
fn r_meet_1_a_booking_starts_before_meeting_and_a_balance_booking_is_secure() {
    let s = booking(Scenario::AtMyPlace, Payment::Balance);
    assert_eq!(s.stage, Stage::BeforeMeeting);
    assert!(s.is_secure());
    assert_eq!(s.total(), Credits::new(300));
    assert!(!booking(Scenario::HomeVisit, Payment::Direct).is_secure());
}

#[test]
fn r_meet_2_on_my_way_until_30_minutes_before_then_im_here_then_address_then_start() {
    let mut s = booking(Scenario::AtMyPlace, Payment::Balance);
    assert!(
        apply(&s, &Command::OnMyWay, Party::Model, start() - hms(1, 0, 0)).is_err(),
        "the client travels"
    );
    assert!(apply(&s, &Command::OnMyWay, Party::Client, start() - hms(0, 30, 1)).is_ok());
    let replaced = apply(&s, &Command::OnMyWay, Party::Client, start() - hms(0, 30, 0)).unwrap_err();
    assert_eq!(replaced.rule, Some(RuleId::Meet2));
    run(&mut s, Command::ImHere, Party::Client, start() - hms(0, 10, 0));
    assert!(!s.model_address_visible_to_client());
    let early = apply(&s, &Command::Start, Party::Model, start()).unwrap_err();
    assert_eq!(
        (early.rule, early.detail.as_deref()),
        (Some(RuleId::Meet2), Some("address first"))
    );
    run(&mut s, Command::GiveAddress, Party::Model, start());
    assert!(s.model_address_visible_to_client());
    run(
        &mut s,
        Command::DeclarePreferences(vec![false]),
        Party::Model,
        start(),
    );
    run(&mut s, Command::Start, Party::Model, start());
    assert_eq!(s.stage, Stage::InProgress);
}

#[test]
fn r_meet_3_home_visit_the_model_travels_and_sees_the_address_at_once() {
    let mut s = booking(Scenario::HomeVisit, Payment::Balance);
    assert!(s.client_address_visible_to_model());
    assert!(apply(&s, &Command::ImHere, Party::Client, start()).is_err());
    run(&mut s, Command::OnMyWay, Party::Model, start() - hms(1, 0, 0));
    run(&mut s, Command::ImHere, Party::Model, start());
    assert!(
        apply(&s, &Command::GiveAddress, Party::Model, start()).is_err(),
        "no address step on a home visit"
    );
    run(
        &mut s,
        Command::DeclarePreferences(vec![true]),
        Party::Model,
        start(),
    );
    run(&mut s, Command::Start, Party::Model, start());
    assert_eq!(s.stage, Stage::InProgress);
}

#[test]
fn r_meet_4_services_by_preference_are_declared_before_starting() {
    let mut s = booking(Scenario::HomeVisit, Payment::Balance);
    run(&mut s, Command::ImHere, Party::Model, start());
    let e = apply(&s, &Command::Start, Party::Model, start()).unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Meet4));
    assert!(
        apply(
            &s,
            &Command::DeclarePreferences(vec![true, false]),
            Party::Model,
            start()
        )
        .is_err(),
        "one answer per service by preference"
    );
    assert!(apply(
        &s,
        &Command::DeclarePreferences(vec![true]),
        Party::Client,
        start()
    )
    .is_err());
    run(
        &mut s,
        Command::DeclarePreferences(vec![false]),
        Party::Model,
        start(),
    );
    assert!(apply(&s, &Command::Start, Party::Model, start()).is_ok());
}

#[test]
fn r_meet_5_im_here_and_start_at_the_window_edges() {
    for (offset, ok) in [
        (-hms(0, 30, 1), false),
        (-hms(0, 30, 0), true),
        (-hms(0, 29, 59), true),
        (hms(0, 29, 59), true),
        (hms(0, 30, 0), true),
        (hms(0, 30, 1), false),
    ] {
        let now = start() + offset;
        let s = booking(Scenario::AtMyPlace, Payment::Balance);
        let here = apply(&s, &Command::ImHere, Party::Client, now);
        assert_eq!(here.is_ok(), ok, "I'm here at {offset}");
        if let Err(e) = here {
            assert_eq!(e.rule, Some(RuleId::Meet5));
            assert!(e.detail.unwrap().starts_with(if offset < Duration::zero() {
                "opens"
            } else {
                "closed"
            }));
        }
        let mut s = booking(Scenario::HomeVisit, Payment::Balance);
        run(&mut s, Command::ImHere, Party::Model, start());
        run(
            &mut s,
            Command::DeclarePreferences(vec![true]),
            Party::Model,
            start(),
        );
        assert_eq!(
            apply(&s, &Command::Start, Party::Model, now).is_ok(),
            ok,
            "Start at {offset}"
        );
    }
}

#[test]
fn r_meet_6_additions_before_meeting_or_after_start_never_in_between() {
    let offer = Command::Propose {
        kind: AdditionKind::ExtraTariff,
        label: "30 min".into(),
        minutes: 30,
        price: Credits::new(120),
    };
    assert!(apply(
        &at_stage(Scenario::AtMyPlace, Stage::BeforeMeeting),
        &offer,
        Party::Client,
        start()
    )
    .is_ok());
    let e = apply(
        &at_stage(Scenario::AtMyPlace, Stage::Meeting),
        &offer,
        Party::Client,
        start(),
    )
    .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Meet6));
    assert!(apply(
        &at_stage(Scenario::AtMyPlace, Stage::InProgress),
        &offer,
        Party::Model,
        start()
    )
    .is_ok());
    let custom = Command::Propose {
        kind: AdditionKind::CustomOffer,
        label: "photo set".into(),
        minutes: 0,
        price: Credits::new(80),
    };
    assert!(
        apply(
            &booking(Scenario::AtMyPlace, Payment::Balance),
            &custom,
            Party::Client,
            start()
        )
        .is_err(),
        "a custom offer is the model's invoice"
    );
    // The proposer cannot confirm her own addition; unconfirmed changes nothing.
    let mut s = booking(Scenario::AtMyPlace, Payment::Balance);
    run(&mut s, offer.clone(), Party::Client, start() - hms(2, 0, 0));
    assert!(apply(&s, &Command::Confirm(0), Party::Client, start()).is_err());
    assert_eq!((s.total(), s.minutes), (Credits::new(300), 60));
    run(&mut s, Command::Decline(0), Party::Model, start());
    assert_eq!((s.total(), s.minutes), (Credits::new(300), 60));
    assert!(
        apply(&s, &Command::Confirm(0), Party::Model, start()).is_err(),
        "a declined addition stays declined"
    );
}

#[test]
fn r_meet_7_a_confirmed_addition_is_paid_like_the_session_and_prolongs_it() {
    let mut s = booking(Scenario::AtMyPlace, Payment::Balance);
    run(
        &mut s,
        Command::Propose {
            kind: AdditionKind::ExtraTariff,
            label: "30 min".into(),
            minutes: 30,
            price: Credits::new(120),
        },
        Party::Client,
        start(),
    );
    let events = apply(&s, &Command::Confirm(0), Party::Model, start()).unwrap();
    assert_eq!(
        events,
        vec![Event::AdditionConfirmed {
            index: 0,
            price: Credits::new(120)
        }]
    );
    s.evolve(&events, start());
    assert_eq!((s.total(), s.minutes), (Credits::new(420), 90));
}

#[test]
fn r_meet_9_cancellation_edges_around_five_hours() {
    for (before, free) in [
        (hms(5, 0, 1), true),
        (hms(5, 0, 0), false),
        (hms(4, 59, 59), false),
    ] {
        let now = start() - before;
        let s = booking(Scenario::AtMyPlace, Payment::Balance);
        let reasons = s.cancel_reasons(Party::Client, now);
        assert_eq!(reasons.is_empty(), free, "at {before} before");
        if free {
            let ev = apply(&s, &Command::Cancel(None), Party::Client, now).unwrap();
            assert_eq!(
                ev,
                vec![Event::Cancelled {
                    by: Party::Client,
                    reason: None,
                    dispute: false,
                    escrow_back: true
                }]
            );
        } else {
            let e = apply(&s, &Command::Cancel(None), Party::Client, now).unwrap_err();
            assert!(e.rule.is_some(), "a reason is required");
            let ev = apply(
                &s,
                &Command::Cancel(Some(CancelReason::ClientUrgent)),
                Party::Client,
                now,
            )
            .unwrap();
            assert_eq!(
                ev,
                vec![Event::Cancelled {
                    by: Party::Client,
                    reason: Some(CancelReason::ClientUrgent),
                    dispute: true,
                    escrow_back: false
                }]
            );
            // Paid directly: nothing is held, so no dispute.
            let d = booking(Scenario::AtMyPlace, Payment::Direct);
            let ev = apply(
                &d,
                &Command::Cancel(Some(CancelReason::ClientUrgent)),
                Party::Client,
                now,
            )
            .unwrap();
            assert!(matches!(ev[0], Event::Cancelled { dispute: false, .. }));
        }
    }
}

#[test]
fn r_meet_10_the_model_at_the_meeting_stage_cancels_for_profile_rules_or_other() {
    let s = at_stage(Scenario::HomeVisit, Stage::Meeting);
    assert_eq!(
        s.cancel_reasons(Party::Model, start()),
        vec![
            CancelReason::NotMatchingProfile,
            CancelReason::RuleViolation,
            CancelReason::Other
        ]
    );
    let e = apply(
        &s,
        &Command::Cancel(Some(CancelReason::ModelUrgent)),
        Party::Model,
        start(),
    )
    .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Meet10));
    assert!(apply(
        &s,
        &Command::Cancel(Some(CancelReason::NotMatchingProfile)),
        Party::Model,
        start()
    )
    .is_ok());
}

#[test]
fn r_meet_11_in_progress_reasons_are_urgent_matters_or_rule_violation() {
    let s = at_stage(Scenario::AtMyPlace, Stage::InProgress);
    for p in [Party::Client, Party::Model] {
        assert_eq!(
            s.cancel_reasons(p, start()),
            vec![
                CancelReason::ClientUrgent,
                CancelReason::ModelUrgent,
                CancelReason::RuleViolation
            ]
        );
        let e = apply(
            &s,
            &Command::Cancel(Some(CancelReason::NotMatchingProfile)),
            p,
            start(),
        )
        .unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Meet11));
    }
}

#[test]
fn r_meet_12_the_clients_reasons_mirror_the_models() {
    let s = at_stage(Scenario::AtMyPlace, Stage::Meeting);
    assert_eq!(
        s.cancel_reasons(Party::Client, start()),
        vec![
            CancelReason::NotMatchingProfile,
            CancelReason::RuleViolation,
            CancelReason::ClientUrgent,
            CancelReason::Other
        ]
    );
    // Past the window without a start, the client may call it a no-show.
    let late = start() + hms(0, 30, 1);
    assert!(s
        .cancel_reasons(Party::Client, late)
        .contains(&CancelReason::NoShow));
    let e = apply(
        &s,
        &Command::Cancel(Some(CancelReason::ModelUrgent)),
        Party::Client,
        start(),
    )
    .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Meet12));
    // Before meeting, a no-show only once the window has passed.
    let b = booking(Scenario::HomeVisit, Payment::Balance);
    assert!(!b
        .cancel_reasons(Party::Client, start() + hms(0, 30, 0))
        .contains(&CancelReason::NoShow));
    assert!(b
        .cancel_reasons(Party::Client, start() + hms(0, 30, 1))
        .contains(&CancelReason::NoShow));
}

#[test]
fn r_meet_13_the_model_refunds_at_once_up_to_what_was_paid() {
    let mut s = at_stage(Scenario::AtMyPlace, Stage::InProgress);
    run(
        &mut s,
        Command::RefundNow(Credits::new(100)),
        Party::Model,
        start(),
    );
    run(
        &mut s,
        Command::RefundNow(Credits::new(200)),
        Party::Model,
        start(),
    );
    let e = apply(&s, &Command::RefundNow(Credits::new(1)), Party::Model, start()).unwrap_err();
    assert_eq!((e.rule, e.detail.as_deref()), (Some(RuleId::Meet13), Some("0")));
    assert!(apply(&s, &Command::RefundNow(Credits::new(1)), Party::Client, start()).is_err());
    let d = booking(Scenario::AtMyPlace, Payment::Direct);
    assert!(
        apply(&d, &Command::RefundNow(Credits::new(1)), Party::Model, start()).is_err(),
        "nothing was paid from the balance"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn command() -> impl Strategy<Value = (usize, bool, i64, usize, i64)> {
        // (command kind, by model?, minutes to move, reason index, amount)
        (
            0..CommandKind::ALL.len(),
            any::<bool>(),
            0..90i64,
            0..6usize,
            1..200i64,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Random command sequences: stages only move forward; money held in
        /// escrow is either still held, or released to the model, or given
        /// back to the client, never two of these for the same credits.
        #[test]
        fn r_meet_8_stages_move_forward_and_escrow_is_never_both_refunded_and_released(
            home in any::<bool>(),
            balance in any::<bool>(),
            steps in prop::collection::vec(command(), 1..40),
        ) {
            let scenario = if home { Scenario::HomeVisit } else { Scenario::AtMyPlace };
            let payment = if balance { Payment::Balance } else { Payment::Direct };
            let mut s = booking(scenario, payment);
            let mut now = start() - Duration::hours(7);
            let (mut held, mut released, mut returned) = (s.total().get(), 0i64, 0i64);
            if !s.is_secure() { held = 0; }
            for (k, model, minutes, reason, amount) in steps {
                now += Duration::minutes(minutes);
                let by = if model { Party::Model } else { Party::Client };
                let kind = CommandKind::ALL[k];
                let cmd = match kind {
                    CommandKind::Cancel => Command::Cancel(Some(CancelReason::ALL[reason])).clone(),
                    CommandKind::RefundNow => Command::RefundNow(Credits::new(amount)),
                    CommandKind::Propose => Command::Propose { kind: AdditionKind::ExtraService, label: "x".into(), minutes: 0, price: Credits::new(amount) },
                    _ => kind.sample(&s, by, now),
                };
                let before = s.stage;
                // Settle's own steps (MEET-14/15) run between presses.
                let timed = [s.window_check(now), s.overrun_check(now), s.release_check(false, now)]
                    .into_iter()
                    .find_map(|d| match d { Due::Now(e) => Some(e), _ => None });
                if let Some(events) = timed.or_else(|| apply(&s, &cmd, by, now).ok()) {
                    for e in &events {
                        match e {
                            Event::AdditionConfirmed { price, .. } if s.is_secure() => held += price.get(),
                            Event::RefundedNow(c) => { held -= c.get(); returned += c.get(); }
                            Event::Released => { released += held; held = 0; }
                            Event::Cancelled { escrow_back: true, .. } if s.is_secure() => { returned += held; held = 0; }
                            _ => {}
                        }
                    }
                    s.evolve(&events, now);
                }
                prop_assert!(s.stage >= before, "stage went back: {before:?} -> {:?}", s.stage);
                prop_assert!(held >= 0, "escrow negative");
                if s.is_secure() {
                    prop_assert_eq!(held + released + returned, s.total().get(), "credits appeared or vanished");
                }
                prop_assert!(!(released > 0 && s.stage == Stage::Cancelled), "released and cancelled");
                if s.stage == Stage::Cancelled && s.cancellation.as_ref().is_some_and(|c| c.dispute) {
                    prop_assert_eq!(released, 0);
                }
            }
        }
    }
}

#[test]
fn r_meet_6_a_pending_addition_waits_through_the_meeting_stage() {
    // Index 0 was proposed by the client before anyone was here.
    for scenario in [Scenario::AtMyPlace, Scenario::HomeVisit] {
        let meeting = at_stage(scenario, Stage::Meeting);
        for cmd in [Command::Confirm(0), Command::Decline(0)] {
            let e = apply(&meeting, &cmd, Party::Model, start()).unwrap_err();
            assert_eq!(e.rule, Some(RuleId::Meet6), "{cmd:?} at the meeting stage");
        }
        // The page offers what the server accepts: no buttons while meeting.
        let offered = meeting.allowed(Party::Model, start());
        assert!(!offered.contains(&CommandKind::Confirm) && !offered.contains(&CommandKind::Decline));
        // Once started, the same proposal can be confirmed.
        let started = at_stage(scenario, Stage::InProgress);
        assert!(started
            .allowed(Party::Model, start())
            .contains(&CommandKind::Confirm));
        assert!(matches!(
            apply(&started, &Command::Confirm(0), Party::Model, start()).unwrap()[..],
            [Event::AdditionConfirmed { index: 0, .. }]
        ));
    }
}
