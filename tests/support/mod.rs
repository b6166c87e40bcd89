#![allow(dead_code)] // each test binary uses part of the support code
//! A test app on a fresh database: SQLite in a temp file, or a new
//! PostgreSQL database when `SETTLE_TEST_DATABASE_URL` names a server.

use axum::body::Body;
use axum::http::{Request, Response};
use leptos::prelude::LeptosOptions;
use settle::platform::{clock::Clock, config::Config, db, state::AppState};
use settle::serve as http;
use std::sync::Arc;
use tower::ServiceExt;

#[path = "../../bench/http.rs"]
pub mod client;
pub mod matrix;
pub mod process;
pub mod smtp;
pub mod snapshot;

pub struct TestApp {
    pub db: db::Db,
    /// The database's own URL (a fresh database per test).
    pub url: String,
    pub state: AppState,
    router: http::Site,
    _dir: Option<TempDir>,
}

pub struct TempDir(std::path::PathBuf);

impl TempDir {
    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::build(false).await
    }

    pub async fn with_test_mode() -> TestApp {
        Self::build(true).await
    }

    /// An app whose mails go to a real SMTP server (`smtp_url`), in test
    /// mode. Its worker is not running: tests run rounds with
    /// `settle::worker::run_once` on the test clock.
    pub async fn with_smtp(smtp_url: &str) -> TestApp {
        let mut app = Self::build(true).await;
        let mut config = (*app.state.config).clone();
        config.smtp_url = Some(settle::platform::config::Secret::new(smtp_url));
        app.state.mailer =
            settle::platform::mailer::Mailer::from_config(Some(smtp_url), &config.mail_from).unwrap();
        app.state.config = Arc::new(config);
        app.router = http::router(app.state.clone());
        app
    }

    /// A second app on the same database, with a service token configured.
    pub async fn with_service_token(token: &str, other: &TestApp) -> TestApp {
        let token = token.to_string();
        let config = Config::from_lookup(|k| (k == "SETTLE_SERVICE_TOKEN").then(|| token.clone())).unwrap();
        let state = AppState {
            config: Arc::new(config),
            ..other.state.clone()
        };
        TestApp {
            db: other.db.clone(),
            url: other.url.clone(),
            router: http::router(state.clone()),
            state,
            _dir: None,
        }
    }

    /// Another app server on this app's database, as a second machine
    /// behind a load balancer: its own upload folder, page cache, search
    /// results and live channel (LISTEN/NOTIFY on PostgreSQL), following
    /// help edits as `main` makes every server do.
    pub async fn another_server(&self) -> TestApp {
        let mut config = (*self.state.config).clone();
        config.upload_dir =
            std::env::temp_dir().join(format!("settle-uploads-{}", uuid::Uuid::now_v7().simple()));
        let live = if self.url.starts_with("postgres") {
            settle::platform::state::Live::with_postgres(self.db.clone(), &self.url)
                .await
                .expect("live listener")
        } else {
            settle::platform::state::Live::new()
        };
        let state = AppState {
            config: Arc::new(config),
            live,
            pages: Default::default(),
            search_results: Default::default(),
            searches: Default::default(),
            db_health: Default::default(),
            work: Default::default(),
            ..self.state.clone()
        };
        settle::platform::state::follow_help_edits(&state);
        TestApp {
            db: self.db.clone(),
            url: self.url.clone(),
            router: http::router(state.clone()),
            state,
            _dir: None,
        }
    }

    async fn build(test_mode: bool) -> TestApp {
        let (url, dir) = fresh_database().await;
        let pool = settle::open_database(&url).await.expect("connect and migrate");
        let mut config = Config::from_lookup(|_| None).unwrap();
        config.test_mode = test_mode;
        config.upload_dir =
            std::env::temp_dir().join(format!("settle-uploads-{}", uuid::Uuid::now_v7().simple()));
        let state = AppState {
            leptos_options: LeptosOptions::builder()
                .output_name("settle")
                .site_root("target/site")
                .build(),
            db: pool.clone(),
            clock: Clock::system(),
            config: Arc::new(config),
            live: settle::platform::state::Live::new(),
            pages: Default::default(),
            db_health: Default::default(),
            searches: Default::default(),
            search_results: Default::default(),
            mailer: settle::platform::mailer::Mailer::Keep,
            work: Default::default(),
        };
        TestApp {
            db: pool,
            url,
            router: http::router(state.clone()),
            state,
            _dir: dir,
        }
    }

    /// One request through the whole router. A request that gets no answer
    /// within the limit fails its test in seconds instead of hanging the run.
    pub async fn request(&self, req: Request<Body>) -> Response<Body> {
        let what = format!("{} {}", req.method(), req.uri());
        within(REQUEST_LIMIT, &what, self.router.clone().oneshot(req))
            .await
            .unwrap()
    }
}

