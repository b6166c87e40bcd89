//! What a refused request must leave as it was: row counts, balances and
//! the columns a request could change in place.

use settle::platform::db::Db;

/// Tables whose rows a refused request must leave alone (sign-in failures
/// and sessions change by design on a refused sign-in).
const TABLES: &[&str] = &[
    "users",
    "ledger_accounts",
    "ledger_account_shards",
    "ledger_txns",
    "ledger_postings",
    "calls",
    "refund_requests",
    "conversations",
    "messages",
    "bookings",
    "booking_events",
    "disputes",
    "sanctions",
    "ratings",
    "rating_reviews",
    "session_ratings",
    "help_articles",
    "help_revisions",
    "help_votes",
    "processors",
    "purchases",
    "spends",
    "uploads",
    "billing_requests",
    "audit_log",
];

/// Row counts, balances and the mutable columns hostile input could touch.
pub async fn fingerprint(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    for t in TABLES {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {t}"))
            .fetch_one(db)
            .await
            .unwrap();
        out.push(format!("{t}={n}"));
    }
    let balances = format!(
        "SELECT a.id || ':' || CAST({} AS TEXT) FROM ledger_accounts a ORDER BY a.id",
        settle::platform::ledger::CACHED_BALANCE
    );
    let queries = [
        balances.as_str(),
        "SELECT id || ':' || display_name || ':' || COALESCE(locale, '') FROM users ORDER BY id",
        "SELECT id || ':' || COALESCE(refund_txn, '') || COALESCE(model_thumb, '') || COALESCE(client_thumb, '') FROM calls ORDER BY id",
        "SELECT id || ':' || state FROM disputes ORDER BY id",
        "SELECT code || ':' || regions_en || advice_en FROM processors ORDER BY code",
    ];
    for q in queries {
        let rows: Vec<(String,)> = sqlx::query_as(q).fetch_all(db).await.unwrap();
        out.extend(rows.into_iter().map(|r| r.0));
    }
    out
}
