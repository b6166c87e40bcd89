#![cfg(feature = "ssr")]
//! Contact support (SUP-6) and the help center's figures (HELP-6) through
//! the whole server, a real database and a real SMTP server on loopback:
//! a request becomes a conversation and a case; support's answer reaches
//! an anonymous writer by e-mail (with a private link back) and a signed-in
//! one in their notifications; searches and "No" answers are counted for
//! support. Time is the test clock.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{DateTime, Duration, Utc};
use settle::domain::case::{CaseKind, Show};
use settle::domain::{ContactId, Locale, Role, UserId};
use settle::worker::run_once;
use support::money::person;
use support::smtp::Smtp;
use support::{body_string, cookie_for, form_post, TestApp};

struct World {
    app: TestApp,
    smtp: Smtp,
    agent: UserId,
    agent_cookie: String,
}

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-07T09:00:00Z")
        .unwrap()
        .to_utc()
}

async fn world() -> World {
    let smtp = Smtp::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    app.state.clock.set(t0());
    settle::help::store::seed_if_empty(&app.db, t0()).await.unwrap();
    let agent = person(&app.db, "agent", Role::Support).await;
    let agent_cookie = cookie_for(&app.db, &agent, t0()).await;
    World {
        app,
        smtp,
        agent,
        agent_cookie,
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn anonymous_post(path: &str, body: String, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::post(path)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body)).unwrap()
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(path);
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::empty()).unwrap()
}

impl World {
    /// An article's id by language and slug (the seed content).
    async fn article(&self, locale: Locale, slug: &str) -> String {
        let (id,): (String,) = sqlx::query_as("SELECT id FROM help_articles WHERE locale = $1 AND slug = $2")
            .bind(locale.code())
            .bind(slug)
            .fetch_one(&self.app.db)
            .await
            .unwrap();
        id
    }

    /// Sends the contact form; the answer's status and body.
    async fn send(&self, fields: &[(&str, &str)], cookie: Option<&str>) -> (StatusCode, String) {
        let value = |k: &str| fields.iter().find(|(f, _)| *f == k).map_or("", |(_, v)| *v);
        let body = ["message", "email", "article", "page", "lang"]
            .iter()
            .map(|k| format!("{k}={}", enc(value(k))))
            .collect::<Vec<_>>()
            .join("&");
        let res = self
            .app
            .request(anonymous_post("/api/contact/send", body, cookie))
            .await;
        let status = res.status();
        (status, body_string(res).await)
    }

    async fn sent(&self, fields: &[(&str, &str)], cookie: Option<&str>) -> ContactId {
        let (status, body) = self.send(fields, cookie).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let id: String = serde_json::from_str(&body).unwrap();
        ContactId::parse(&id).unwrap()
    }

    async fn key_of(&self, id: &ContactId) -> String {
        let (key,): (Option<String>,) =
            sqlx::query_as("SELECT reader_key FROM contact_requests WHERE id = $1")
                .bind(id.as_str())
                .fetch_one(&self.app.db)
                .await
                .unwrap();
        key.unwrap_or_default()
    }

    async fn answer(&self, id: &ContactId, body: &str, note: bool) -> (StatusCode, String) {
        let mut form = format!("id={id}&body={}", enc(body));
        if note {
            form.push_str("&note=1");
        }
        let res = self
            .app
            .request(form_post("/api/contact/answer", &self.agent_cookie, form))
            .await;
        let status = res.status();
        (status, body_string(res).await)
    }

    async fn page(&self, path: &str, cookie: Option<&str>) -> (StatusCode, String) {
        let res = self.app.request(get(path, cookie)).await;
        let status = res.status();
        (status, body_string(res).await)
    }

    async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&self.app.db).await.unwrap();
        n
    }
}