/// A new empty database (not yet migrated) and, for SQLite, its folder.
pub async fn fresh_database() -> (String, Option<TempDir>) {
    let unique = uuid::Uuid::now_v7().simple().to_string();
    match std::env::var("SETTLE_TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .expect("admin connection");
            let name = format!("settle_test_{unique}");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .unwrap();
            let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
            (format!("{base}/{name}"), None)
        }
        _ => {
            let dir = std::env::temp_dir().join(format!("settle-test-{unique}"));
            std::fs::create_dir_all(&dir).unwrap();
            (format!("sqlite://{}/test.db", dir.display()), Some(TempDir(dir)))
        }
    }
}

/// A figure for the test summary: printed, and kept in `SETTLE_REPORT`
/// (set by scripts/test.sh) so the summary can show it.
pub fn report(line: &str) {
    eprintln!("{line}");
    if let Some(path) = std::env::var_os("SETTLE_REPORT") {
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new().append(true).create(true).open(path) {
            let _ = writeln!(f, "{line}");
        }
    }
}

/// A session cookie for `user`, as signing in would set it.
pub async fn cookie_for(
    db: &db::Db,
    user: &settle::domain::UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let token = settle::platform::auth::start_session(db, user, now)
        .await
        .unwrap();
    format!("settle_session={token}")
}

