-- The ledger (TXN-7), calls (CALL, REF) and the conversations that show
-- them. Portable SQL for SQLite and PostgreSQL.

-- One row per account. `balance` caches the sum of the account's postings:
-- it is updated in the same statement that checks a wallet never goes below
-- zero, and a test compares it with the postings after every step.
CREATE TABLE ledger_accounts (
    id        TEXT PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('wallet', 'earnings', 'platform', 'payouts', 'world', 'escrow')),
    owner_id  TEXT NULL REFERENCES users (id),
    balance   BIGINT NOT NULL DEFAULT 0,
    CHECK (kind <> 'wallet' OR balance >= 0)
);

CREATE TABLE ledger_txns (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    -- A retried request carries the same key and gets the first answer.
    idempotency_key  TEXT NOT NULL UNIQUE,
    actor_id         TEXT NULL REFERENCES users (id),
    customer_id      TEXT NULL REFERENCES users (id),
    amount           BIGINT NOT NULL CHECK (amount >= 0),
    reason           TEXT NOT NULL,
    refers_to        TEXT NULL REFERENCES ledger_txns (id),
    processor        TEXT NULL,
    created_at       BIGINT NOT NULL,
    -- TXN-4: a refund entry is never erased; its deletion is recorded here
    -- and as a reversing transaction.
    deleted_at       BIGINT NULL,
    deleted_by       TEXT NULL REFERENCES users (id),
    deleted_reason   TEXT NULL,
    deleted_by_txn   TEXT NULL REFERENCES ledger_txns (id),
    -- TXN-6: a withdrawal correction is paid out through a processor.
    payout_ref       TEXT NULL,
    paid_out_at      BIGINT NULL,
    payout_txn       TEXT NULL REFERENCES ledger_txns (id)
);

CREATE INDEX ledger_txns_customer ON ledger_txns (customer_id, created_at);
CREATE INDEX ledger_txns_refers_to ON ledger_txns (refers_to);

CREATE TABLE ledger_postings (
    txn_id      TEXT NOT NULL REFERENCES ledger_txns (id),
    seq         INTEGER NOT NULL,
    account_id  TEXT NOT NULL REFERENCES ledger_accounts (id),
    amount      BIGINT NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (txn_id, seq)
);

CREATE INDEX ledger_postings_account ON ledger_postings (account_id);

CREATE TABLE calls (
    id                TEXT PRIMARY KEY,
    -- The call system's own id: recording the same call twice is a no-op.
    external_id       TEXT NOT NULL UNIQUE,
    client_id         TEXT NOT NULL REFERENCES users (id),
    model_id          TEXT NOT NULL REFERENCES users (id),
    kind              TEXT NOT NULL CHECK (kind IN ('phone', 'video')),
    price_per_minute  BIGINT NOT NULL,
    started_at        BIGINT NOT NULL,
    ended_at          BIGINT NOT NULL,
    billed_minutes    BIGINT NOT NULL,
    charge            BIGINT NOT NULL,
    charge_txn        TEXT NOT NULL REFERENCES ledger_txns (id),
    -- REF-1: refunds are all or nothing today; the amount is kept so partial
    -- model refunds can come later without a migration.
    refund_txn        TEXT NULL REFERENCES ledger_txns (id),
    refunded_amount   BIGINT NULL,
    refunded_at       BIGINT NULL,
    model_thumb       TEXT NULL CHECK (model_thumb IN ('up', 'down')),
    model_feedback    TEXT NULL,
    model_rated_at    BIGINT NULL,
    client_thumb      TEXT NULL CHECK (client_thumb IN ('up', 'down')),
    client_feedback   TEXT NULL,
    client_rated_at   BIGINT NULL,
    created_at        BIGINT NOT NULL
);

CREATE INDEX calls_model ON calls (model_id, ended_at);
CREATE INDEX calls_client ON calls (client_id, ended_at);

-- The call's log from the call system (connection and quality events), for
-- support's review (REF-6).
CREATE TABLE call_events (
    call_id  TEXT NOT NULL REFERENCES calls (id),
    seq      INTEGER NOT NULL,
    at       BIGINT NOT NULL,
    kind     TEXT NOT NULL,
    detail   TEXT NOT NULL,
    PRIMARY KEY (call_id, seq)
);

-- REF-6: a client asks support to review a call.
CREATE TABLE refund_requests (
    id              TEXT PRIMARY KEY,
    call_id         TEXT NOT NULL UNIQUE REFERENCES calls (id),
    client_id       TEXT NOT NULL REFERENCES users (id),
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'granted', 'declined')),
    decided_by      TEXT NULL REFERENCES users (id),
    decided_at      BIGINT NULL,
    decision_note   TEXT NULL,
    refund_txn      TEXT NULL REFERENCES ledger_txns (id),
    created_at      BIGINT NOT NULL
);

-- One messaging module: a conversation between a model and a client (and,
-- later, dispute conversations) holding texts and system entries such as
-- call bubbles.
CREATE TABLE conversations (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('direct', 'dispute')),
    model_id    TEXT NULL REFERENCES users (id),
    client_id   TEXT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    UNIQUE (kind, model_id, client_id)
);

CREATE TABLE messages (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL REFERENCES conversations (id),
    author_id        TEXT NULL REFERENCES users (id),
    kind             TEXT NOT NULL CHECK (kind IN ('text', 'call', 'system', 'note')),
    body             TEXT NOT NULL,
    call_id          TEXT NULL REFERENCES calls (id),
    created_at       BIGINT NOT NULL
);

CREATE INDEX messages_conversation ON messages (conversation_id, created_at);
