-- Issue 20: the accounts nearly every money write touches (the platform's
-- revenue, pending payouts, each processor's world account) would make
-- every PostgreSQL writer wait on one row lock until commit. Their postings
-- add to one of several shard rows instead (one per database connection),
-- and the cached balance of any account is its own `balance` plus its
-- shards. Balances cached before this migration stay where they are.
CREATE TABLE ledger_account_shards (
    account_id  TEXT NOT NULL REFERENCES ledger_accounts (id),
    shard       INTEGER NOT NULL,
    balance     BIGINT NOT NULL,
    PRIMARY KEY (account_id, shard)
);
