#![cfg(feature = "ssr")]
//! Hostile input (issue 8), through the real router:
//!
//! - every server function in the matrix (tests/support/matrix.rs), called
//!   by a role allowed to call it, with hostile values in every field,
//!   with fields missing, repeated or of the wrong shape, with a body of
//!   the wrong kind and with bodies over the size limit. No answer may be
//!   a server fault (5xx), every refusal is the JSON error with its code,
//!   and a refused request changes nothing;
//! - uploads that lie about their type, are malformed, oversize, or carry
//!   path tricks in their file names;
//! - markup stored through the forms (chat, dispute chat, a home-visit
//!   address, a display name, a help article, a search) is rendered inert
//!   on the pages that show it.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Duration;
use settle::domain::Role;
use support::matrix::{matrix, may_call, request_with, Row, Who};
use support::money::{call, fund, invariants, person};
use support::snapshot::fingerprint;
use support::{body_string, TestApp};

/// Values that have broken web applications, one per request, in every
/// field at once.
fn hostile_values() -> Vec<(&'static str, String)> {
    vec![
        ("script", "<script>alert(1)</script>".into()),
        ("event handler", "\"'><img src=x onerror=alert(2)>".into()),
        ("right-to-left override", "\u{202E}fdp.exe".into()),
        ("zero-width", "a\u{200B}\u{200D}\u{FEFF}b".into()),
        ("NUL", "a\u{0}b".into()),
        ("control", "\u{7}\u{1b}[31m\r\n".into()),
        ("combining", "e\u{301}\u{301}\u{301}\u{301}".into()),
        ("lone surrogate escape", "\\ud800".into()),
        ("path", "../../../../etc/passwd".into()),
        ("windows path", "..\\..\\windows\\win.ini".into()),
        ("SQL", "' OR 1=1; DROP TABLE users; --".into()),
        ("negative", "-1".into()),
        ("huge", "99999999999999999999999999999".into()),
        ("i64 min", "-9223372036854775808".into()),
        ("float", "1e308".into()),
        ("not a number", "NaN".into()),
        ("empty", String::new()),
        ("blank", " \t \n ".into()),
        ("emoji", "🙂👩‍👩‍👧‍👦🏳️‍🌈".into()),
        ("long", "x".repeat(300_000)),
        ("long non-ASCII", "è".repeat(100_000)),
    ]
}

struct People {
    cookies: Vec<(Role, String)>,
}

impl People {
    async fn new(app: &TestApp) -> People {
        let now = app.state.clock.now();
        let client = person(&app.db, "hostile-client", Role::Client).await;
        let model = person(&app.db, "hostile-model", Role::Model).await;
        let support = person(&app.db, "hostile-support", Role::Support).await;
        fund(&app.db, &client, 1_000).await;
        // Objects for the functions to find: a call, its conversation.
        call(&app.db, &client, &model, now, Duration::minutes(5), 90, 10).await;
        let mut cookies = Vec::new();
        for (role, user) in [
            (Role::Client, &client),
            (Role::Model, &model),
            (Role::Support, &support),
        ] {
            let token = settle::platform::auth::start_session(&app.db, user, now)
                .await
                .unwrap();
            cookies.push((role, format!("settle_session={token}")));
        }
        People { cookies }
    }

    /// The first caller the row allows, signed in when it may be.
    fn caller(&self, row: &Row) -> Option<String> {
        for (role, cookie) in &self.cookies {
            if may_call(row.access, Who::Signed(*role)) {
                return Some(cookie.clone());
            }
        }
        None
    }
}

