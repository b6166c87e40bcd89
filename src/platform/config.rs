//! Configuration from the environment, with safe defaults. Secrets live in
//! [`Secret`], which never prints.

use std::fmt;
use std::net::SocketAddr;

/// A value that must never reach a log line.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` (default, a file under `data/`) or `postgres://…`.
    pub database_url: Secret,
    pub addr: SocketAddr,
    /// Folder holding the built site (wasm, JS, CSS, assets).
    pub site_root: String,
    /// Cookies get `Secure` when the site is served over TLS (behind a proxy).
    pub secure_cookies: bool,
    /// Seed the demo accounts and data into an empty database.
    pub demo_data: bool,
    /// Enables the test-only clock control. Never set in production.
    pub test_mode: bool,
    /// Bearer token the call system uses for server-to-server calls.
    pub service_token: Option<Secret>,
    pub log_json: bool,
    /// Where uploaded files (receipts, evidence) are kept: outside the web
    /// root, served only through the access check of `/files/{id}`.
    pub upload_dir: std::path::PathBuf,
    /// The mail server (NOTE); none: mails stay in the outbox.
    pub smtp_url: Option<Secret>,
    /// The sender of every mail.
    pub mail_from: String,
    /// The address people reach the site at, for links in e-mails.
    pub public_url: String,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let flag = |k: &str| matches!(get(k).as_deref(), Some("1" | "true" | "yes"));
        let addr = get("SETTLE_ADDR")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr
            .parse()
            .map_err(|_| format!("SETTLE_ADDR is not an address: {addr}"))?;
        Ok(Config {
            database_url: Secret(get("DATABASE_URL").unwrap_or_else(|| "sqlite://data/settle.db".into())),
            addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            secure_cookies: flag("SETTLE_SECURE_COOKIES"),
            demo_data: flag("SETTLE_DEMO_DATA"),
            test_mode: flag("SETTLE_TEST_MODE"),
            service_token: get("SETTLE_SERVICE_TOKEN").filter(|t| !t.is_empty()).map(Secret),
            log_json: flag("SETTLE_LOG_JSON"),
            upload_dir: get("SETTLE_UPLOAD_DIR")
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| "data/uploads".into())
                .into(),
            smtp_url: get("SETTLE_SMTP_URL").filter(|u| !u.is_empty()).map(Secret),
            mail_from: get("SETTLE_MAIL_FROM")
                .filter(|f| !f.is_empty())
                .unwrap_or_else(|| "Settle <no-reply@settle.localhost>".into()),
            public_url: get("SETTLE_PUBLIC_URL")
                .filter(|u| !u.is_empty())
                .map(|u| u.trim_end_matches('/').to_string())
                .unwrap_or_else(|| format!("http://{addr}")),
        })
    }

    pub fn is_postgres(&self) -> bool {
        is_postgres_url(self.database_url.expose())
    }
}

pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn defaults_are_safe() {
        let c = Config::from_lookup(|_| None).unwrap();
        assert_eq!(c.database_url.expose(), "sqlite://data/settle.db");
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert!(!c.test_mode && !c.demo_data && !c.secure_cookies);
        assert!(!c.is_postgres());
    }

    #[test]
    fn secrets_never_print() {
        let env: HashMap<&str, &str> = [
            ("DATABASE_URL", "postgres://u:hunter2@localhost/db"),
            ("SETTLE_SERVICE_TOKEN", "tok-123"),
        ]
        .into();
        let c = Config::from_lookup(|k| env.get(k).map(|v| v.to_string())).unwrap();
        let printed = format!("{c:?}");
        assert!(
            !printed.contains("hunter2") && !printed.contains("tok-123"),
            "{printed}"
        );
        assert!(c.is_postgres());
    }

    #[test]
    fn bad_address_is_a_clear_error() {
        let err = Config::from_lookup(|k| (k == "SETTLE_ADDR").then(|| "nope".into())).unwrap_err();
        assert!(err.contains("SETTLE_ADDR"));
    }
}
