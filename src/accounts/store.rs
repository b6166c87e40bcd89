//! Accounts: creating one, checking a password, the sign-in throttle, the
//! language setting.

use crate::domain::time::ZoneName;
use crate::domain::user::throttle;
use crate::domain::{AppError, DisplayName, Email, ErrorCode, Locale, Password, Role, UserId};
use crate::platform::auth::{dummy_hash, hash_password, verify_password};
use crate::platform::db::Db;
use chrono::{DateTime, Utc};

pub struct NewAccount {
    pub email: Email,
    pub display_name: DisplayName,
    pub password: Password,
    pub role: Role,
    pub locale: Option<Locale>,
    pub time_zone: ZoneName,
}

pub async fn create_account(db: &Db, account: NewAccount, now: DateTime<Utc>) -> Result<UserId, AppError> {
    let hash = hash_password(account.password).await?;
    let id = UserId::generate();
    let res = sqlx::query(
        "INSERT INTO users (id, email, display_name, role, password_hash, locale, time_zone, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING",
    )
    .bind(id.as_str())
    .bind(account.email.as_str())
    .bind(account.display_name.as_str())
    .bind(account.role.as_str())
    .bind(hash.as_str())
    .bind(account.locale.map(|l| l.code()))
    .bind(account.time_zone.as_str())
    .bind(now.timestamp_millis())
    .execute(db)
    .await?;
    if res.rows_affected() == 0 {
        return Err(AppError::new(ErrorCode::EmailTaken));
    }
    Ok(id)
}

/// An account's stored credentials.
#[derive(sqlx::FromRow)]
struct CredentialRow {
    id: String,
    password_hash: String,
}

/// Checks an e-mail and password; the same error for an unknown e-mail and a
/// wrong password.
pub async fn authenticate(db: &Db, email: &Email, password: Password) -> Result<UserId, AppError> {
    let row = sqlx::query_as::<_, CredentialRow>(
        "SELECT id AS id, password_hash AS password_hash FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(db)
    .await?;
    let (id, hash) = match row {
        Some(r) => (Some(r.id), r.password_hash),
        None => (
            None,
            tokio::task::spawn_blocking(dummy_hash).await.unwrap_or_default(),
        ),
    };
    let ok = verify_password(hash, password).await.unwrap_or(false);
    match (ok, id) {
        (true, Some(id)) => Ok(UserId::from_db(id)),
        _ => Err(AppError::new(ErrorCode::BadCredentials)),
    }
}

/// The throttle's keys for an attempt: the account and the address,
/// hashed (see migration 0008).
pub fn throttle_keys(email: &Email, address: Option<std::net::IpAddr>) -> [String; 2] {
    use sha2::{Digest, Sha256};
    let hash = |s: &str| hex::encode(Sha256::digest(s.as_bytes()));
    let address = address.map(|a| a.to_string()).unwrap_or_else(|| "unknown".into());
    [
        format!("account:{}", hash(&email.as_str().to_lowercase())),
        format!("address:{}", hash(&address)),
    ]
}

/// Refuses an attempt once the account or the address has failed too
/// often within the window (nothing is checked or counted then).
pub async fn check_throttle(db: &Db, keys: &[String; 2], now: DateTime<Utc>) -> Result<(), AppError> {
    let since = (now - throttle::WINDOW).timestamp_millis();
    let mut counts = [0i64; 2];
    for (n, key) in keys.iter().enumerate() {
        let (c,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at > $2")
            .bind(key)
            .bind(since)
            .fetch_one(db)
            .await?;
        counts[n] = c;
    }
    throttle::check(counts[0], counts[1])
}

/// Counts a failed attempt against both keys (and forgets expired ones).
pub async fn record_failure(db: &Db, keys: &[String; 2], now: DateTime<Utc>) -> Result<(), AppError> {
    let since = (now - throttle::WINDOW).timestamp_millis();
    for key in keys {
        sqlx::query("DELETE FROM sign_in_failures WHERE key = $1 AND at <= $2")
            .bind(key)
            .bind(since)
            .execute(db)
            .await?;
        sqlx::query("INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(now.timestamp_millis())
            .execute(db)
            .await?;
    }
    Ok(())
}

/// A successful sign-in clears the account's failures (not the address's:
/// one right password must not reset a spray across accounts).
pub async fn clear_failures(db: &Db, keys: &[String; 2]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
        .bind(&keys[0])
        .execute(db)
        .await?;
    Ok(())
}

/// Settings: the language (`None` follows the browser) and the zone.
pub async fn set_preferences(
    db: &Db,
    user: &UserId,
    locale: Option<Locale>,
    zone: &ZoneName,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET locale = $1, time_zone = $2 WHERE id = $3")
        .bind(locale.map(|l| l.code()))
        .bind(zone.as_str())
        .bind(user.as_str())
        .execute(db)
        .await?;
    Ok(())
}
