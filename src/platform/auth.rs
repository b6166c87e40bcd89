//! Passwords (Argon2id) and server-side sessions (a random token in an
//! HttpOnly, SameSite cookie; only its SHA-256 is stored).

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::domain::time::ZoneName;
use crate::domain::{AppError, Locale, Password, Role, UserId};
use crate::platform::db::{internal, Db};

pub const SESSION_COOKIE: &str = "settle_session";
pub const SESSION_DAYS: i64 = 30;

/// The signed-in person, as every server function sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub id: UserId,
    pub display_name: String,
    pub role: Role,
    pub locale: Option<Locale>,
    /// TIME-1: the zone every instant is shown in.
    pub time_zone: ZoneName,
}

/// A stored Argon2id hash (PHC string). Deliberately not `Serialize`.
pub struct PasswordHashString(String);

impl PasswordHashString {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Hashes on the blocking pool: Argon2 is slow on purpose and must not
/// stall the async runtime.
pub async fn hash_password(password: Password) -> Result<PasswordHashString, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|h| PasswordHashString(h.to_string()))
            .map_err(|e| internal("hash password", e))
    })
    .await
    .map_err(|e| internal("join hasher", e))?
}

pub async fn verify_password(hash: String, password: Password) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| internal("parse stored hash", e))?;
        Ok(Argon2::default()
            .verify_password(password.expose().as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| internal("join verifier", e))?
}

/// A hash to verify against when no account matches, so a wrong e-mail takes
/// as long as a wrong password (no account enumeration by timing).
pub fn dummy_hash() -> String {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"no account has this password", &salt)
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new secret: 32 random bytes from the system, in hex.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Starts a session and returns the token for the cookie. A new token at
/// every sign-in: a session id is never carried over (no fixation).
pub async fn start_session(db: &Db, user: &UserId, now: DateTime<Utc>) -> Result<String, AppError> {
    let token = new_secret();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(user.as_str())
        .bind(now.timestamp_millis())
        .bind((now + Duration::days(SESSION_DAYS)).timestamp_millis())
        .execute(db)
        .await?;
    Ok(token)
}

pub async fn end_session(db: &Db, token: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(db)
        .await?;
    Ok(())
}

/// A session's account as read; `role` stays text so an unknown role
/// means no viewer rather than a failed request.
#[derive(sqlx::FromRow)]
struct ViewerRow {
    id: String,
    display_name: String,
    role: String,
    locale: Option<String>,
    time_zone: String,
}

fn viewer_from_row(r: ViewerRow) -> Option<Viewer> {
    Some(Viewer {
        id: UserId::from_db(r.id),
        display_name: r.display_name,
        role: Role::parse(&r.role)?,
        locale: r.locale.as_deref().and_then(Locale::from_tag),
        time_zone: ZoneName::parse(&r.time_zone).unwrap_or_else(|_| ZoneName::default_zone()),
    })
}

/// The person behind a session token, if the session is live.
pub async fn viewer_for_token(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<Viewer>, AppError> {
    let row = sqlx::query_as::<_, ViewerRow>(
        "SELECT u.id AS id, u.display_name AS display_name, u.role AS role, u.locale AS locale, u.time_zone AS time_zone FROM sessions s \
         JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now.timestamp_millis())
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(viewer_from_row))
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        SESSION_DAYS * 24 * 3600,
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_session_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Reads the session token from a `Cookie` header.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    header.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == SESSION_COOKIE && !value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_is_httponly_samesite_and_secure_when_asked() {
        let c = session_cookie("abc", false);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        assert!(session_cookie("abc", true).ends_with("; Secure"));
        assert!(clear_session_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn token_is_read_from_among_other_cookies() {
        assert_eq!(
            token_from_cookie_header("a=1; settle_session=xyz; b=2"),
            Some("xyz")
        );
        assert_eq!(token_from_cookie_header("settle_session="), None);
        assert_eq!(token_from_cookie_header("other=1"), None);
    }

    #[test]
    fn dummy_hash_is_a_valid_argon2id_string() {
        assert!(PasswordHash::new(&dummy_hash()).is_ok());
    }

    #[tokio::test]
    async fn hash_then_verify() {
        let h = hash_password(Password::parse_new("correct horse battery".into()).unwrap())
            .await
            .unwrap();
        assert!(h.as_str().starts_with("$argon2id$"));
        assert!(verify_password(
            h.as_str().into(),
            Password::for_sign_in("correct horse battery".into()).unwrap()
        )
        .await
        .unwrap());
        assert!(!verify_password(
            h.as_str().into(),
            Password::for_sign_in("wrong horse".into()).unwrap()
        )
        .await
        .unwrap());
    }
}
