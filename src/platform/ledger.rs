//! Writes planned ledger transactions (see `domain::ledger`) inside the
//! caller's database transaction: idempotency key first, then account
//! balances with the wallet floor checked in the same statement, then the
//! postings in one statement. Safe under concurrency on SQLite (writers
//! serialised by `BEGIN IMMEDIATE`) and PostgreSQL (row locks, unique key;
//! the shared accounts' balances are sharded so writers do not queue on
//! one row).

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::domain::ledger::{Account, AccountKind, Posting, Processor, TxnKind, TxnPlan};
use crate::domain::{AppError, Credits, ErrorCode, Reason, TxnId, TxnRef, UserId};
use crate::platform::db::{Batch, Db, Stmt};

/// A key that makes a write happen at most once. Keys are namespaced by
/// what they protect (`call-refund:<call>`, `form:<uuid>`), at most 200
/// characters of a safe alphabet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn derived(scope: &str, id: &str) -> IdempotencyKey {
        IdempotencyKey(format!("{scope}:{id}"))
    }

    /// A key sent by a form (a UUID the page made when it rendered).
    pub fn from_form(scope: &str, raw: &str) -> Result<IdempotencyKey, AppError> {
        let ok = (8..=64).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            return Err(AppError::new(ErrorCode::BadInput));
        }
        Ok(IdempotencyKey(format!("{scope}:form:{raw}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub txn: TxnId,
    /// False when the key had been used: nothing was written this time.
    pub first_time: bool,
}

/// Writes `plan` unless its key was used before, in which case the earlier
/// transaction is returned if it was the same request (kind, amount,
/// customer, original entry); a key reused for a different request is
/// refused with `idempotency_key_reused`, the way TigerBeetle answers
/// `exists_with_different_amount`.
pub async fn write(
    conn: &mut AnyConnection,
    plan: &TxnPlan,
    key: &IdempotencyKey,
    actor: Option<&UserId>,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    write_with(conn, plan, key, actor, now, |_| Ok(Batch::default())).await
}

/// `write`, and with it the caller's own writes that go with the money
/// (`then`, given the entry's id, e.g. the refunded call's state and the
/// client's notice), which run after the money's whether or not the key
/// was used before.
///
/// Every statement is a round trip the writer waits on (on SQLite while
/// the database's one write lock is held), so the money's statements and
/// `then` go as one batch inside a savepoint (`Batch::try_run`). The batch
/// takes only the usual case: the key used before, a reference drawn
/// twice, a wallet taken below zero (its `CHECK`) or a shared account's
/// first posting (its shard's foreign key) each fail a statement; the
/// savepoint is then rolled back, nothing of the batch stays, and the
/// write goes the careful way below, one statement at a time, to give the
/// answer.
pub async fn write_with<F>(
    conn: &mut AnyConnection,
    plan: &TxnPlan,
    key: &IdempotencyKey,
    actor: Option<&UserId>,
    now: DateTime<Utc>,
    then: F,
) -> Result<Written, AppError>
where
    F: Fn(&TxnId) -> Result<Batch, AppError>,
{
    let (id, mut usual) = usual_statements(plan, key, actor, now, shard_of(conn))?;
    usual.append(then(&id)?);
    if try_usual(conn, plan, &usual).await? {
        return Ok(Written {
            txn: id,
            first_time: true,
        });
    }
    let written = write_careful(conn, plan, &ordered(plan), key, actor, now).await?;
    then(&written.txn)?.run(conn).await?;
    Ok(written)
}

/// PostgreSQL, for a caller that can start its transaction again: `write`
/// with `then` as one statement, with no savepoint around it (two round
/// trips fewer than `write_with`). `None` when the statement was refused
/// (a used key, the wallet's floor, an account's first posting): the
/// transaction is then aborted, and the caller rolls it back and writes
/// again with `write_with`, which answers those. A plan that does not fit
/// one statement (`as_one_fits`), and SQLite, go to `write_with` at once.
pub async fn write_as_one<F>(
    conn: &mut AnyConnection,
    plan: &TxnPlan,
    key: &IdempotencyKey,
    actor: Option<&UserId>,
    now: DateTime<Utc>,
    then: F,
) -> Result<Option<Written>, AppError>
where
    F: Fn(&TxnId) -> Result<Batch, AppError>,
{
    if conn.backend_name() != "PostgreSQL" || !as_one_fits(plan) {
        return write_with(conn, plan, key, actor, now, then).await.map(Some);
    }
    let (id, mut usual) = usual_statements(plan, key, actor, now, shard_of(conn))?;
    usual.append(then(&id)?);
    match usual.try_run_as_one(conn).await {
        Ok(()) => Ok(Some(Written {
            txn: id,
            first_time: true,
        })),
        Err(e) => {
            tracing::debug!(%e, "a ledger write goes the careful way");
            Ok(None)
        }
    }
}

fn is_wallet_debit(p: &Posting) -> bool {
    p.account.kind() == AccountKind::Wallet && p.amount.get() < 0
}

/// Whether every wallet debit of `usual_statements`' batch changed its row
/// (`changed`: each statement's count, the entry's first). On PostgreSQL
/// a wallet created by another writer after the debit's snapshot is
/// missed by the `UPDATE` yet seen by the postings' foreign key, so only
/// the count tells. SQLite's writer holds the write lock throughout.
fn wallet_debits_took(plan: &TxnPlan, changed: &[u64]) -> bool {
    ordered(plan)
        .iter()
        .enumerate()
        .filter(|(_, (_, p))| is_wallet_debit(p))
        .all(|(i, _)| changed.get(1 + i) == Some(&1))
}

/// Whether `usual_statements` may run as one PostgreSQL statement: no row
/// changed twice (not allowed there), no wallet debit (its count is read).
fn as_one_fits(plan: &TxnPlan) -> bool {
    posts_once_per_account(plan) && !plan.postings.iter().any(is_wallet_debit)
}

/// A row changed twice in one statement is not allowed (PostgreSQL).
fn posts_once_per_account(plan: &TxnPlan) -> bool {
    let mut accounts: Vec<String> = plan.postings.iter().map(|p| p.account.key()).collect();
    accounts.sort();
    accounts.dedup();
    accounts.len() == plan.postings.len()
}

/// Runs `usual` inside savepoint `l`; false, with nothing of it kept, when
/// a statement refused it. SQLite: one batch (one round trip). PostgreSQL:
/// one prepared statement of data-modifying parts between the savepoint's
/// two commands where it fits (`as_one_fits`), otherwise one statement at
/// a time.
async fn try_usual(conn: &mut AnyConnection, plan: &TxnPlan, usual: &Batch) -> Result<bool, AppError> {
    let refused = if conn.backend_name() == "PostgreSQL" {
        Stmt::new("SAVEPOINT l").execute(conn).await?;
        if as_one_fits(plan) {
            usual.try_run_as_one(conn).await.err().map(|e| e.to_string())
        } else {
            match usual.try_run(conn).await {
                Ok(changed) if wallet_debits_took(plan, &changed) => None,
                Ok(_) => Some("a wallet missed by its debit".to_string()),
                Err(e) => Some(e.to_string()),
            }
        }
    } else {
        let mut batch = Batch::default();
        batch.push(Stmt::new("SAVEPOINT l"));
        batch.append(usual.clone());
        batch.push(Stmt::new("RELEASE l"));
        batch.try_run(conn).await.err().map(|e| e.to_string())
    };
    let mut end = Batch::default();
    if let Some(e) = &refused {
        tracing::debug!(%e, "a ledger write goes the careful way");
        end.push(Stmt::new("ROLLBACK TO l"));
        end.push(Stmt::new("RELEASE l"));
    } else if conn.backend_name() == "PostgreSQL" {
        end.push(Stmt::new("RELEASE l"));
    }
    end.run(conn).await?;
    Ok(refused.is_none())
}

/// The statements of `plan` written the usual way, its new entry's id
/// first: the key unused, the wallet covering it, every shared account
/// posted to before. Anything else fails a statement (a used key or a
/// reference drawn twice: a unique index; a wallet below zero: the table's
/// `CHECK`; a shared account's first posting: its shard's foreign key),
/// and the caller undoes the batch and writes the careful way. No
/// statement reads another's write, so without a wallet debit they may
/// also run as one (`Batch::try_run_as_one`).
pub fn usual_write(
    plan: &TxnPlan,
    key: &IdempotencyKey,
    actor: Option<&UserId>,
    now: DateTime<Utc>,
) -> Result<(TxnId, Batch), AppError> {
    usual_statements(plan, key, actor, now, SQLITE_SHARD)
}

fn usual_statements(
    plan: &TxnPlan,
    key: &IdempotencyKey,
    actor: Option<&UserId>,
    now: DateTime<Utc>,
    shard: &str,
) -> Result<(TxnId, Batch), AppError> {
    plan.check()?;
    let postings = ordered(plan);
    let id = TxnId::generate();
    let mut batch = Batch::default();
    batch.push(txn_statement(NEW_TXN, plan, &id, key, actor, now));
    for (_, p) in &postings {
        batch.push(if is_wallet_debit(p) {
            // No floor in the statement: the table's CHECK refuses a
            // wallet below zero, and a wallet never credited has no row
            // for the postings to refer to. (On PostgreSQL one created
            // after this statement's snapshot would be missed: the caller
            // checks that this changed a row, `wallet_debits_took`.)
            Stmt::new("UPDATE ledger_accounts SET balance = balance + $1 WHERE id = $2")
                .bind(p.amount.get())
                .bind(p.account.key())
        } else if p.account.kind().is_shared() {
            // Its shard's row, created on its first posting to that
            // shard; the shard's foreign key refuses an account that does
            // not exist yet. (Reading the account's row instead would
            // miss one another writer created after this statement's
            // snapshot on PostgreSQL, and lose this posting's amount.)
            Stmt::new(format!(
                "INSERT INTO ledger_account_shards (account_id, shard, balance) VALUES ($1, {shard}, $2) \
                 ON CONFLICT (account_id, shard) DO UPDATE SET balance = ledger_account_shards.balance + excluded.balance"
            ))
            .bind(p.account.key())
            .bind(p.amount.get())
        } else {
            credit_statement(&p.account, p.amount, shard)
        });
    }
    batch.push(postings_statement(&id, &postings));
    batch.push(audit_statement(plan, &id, actor, now));
    Ok((id, batch))
}

/// The entry's row; `ON CONFLICT DO NOTHING` where the caller reads
/// whether it was written.
const NEW_TXN: &str = "INSERT INTO ledger_txns (id, kind, idempotency_key, actor_id, customer_id, amount, reason, refers_to, processor, created_at, reference) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

/// SQLite has one writer at a time: its shared accounts have one shard.
const SQLITE_SHARD: &str = "0";

/// The shard of the shared accounts a connection writes to: on PostgreSQL
/// one of 64 by its server process, so concurrent writers rarely wait on
/// one row.
fn shard_of(conn: &AnyConnection) -> &'static str {
    if conn.backend_name() == "PostgreSQL" {
        "pg_backend_pid() % 64"
    } else {
        SQLITE_SHARD
    }
}

/// A fixed order of account updates: two transactions never wait on each
/// other in opposite orders (no deadlock on PostgreSQL). Each posting keeps
/// its place in the plan (its `seq`).
fn ordered(plan: &TxnPlan) -> Vec<(usize, &Posting)> {
    let mut postings: Vec<(usize, &Posting)> = plan.postings.iter().enumerate().collect();
    postings.sort_by_key(|(_, p)| p.account.key());
    postings
}

fn txn_statement(
    sql: &str,
    plan: &TxnPlan,
    id: &TxnId,
    key: &IdempotencyKey,
    actor: Option<&UserId>,
    now: DateTime<Utc>,
) -> Stmt {
    // A clash on the reference (40 random bits) is rare; the caller draws
    // again.
    let reference = TxnRef::from_bits(rand::random::<u64>() >> 24);
    Stmt::new(sql.to_owned())
        .bind(id.as_str())
        .bind(plan.kind.as_str())
        .bind(key.as_str())
        .bind(actor.map(|a| a.as_str()))
        .bind(plan.customer.as_ref().map(|c| c.as_str()))
        .bind(plan.amount.get())
        .bind(plan.reason.as_str())
        .bind(plan.refers_to.as_ref().map(|t| t.as_str()))
        .bind(plan.processor.map(|p| p.code()))
        .bind(now.timestamp_millis())
        .bind(reference.as_str())
}

/// All postings in one statement (ids and amounts bound, never written in).
fn postings_statement(id: &TxnId, postings: &[(usize, &Posting)]) -> Stmt {
    let rows = (0..postings.len())
        .map(|i| format!("($1, ${}, ${}, ${})", 3 * i + 2, 3 * i + 3, 3 * i + 4))
        .collect::<Vec<_>>()
        .join(", ");
    let mut insert = Stmt::new(format!(
        "INSERT INTO ledger_postings (txn_id, seq, account_id, amount) VALUES {rows}"
    ))
    .bind(id.as_str());
    for (seq, p) in postings {
        insert = insert
            .bind(*seq as i64)
            .bind(p.account.key())
            .bind(p.amount.get());
    }
    insert
}

/// Every money movement is in the audit log, with the same commit.
fn audit_statement(plan: &TxnPlan, id: &TxnId, actor: Option<&UserId>, now: DateTime<Utc>) -> Stmt {
    crate::platform::audit::statement(
        crate::platform::audit::Entry {
            actor,
            action: crate::domain::audit::Action::Money(plan.kind),
            subject: id.as_str(),
            amount: Some(plan.amount),
            reason: Some(plan.reason.as_str()),
        },
        now,
    )
}

/// The write one statement at a time, each answer read before the next:
/// the key's earlier use, a reference drawn again, the wallet floor, an
/// account's first posting.
async fn write_careful(
    conn: &mut AnyConnection,
    plan: &TxnPlan,
    postings: &[(usize, &Posting)],
    key: &IdempotencyKey,
    actor: Option<&UserId>,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let id = TxnId::generate();
    // Any unique index may refuse quietly here, so the key tells which
    // one did.
    let unless_written = format!("{NEW_TXN} ON CONFLICT DO NOTHING");
    let mut attempts = 0;
    loop {
        let inserted = txn_statement(&unless_written, plan, &id, key, actor, now)
            .execute(conn)
            .await?;
        if inserted == 1 {
            break;
        }
        if let Some(answer) = earlier(conn, plan, key).await? {
            return Ok(answer);
        }
        attempts += 1;
        if attempts == 8 {
            return Err(AppError::new(ErrorCode::Internal));
        }
    }
    for (_, p) in postings {
        if !add_to_balance(conn, &p.account, p.amount).await? {
            return Err(AppError::new(ErrorCode::InsufficientCredits));
        }
    }
    postings_statement(&id, postings).execute(conn).await?;
    audit_statement(plan, &id, actor, now).execute(conn).await?;
    Ok(Written {
        txn: id,
        first_time: true,
    })
}

/// What a key was first used for.
#[derive(sqlx::FromRow)]
struct KeyedTxn {
    id: String,
    kind: String,
    amount: i64,
    customer_id: Option<String>,
    refers_to: Option<String>,
}

/// The answer a key already gave: `Some` when `plan` is the request it
/// was first used for (kind, amount, customer, original entry), an
/// `idempotency_key_reused` refusal when it was another one, `None` when the
/// key is unused. Callers that check rules on the current state ask this
/// first, so a retry is answered as the first time even after the state
/// moved on (the second click of a full refund must not fail on the cap).
pub async fn earlier(
    conn: &mut AnyConnection,
    plan: &TxnPlan,
    key: &IdempotencyKey,
) -> Result<Option<Written>, AppError> {
    let row = sqlx::query_as::<_, KeyedTxn>(
        "SELECT id AS id, kind AS kind, amount AS amount, customer_id AS customer_id, refers_to AS refers_to \
         FROM ledger_txns WHERE idempotency_key = $1",
    )
    .bind(key.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(earlier) = row else {
        return Ok(None);
    };
    let same = earlier.kind == plan.kind.as_str()
        && earlier.amount == plan.amount.get()
        && earlier.customer_id.as_deref() == plan.customer.as_ref().map(|c| c.as_str())
        && earlier.refers_to.as_deref() == plan.refers_to.as_ref().map(|t| t.as_str());
    if !same {
        return Err(AppError::new(ErrorCode::IdempotencyKeyReused));
    }
    Ok(Some(Written {
        txn: TxnId::from_db(earlier.id),
        first_time: false,
    }))
}

/// Adds `amount` to the account's cached balance, creating the account on
/// its first posting, in one statement where it can. False when a wallet
/// would go below zero (nothing changed then).
async fn add_to_balance(
    conn: &mut AnyConnection,
    account: &Account,
    amount: Credits,
) -> Result<bool, AppError> {
    let kind = account.kind();
    let shard = shard_of(conn);
    let changed = if kind == AccountKind::Wallet && amount.get() < 0 {
        // The floor is checked in the statement that moves the money; a
        // wallet that was never credited has nothing to take.
        Stmt::new("UPDATE ledger_accounts SET balance = balance + $1 WHERE id = $2 AND balance + $1 >= 0")
            .bind(amount.get())
            .bind(account.key())
            .execute(conn)
            .await?
    } else if kind.is_shared() {
        // The account exists after its first posting: one statement from
        // then on, three the first time.
        if credit_statement(account, amount, shard).execute(conn).await? == 0 {
            ensure_account(conn, account).await?;
            credit_statement(account, amount, shard).execute(conn).await?
        } else {
            1
        }
    } else {
        credit_statement(account, amount, shard).execute(conn).await?
    };
    Ok(changed == 1)
}

/// Adds `amount` to an account that has no floor to check. A shared
/// account's balance is sharded: one shard per database connection (the
/// `shard` expression), so a transaction always adds to the same shard (no
/// lock-order cycle between two of its writes) and writers on other
/// connections add to other rows; its `INSERT … SELECT` adds nothing when
/// the account does not exist yet (its shards refer to it). Any other
/// account is created on its first posting.
fn credit_statement(account: &Account, amount: Credits, shard: &str) -> Stmt {
    if account.kind().is_shared() {
        // An upsert from a SELECT needs its WHERE for SQLite to parse the
        // `ON CONFLICT` (it has one here).
        Stmt::new(format!(
            "INSERT INTO ledger_account_shards (account_id, shard, balance) \
             SELECT a.id, {shard}, $2 FROM ledger_accounts a WHERE a.id = $1 \
             ON CONFLICT (account_id, shard) DO UPDATE SET balance = ledger_account_shards.balance + excluded.balance"
        ))
        .bind(account.key())
        .bind(amount.get())
    } else {
        Stmt::new(
            "INSERT INTO ledger_accounts (id, kind, owner_id, balance) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET balance = ledger_accounts.balance + excluded.balance",
        )
        .bind(account.key())
        .bind(account.kind().as_str())
        .bind(account.owner().map(|u| u.as_str()))
        .bind(amount.get())
    }
}

/// Creates a shared account on its first posting. `DO NOTHING` takes no row
/// lock on PostgreSQL, so writers do not queue here.
async fn ensure_account(conn: &mut AnyConnection, account: &Account) -> Result<(), AppError> {
    Stmt::new("INSERT INTO ledger_accounts (id, kind, owner_id, balance) VALUES ($1, $2, $3, 0) ON CONFLICT (id) DO NOTHING")
        .bind(account.key())
        .bind(account.kind().as_str())
        .bind(account.owner().map(|u| u.as_str()))
        .execute(conn)
        .await?;
    Ok(())
}

/// Takes the row lock of a transaction entry (PostgreSQL), so decisions
/// that read its refunds cannot race; on SQLite the write lock is held
/// already. Returns false when there is no such entry.
pub async fn lock_txn(conn: &mut AnyConnection, txn: &TxnId) -> Result<bool, AppError> {
    crate::platform::db::lock_row(conn, "ledger_txns", txn.as_str()).await
}

/// The account's cached balance (its own column plus its shards).
pub async fn balance(conn: &mut AnyConnection, account: &Account) -> Result<Credits, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(&format!(
        "SELECT {CACHED_BALANCE} FROM ledger_accounts a WHERE a.id = $1"
    ))
    .bind(account.key())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(Credits::new(row.map(|r| r.0).unwrap_or(0)))
}

pub async fn postings_of(conn: &mut AnyConnection, txn: &TxnId) -> Result<Vec<Posting>, AppError> {
    let rows = sqlx::query_as::<_, PostingRow>(
        "SELECT p.account_id AS account_id, p.amount AS amount FROM ledger_postings p \
         JOIN ledger_accounts a ON a.id = p.account_id WHERE p.txn_id = $1 ORDER BY p.seq",
    )
    .bind(txn.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| posting_from(&r.account_id, r.amount))
        .collect()
}

/// A posting as stored: its account's key and its amount.
pub fn posting_from(account_id: &str, amount: i64) -> Result<Posting, AppError> {
    let account = account_from_key(account_id).ok_or_else(|| AppError::new(ErrorCode::Internal))?;
    Ok(Posting {
        account,
        amount: Credits::new(amount),
    })
}

/// SQL for the cached balance of the account `a`.
pub const CACHED_BALANCE: &str =
    "a.balance + CAST(COALESCE((SELECT SUM(s.balance) FROM ledger_account_shards s \
     WHERE s.account_id = a.id), 0) AS BIGINT)";

/// One posting of an entry.
#[derive(sqlx::FromRow)]
struct PostingRow {
    account_id: String,
    amount: i64,
}

/// The inverse of `Account::key`.
pub fn account_from_key(key: &str) -> Option<Account> {
    let (kind, rest) = key.split_once(':')?;
    Some(match (AccountKind::parse(kind)?, rest) {
        (AccountKind::Wallet, u) => Account::Wallet(UserId::parse(u)?),
        (AccountKind::Earnings, u) => Account::Earnings(UserId::parse(u)?),
        (AccountKind::Platform, "revenue") => Account::PlatformRevenue,
        (AccountKind::Payouts, "pending") => Account::PayoutsPending,
        (AccountKind::World, p) => Account::World(Processor::parse(p)?),
        (AccountKind::Escrow, s) => Account::Escrow(s.to_string()),
        _ => return None,
    })
}

/// What is left to refund on a spend: its amount less its live refunds.
/// SQL for what refunds have returned on the charge in `charge_column`
/// (live entries only), for listing queries; `refunded_so_far` for one.
pub fn returned_on_sql(charge_column: &str) -> String {
    format!(
        "(SELECT CAST(COALESCE(SUM(rf.amount), 0) AS BIGINT) FROM ledger_txns rf WHERE rf.refers_to = {charge_column} \
         AND rf.kind IN ('call_refund', 'support_refund') AND rf.deleted_at IS NULL)"
    )
}

pub async fn refunded_so_far(conn: &mut AnyConnection, txn: &TxnId) -> Result<Credits, AppError> {
    let (sum,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_txns \
         WHERE refers_to = $1 AND kind IN ('call_refund', 'support_refund') AND deleted_at IS NULL",
    )
    .bind(txn.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(Credits::new(sum))
}

/// One stored transaction entry, as support's screens and rules need it.
#[derive(Clone, Debug)]
pub struct TxnRow {
    pub id: TxnId,
    pub kind: TxnKind,
    pub customer: Option<UserId>,
    pub amount: Credits,
    pub deleted: bool,
    pub processor: Option<Processor>,
    pub paid_out: bool,
}

pub async fn txn_row(conn: &mut AnyConnection, txn: &TxnId) -> Result<Option<TxnRow>, AppError> {
    let row = sqlx::query_as::<_, StoredTxnRow>(
        "SELECT id AS id, kind AS kind, customer_id AS customer_id, amount AS amount, deleted_at AS deleted_at, \
         processor AS processor, paid_out_at AS paid_out_at FROM ledger_txns WHERE id = $1",
    )
    .bind(txn.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.and_then(StoredTxnRow::into_txn_row))
}

/// An entry's columns as `txn_row` selects them.
#[derive(sqlx::FromRow)]
struct StoredTxnRow {
    id: String,
    kind: String,
    customer_id: Option<String>,
    amount: i64,
    deleted_at: Option<i64>,
    processor: Option<String>,
    paid_out_at: Option<i64>,
}

impl StoredTxnRow {
    /// `None` for an entry of a kind this build does not know.
    fn into_txn_row(self) -> Option<TxnRow> {
        Some(TxnRow {
            id: TxnId::from_db(self.id),
            kind: TxnKind::parse(&self.kind)?,
            customer: self.customer_id.map(UserId::from_db),
            amount: Credits::new(self.amount),
            deleted: self.deleted_at.is_some(),
            processor: self.processor.as_deref().and_then(Processor::parse),
            paid_out: self.paid_out_at.is_some(),
        })
    }
}

/// The ledger's invariants, checked by tests and the crash test: postings
/// sum to zero overall and per transaction, every cached balance equals its
/// postings, no wallet is negative.
pub async fn check_invariants(db: &Db) -> Result<(), String> {
    let (total,): (i64,) =
        sqlx::query_as("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_postings")
            .fetch_one(db)
            .await
            .map_err(|e| e.to_string())?;
    if total != 0 {
        return Err(format!("postings sum to {total}, not zero"));
    }
    let unbalanced = sqlx::query_as::<_, UnbalancedRow>(
        "SELECT txn_id AS txn_id, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_postings \
         GROUP BY txn_id HAVING SUM(amount) <> 0",
    )
    .fetch_all(db)
    .await
    .map_err(|e| e.to_string())?;
    if let Some(UnbalancedRow { txn_id: t, total: s }) = unbalanced.first() {
        return Err(format!("transaction {t} sums to {s}"));
    }
    let drift = sqlx::query_as::<_, DriftRow>(&format!(
        "SELECT a.id AS id, {CACHED_BALANCE} AS cached, \
         CAST(COALESCE((SELECT SUM(p.amount) FROM ledger_postings p WHERE p.account_id = a.id), 0) AS BIGINT) AS derived \
         FROM ledger_accounts a"
    ))
    .fetch_all(db)
    .await
    .map_err(|e| e.to_string())?;
    for DriftRow { id, cached, derived } in drift {
        if cached != derived {
            return Err(format!("account {id}: cached {cached} != postings {derived}"));
        }
        if id.starts_with("wallet:") && cached < 0 {
            return Err(format!("wallet {id} is negative: {cached}"));
        }
    }
    let over: Vec<(String,)> = sqlx::query_as(
        "SELECT t.id FROM ledger_txns t WHERE t.amount < \
         (SELECT CAST(COALESCE(SUM(r.amount), 0) AS BIGINT) FROM ledger_txns r WHERE r.refers_to = t.id \
          AND r.kind IN ('call_refund', 'support_refund') AND r.deleted_at IS NULL)",
    )
    .fetch_all(db)
    .await
    .map_err(|e| e.to_string())?;
    if let Some((t,)) = over.first() {
        return Err(format!("transaction {t} refunded more than charged"));
    }
    Ok(())
}

/// A transaction whose postings do not sum to zero.
#[derive(sqlx::FromRow)]
struct UnbalancedRow {
    txn_id: String,
    total: i64,
}

/// An account's cached balance beside the sum of its postings.
#[derive(sqlx::FromRow)]
struct DriftRow {
    id: String,
    cached: i64,
    derived: i64,
}

pub async fn spend_for_refund(
    tx: &mut crate::platform::db::Tx,
    customer: &UserId,
    txn: &TxnId,
) -> Result<TxnRow, AppError> {
    if !lock_txn(tx, txn).await? {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let row = txn_row(tx, txn)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    if row.customer.as_ref() != Some(customer) {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    Ok(row)
}

/// The refund of `support_refund` inside the caller's transaction, so a
/// dispute decision and its money commit together (DISP-3).
#[allow(clippy::too_many_arguments)]
pub async fn support_refund_in(
    tx: &mut crate::platform::db::Tx,
    support: &UserId,
    customer: &UserId,
    txn: &TxnId,
    amount: Credits,
    reason: Reason,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let original = spend_for_refund(tx, customer, txn).await?;
    let postings = postings_of(tx, txn).await?;
    let refund = crate::domain::ledger::refund_of(
        TxnKind::SupportRefund,
        txn.clone(),
        &postings,
        customer,
        amount,
        reason,
    );
    if let Some(existing) = earlier(tx, &refund, key).await? {
        return Ok(existing);
    }
    let refunded = refunded_so_far(tx, txn).await?;
    crate::domain::ledger::check_support_refund(original.kind, original.amount, refunded, amount)?;
    write(tx, &refund, key, Some(support), now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_keys_parse_back() {
        let u = UserId::parse("00000000-0000-7000-8000-000000000001").unwrap();
        for a in [
            Account::Wallet(u.clone()),
            Account::Earnings(u),
            Account::PlatformRevenue,
            Account::PayoutsPending,
            Account::World(Processor::Webbilling),
            Account::Escrow("s1".into()),
        ] {
            assert_eq!(account_from_key(&a.key()), Some(a));
        }
        assert_eq!(account_from_key("wallet:../../x"), None);
    }

    #[test]
    fn form_keys_are_checked() {
        assert!(IdempotencyKey::from_form("x", "0192f3a4-0000-7000-8000-000000000001").is_ok());
        assert!(IdempotencyKey::from_form("x", "short").is_err());
        assert!(IdempotencyKey::from_form("x", "has spaces in it!").is_err());
    }
}
