//! A test app on a fresh database: SQLite in a temp file, or a new
//! PostgreSQL database when `SETTLE_TEST_DATABASE_URL` names a server.

use axum::body::Body;
use axum::http::{Request, Response};
use axum::Router;
use leptos::prelude::LeptosOptions;
use settle::server::{clock::Clock, config::Config, db, http, state::AppState};
use std::sync::Arc;
use tower::ServiceExt;

pub struct TestApp {
    pub db: db::Db,
    pub state: AppState,
    router: Router,
    _dir: Option<TempDir>,
}

pub struct TempDir(std::path::PathBuf);

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

    async fn build(test_mode: bool) -> TestApp {
        let (url, dir) = fresh_database().await;
        let pool = db::connect(&url).await.expect("connect and migrate");
        let mut config = Config::from_lookup(|_| None).unwrap();
        config.test_mode = test_mode;
        let state = AppState {
            leptos_options: LeptosOptions::builder()
                .output_name("settle")
                .site_root("target/site")
                .build(),
            db: pool.clone(),
            clock: Clock::system(),
            config: Arc::new(config),
        };
        TestApp {
            db: pool,
            router: http::router(state.clone()),
            state,
            _dir: dir,
        }
    }

    pub async fn request(&self, req: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(req).await.unwrap()
    }
}

async fn fresh_database() -> (String, Option<TempDir>) {
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

pub async fn body_string(res: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}
