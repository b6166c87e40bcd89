use super::*;
use chrono::TimeZone;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap()
}

fn purchase() -> Subject {
    Subject::Purchase {
        completed_at: t0(),
        payment_number: "EP-2026-AB12".into(),
        already_refunded: false,
        credits: Credits::new(500),
    }
}

fn spend(kind: SpendKind, watched_secs: Option<i64>) -> Subject {
    Subject::Spend {
        kind,
        at: t0(),
        amount: Credits::new(120),
        watched: watched_secs.map(Duration::seconds),
        already_refunded: Credits::ZERO,
    }
}

fn ask(receipt: Option<&str>) -> Ask {
    Ask {
        amount: None,
        receipt: receipt.map(|r| Receipt::PaymentNumber(r.into())),
        reason: None,
    }
}

fn with_reason(amount: Option<i64>) -> Ask {
    Ask {
        amount: amount.map(Credits::new),
        receipt: None,
        reason: Some(Reason::parse("The show froze after a minute").unwrap()),
    }
}

fn rule_of(r: Result<Accepted, AppError>) -> (Option<RuleId>, Option<String>) {
    let e = r.unwrap_err();
    (e.rule, e.detail)
}

#[test]
fn r_bill_1_products_have_prices_and_credits() {
    for p in Product::ALL {
        assert_eq!(Product::parse(p.code()).unwrap(), p);
        assert!(p.price_cents() > 0);
        assert_eq!(p.credits() == Credits::ZERO, p.is_subscription());
    }
    assert_eq!(
        Product::parse("free_money").unwrap_err().rule,
        Some(RuleId::Bill1)
    );
    assert_eq!(euros(4499), "€44.99");
    assert_eq!(euros(5), "€0.05");
}

#[test]
fn r_bill_2_purchase_refund_window_is_48_hours() {
    let at = |h: i64, s: i64| t0() + Duration::hours(h) + Duration::seconds(s);
    let ok = request_refund(&purchase(), &ask(Some("EP-2026-AB12")), at(47, 0)).unwrap();
    assert_eq!(ok.status, Status::Open);
    assert_eq!(ok.amount, Credits::new(500));
    assert!(ok.full);
    assert!(request_refund(&purchase(), &ask(Some("EP-2026-AB12")), at(47, 3599)).is_ok());
    assert_eq!(
        rule_of(request_refund(&purchase(), &ask(Some("EP-2026-AB12")), at(48, 0))),
        (Some(RuleId::Bill2), Some("window".into()))
    );
    assert_eq!(
        rule_of(request_refund(&purchase(), &ask(Some("EP-2026-AB12")), at(49, 0))).0,
        Some(RuleId::Bill2)
    );
}

#[test]
fn r_bill_2_purchase_refund_needs_its_receipt() {
    let now = t0() + Duration::hours(1);
    assert_eq!(
        rule_of(request_refund(&purchase(), &ask(None), now)),
        (Some(RuleId::Bill2), Some("receipt".into()))
    );
    assert_eq!(
        rule_of(request_refund(&purchase(), &ask(Some("EP-2026-XXXX")), now)).1,
        Some("receipt".into())
    );
    assert_eq!(
        rule_of(request_refund(&purchase(), &ask(Some("  ")), now)).1,
        Some("receipt".into())
    );
    // The number as copied from an e-mail, in another shape.
    assert!(request_refund(&purchase(), &ask(Some(" ep 2026 ab12 ")), now).is_ok());
    let upload = Ask {
        amount: None,
        receipt: Some(Receipt::Upload("file-1".into())),
        reason: None,
    };
    assert!(request_refund(&purchase(), &upload, now).is_ok());
}

#[test]
fn r_bill_2_purchase_refund_is_whole_and_once() {
    let now = t0() + Duration::hours(1);
    let partial = Ask {
        amount: Some(Credits::new(100)),
        ..ask(Some("EP-2026-AB12"))
    };
    assert_eq!(
        rule_of(request_refund(&purchase(), &partial, now)).1,
        Some("full".into())
    );
    let refunded = Subject::Purchase {
        completed_at: t0(),
        payment_number: "EP-2026-AB12".into(),
        already_refunded: true,
        credits: Credits::new(500),
    };
    assert_eq!(
        rule_of(request_refund(&refunded, &ask(Some("EP-2026-AB12")), now)).1,
        Some("refunded".into())
    );
}

#[test]
fn r_bill_3_tips_and_shows_go_to_the_model_first_with_a_reason() {
    let now = t0() + Duration::hours(2);
    for kind in [SpendKind::Tip, SpendKind::PrivateShow] {
        let ok = request_refund(&spend(kind, Some(60)), &with_reason(None), now).unwrap();
        assert_eq!(ok.status, Status::AwaitingModel);
        assert_eq!(
            rule_of(request_refund(&spend(kind, Some(60)), &ask(None), now)),
            (Some(RuleId::Bill3), Some("reason".into()))
        );
    }
}

