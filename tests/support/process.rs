//! The server as its own process, for the fault tests: started on a
//! database, killed with SIGKILL, started again on the same port.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::client::Http;

pub const PASSWORD: &str = settle::seed::DEMO_PASSWORD;

pub struct Server {
    child: Child,
    pub url: String,
}

fn server_bin() -> PathBuf {
    std::env::var_os("SETTLE_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_settle")))
}

/// One port for the whole run, so cookies and connections aim at the same
/// place across restarts.
fn port() -> u16 {
    static PORT: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    *PORT.get_or_init(|| {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    })
}

impl Server {
    pub async fn start(db_url: &str, work: &Path) -> Server {
        Self::start_with(db_url, work, &[]).await
    }

    /// Started with more settings (e.g. `SETTLE_SMTP_URL`).
    pub async fn start_with(db_url: &str, work: &Path, env: &[(&str, &str)]) -> Server {
        let url = format!("http://127.0.0.1:{}", port());
        let log = work.join("server.log");
        for _attempt in 0..50 {
            let out = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&log)
                .unwrap();
            let mut child = Command::new(server_bin())
                .arg("serve")
                .env("DATABASE_URL", db_url)
                .env("SETTLE_ADDR", format!("127.0.0.1:{}", port()))
                .env("LEPTOS_SITE_ROOT", work.join("site"))
                .env("SETTLE_UPLOAD_DIR", work.join("uploads"))
                .env("RUST_LOG", "warn")
                .env_remove("SETTLE_DEMO_DATA")
                .env_remove("SETTLE_TEST_MODE")
                .env_remove("SETTLE_SERVICE_TOKEN")
                .env_remove("SETTLE_SMTP_URL")
                .envs(env.iter().copied())
                .stdout(Stdio::null())
                .stderr(out)
                .spawn()
                .unwrap_or_else(|e| panic!("{}: {e}", server_bin().display()));
            let deadline = Instant::now() + Duration::from_secs(30);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break; // e.g. the port is still held: try again
                }
                if let Ok(mut h) = Http::open(&url).await {
                    if let Ok(a) = h.get("/healthz", None).await {
                        if a.status == 200 {
                            return Server { child, url };
                        }
                    }
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            let _ = child.kill();
            let _ = child.wait();
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!(
            "the server did not start; its log:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// SIGKILL: no shutdown hook runs, in-flight requests are cut.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub async fn sign_in(url: &str, email: &str) -> String {
    let mut h = Http::open(url).await.unwrap();
    let a = h
        .post(
            "/api/auth/sign_in",
            None,
            &[("email", email), ("password", PASSWORD), ("lang", "en")],
        )
        .await
        .unwrap();
    assert_eq!(a.status, 200, "sign in as {email}: {}", a.text());
    a.cookie().expect("a session cookie")
}
