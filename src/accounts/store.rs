//! Accounts: creating one, checking a password, the sign-in throttle, the
//! language setting, and NOTE-4's links by e-mail.

use crate::domain::time::ZoneName;
use crate::domain::user::{links, throttle};
use crate::domain::{AppError, DisplayName, Email, ErrorCode, Locale, Password, Role, RuleId, UserId};
use crate::platform::auth::{dummy_hash, hash_password, verify_password};
use crate::platform::db::{begin_write, from_ms, ms, Db};
use crate::platform::outbox::{queue_mail, MailDraft};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

pub struct NewAccount {
    pub email: Email,
    pub display_name: DisplayName,
    pub password: Password,
    pub role: Role,
    pub locale: Option<Locale>,
    pub time_zone: ZoneName,
}

/// An account made by the operator (the demo seed, `settle admin`): no one
/// follows a link for it, so its address counts as confirmed.
pub async fn create_account(db: &Db, account: NewAccount, now: DateTime<Utc>) -> Result<UserId, AppError> {
    let hash = hash_password(account.password).await?;
    let id = UserId::generate();
    let mut tx = begin_write(db).await?;
    let fields = AccountFields {
        email: account.email.as_str(),
        display_name: account.display_name.as_str(),
        role: account.role,
        locale: account.locale,
        time_zone: account.time_zone.as_str(),
    };
    insert_account(&mut tx, &id, &fields, hash.as_str(), Some(now), now).await?;
    tx.commit().await?;
    Ok(id)
}

/// What an account row is written from (the password is hashed apart).
struct AccountFields<'a> {
    email: &'a str,
    display_name: &'a str,
    role: Role,
    locale: Option<Locale>,
    time_zone: &'a str,
}

async fn insert_account(
    conn: &mut AnyConnection,
    id: &UserId,
    a: &AccountFields<'_>,
    hash: &str,
    confirmed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let res = sqlx::query(
        "INSERT INTO users (id, email, display_name, role, password_hash, locale, time_zone, created_at, \
         email_confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (email) DO NOTHING",
    )
    .bind(id.as_str())
    .bind(a.email)
    .bind(a.display_name)
    .bind(a.role.as_str())
    .bind(hash)
    .bind(a.locale.map(|l| l.code()))
    .bind(a.time_zone)
    .bind(ms(now))
    .bind(confirmed_at.map(ms))
    .execute(&mut *conn)
    .await?;
    if res.rows_affected() == 0 {
        return Err(AppError::new(ErrorCode::EmailTaken));
    }
    Ok(())
}