#[test]
fn r_bill_3_private_show_full_refund_only_up_to_5_minutes_watched() {
    let now = t0() + Duration::hours(2);
    let show = |secs| spend(SpendKind::PrivateShow, Some(secs));
    assert!(
        request_refund(&show(4 * 60 + 59), &with_reason(None), now)
            .unwrap()
            .full
    );
    assert!(
        request_refund(&show(5 * 60), &with_reason(None), now)
            .unwrap()
            .full
    );
    assert_eq!(
        rule_of(request_refund(&show(5 * 60 + 1), &with_reason(None), now)),
        (Some(RuleId::Bill3), Some("watched".into()))
    );
    // Asking for the whole amount explicitly is the same full refund.
    assert!(request_refund(&show(5 * 60 + 1), &with_reason(Some(120)), now).is_err());
    // A partial refund stays possible.
    let partial = request_refund(&show(30 * 60), &with_reason(Some(60)), now).unwrap();
    assert_eq!((partial.amount, partial.full), (Credits::new(60), false));
    // Tips have no watching time.
    assert!(
        request_refund(&spend(SpendKind::Tip, None), &with_reason(None), now)
            .unwrap()
            .full
    );
}

#[test]
fn r_bill_3_spend_window_and_amount_bounds() {
    let tip = spend(SpendKind::Tip, None);
    let edge = t0() + Duration::hours(48);
    assert!(request_refund(&tip, &with_reason(None), edge - Duration::seconds(1)).is_ok());
    assert_eq!(
        rule_of(request_refund(&tip, &with_reason(None), edge)).0,
        Some(RuleId::Bill2)
    );
    let now = t0() + Duration::hours(1);
    assert_eq!(
        rule_of(request_refund(&tip, &with_reason(Some(121)), now)).0,
        Some(RuleId::Txn2)
    );
    assert_eq!(
        rule_of(request_refund(&tip, &with_reason(Some(0)), now)).0,
        Some(RuleId::Txn2)
    );
}

#[test]
fn r_bill_4_static_content_is_refused_by_default() {
    let now = t0() + Duration::hours(1);
    let got = request_refund(&spend(SpendKind::Content, None), &ask(None), now).unwrap();
    assert_eq!(got.status, Status::RefusedByDefault);
    let pending = Pending {
        status: Status::RefusedByDefault,
        kind: Some(SpendKind::Content),
        amount: Credits::new(120),
        asked_at: now,
        model_answered: false,
    };
    let approve = |note: Option<&str>| Decision::Approve {
        amount: Credits::new(120),
        note: note.map(|n| Reason::parse(n).unwrap()),
    };
    assert_eq!(
        decide(&pending, &approve(None), now).unwrap_err().rule,
        Some(RuleId::Bill4)
    );
    assert_eq!(
        decide(
            &pending,
            &approve(Some("Video never played; checked the logs")),
            now
        )
        .unwrap(),
        Some(Credits::new(120))
    );
}

#[test]
fn r_bill_3_support_decides_only_after_the_model_was_heard() {
    let asked = t0();
    let pending = |answered| Pending {
        status: Status::AwaitingModel,
        kind: Some(SpendKind::PrivateShow),
        amount: Credits::new(120),
        asked_at: asked,
        model_answered: answered,
    };
    let approve = Decision::Approve {
        amount: Credits::new(50),
        note: None,
    };
    let edge = asked + MODEL_ANSWER_TIME;
    assert_eq!(
        decide(&pending(false), &approve, edge - Duration::seconds(1))
            .unwrap_err()
            .rule,
        Some(RuleId::Bill3)
    );
    // Silence for 72 hours counts as heard.
    assert_eq!(
        decide(&pending(false), &approve, edge).unwrap(),
        Some(Credits::new(50))
    );
    assert_eq!(
        decide(&pending(true), &approve, asked).unwrap(),
        Some(Credits::new(50))
    );
    // Declining never needs to wait.
    let decline = Decision::Decline {
        note: Reason::parse("Watched to the end").unwrap(),
    };
    assert_eq!(decide(&pending(false), &decline, asked).unwrap(), None);
}

#[test]
fn r_bill_2_decisions_are_bounded_and_final() {
    let now = t0();
    let open = Pending {
        status: Status::Open,
        kind: None,
        amount: Credits::new(500),
        asked_at: now,
        model_answered: false,
    };
    let approve = |n| Decision::Approve {
        amount: Credits::new(n),
        note: None,
    };
    assert_eq!(
        decide(&open, &approve(500), now).unwrap(),
        Some(Credits::new(500))
    );
    assert_eq!(
        decide(&open, &approve(400), now).unwrap_err().rule,
        Some(RuleId::Bill2)
    );
    assert_eq!(
        decide(&open, &approve(501), now).unwrap_err().rule,
        Some(RuleId::Txn2)
    );
    let done = Pending {
        status: Status::Approved,
        ..open
    };
    assert!(decide(&done, &approve(500), now).is_err());
}

