//! Demo data for a first run: one support user, three models, three
//! clients. Only into an empty database, and only when asked
//! (`SETTLE_DEMO_DATA=1`, which `make run` sets).

use chrono::{DateTime, Utc};

use super::auth::{create_account, NewAccount};
use super::db::Db;
use crate::domain::{AppError, DisplayName, Email, Password, Role};

/// Every demo account uses this password (listed in the README).
pub const DEMO_PASSWORD: &str = "settle-demo-2026";

pub const DEMO_ACCOUNTS: &[(&str, &str, Role)] = &[
    ("support@settle.test", "Sara (Support)", Role::Support),
    ("giulia@settle.test", "Giulia", Role::Model),
    ("sofia@settle.test", "Sofia", Role::Model),
    ("marta@settle.test", "Marta", Role::Model),
    ("luca@settle.test", "Luca", Role::Client),
    ("marco@settle.test", "Marco", Role::Client),
    ("paolo@settle.test", "Paolo", Role::Client),
];

/// Seeds when the database has no users yet; returns whether it did.
pub async fn seed_if_empty(db: &Db, now: DateTime<Utc>) -> Result<bool, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(db)
        .await
        .map_err(super::auth::db_error)?;
    if count > 0 {
        return Ok(false);
    }
    for (email, name, role) in DEMO_ACCOUNTS {
        create_account(
            db,
            NewAccount {
                email: Email::parse(email)?,
                display_name: DisplayName::parse(name)?,
                password: Password::parse_new(DEMO_PASSWORD.into())?,
                role: *role,
                locale: None,
            },
            now,
        )
        .await?;
    }
    Ok(true)
}
