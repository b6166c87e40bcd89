#![cfg(feature = "ssr")]
//! Support's back-office tables (issue 19) through the whole server and a
//! real database: a customer's transactions by pages of 50, the same list
//! as a CSV file for a spreadsheet, and the audit log's references, with
//! taking and handing over cases recorded there.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use settle::domain::ledger::Processor;
use settle::domain::{Credits, Reason, Role, UserId};
use settle::platform::ledger::IdempotencyKey;
use support::money::person;
use support::{body_string, cookie_for, form_post, TestApp};

struct World {
    app: TestApp,
    client: UserId,
    agent: UserId,
    cookie: String,
}

/// A client with `n` purchases and a correction whose reason starts like
/// a spreadsheet formula.
async fn world(n: usize) -> World {
    let app = TestApp::new().await;
    let client = person(&app.db, "Nadia", Role::Client).await;
    let agent = person(&app.db, "Sara", Role::Support).await;
    let now = Utc::now();
    for i in 0..n {
        settle::support::store::purchase(
            &app.db,
            &client,
            Credits::new(10),
            Processor::parse("epoch").unwrap(),
            &IdempotencyKey::derived("tables", &format!("p{i}")),
            now - Duration::minutes((n - i) as i64),
        )
        .await
        .unwrap();
    }
    settle::support::store::correct_balance(
        &app.db,
        &agent,
        &client,
        Credits::new(5),
        None,
        Reason::parse("=HYPERLINK(\"http://evil.test\")").unwrap(),
        &IdempotencyKey::derived("tables", "correction"),
        now,
    )
    .await
    .unwrap();
    let cookie = cookie_for(&app.db, &agent, now).await;
    World {
        app,
        client,
        agent,
        cookie,
    }
}

async fn customer_page(w: &World, page: &str) -> settle::support::CustomerPage {
    let res = w
        .app
        .request(form_post(
            "/api/support/customer",
            &w.cookie,
            format!("id={}&kind=&from=&to=&q=&page={page}", w.client),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    serde_json::from_str(&body_string(res).await).unwrap()
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(path);
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn r_txn_1_transactions_come_in_pages_of_50_newest_first() {
    let w = world(104).await; // 105 entries with the correction
    let first = customer_page(&w, "1").await;
    assert_eq!((first.txns.len(), first.page, first.more), (50, 1, true));
    assert_eq!(
        first.txns[0].reason, "=HYPERLINK(\"http://evil.test\")",
        "newest first"
    );
    let second = customer_page(&w, "2").await;
    assert_eq!((second.txns.len(), second.more), (50, true));
    let third = customer_page(&w, "3").await;
    assert_eq!((third.txns.len(), third.more), (5, false));
    // Every entry once, in order, across the pages.
    let all: Vec<_> = [first.txns, second.txns, third.txns].concat();
    let mut refs: Vec<_> = all.iter().map(|t| t.reference.to_string()).collect();
    assert!(all.windows(2).all(|p| p[0].at >= p[1].at));
    refs.dedup();
    assert_eq!(refs.len(), 105);
    // A page that is not a number, or past the end, is no error.
    assert_eq!(customer_page(&w, "banana").await.page, 1);
    let past = customer_page(&w, "9").await;
    assert!(past.txns.is_empty() && !past.more);
}

#[tokio::test]
async fn r_txn_1_the_filtered_list_exports_as_csv_for_a_spreadsheet() {
    let w = world(60).await;
    let path = format!("/support/customers/{}/transactions.csv?lang=it", w.client);
    let res = w.app.request(get(&path, Some(&w.cookie))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(res.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"transactions-nadia.csv\""));
    let text = body_string(res).await;
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert!(headers[0].starts_with("Quando ("), "{headers:?}");
    assert_eq!(&headers[2], "Tipo");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 61, "the whole list, not one page");
    // The correction: its amount a number, its reason never a formula.
    assert_eq!(&rows[0][2], "Correzione saldo");
    assert_eq!(&rows[0][3], "5");
    assert_eq!(&rows[0][4], "'=HYPERLINK(\"http://evil.test\")");
    assert_eq!(&rows[1][2], "Acquisto");
    // The page's filters apply.
    let res = w
        .app
        .request(get(
            &format!(
                "/support/customers/{}/transactions.csv?kind=correction&lang=en",
                w.client
            ),
            Some(&w.cookie),
        ))
        .await;
    let text = body_string(res).await;
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("Balance correction"), "{text}");
    // Support only.
    let client_cookie = cookie_for(&w.app.db, &w.client, Utc::now()).await;
    let res = w.app.request(get(&path, Some(&client_cookie))).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = w.app.request(get(&path, None)).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = w
        .app
        .request(get(
            "/support/customers/not-an-id/transactions.csv",
            Some(&w.cookie),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn r_sup_1_taking_and_handing_over_are_in_the_audit_log_linked_to_the_case() {
    let w = world(1).await;
    let other = person(&w.app.db, "Andrea", Role::Support).await;
    let now = Utc::now();
    // A contact request is a case (SUP-6).
    let id = settle::contact::store::open(
        &w.app.db,
        &settle::domain::contact::ContactDraft::parse("Hello", "q@example.com", false).unwrap(),
        settle::contact::store::Writer {
            account: None,
            limit_key: "contact:peer:t",
            reader_key: Some(&"ab".repeat(32)),
        },
        settle::contact::store::Origin {
            locale: settle::domain::Locale::En,
            article: None,
            page: None,
        },
        now,
    )
    .await
    .unwrap();
    use settle::domain::case::CaseKind;
    settle::cases::store::take(&w.app.db, CaseKind::Contact, id.as_str(), &w.agent, now)
        .await
        .unwrap();
    settle::cases::store::hand_over(&w.app.db, CaseKind::Contact, id.as_str(), &w.agent, &other, now)
        .await
        .unwrap();
    let lines = settle::platform::audit::list(&w.app.db, None, None)
        .await
        .unwrap();
    let entries = settle::support::store::audit_entries(&w.app.db, lines)
        .await
        .unwrap();
    use settle::domain::audit::Action;
    use settle::support::AuditSubject;
    let handed = entries
        .iter()
        .find(|e| e.line.action == Action::CaseHandedOver)
        .unwrap();
    assert_eq!(handed.line.actor.as_deref(), Some("Sara"));
    assert_eq!(handed.line.reason.as_deref(), Some("Andrea"));
    assert_eq!(
        handed.on,
        AuditSubject::Case {
            who: "q@example.com".into(),
            href: format!("/support/contact/{id}")
        }
    );
    assert!(entries.iter().any(|e| e.line.action == Action::CaseTaken));
    // Money entries link to the customer's list, found by reference.
    let money = entries
        .iter()
        .find(|e| matches!(e.on, AuditSubject::Txn { .. }))
        .unwrap();
    match &money.on {
        AuditSubject::Txn { customer, .. } => assert_eq!(customer.as_ref(), Some(&w.client)),
        _ => unreachable!(),
    }
    // The page shows them as links, in words.
    let res = w.app.request(get("/support/audit", Some(&w.cookie))).await;
    let page = body_string(res).await;
    assert!(page.contains("Handed a case over to"));
    assert!(page.contains(&format!("href=\"/support/contact/{id}\"")));
    assert!(page.contains(&format!("href=\"/support/customers/{}?q=T-", w.client)));
    assert!(page.contains("class=\"data\""));
}