/// Sends one request and judges the answer: never a fault; a refusal is
/// our JSON error and leaves the database as it was.
async fn judge(app: &TestApp, what: &str, req: Request<Body>, wrong: &mut Vec<String>) -> u16 {
    let before = fingerprint(&app.db).await;
    let res = app.request(req).await;
    let status = res.status();
    let body = body_string(res).await;
    if status.is_server_error() {
        wrong.push(format!("{what}: HTTP {status} {body:.160}"));
    } else if status.is_client_error() {
        let code = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["code"].as_str().map(str::to_owned));
        if code.is_none() {
            wrong.push(format!(
                "{what}: HTTP {status} without an error code: {body:.160}"
            ));
        }
        let after = fingerprint(&app.db).await;
        if before != after {
            let changed: Vec<_> = after.iter().filter(|l| !before.contains(l)).take(3).collect();
            wrong.push(format!("{what}: refused (HTTP {status}) but changed {changed:?}"));
        }
    }
    status.as_u16()
}

fn form(row: &Row, cookie: Option<&str>, body: impl Into<Body>, content_type: &str) -> Request<Body> {
    let mut req = Request::post(row.path)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, content_type);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(body.into()).unwrap()
}

#[tokio::test]
async fn every_server_function_survives_hostile_input_and_a_refusal_changes_nothing() {
    let app = TestApp::new().await;
    let people = People::new(&app).await;
    let values = hostile_values();
    let mut wrong = Vec::new();
    let mut tried = 0;
    let mut refused = 0;
    for row in matrix() {
        let cookie = people.caller(&row);
        let cookie = cookie.as_deref();
        // Every hostile value in every field.
        for (name, value) in &values {
            let req = request_with(&row, cookie, |_| value.clone());
            let status = judge(&app, &format!("{} with {name}", row.path), req, &mut wrong).await;
            tried += 1;
            refused += usize::from(status >= 400);
        }
        // No fields at all, each field twice, fields as lists, a JSON body,
        // and a body over the limit (declared, and sent without a length).
        let twice: String = row
            .fields
            .iter()
            .map(|f| format!("{f}=a&{f}=b"))
            .collect::<Vec<_>>()
            .join("&");
        let lists: String = row
            .fields
            .iter()
            .map(|f| format!("{f}[0]=a&{f}[x]=b"))
            .collect::<Vec<_>>()
            .join("&");
        let oversize = "a=".to_string() + &"x".repeat(7 * 1024 * 1024);
        // The content type the function takes, so only the size is wrong.
        let big_kind = if row.multipart {
            "multipart/form-data; boundary=x"
        } else {
            "application/x-www-form-urlencoded"
        };
        let shapes: Vec<(&str, Request<Body>)> = vec![
            (
                "no fields",
                form(&row, cookie, "", "application/x-www-form-urlencoded"),
            ),
            (
                "fields twice",
                form(&row, cookie, twice, "application/x-www-form-urlencoded"),
            ),
            (
                "fields as lists",
                form(&row, cookie, lists, "application/x-www-form-urlencoded"),
            ),
            (
                "a JSON body",
                form(
                    &row,
                    cookie,
                    "{\"id\": [1, {}], \"amount\": -5}",
                    "application/json",
                ),
            ),
            (
                "malformed encoding",
                form(&row, cookie, "%zz=%%&=&&==", "application/x-www-form-urlencoded"),
            ),
            (
                "a multipart body without parts",
                form(&row, cookie, "--x--\r\n", "multipart/form-data; boundary=x"),
            ),
            ("oversize", {
                let mut req = form(&row, cookie, oversize.clone(), big_kind);
                req.headers_mut().insert(
                    header::CONTENT_LENGTH,
                    oversize.len().to_string().parse().unwrap(),
                );
                req
            }),
            (
                "oversize without a length",
                form(
                    &row,
                    cookie,
                    Body::from_stream(futures::stream::iter(
                        (0..8).map(|_| Ok::<_, std::io::Error>(vec![b'x'; 1024 * 1024])),
                    )),
                    big_kind,
                ),
            ),
        ];
        for (name, req) in shapes {
            let status = judge(&app, &format!("{} with {name}", row.path), req, &mut wrong).await;
            tried += 1;
            refused += usize::from(status >= 400);
            if name.starts_with("oversize") && status != StatusCode::PAYLOAD_TOO_LARGE.as_u16() {
                wrong.push(format!("{} with {name}: HTTP {status}, not 413", row.path));
            }
        }
    }
    invariants(&app.db).await;
    assert!(
        wrong.is_empty(),
        "{} of {tried} hostile requests answered wrongly:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    support::report(&format!(
        "hostile input on {}: {tried} requests to {} server functions, {refused} refused cleanly, 0 faults, 0 changes by a refusal",
        if app.url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" },
        matrix().len()
    ));
}