#[test]
fn r_bill_5_contact_lines_are_checked_data() {
    let text = "email | help@paymentico.example | Replies within a day | Risposta entro un giorno\n\
                phone | +1 800 555 0100 | US and Canada | USA e Canada\n\
                \n\
                lookup | https://epoch.example/lookup";
    let contacts = parse_contacts(text).unwrap();
    assert_eq!(contacts.len(), 3);
    assert_eq!(contacts[1].href().as_deref(), Some("tel:+18005550100"));
    assert_eq!(contacts[2].note_it, "");
    assert_eq!(parse_contacts(&format_contacts(&contacts)).unwrap(), contacts);
    for bad in [
        "",
        "fax | 123456",
        "email | not-an-address",
        "web_form | javascript:alert(1)",
        "phone | call us",
        "email | a@b.example | x | y | z",
    ] {
        let e = parse_contacts(bad).unwrap_err();
        assert_eq!(e.rule, Some(RuleId::Bill5), "{bad}");
    }
    assert_eq!(
        parse_contacts("email | a@b.example\nfax | 1")
            .unwrap_err()
            .detail
            .as_deref(),
        Some("2")
    );
}

#[test]
fn r_txn_2_a_spend_refund_never_exceeds_what_is_left() {
    let charged = Credits::new(300);
    assert!(check_spend_cap(charged, Credits::ZERO, charged).is_ok());
    assert!(check_spend_cap(charged, Credits::new(100), Credits::new(200)).is_ok());
    let over = check_spend_cap(charged, Credits::new(100), Credits::new(201)).unwrap_err();
    assert_eq!(
        (over.rule, over.detail.as_deref()),
        (Some(RuleId::Txn2), Some("200"))
    );
    assert!(
        check_spend_cap(charged, charged, Credits::new(1)).is_err(),
        "nothing left"
    );
    assert!(check_spend_cap(charged, Credits::ZERO, Credits::ZERO).is_err());
    assert!(check_spend_cap(charged, Credits::ZERO, Credits::new(-5)).is_err());
}

#[test]
fn r_bill_3_only_the_models_own_text_in_a_purchase_dispute_hears_her() {
    assert!(message_hears_model(true, true, true));
    assert!(
        !message_hears_model(false, true, true),
        "a call or session dispute"
    );
    assert!(!message_hears_model(true, false, true), "the client or support");
    assert!(!message_hears_model(true, true, false), "a note or an image");
}

#[test]
fn r_bill_2_the_refund_form_reads_empty_fields_as_not_given() {
    let all = Ask::from_form(" ", "", "").unwrap();
    assert_eq!((all.amount, all.receipt, all.reason), (None, None, None));
    let typed = Ask::from_form(" 40 ", "  PN-123  ", " wrong pack ").unwrap();
    assert_eq!(typed.amount, Some(Credits::new(40)));
    assert_eq!(typed.receipt, Some(Receipt::PaymentNumber("PN-123".into())));
    assert_eq!(typed.reason.unwrap().as_str(), "wrong pack");
    let long = Ask::from_form("", &"9".repeat(100), "").unwrap();
    assert_eq!(long.receipt, Some(Receipt::PaymentNumber("9".repeat(64))));
    assert_eq!(
        Ask::from_form("4.5", "", "").unwrap_err().code,
        ErrorCode::BadInput
    );
    assert!(Ask::from_form("", "", "x").is_err(), "a reason too short to read");
}

#[test]
fn r_bill_3_a_reported_show_is_billed_by_the_started_minutes_watched() {
    let start = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let end = start + Duration::minutes(20);
    let now = end + Duration::minutes(1);
    let c = show_charge(12, start, end, 5 * 60, now).unwrap();
    assert_eq!((c.amount, c.watched), (Credits::new(60), Duration::minutes(5)));
    let c = show_charge(12, start, end, 5 * 60 + 1, now).unwrap();
    assert_eq!(c.amount, Credits::new(72), "a started minute is billed");
    for (price, watched, end) in [
        (0, 60, end),
        (100_001, 60, end),
        (12, 0, end),
        (12, 20 * 60 + 1, end),
        (12, 60, start - Duration::seconds(1)),
        (12, 60, start + Duration::hours(25)),
    ] {
        let e = show_charge(price, start, end, watched, now).unwrap_err();
        assert_eq!((e.code, e.rule), (ErrorCode::BadInput, Some(RuleId::Bill1)));
    }
    assert!(show_charge(12, start, now + Duration::minutes(6), 60, now).is_err());
}

#[test]
fn r_bill_4_content_is_a_photo_or_a_video_at_a_checked_price() {
    assert_eq!(ContentKind::parse("photo"), Some(ContentKind::Photo));
    assert_eq!(ContentKind::parse("video"), Some(ContentKind::Video));
    assert_eq!(ContentKind::parse("audio"), None);
    assert_eq!(content_price(25).unwrap(), Credits::new(25));
    assert!(content_price(0).is_err() && content_price(100_001).is_err());
}