/// A form post through the router by a signed-in person, answered in JSON.
pub fn form_post(path: &str, cookie: &str, body: String) -> Request<Body> {
    Request::post(path)
        .header(axum::http::header::ACCEPT, "application/json")
        .header(axum::http::header::COOKIE, cookie)
        .header(
            axum::http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(Body::from(body))
        .unwrap()
}

/// A person's id by e-mail (the demo accounts).
pub async fn user_id(db: &db::Db, email: &str) -> settle::domain::UserId {
    let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await
        .unwrap_or_else(|e| panic!("{email}: {e}"));
    settle::domain::UserId::from_db(id)
}

/// Longer than the server's own render limit (`http::RENDER_LIMIT`), so
/// the server's 503 shows first when it works.
pub const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(40);

/// Awaits `f`, failing the test if it takes longer than `limit`: the
/// per-test time limit for anything that could wait forever.
pub async fn within<F: std::future::Future>(limit: std::time::Duration, what: &str, f: F) -> F::Output {
    match tokio::time::timeout(limit, f).await {
        Ok(out) => out,
        Err(_) => panic!("{what}: no answer within {limit:?}"),
    }
}

pub async fn body_string(res: Response<Body>) -> String {
    let body = axum::body::to_bytes(res.into_body(), 1 << 20);
    let bytes = within(REQUEST_LIMIT, "reading a response body", body)
        .await
        .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// People and money for the money tests.
pub mod money {
    use chrono::{Duration, Utc};
    use settle::accounts::store::{create_account, NewAccount};
    use settle::calls::store::{record_call, FinishedCall};
    use settle::domain::ledger::{Account, Processor};
    use settle::domain::{CallId, Credits, DisplayName, Email, Password, Role, UserId};
    use settle::platform::db::Db;
    use settle::platform::ledger::{self, IdempotencyKey};

    pub async fn person(db: &Db, name: &str, role: Role) -> UserId {
        create_account(
            db,
            NewAccount {
                email: Email::parse(&format!("{name}@example.com")).unwrap(),
                display_name: DisplayName::parse(name).unwrap(),
                password: Password::parse_new("a long test password".into()).unwrap(),
                role,
                locale: None,
                time_zone: settle::domain::time::ZoneName::default_zone(),
            },
            Utc::now(),
        )
        .await
        .unwrap()
    }

    pub async fn fund(db: &Db, client: &UserId, amount: i64) {
        let key = IdempotencyKey::derived("test-purchase", &uuid::Uuid::now_v7().to_string());
        settle::support::store::purchase(
            db,
            client,
            Credits::new(amount),
            Processor::Epoch,
            &key,
            Utc::now(),
        )
        .await
        .unwrap();
    }

    /// Records a call that ended `ended_ago` before `now`, lasting `secs`.
    pub async fn call(
        db: &Db,
        client: &UserId,
        model: &UserId,
        now: chrono::DateTime<Utc>,
        ended_ago: Duration,
        secs: i64,
        price: i64,
    ) -> CallId {
        let ended = now - ended_ago;
        record_call(
            db,
            FinishedCall {
                external_id: uuid::Uuid::now_v7().to_string(),
                client_id: client.to_string(),
                model_id: model.to_string(),
                kind: "video".into(),
                price_per_minute: price,
                started_at: ended - Duration::seconds(secs),
                ended_at: ended,
                events: vec![],
            },
            now,
        )
        .await
        .unwrap()
        .call_id
    }

    pub async fn balance(db: &Db, account: Account) -> i64 {
        let mut conn = db.acquire().await.unwrap();
        ledger::balance(&mut conn, &account).await.unwrap().get()
    }

    pub async fn invariants(db: &Db) {
        if let Err(e) = ledger::check_invariants(db).await {
            panic!("ledger invariant broken: {e}");
        }
    }
}

/// The booking form's `date` and `time` for an instant: the wall clock in
/// Europe/Rome, the zone test people and demo models have (TIME-2).
pub fn venue_fields(t: chrono::DateTime<chrono::Utc>) -> (String, String) {
    let zone = settle::domain::time::ZoneName::default_zone();
    let local = settle::platform::zones::info(&zone).local(t);
    (
        local.format("%Y-%m-%d").to_string(),
        local.format("%H:%M").to_string(),
    )
}

/// Percent-encodes a form value.
pub fn form_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Support's editor saving an article with `line` added to its body,
/// through the router (`/api/help/save`); answers the response.
pub async fn save_article_adding(
    app: &TestApp,
    cookie: &str,
    article: &settle::domain::ArticleId,
    line: &str,
) -> Response<Body> {
    let edit = settle::help::store::for_edit(&app.db, article).await.unwrap();
    app.request(form_post(
        "/api/help/save",
        cookie,
        format!(
            "id={}&key={}&locale={}&category={}&slug={}&title={}&summary={}&body={}&popular=&base_revision={}&lang=en",
            article,
            edit.key,
            edit.locale.code(),
            edit.category,
            edit.slug,
            form_value(&edit.title),
            form_value(&edit.summary),
            form_value(&format!("{}\n\n{line}\n", edit.body)),
            edit.revision
        ),
    ))
    .await
}

/// A help search through the router (`/api/help/search`), as JSON text.
pub async fn help_search_json(app: &TestApp, locale: &str, q: &str) -> String {
    let res = app
        .request(
            Request::post("/api/help/search")
                .header(
                    axum::http::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .header(axum::http::header::ACCEPT, "application/json")
                .body(Body::from(format!("locale={locale}&q={}", form_value(q))))
                .unwrap(),
        )
        .await;
    body_string(res).await
}