/// NOTE-4: a link's mail, written by the caller around `token`'s link.
pub struct LinkMail {
    pub token: LinkToken,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A new single-use link's secret: the token goes in the mail, only its
/// hash is stored.
pub struct LinkToken {
    pub token: String,
    pub hash: String,
}

impl LinkToken {
    pub fn generate() -> LinkToken {
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        LinkToken {
            hash: link_hash(&token),
            token,
        }
    }
}

fn link_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The keys mail requests are counted by: the address and the client's
/// address, hashed.
pub fn mail_request_keys(email: &Email, peer: Option<std::net::IpAddr>) -> [String; 2] {
    let [account, address] = throttle_keys(email, peer);
    [format!("mail:{account}"), format!("mail:{address}")]
}

/// NOTE-4: whether one more mail may be asked for now (the domain decides
/// from the requests still counting).
async fn may_send(conn: &mut AnyConnection, keys: &[String; 2], now: DateTime<Utc>) -> Result<(), AppError> {
    // Count and record as one step per key: on PostgreSQL a transaction
    // lock per key makes parallel requests queue here (SQLite's one writer
    // already does), so a burst cannot pass the limit together.
    if conn.backend_name().eq_ignore_ascii_case("postgresql") {
        for key in keys {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind(key)
                .execute(&mut *conn)
                .await?;
        }
    }
    let since = ms(now - links::WINDOW);
    let mut earlier: [Vec<DateTime<Utc>>; 2] = Default::default();
    for (n, key) in keys.iter().enumerate() {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT at FROM mail_requests WHERE key = $1 AND at > $2")
            .bind(key)
            .bind(since)
            .fetch_all(&mut *conn)
            .await?;
        earlier[n] = rows.into_iter().map(|r| from_ms(r.0)).collect();
    }
    links::may_send(&earlier[0], &earlier[1], now)
}

/// Counts a request against both keys (and forgets the ones out of the window).
async fn record_request(
    conn: &mut AnyConnection,
    keys: &[String; 2],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for key in keys {
        sqlx::query("DELETE FROM mail_requests WHERE key = $1 AND at <= $2")
            .bind(key)
            .bind(ms(now - links::WINDOW))
            .execute(&mut *conn)
            .await?;
        sqlx::query("INSERT INTO mail_requests (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(ms(now))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Stores a link for `user` and queues its mail, in the caller's transaction.
async fn issue_link(
    conn: &mut AnyConnection,
    user: &UserId,
    address: &str,
    purpose: links::Purpose,
    mail: &LinkMail,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&mail.token.hash)
    .bind(user.as_str())
    .bind(purpose.as_str())
    .bind(ms(now))
    .bind(ms(now + links::LIFETIME))
    .execute(&mut *conn)
    .await?;
    queue_mail(
        conn,
        &MailDraft {
            key: &format!("{}:{}", purpose.as_str(), mail.token.hash),
            user: Some(user),
            address,
            subject: &mail.subject,
            text: &mail.text,
            html: &mail.html,
        },
        now,
    )
    .await
}

/// Sign-up (NOTE-4): the account, its confirmation link and the link's
/// mail, in one transaction. Past the mail limits the account is made and
/// no mail is sent (Settings offers a new link later).
pub async fn sign_up(
    db: &Db,
    account: NewAccount,
    keys: &[String; 2],
    mail: &LinkMail,
    now: DateTime<Utc>,
) -> Result<UserId, AppError> {
    let hash = hash_password(account.password).await?;
    let fields = AccountFields {
        email: account.email.as_str(),
        display_name: account.display_name.as_str(),
        role: account.role,
        locale: account.locale,
        time_zone: account.time_zone.as_str(),
    };
    let id = UserId::generate();
    let mut tx = begin_write(db).await?;
    insert_account(&mut tx, &id, &fields, hash.as_str(), None, now).await?;
    if may_send(&mut tx, keys, now).await.is_ok() {
        record_request(&mut tx, keys, now).await?;
        issue_link(&mut tx, &id, fields.email, links::Purpose::Confirm, mail, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// A person's address and whether it is confirmed.
pub async fn address_of(db: &Db, user: &UserId) -> Result<(String, bool), AppError> {
    let (email, confirmed): (String, Option<i64>) =
        sqlx::query_as("SELECT email, email_confirmed_at FROM users WHERE id = $1")
            .bind(user.as_str())
            .fetch_one(db)
            .await?;
    Ok((email, confirmed.is_some()))
}

/// Settings' "send a new link": refused past the limits, saying from when.
/// Answers false when the address is confirmed already (nothing to send).
pub async fn send_confirmation(
    db: &Db,
    user: &UserId,
    peer: Option<std::net::IpAddr>,
    mail: &LinkMail,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let (address, confirmed) = address_of(db, user).await?;
    if confirmed {
        return Ok(false);
    }
    let keys = mail_request_keys(&Email::parse(&address)?, peer);
    let mut tx = begin_write(db).await?;
    may_send(&mut tx, &keys, now).await?;
    record_request(&mut tx, &keys, now).await?;
    issue_link(&mut tx, user, &address, links::Purpose::Confirm, mail, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// A forgotten password (NOTE-4). The same work whether or not an account
/// uses `email`: the request is counted, a row is looked up and a write is
/// made; only with an account is it the link and its mail. The caller
/// answers the same words either way, also past the limits.
pub async fn request_reset(
    db: &Db,
    email: &Email,
    keys: &[String; 2],
    mail: &LinkMail,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    if may_send(&mut tx, keys, now).await.is_err() {
        tx.rollback().await?;
        return Ok(());
    }
    record_request(&mut tx, keys, now).await?;
    let user: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    match user {
        Some((id,)) => {
            let id = UserId::from_db(id);
            issue_link(&mut tx, &id, email.as_str(), links::Purpose::Reset, mail, now).await?;
        }
        None => {
            // The same shape of work as the link and its mail: two writes
            // by key that find nothing.
            sqlx::query("DELETE FROM account_tokens WHERE token_hash = $1")
                .bind(&mail.token.hash)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM outbox WHERE dedupe_key = $1")
                .bind(&mail.token.hash)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A link's row, if `token` names one made for `purpose`, checked by the
/// domain: the user it was made for.
async fn usable_link(
    conn: &mut AnyConnection,
    token: &str,
    purpose: links::Purpose,
    now: DateTime<Utc>,
) -> Result<(String, UserId), AppError> {
    let hash = link_hash(token.trim());
    let row: Option<(String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT user_id, expires_at, used_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2",
    )
    .bind(&hash)
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let (user, expires_at, used_at) = row.ok_or_else(|| AppError::rule(RuleId::Note4))?;
    links::usable(from_ms(expires_at), used_at.is_some(), now)?;
    Ok((hash, UserId::from_db(user)))
}

/// Marks a link used; false if another request used it first.
async fn use_link(conn: &mut AnyConnection, hash: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let n = sqlx::query("UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
        .bind(ms(now))
        .bind(hash)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::rule(RuleId::Note4))
    }
}

/// Follows a confirmation link: the address is confirmed, the link used.
pub async fn confirm_address(db: &Db, token: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let (hash, user) = usable_link(&mut tx, token, links::Purpose::Confirm, now).await?;
    use_link(&mut tx, &hash, now).await?;
    sqlx::query("UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL")
        .bind(ms(now))
        .bind(user.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether a reset link still works (the reset page asks before showing
/// its form).
pub async fn reset_link_usable(db: &Db, token: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut conn = db.acquire().await?;
    usable_link(&mut conn, token, links::Purpose::Reset, now)
        .await
        .map(|_| ())
}

/// Follows a reset link: the new password is set, the link and the
/// person's other reset links are used up, every session of theirs ends.
/// The link came by mail, so the address is confirmed too.
pub async fn reset_password(
    db: &Db,
    token: &str,
    password: Password,
    now: DateTime<Utc>,
) -> Result<UserId, AppError> {
    reset_link_usable(db, token, now).await?;
    let hash = hash_password(password).await?;
    let mut tx = begin_write(db).await?;
    let (token_hash, user) = usable_link(&mut tx, token, links::Purpose::Reset, now).await?;
    use_link(&mut tx, &token_hash, now).await?;
    sqlx::query(
        "UPDATE users SET password_hash = $1, email_confirmed_at = COALESCE(email_confirmed_at, $2) WHERE id = $3",
    )
    .bind(hash.as_str())
    .bind(ms(now))
    .bind(user.as_str())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE account_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(ms(now))
    .bind(user.as_str())
    .bind(links::Purpose::Reset.as_str())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(user)
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
