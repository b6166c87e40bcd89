#![cfg(feature = "ssr")]
//! Database and HTTP tests against a real database: SQLite by default, the
//! PostgreSQL at `SETTLE_TEST_DATABASE_URL` when set (scripts/test.sh runs
//! this binary on both). Every test gets a fresh database of its own.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::Duration;
use settle::accounts::store::NewAccount;
use settle::domain::{DisplayName, Email, ErrorCode, Password, Role};
use settle::platform::auth;
use settle::seed;
use support::TestApp;

fn account(email: &str, role: Role) -> NewAccount {
    NewAccount {
        email: Email::parse(email).unwrap(),
        display_name: DisplayName::parse("Test Person").unwrap(),
        password: Password::parse_new("a long test password".into()).unwrap(),
        role,
        locale: None,
        time_zone: settle::domain::time::ZoneName::default_zone(),
    }
}

#[tokio::test]
async fn migrations_apply_and_are_idempotent() {
    let app = TestApp::new().await;
    // Running them again on the same database changes nothing.
    settle::platform::db::MIGRATOR.run(&app.db).await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn accounts_authenticate_with_argon2id_and_refuse_wrong_passwords() {
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    let id = settle::accounts::store::create_account(&app.db, account("ana@example.com", Role::Client), now)
        .await
        .unwrap();
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
        .bind(id.as_str())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "stored: {hash}");

    let email = Email::parse("ANA@example.com").unwrap();
    let ok = settle::accounts::store::authenticate(
        &app.db,
        &email,
        Password::for_sign_in("a long test password".into()).unwrap(),
    )
    .await;
    assert_eq!(ok.unwrap(), id);
    let bad = settle::accounts::store::authenticate(
        &app.db,
        &email,
        Password::for_sign_in("wrong".into()).unwrap(),
    )
    .await;
    assert_eq!(bad.unwrap_err().code, ErrorCode::BadCredentials);
    let nobody = Email::parse("nobody@example.com").unwrap();
    let unknown =
        settle::accounts::store::authenticate(&app.db, &nobody, Password::for_sign_in("x".into()).unwrap())
            .await;
    assert_eq!(
        unknown.unwrap_err().code,
        ErrorCode::BadCredentials,
        "same answer for an unknown e-mail"
    );
}

#[tokio::test]
async fn an_email_is_registered_once() {
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    settle::accounts::store::create_account(&app.db, account("dup@example.com", Role::Client), now)
        .await
        .unwrap();
    let again =
        settle::accounts::store::create_account(&app.db, account("dup@example.com", Role::Model), now).await;
    assert_eq!(again.unwrap_err().code, ErrorCode::EmailTaken);
}