fn multipart_body(boundary: &str, fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    if let Some((field, file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
                 Content-Type: image/png\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

async fn dispute_for_review(
    app: &TestApp,
    client: &settle::domain::UserId,
    call: &settle::domain::CallId,
) -> String {
    let request = settle::calls::reviews::request_review(
        &app.db,
        client,
        call,
        settle::domain::Reason::parse("<script>alert('reason')</script> the line dropped").unwrap(),
        app.state.clock.now(),
    )
    .await
    .unwrap();
    settle::platform::cases::for_subject(&app.db, settle::platform::cases::Subject::Call, request.as_str())
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

#[tokio::test]
async fn uploads_with_lies_path_tricks_and_broken_forms_are_refused_or_stored_by_id_only() {
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    let client = person(&app.db, "upload-client", Role::Client).await;
    let model = person(&app.db, "upload-model", Role::Model).await;
    fund(&app.db, &client, 100).await;
    let c = call(&app.db, &client, &model, now, Duration::minutes(5), 60, 10).await;
    let dispute = dispute_for_review(&app, &client, &c).await;
    let token = settle::platform::auth::start_session(&app.db, &client, now)
        .await
        .unwrap();
    let cookie = format!("settle_session={token}");
    let png: Vec<u8> = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    let send = |body: Vec<u8>, boundary: &str| {
        Request::post("/api/disputes/attach")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, &cookie)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap()
    };
    let fields = [("id", dispute.as_str()), ("caption", "evidence")];
    let mut wrong = Vec::new();
    let cases: Vec<(&str, Vec<u8>, &str, Option<u16>)> = vec![
        (
            "an HTML file named .png",
            multipart_body(
                "b1",
                &fields,
                Some(("image", "x.png", b"<html><script>alert(1)</script>")),
            ),
            "b1",
            Some(415),
        ),
        (
            "an empty file",
            multipart_body("b1", &fields, Some(("image", "x.png", b""))),
            "b1",
            None,
        ),
        (
            "a file over 5 MB",
            multipart_body(
                "b1",
                &fields,
                Some((
                    "image",
                    "x.png",
                    &[png.as_slice(), &vec![0u8; 5 * 1024 * 1024]].concat(),
                )),
            ),
            "b1",
            Some(413),
        ),
        ("no file", multipart_body("b1", &fields, None), "b1", None),
        (
            "a truncated form",
            multipart_body("b1", &fields, Some(("image", "x.png", &png)))[..60].to_vec(),
            "b1",
            None,
        ),
        (
            "a boundary that never comes",
            multipart_body("b1", &fields, Some(("image", "x.png", &png))),
            "other",
            None,
        ),
    ];
    for (what, body, boundary, expected) in cases {
        let status = judge(&app, what, send(body, boundary), &mut wrong).await;
        match expected {
            Some(s) if s != status => wrong.push(format!("{what}: HTTP {status}, expected {s}")),
            None if status < 400 => wrong.push(format!("{what}: accepted (HTTP {status})")),
            _ => {}
        }
    }
    // A real image whose name tries to climb out of the upload folder: the
    // name is never used; the file is stored under a generated id.
    let escape = std::env::temp_dir().join("settle-hostile-escape.png");
    let _ = std::fs::remove_file(&escape);
    let name = format!("../../../../../../..{}", escape.display());
    let status = judge(
        &app,
        "a path trick in the file name",
        send(multipart_body("b2", &fields, Some(("image", &name, &png))), "b2"),
        &mut wrong,
    )
    .await;
    assert_eq!(status, 200, "a real image with a strange name is accepted");
    assert!(!escape.exists(), "the file name chose where the file went");
    for entry in std::fs::read_dir(&app.state.config.upload_dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
            "stored under a name it was not given: {name}"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn markup_stored_through_the_forms_is_rendered_inert_on_every_page_that_shows_it() {
    use settle::accounts::store::{create_account, NewAccount};
    use settle::domain::help::{ArticleDraft, Slug};
    use settle::domain::{DisplayName, Email, Locale, Password};

    const MARK: &str = "<script>alert('x')</script><img src=x onerror=alert('y')>";
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    // A client whose very name is markup.
    let client = create_account(
        &app.db,
        NewAccount {
            email: Email::parse("inert-client@example.com").unwrap(),
            display_name: DisplayName::parse("<img src=x onerror=alert(1)>").unwrap(),
            password: Password::parse_new("a long test password".into()).unwrap(),
            role: Role::Client,
            locale: None,
            time_zone: settle::domain::time::ZoneName::default_zone(),
        },
        now,
    )
    .await
    .unwrap();
    let model = person(&app.db, "inert-model", Role::Model).await;
    let support = person(&app.db, "inert-support", Role::Support).await;
    settle::sessions::store::seed_profile(&app.db, &model, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    fund(&app.db, &client, 1_000).await;
    let c = call(&app.db, &client, &model, now, Duration::minutes(5), 60, 10).await;
    let dispute = dispute_for_review(&app, &client, &c).await;
    let cookie = |user| support::cookie_for(&app.db, user, now);
    let (client_cookie, model_cookie, support_cookie) = (
        cookie(&client).await,
        cookie(&model).await,
        cookie(&support).await,
    );

    let enc = support::client::urlencode;
    // The chat, the dispute chat, a home-visit address: stored as typed.
    let sent = app
        .request(support::form_post(
            "/api/chat/send",
            &client_cookie,
            format!("with={model}&body={}", enc(MARK)),
        ))
        .await;
    assert_eq!(sent.status(), 200, "{}", body_string(sent).await);
    let posted = app
        .request(support::form_post(
            "/api/disputes/post",
            &client_cookie,
            format!("id={dispute}&body={}", enc(MARK)),
        ))
        .await;
    assert_eq!(posted.status(), 200, "{}", body_string(posted).await);
    let profile = settle::sessions::store::profile(&app.db, &model).await.unwrap();
    let start = now + Duration::days(2);
    let booked = app
        .request(support::form_post(
            "/api/sessions/book",
            &client_cookie,
            format!(
                "model={model}&scenario=home_visit&payment=balance&date={}&time={}&tariff={}&address={}&key=inert-booking-1&lang=en",
                support::venue_fields(start).0,
                support::venue_fields(start).1,
                profile.tariffs[0].id,
                enc(MARK)
            ),
        ))
        .await;
    assert_eq!(booked.status(), 200, "{}", body_string(booked).await);
    // A help article whose Markdown carries raw HTML.
    settle::help::store::seed_if_empty(&app.db, now).await.unwrap();
    let slug = Slug::parse("inert-article").unwrap();
    settle::help::store::save(
        &app.db,
        settle::help::store::Save {
            id: None,
            key: slug.clone(),
            locale: Locale::En,
            category: "calls".into(),
            slug,
            draft: ArticleDraft::parse(
                "Markup in an article",
                "An article that tries to run a script",
                &format!("Some text.\n\n{MARK}\n\n<a href=\"javascript:alert(1)\">link</a>\n\n[md link](javascript:alert(2))"),
            )
            .unwrap(),
            popular: None,
            base_revision: None,
        },
        None,
        now,
    )
    .await
    .unwrap();

    let pages = [
        (format!("/model/chats/{client}"), &model_cookie, true),
        (format!("/client/chats/{model}"), &client_cookie, true),
        (format!("/disputes/{dispute}"), &model_cookie, true),
        (format!("/disputes/{dispute}"), &support_cookie, true),
        ("/sessions/inert-booking-1".to_string(), &model_cookie, true),
        ("/support/reviews".to_string(), &support_cookie, false),
        ("/support/customers".to_string(), &support_cookie, false),
        (
            format!("/help/search?q={}", enc(&format!("</title>{MARK}"))),
            &client_cookie,
            true,
        ),
        ("/help/a/inert-article".to_string(), &client_cookie, false),
    ];
    // (page, who looks, whether it shows the stored text itself)
    for (path, cookie, shows) in pages {
        let res = app
            .request(
                Request::get(path.as_str())
                    .header(header::ACCEPT, "text/html")
                    .header(header::COOKIE, cookie.as_str())
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), 200, "{path}");
        let html = body_string(res).await;
        if shows {
            assert!(
                html.contains("&lt;script&gt;alert("),
                "{path} does not show the text at all"
            );
        }
        if let Some(at) = live_markup(&html) {
            let before: String = html[..at]
                .chars()
                .rev()
                .take(160)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = html[at..].chars().take(80).collect();
            panic!("{path} carries live markup: …{before}{after}…");
        }
    }
}

/// Where `html` carries the test's markup as markup rather than as text:
/// an unescaped tag it injected, or a `javascript:` link or event handler
/// inside a real tag. Escaped (`&lt;img src=x onerror=…`), it is text.
fn live_markup(html: &str) -> Option<usize> {
    for tag in ["<script>alert(", "<img src=x", "</title><script"] {
        if let Some(at) = html.find(tag) {
            return Some(at);
        }
    }
    for attr in ["href=\"javascript:", "src=\"javascript:", " onerror=", " onload="] {
        for (at, _) in html.match_indices(attr) {
            let before = &html[..at];
            // Inside a tag (its last '<' comes after its last '>') and not
            // inside one of its quoted values (quotes there are escaped).
            if let Some(open) = before.rfind('<').filter(|&o| Some(o) > before.rfind('>')) {
                if before[open..].matches('"').count() % 2 == 0 {
                    return Some(at);
                }
            }
        }
    }
    None
}

/// Two tabs on the same thing, or a double click: the second request is
/// answered (refused naming the rule, or the first answer again) and
/// changes nothing.
#[tokio::test]
async fn a_stale_second_tab_or_a_double_click_changes_nothing() {
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    let client = person(&app.db, "tabs-client", Role::Client).await;
    let model = person(&app.db, "tabs-model", Role::Model).await;
    let support = person(&app.db, "tabs-support", Role::Support).await;
    settle::sessions::store::seed_profile(&app.db, &model, "Milano", "Via Roma 1", "Be kind")
        .await
        .unwrap();
    settle::help::store::seed_if_empty(&app.db, now).await.unwrap();
    fund(&app.db, &client, 1_000).await;
    let refunded = call(&app.db, &client, &model, now, Duration::minutes(5), 60, 10).await;
    let reviewed = call(&app.db, &client, &model, now, Duration::minutes(5), 60, 10).await;
    let dispute = dispute_for_review(&app, &client, &reviewed).await;
    let cookie = |user| support::cookie_for(&app.db, user, now);
    let (cc, cm, cs) = (
        cookie(&client).await,
        cookie(&model).await,
        cookie(&support).await,
    );
    let tariff = settle::sessions::store::profile(&app.db, &model)
        .await
        .unwrap()
        .tariffs[0]
        .id
        .clone();
    let start = now + Duration::days(2);
    let slug = settle::domain::help::Slug::parse("two-tabs").unwrap();
    let (article, revision) = settle::help::store::save(
        &app.db,
        settle::help::store::Save {
            id: None,
            key: slug.clone(),
            locale: settle::domain::Locale::En,
            category: "calls".into(),
            slug,
            draft: settle::domain::help::ArticleDraft::parse("Two tabs", "Edited twice", "First text.\n")
                .unwrap(),
            popular: None,
            base_revision: None,
        },
        None,
        now,
    )
    .await
    .unwrap();

    let book = format!(
        "model={model}&scenario=at_my_place&payment=balance&date={}&time={}&tariff={tariff}&key=tabs-session-1&lang=en",
        support::venue_fields(start).0,
        support::venue_fields(start).1
    );
    let decide = format!(
        "id={dispute}&refund=4&client_sanction=&client_days=&model_sanction=&model_days=&reason=Decided+in+tab+one"
    );
    // (what, path, cookie, body, the rule the second answer names, or None
    // when the second answer repeats the first)
    let mut pairs: Vec<(&str, &str, &String, String, Option<&str>)> = vec![
        ("book twice (double click)", "/api/sessions/book", &cc, book, None),
        (
            "buy twice (double click)",
            "/api/billing/buy",
            &cc,
            "product=pack_100&processor=epoch&form_key=tabs-buy-1".into(),
            None,
        ),
        (
            "refund a call twice",
            "/api/model/calls/refund",
            &cm,
            format!("call_id={refunded}"),
            None,
        ),
        (
            "decide a dispute in two tabs",
            "/api/disputes/decide",
            &cs,
            decide,
            Some("DISP-3"),
        ),
    ];
    pairs.push((
        "save an article from two tabs",
        "/api/help/save",
        &cs,
        format!(
            "id={article}&key=two-tabs&locale=en&category=calls&slug=two-tabs&title=Two+tabs\
             &summary=Edited+in+tab+one&body=Tab+one%27s+text.&popular=&base_revision={revision}&lang=en"
        ),
        Some("HELP-4"),
    ));

    let mut wrong = Vec::new();
    for (what, path, cookie, body, rule) in &pairs {
        let first = app.request(support::form_post(path, cookie, body.clone())).await;
        let first_status = first.status();
        let first_body = body_string(first).await;
        if first_status != 200 {
            wrong.push(format!(
                "{what}: the first request failed: {first_status} {first_body:.160}"
            ));
            continue;
        }
        let before = fingerprint(&app.db).await;
        let second = app.request(support::form_post(path, cookie, body.clone())).await;
        let status = second.status();
        let second_body = body_string(second).await;
        match rule {
            Some(rule) if !second_body.contains(&format!("\"rule\":\"{rule}\"")) => {
                wrong.push(format!("{what}: the second answer does not name {rule}: {status} {second_body:.160}"))
            }
            None if status != 200 || second_body.replace("true", "false") != first_body.replace("true", "false") => {
                wrong.push(format!(
                    "{what}: the second answer is not the first again: {status} {second_body:.160} vs {first_body:.160}"
                ))
            }
            _ => {}
        }
        if fingerprint(&app.db).await != before {
            wrong.push(format!("{what}: the second request changed the database"));
        }
    }
    // The session cancelled in one tab: the other tab's buttons are refused.
    let cancel = "id=tabs-session-1&command=cancel&reason=".to_string();
    let first = app
        .request(support::form_post("/api/sessions/act", &cc, cancel.clone()))
        .await;
    assert_eq!(first.status(), 200, "{}", body_string(first).await);
    for command in [cancel, "id=tabs-session-1&command=on_my_way".to_string()] {
        let before = fingerprint(&app.db).await;
        let res = app
            .request(support::form_post("/api/sessions/act", &cc, command.clone()))
            .await;
        let text = body_string(res).await;
        if !text.contains("\"rule\":\"MEET-") {
            wrong.push(format!("{command} after a cancel in another tab: {text:.160}"));
        }
        if fingerprint(&app.db).await != before {
            wrong.push(format!(
                "{command} after a cancel in another tab changed the database"
            ));
        }
    }
    invariants(&app.db).await;
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