#[tokio::test]
async fn r_sup_6_anonymous_reader_writes_from_a_no_and_gets_the_answer_by_mail() {
    let w = world().await;
    let article = w.article(Locale::It, "assistenza-pagamenti").await;
    let id = w
        .sent(
            &[
                ("message", "Il rimborso non è arrivato <b>ancora</b>"),
                ("email", "Lettore@Example.com"),
                ("article", &article),
                ("lang", "it"),
            ],
            None,
        )
        .await;

    // A case in support's queue, in the writer's language, answered by e-mail.
    let queue = settle::cases::store::queue(
        &w.app.db,
        Show::All,
        Some(CaseKind::Contact),
        None,
        &w.agent,
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(queue.len(), 1);
    let line = &queue[0];
    assert_eq!(line.subject_id, id.as_str());
    assert_eq!(line.locale, Locale::It);
    assert_eq!(line.email.as_deref(), Some("lettore@example.com"));
    assert_eq!(line.href, format!("/support/contact/{id}"));
    // The test clock runs on from where it is set: compare spans.
    assert_eq!(line.clock.first_due - line.opened_at, Duration::hours(4));

    // Support sees the words, the article and the address.
    let (status, page) = w
        .page(&format!("/support/contact/{id}"), Some(&w.agent_cookie))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Il rimborso non è arrivato &lt;b&gt;ancora&lt;/b&gt;"),
        "{page}"
    );
    assert!(page.contains("lettore@example.com"));
    assert!(page.contains("/it/help/a/assistenza-pagamenti"));

    // The writer's page opens with the private key only.
    let key = w.key_of(&id).await;
    assert_eq!(key.len(), 64);
    let (status, _) = w.page(&format!("/it/help/contact/{id}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = w
        .page(&format!("/it/help/contact/{id}?key={}", "0".repeat(64)), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A note stays with support: no mail, not on the writer's page.
    let (status, body) = w.answer(&id, "Controllo il pagamento su Stripe", true).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    run_once(&w.app.state).await;
    assert!(w.smtp.mails_to("lettore@example.com").is_empty());
    let case = settle::cases::store::get(&w.app.db, CaseKind::Contact, id.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.clock.first_response_at, None, "a note is not an answer");

    // The answer: once, by mail, in Italian, with the link back.
    w.app.state.clock.set(t0() + Duration::minutes(20));
    let (status, body) = w.answer(&id, "Ciao, il rimborso parte oggi.", false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    run_once(&w.app.state).await;
    run_once(&w.app.state).await;
    let mails = w.smtp.mails_to("lettore@example.com");
    assert_eq!(mails.len(), 1, "one answer, one mail");
    let mail = &mails[0];
    assert_eq!(
        mail.subject,
        "L'assistenza di Settle ha risposto al tuo messaggio"
    );
    assert!(mail.text.contains("Ciao, il rimborso parte oggi."));
    let link = format!("/it/help/contact/{id}?key={key}");
    assert!(mail.text.contains(&link), "{}", mail.text);
    assert!(mail.html.contains(&link.replace('&', "&amp;")) || mail.html.contains(&link));
    let case = settle::cases::store::get(&w.app.db, CaseKind::Contact, id.as_str())
        .await
        .unwrap()
        .unwrap();
    let answered = case.clock.first_response_at.expect("answered");
    assert!(answered >= t0() + Duration::minutes(20) && answered < t0() + Duration::minutes(21));

    // The link shows the conversation without the note, and takes a reply.
    let (status, page) = w.page(&link, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Ciao, il rimborso parte oggi."));
    assert!(!page.contains("Stripe"), "the note stays with support");
    let res = w
        .app
        .request(anonymous_post(
            "/api/contact/follow-up",
            format!("id={id}&key={key}&body={}&lang=it", enc("Grazie!")),
            None,
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, page) = w
        .page(&format!("/support/contact/{id}"), Some(&w.agent_cookie))
        .await;
    assert!(page.contains("Grazie!"));
}

#[tokio::test]
async fn r_sup_6_signed_in_writer_is_answered_in_notifications() {
    let w = world().await;
    let client = person(&w.app.db, "cora", Role::Client).await;
    let cookie = cookie_for(&w.app.db, &client, t0()).await;
    let id = w
        .sent(
            &[
                ("message", "Where are my credits?"),
                ("page", "/sessions/abc?x=1"),
            ],
            Some(&cookie),
        )
        .await;
    let (user, email, key, page): (Option<String>, Option<String>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT user_id, email, reader_key, page FROM contact_requests WHERE id = $1")
            .bind(id.as_str())
            .fetch_one(&w.app.db)
            .await
            .unwrap();
    assert_eq!(user.as_deref(), Some(client.as_str()));
    assert_eq!((email, key), (None, None));
    assert_eq!(page.as_deref(), Some("/sessions/abc"));
    let case = settle::cases::store::get(&w.app.db, CaseKind::Contact, id.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.client_name.as_deref(), Some("cora"));

    // Only the writer opens it.
    let (status, _) = w.page(&format!("/help/contact/{id}"), Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let other = person(&w.app.db, "dino", Role::Client).await;
    let other_cookie = cookie_for(&w.app.db, &other, t0()).await;
    let (status, _) = w.page(&format!("/help/contact/{id}"), Some(&other_cookie)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, body) = w.answer(&id, "They are back in your wallet.", false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let n = w
        .count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = '{client}' AND kind = 'contact_answered' \
             AND link = '/help/contact/{id}'"
        ))
        .await;
    assert_eq!(n, 1);
    let (_, page) = w.page(&format!("/help/contact/{id}"), Some(&cookie)).await;
    assert!(page.contains("They are back in your wallet."));
    // The form lists the writer's requests, so they find them again.
    let (_, form) = w.page("/help/contact", Some(&cookie)).await;
    assert!(form.contains(&format!("href=\"/help/contact/{id}\"")), "{form}");
    assert!(form.contains("Where are my credits?"));
    let (_, form) = w.page("/help/contact", Some(&other_cookie)).await;
    assert!(!form.contains("Where are my credits?"), "only one's own");
}

#[tokio::test]
async fn r_sup_6_five_requests_an_hour_from_one_writer_at_the_edges() {
    let w = world().await;
    let client = person(&w.app.db, "eli", Role::Client).await;
    let cookie = cookie_for(&w.app.db, &client, t0()).await;
    for i in 0..5 {
        w.app.state.clock.set(t0() + Duration::minutes(i));
        w.sent(&[("message", &format!("question {i}"))], Some(&cookie))
            .await;
    }
    // The edges from the first request as stored (the test clock ticks
    // on from where it is set).
    let first = settle::platform::db::from_ms(w.count("SELECT MIN(created_at) FROM contact_requests").await);
    w.app
        .state
        .clock
        .set(first + Duration::minutes(59) + Duration::seconds(59));
    let (status, body) = w.send(&[("message", "one more")], Some(&cookie)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains("SUP-6"), "{body}");
    assert_eq!(
        w.count("SELECT COUNT(*) FROM contact_requests").await,
        5,
        "a refusal changes nothing"
    );
    assert_eq!(
        w.count("SELECT COUNT(*) FROM cases WHERE kind = 'contact'").await,
        5
    );
    w.app.state.clock.set(first + Duration::minutes(60));
    w.sent(&[("message", "one more")], Some(&cookie)).await;
}

#[tokio::test]
async fn r_sup_6_bad_input_is_refused_in_words_and_changes_nothing() {
    let w = world().await;
    for fields in [
        vec![("message", "help"), ("email", "not-an-address")],
        vec![("message", "   "), ("email", "ok@example.com")],
        vec![("message", &*"x".repeat(4001)), ("email", "ok@example.com")],
        vec![("message", "help")],
    ] {
        let (status, body) = w.send(&fields, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("SUP-6"), "{body}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM contact_requests").await, 0);
    assert_eq!(w.count("SELECT COUNT(*) FROM conversations").await, 0);
    // An article id that is no article is left out, not refused; a page
    // that is not a path of this site is not kept.
    let id = w
        .sent(
            &[
                ("message", "hello"),
                ("email", "ok@example.com"),
                ("article", "00000000-0000-7000-8000-000000000000"),
                ("page", "https://evil.test/"),
            ],
            None,
        )
        .await;
    let (article, page): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT article_id, page FROM contact_requests WHERE id = $1")
            .bind(id.as_str())
            .fetch_one(&w.app.db)
            .await
            .unwrap();
    assert_eq!((article, page), (None, None));
    // Clients cannot answer or close.
    let client = person(&w.app.db, "fio", Role::Client).await;
    let cookie = cookie_for(&w.app.db, &client, t0()).await;
    let res = w
        .app
        .request(form_post("/api/contact/close", &cookie, format!("id={id}")))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn r_sup_6_a_closed_request_takes_nothing_more() {
    let w = world().await;
    let id = w
        .sent(&[("message", "hello"), ("email", "gia@example.com")], None)
        .await;
    let key = w.key_of(&id).await;
    w.app.state.clock.set(t0() + Duration::hours(1));
    let res = w
        .app
        .request(form_post(
            "/api/contact/close",
            &w.agent_cookie,
            format!("id={id}"),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let case = settle::cases::store::get(&w.app.db, CaseKind::Contact, id.as_str())
        .await
        .unwrap()
        .unwrap();
    assert!(case
        .clock
        .resolved_at
        .is_some_and(|at| at >= t0() + Duration::hours(1)));
    let (status, body) = w.answer(&id, "late", false).await;
    assert!(status.is_client_error(), "{body}");
    assert!(body.contains("SUP-6"), "{body}");
    let res = w
        .app
        .request(anonymous_post(
            "/api/contact/follow-up",
            format!("id={id}&key={key}&body=more&lang=en"),
            None,
        ))
        .await;
    assert!(res.status().is_client_error());
    assert_eq!(
        w.count("SELECT COUNT(*) FROM messages").await,
        1,
        "only the first message"
    );
    let (_, page) = w.page(&format!("/help/contact/{id}?key={key}"), None).await;
    assert!(page.contains("This request is closed."));
}

#[tokio::test]
async fn r_sup_6_footer_and_no_answer_lead_to_the_form() {
    let w = world().await;
    // Every page's footer, with the page it is on.
    let (_, page) = w.page("/it/help", None).await;
    assert!(page.contains("/it/help/contact?from=/it/help\""), "footer link");
    // A "No" on an article offers the form with the article.
    let article = w.article(Locale::En, "how-models-refund-a-call").await;
    let res = w
        .app
        .request(anonymous_post(
            "/api/help/vote",
            format!("article_id={article}&vote=no&back=%2Fhelp%2Fa%2Fhow-models-refund-a-call"),
            None,
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string();
    let (_, page) = w.page("/help/a/how-models-refund-a-call", Some(&cookie)).await;
    assert!(
        page.contains(&format!("/help/contact?article={article}")),
        "{page}"
    );
    let (_, form) = w.page(&format!("/help/contact?article={article}"), None).await;
    assert!(form.contains("data-testid=\"contact-article\""));
    assert!(form.contains("/en/help/a/how-models-refund-a-call"));
}

#[tokio::test]
async fn r_help_6_searches_per_language_and_those_that_found_nothing() {
    let w = world().await;
    let search = |locale: &'static str, q: &'static str| {
        let app = &w.app;
        async move {
            let res = app
                .request(anonymous_post(
                    "/api/help/search",
                    format!("locale={locale}&q={}", enc(q)),
                    None,
                ))
                .await;
            assert_eq!(res.status(), StatusCode::OK);
        }
    };
    // 31 days ago: outside the figures.
    w.app.state.clock.set(t0() - Duration::days(30));
    search("en", "zzold").await;
    w.app.state.clock.set(t0() - Duration::days(29));
    search("en", "refund").await;
    w.app.state.clock.set(t0());
    search("en", "Refund ").await;
    search("en", "  REFUND").await;
    search("en", "xqzzy").await;
    search("en", "   ").await;
    search("it", "rimborso").await;
    search("it", "parolainesistente").await;
    search("it", "parolainesistente").await;

    // Counted in memory; written by the worker's round.
    assert_eq!(w.count("SELECT COUNT(*) FROM help_searches").await, 0);
    run_once(&w.app.state).await;
    let v = settle::help::insights::view(&w.app.db, t0()).await.unwrap();
    let en = v.searches.iter().find(|l| l.locale == Locale::En).unwrap();
    let it = v.searches.iter().find(|l| l.locale == Locale::It).unwrap();
    let top: Vec<(&str, i64, i64)> = en
        .top
        .iter()
        .map(|s| (s.query.as_str(), s.searches, s.empty))
        .collect();
    assert_eq!(top, vec![("refund", 3, 0), ("xqzzy", 1, 1)]);
    let empty: Vec<&str> = en.nothing_found.iter().map(|s| s.query.as_str()).collect();
    assert_eq!(empty, vec!["xqzzy"]);
    let empty: Vec<(&str, i64)> = it
        .nothing_found
        .iter()
        .map(|s| (s.query.as_str(), s.empty))
        .collect();
    assert_eq!(empty, vec![("parolainesistente", 2)]);
    assert_eq!(it.top[0].query, "parolainesistente");
    assert_eq!(v.since, t0() - Duration::days(29) - Duration::hours(9));

    // Support's page shows them; nobody else may read them.
    let (status, page) = w.page("/support/insights", Some(&w.agent_cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("parolainesistente") && page.contains("xqzzy"));
    let client = person(&w.app.db, "gus", Role::Client).await;
    let cookie = cookie_for(&w.app.db, &client, t0()).await;
    let res = w
        .app
        .request(form_post("/api/help/insights", &cookie, String::new()))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn r_help_6_no_answers_with_the_requests_they_led_to() {
    let w = world().await;
    let article = w.article(Locale::En, "how-models-refund-a-call").await;
    let vote = |v: &'static str, reader: &'static str| {
        let app = &w.app;
        let article = article.clone();
        async move {
            let res = app
                .request(anonymous_post(
                    "/api/help/vote",
                    format!("article_id={article}&vote={v}&back=%2Fhelp"),
                    Some(&format!("settle_reader={reader}")),
                ))
                .await;
            assert_eq!(res.status(), StatusCode::OK);
        }
    };
    vote("no", "aaaaaaaaaaaaaaaaaaaa").await;
    vote("no", "bbbbbbbbbbbbbbbbbbbb").await;
    vote("yes", "cccccccccccccccccccc").await;
    let id = w
        .sent(
            &[
                ("message", "It did not say how long"),
                ("email", "h@example.com"),
                ("article", &article),
            ],
            None,
        )
        .await;
    w.sent(&[("message", "unrelated"), ("email", "i@example.com")], None)
        .await;

    let v = settle::help::insights::view(&w.app.db, t0()).await.unwrap();
    assert_eq!(v.articles.len(), 1, "only articles with a No or a request");
    let a = &v.articles[0];
    assert_eq!((a.id.as_str(), a.no, a.yes), (article.as_str(), 2, 1));
    let led: Vec<&str> = a.requests.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(led, vec![id.as_str()]);
    let (_, page) = w.page("/support/insights", Some(&w.agent_cookie)).await;
    assert!(page.contains(&format!("/support/contact/{id}")));
}