#[tokio::test]
async fn sessions_resolve_until_they_expire_or_end() {
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    let id = settle::accounts::store::create_account(&app.db, account("s@example.com", Role::Model), now)
        .await
        .unwrap();
    let token = auth::start_session(&app.db, &id, now).await.unwrap();
    let v = auth::viewer_for_token(&app.db, &token, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((v.id.clone(), v.role), (id.clone(), Role::Model));

    let last_moment = now + Duration::days(auth::SESSION_DAYS) - Duration::milliseconds(1);
    assert!(auth::viewer_for_token(&app.db, &token, last_moment)
        .await
        .unwrap()
        .is_some());
    let expired = now + Duration::days(auth::SESSION_DAYS);
    assert!(auth::viewer_for_token(&app.db, &token, expired)
        .await
        .unwrap()
        .is_none());

    auth::end_session(&app.db, &token).await.unwrap();
    assert!(auth::viewer_for_token(&app.db, &token, now)
        .await
        .unwrap()
        .is_none());
    // The table holds a hash, never the token itself.
    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
        .bind(&token)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn demo_data_seeds_once() {
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    assert!(seed::seed_if_empty(&app.db, now).await.unwrap());
    assert!(!seed::seed_if_empty(&app.db, now).await.unwrap());
    let rows: Vec<(String,)> = sqlx::query_as("SELECT role FROM users ORDER BY email")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let count = |r: &str| rows.iter().filter(|(x,)| x == r).count();
    assert_eq!((count("support"), count("model"), count("client")), (2, 3, 3));
}

#[tokio::test]
async fn healthz_reports_the_database() {
    let app = TestApp::new().await;
    let res = app
        .request(Request::get("/healthz").body(Body::empty()).unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = support::body_string(res).await;
    assert!(body.contains("\"database\":\"up\""), "{body}");
    app.db.close().await;
    let res = app
        .request(Request::get("/healthz").body(Body::empty()).unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn sign_in_by_plain_form_post_sets_an_httponly_cookie_and_redirects() {
    let app = TestApp::new().await;
    seed::seed_if_empty(&app.db, app.state.clock.now()).await.unwrap();
    let form = format!(
        "email=giulia%40settle.test&password={}&lang=it",
        seed::DEMO_PASSWORD
    );
    let res = app
        .request(
            Request::post("/api/auth/sign_in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, "http://127.0.0.1:3000/it/signin")
                .body(Body::from(form))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/it/model");
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("settle_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );
}

#[tokio::test]
async fn a_wrong_password_by_plain_form_post_returns_to_the_form_with_the_error() {
    let app = TestApp::new().await;
    seed::seed_if_empty(&app.db, app.state.clock.now()).await.unwrap();
    let res = app
        .request(
            Request::post("/api/auth/sign_in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, "http://127.0.0.1:3000/signin")
                .body(Body::from("email=giulia%40settle.test&password=nope&lang="))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()[header::LOCATION].to_str().unwrap();
    assert!(
        location.contains("/signin?") && location.contains("__err="),
        "{location}"
    );
    assert!(res.headers().get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn sign_up_refuses_the_support_role() {
    let app = TestApp::new().await;
    let res = app
        .request(
            Request::post("/api/auth/sign_up")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(
                    "display_name=Eve&email=eve%40example.com&password=long+enough+pw&role=support&lang=",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a refusal answers 4xx with the error in the body"
    );
    let body = support::body_string(res).await;
    assert!(body.contains("invalid_role"), "{body}");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn cross_site_form_posts_are_refused_before_anything_runs() {
    let app = TestApp::new().await;
    let res = app
        .request(
            Request::post("/api/auth/sign_up")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, "https://evil.example")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(
                    "display_name=Eve&email=eve%40example.com&password=long+enough+pw&role=client&lang=",
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn the_test_clock_exists_only_in_test_mode() {
    let app = TestApp::new().await;
    let res = app
        .request(Request::get("/__test/clock").body(Body::empty()).unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let app = TestApp::with_test_mode().await;
    let before = app.state.clock.now();
    let res = app
        .request(
            Request::post("/__test/clock")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"advance_seconds": 3660}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(app.state.clock.now() - before >= Duration::seconds(3660));
}

#[tokio::test]
async fn pages_render_on_the_server_with_the_right_status_and_language() {
    let app = TestApp::new().await;
    let res = app
        .request(
            Request::get("/it/signin")
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = support::body_string(res).await;
    assert!(html.contains("lang=\"it\"") && html.contains("Accedi"), "{html}");

    let res = app
        .request(
            Request::get("/")
                .header("accept-language", "it-IT,it;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(support::body_string(res).await.contains("Benvenuto su Settle"));

    let res = app
        .request(Request::get("/nowhere").body(Body::empty()).unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn sign_in_is_throttled_per_account_and_per_address() {
    use settle::domain::user::throttle::{PER_ACCOUNT, PER_ADDRESS};
    let app = TestApp::new().await;
    seed::seed_if_empty(&app.db, app.state.clock.now()).await.unwrap();
    let attempt = |email: &str, password: &str| {
        Request::post("/api/auth/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "email={}&password={password}&lang=en",
                email.replace('@', "%40")
            )))
            .unwrap()
    };
    let status = |email: &'static str, password: &'static str| {
        let app = &app;
        async move { app.request(attempt(email, password)).await.status() }
    };
    // Four failures, then the right password: signed in, failures forgotten.
    for _ in 0..PER_ACCOUNT - 1 {
        assert_eq!(
            status("giulia@settle.test", "wrong").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        status("giulia@settle.test", seed::DEMO_PASSWORD).await,
        StatusCode::OK
    );
    // Five failures in a row: from now on even the right password is refused.
    for _ in 0..PER_ACCOUNT {
        assert_eq!(
            status("giulia@settle.test", "wrong").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        status("giulia@settle.test", seed::DEMO_PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Other accounts are still open from this address ...
    assert_eq!(
        status("sofia@settle.test", seed::DEMO_PASSWORD).await,
        StatusCode::OK
    );
    // ... until the address itself has failed too often (a password spray).
    let others = [
        "marta@settle.test",
        "luca@settle.test",
        "marco@settle.test",
        "paolo@settle.test",
    ];
    let mut failures = 4 + PER_ACCOUNT; // so far, all from this address
    'spray: for email in others {
        for _ in 0..PER_ACCOUNT - 1 {
            if failures >= PER_ADDRESS {
                break 'spray;
            }
            assert_eq!(status(email, "wrong").await, StatusCode::UNAUTHORIZED);
            failures += 1;
        }
    }
    assert_eq!(failures, PER_ADDRESS);
    assert_eq!(
        status("support@settle.test", seed::DEMO_PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn app_pages_carry_a_nonce_csp_without_unsafe_inline() {
    let app = TestApp::new().await;
    let res = app
        .request(Request::get("/signin").body(Body::empty()).unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["referrer-policy"], "same-origin");
    let html = support::body_string(res).await;
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
    // Every script on the page carries this response's nonce.
    let scripts = html.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        html.matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
            .count()
            + html.matches(&format!("<script nonce=\"{nonce}\"")).count(),
        scripts
    );
    // A second response gets another nonce.
    let again = app
        .request(Request::get("/signin").body(Body::empty()).unwrap())
        .await;
    assert_ne!(
        again.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap(),
        csp
    );
}

/// ASVS session management through the router: every sign-in issues a new
/// session id (a cookie someone planted before is never promoted), and
/// signing out ends the session on the server, so a copied cookie is dead.
#[tokio::test]
async fn sign_in_issues_a_new_session_and_sign_out_ends_it_on_the_server() {
    let app = TestApp::new().await;
    seed::seed_if_empty(&app.db, app.state.clock.now()).await.unwrap();
    let sign_in = |cookie: Option<String>| {
        let mut req = Request::post("/api/auth/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        req.body(Body::from(format!(
            "email=luca%40settle.test&password={}&lang=en",
            seed::DEMO_PASSWORD
        )))
        .unwrap()
    };
    let cookie_of = |res: &axum::http::Response<Body>| {
        res.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string()
    };
    let first = app.request(sign_in(None)).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first = cookie_of(&first);
    // Signing in again while holding a session: a different id.
    let second = app.request(sign_in(Some(first.clone()))).await;
    let second = cookie_of(&second);
    assert_ne!(first, second, "the session id is rotated at sign-in");
    let home = |cookie: String| {
        Request::post("/api/client/home")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(app.request(home(second.clone())).await.status(), StatusCode::OK);
    let out = app
        .request(
            Request::post("/api/auth/sign_out")
                .header(header::ACCEPT, "application/json")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, second.clone())
                .body(Body::from("lang=en"))
                .unwrap(),
        )
        .await;
    assert_eq!(out.status(), StatusCode::OK);
    assert!(out.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // The same cookie, replayed after sign-out, is refused.
    let replay = app.request(home(second)).await;
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    assert!(support::body_string(replay).await.contains("not_signed_in"));
}

/// Issue 20: statements written as one batch (one round trip on SQLite)
/// run in order, each sees the ones before it, and each reports the rows
/// it changed; a statement that fails stops the batch with the
/// database's own error.
#[tokio::test]
async fn a_batch_runs_in_order_and_reports_each_statements_changes() {
    use settle::platform::db::{Batch, Stmt};
    let app = TestApp::new().await;
    let mut conn = app.db.acquire().await.unwrap();
    sqlx::query("CREATE TEMPORARY TABLE batch_t (a BIGINT NOT NULL, b TEXT NULL)")
        .execute(&mut *conn)
        .await
        .unwrap();
    let mut batch = Batch::default();
    batch.push(
        Stmt::new("INSERT INTO batch_t (a, b) VALUES ($1, $2)")
            .bind(1)
            .bind("one"),
    );
    batch.push(
        Stmt::new("INSERT INTO batch_t (a, b) VALUES ($1, $2)")
            .bind(2)
            .bind(None::<String>),
    );
    batch.push(
        Stmt::new("UPDATE batch_t SET a = a + $1 WHERE a >= $2")
            .bind(10)
            .bind(1),
    );
    batch.push(Stmt::new("DELETE FROM batch_t WHERE a = $1 AND b IS NULL").bind(12));
    batch.push(
        Stmt::new("UPDATE batch_t SET b = $1 WHERE a = $2")
            .bind("none")
            .bind(99),
    );
    assert_eq!(batch.run(&mut conn).await.unwrap(), vec![1, 1, 2, 1, 0]);
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as("SELECT a, b FROM batch_t")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert_eq!(rows, vec![(11, Some("one".to_string()))]);

    let mut failing = Batch::default();
    failing.push(Stmt::new("INSERT INTO batch_t (a) VALUES ($1)").bind(5));
    failing.push(Stmt::new("INSERT INTO batch_t (a) VALUES ($1)").bind(None::<i64>));
    failing.push(Stmt::new("INSERT INTO batch_t (a) VALUES ($1)").bind(6));
    assert!(failing.try_run(&mut conn).await.is_err());
    let (six,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM batch_t WHERE a = 6")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(six, 0, "nothing after the failed statement ran");

    // Hostile text comes back as it was sent.
    let hostile = [
        "O'Brien",
        "\\'); DELETE FROM batch_t; --",
        "E'\\x41' $1 $$ ; '",
        "ünïcødé ✓ 😀\n\ttab",
        "",
    ];
    let mut batch = Batch::default();
    for (i, text) in hostile.iter().enumerate() {
        batch.push(
            Stmt::new("INSERT INTO batch_t (a, b) VALUES ($1, $2)")
                .bind(100 + i as i64)
                .bind(*text),
        );
    }
    batch.push(
        Stmt::new("UPDATE batch_t SET a = a - $1 WHERE a >= $2")
            .bind(-1)
            .bind(100),
    );
    assert_eq!(batch.run(&mut conn).await.unwrap(), vec![1, 1, 1, 1, 1, 5]);
    let rows: Vec<(i64, Option<String>)> =
        sqlx::query_as("SELECT a, b FROM batch_t WHERE a > 100 ORDER BY a")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    let expected: Vec<(i64, Option<String>)> = hostile
        .iter()
        .enumerate()
        .map(|(i, t)| (101 + i as i64, Some(t.to_string())))
        .collect();
    assert_eq!(rows, expected);
    let (eleven,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM batch_t WHERE a = 11")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(eleven, 1, "the first rows are still there");
}

/// SQLite's writer connection (`platform::lite`): a write it keeps is
/// there once answered; a write that stops (the careful way, a refusal, a
/// refused statement) leaves nothing of itself and takes nothing of the
/// others in its group; values bind by their `$n`; sqlx's writers taking
/// turns at the same time lose nothing. PostgreSQL has no such connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_writers_connection_keeps_what_it_answers_and_nothing_of_what_stopped() {
    use settle::platform::db::{begin_write, Batch, Stmt};
    use settle::platform::lite::{self, Stop};
    let app = TestApp::new().await;
    if settle::platform::db::is_postgres(&app.db) {
        let none = lite::write(&app.db, |_| Ok(())).await.unwrap();
        assert!(none.is_none(), "PostgreSQL goes its own way");
        return;
    }
    sqlx::query("CREATE TABLE lite_t (a BIGINT PRIMARY KEY, b TEXT NOT NULL)")
        .execute(&app.db)
        .await
        .unwrap();
    let insert = |a: i64| {
        Stmt::new("INSERT INTO lite_t (b, a) VALUES ($2, $1)")
            .bind(a)
            .bind(format!("v{a}"))
    };
    let mut tasks = Vec::new();
    for a in 0..60i64 {
        let db = app.db.clone();
        let batch = {
            let mut b = Batch::default();
            b.push(insert(a));
            if a % 4 == 2 {
                // The same key again: the statement is refused.
                b.push(insert(a));
            }
            b
        };
        tasks.push(tokio::spawn(async move {
            let answer = lite::write(&db, move |tx| {
                assert_eq!(tx.run(&batch)?, vec![1]);
                match a % 4 {
                    0 => Err(Stop::Careful),
                    1 => Err(Stop::Refused(settle::domain::AppError::new(ErrorCode::NotFound))),
                    _ => Ok(a),
                }
            })
            .await;
            (a, answer)
        }));
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = begin_write(&db).await.unwrap();
            insert(1000 + a).execute(&mut tx).await.unwrap();
            tx.commit().await.unwrap();
            (1000 + a, Ok(Some(1000 + a)))
        }));
    }
    for t in tasks {
        let (a, answer) = t.await.unwrap();
        match (a % 4, a >= 1000) {
            (_, true) | (3, false) => assert_eq!(answer.unwrap(), Some(a)),
            (0 | 2, false) => assert_eq!(answer.unwrap(), None, "{a} goes the careful way"),
            _ => assert_eq!(answer.unwrap_err().code, ErrorCode::NotFound),
        }
    }
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT a, b FROM lite_t ORDER BY a")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let expected: Vec<(i64, String)> = (0..60)
        .filter(|a| a % 4 == 3)
        .chain(1000..1060)
        .map(|a| (a, format!("v{a}")))
        .collect();
    assert_eq!(rows, expected);
    let (commits, kept) = lite::counts(&app.db);
    assert_eq!(kept, 15);
    assert!((1..=15).contains(&commits), "{commits}");
}

/// PostgreSQL's one-statement form of a batch (`Batch::try_run_as_one`,
/// for the ledger's usual write): every part runs, a reference to a row
/// another part inserts holds (checked at the statement's end), and a
/// part that fails leaves nothing of any. SQLite has no data-modifying
/// `WITH`; there the batch is one text instead.
#[tokio::test]
async fn a_batch_as_one_postgresql_statement_writes_all_of_it_or_nothing() {
    use settle::platform::db::{Batch, Stmt};
    let app = TestApp::new().await;
    if !settle::platform::db::is_postgres(&app.db) {
        return;
    }
    let mut conn = app.db.acquire().await.unwrap();
    for sql in [
        "CREATE TEMPORARY TABLE one_parent (id TEXT PRIMARY KEY, n BIGINT NOT NULL CHECK (n >= 0))",
        "CREATE TEMPORARY TABLE one_child (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES one_parent (id))",
        "INSERT INTO one_parent (id, n) VALUES ('p0', 5)",
    ] {
        sqlx::query(sql).execute(&mut *conn).await.unwrap();
    }
    let batch = |take: i64| {
        let mut b = Batch::default();
        b.push(
            Stmt::new("INSERT INTO one_parent (id, n) VALUES ($1, $2)")
                .bind(format!("p{take}"))
                .bind(1),
        );
        b.push(
            Stmt::new("INSERT INTO one_child (id, parent) VALUES ($1, $2)")
                .bind(format!("c{take}"))
                .bind(format!("p{take}")),
        );
        b.push(
            Stmt::new("UPDATE one_parent SET n = n - $1 WHERE id = $2")
                .bind(take)
                .bind("p0"),
        );
        b
    };
    batch(3).try_run_as_one(&mut conn).await.unwrap();
    // Taking 3 more would leave p0 below zero: its CHECK refuses it all.
    assert!(batch(4).try_run_as_one(&mut conn).await.is_err());
    let parents: Vec<(String, i64)> = sqlx::query_as("SELECT id, n FROM one_parent ORDER BY id")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert_eq!(parents, vec![("p0".to_string(), 2), ("p3".to_string(), 1)]);
    let children: Vec<(String, String)> = sqlx::query_as("SELECT id, parent FROM one_child")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert_eq!(children, vec![("c3".to_string(), "p3".to_string())]);

    // The parts run in the batch's order (the order row locks are taken
    // in), whatever order PostgreSQL runs a statement's parts in.
    sqlx::query("CREATE TEMPORARY SEQUENCE one_order")
        .execute(&mut *conn)
        .await
        .unwrap();
    let mut ordered = Batch::default();
    for part in ["first", "second", "third"] {
        ordered
            .push(Stmt::new("INSERT INTO one_parent (id, n) VALUES ($1, nextval('one_order'))").bind(part));
    }
    ordered.try_run_as_one(&mut conn).await.unwrap();
    let ran: Vec<(String,)> = sqlx::query_as("SELECT id FROM one_parent WHERE id NOT LIKE 'p%' ORDER BY n")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert_eq!(
        ran,
        vec![("first".into(),), ("second".into(),), ("third".into(),)]
    );
}
