-- The help center (HELP) and purchases with their refund requests (BILL).
-- The search index itself differs per engine (FTS5 on SQLite, tsvector on
-- PostgreSQL) and is created by `server::help::search::ensure_index`.

CREATE TABLE help_categories (
    key       TEXT PRIMARY KEY,
    position  BIGINT NOT NULL
);

CREATE TABLE help_category_texts (
    category     TEXT NOT NULL REFERENCES help_categories (key),
    locale       TEXT NOT NULL CHECK (locale IN ('en', 'it')),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    PRIMARY KEY (category, locale)
);

-- One row per article and language; `article_key` links the translations
-- (HELP-1). The rendered, sanitised HTML and the plain text are kept beside
-- the Markdown so a page view never renders.
CREATE TABLE help_articles (
    id           TEXT PRIMARY KEY,
    article_key  TEXT NOT NULL,
    locale       TEXT NOT NULL CHECK (locale IN ('en', 'it')),
    category     TEXT NOT NULL REFERENCES help_categories (key),
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    body_md      TEXT NOT NULL,
    body_html    TEXT NOT NULL,
    body_text    TEXT NOT NULL,
    popular      BIGINT NULL,
    widget       TEXT NULL,
    revision     BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (locale, slug),
    UNIQUE (article_key, locale)
);

CREATE INDEX help_articles_category ON help_articles (locale, category);

-- HELP-4: every save is a revision; revisions are never changed.
CREATE TABLE help_revisions (
    article_id  TEXT NOT NULL REFERENCES help_articles (id),
    number      BIGINT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    body_md     TEXT NOT NULL,
    author_id   TEXT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (article_id, number)
);

-- HELP-3: one answer per reader per article (the reader is a hash of an
-- anonymous cookie or of the account); answering again changes it.
CREATE TABLE help_votes (
    article_id  TEXT NOT NULL REFERENCES help_articles (id),
    reader      TEXT NOT NULL,
    helpful     BIGINT NOT NULL CHECK (helpful IN (0, 1)),
    voted_at    BIGINT NOT NULL,
    PRIMARY KEY (article_id, reader)
);

-- The indexed words per language, for typo correction in search.
CREATE TABLE help_terms (
    locale  TEXT NOT NULL,
    term    TEXT NOT NULL,
    freq    BIGINT NOT NULL,
    PRIMARY KEY (locale, term)
);

-- BILL-5: the processors and how to reach them, editable by support.
CREATE TABLE processors (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    position    BIGINT NOT NULL,
    regions_en  TEXT NOT NULL,
    regions_it  TEXT NOT NULL,
    advice_en   TEXT NOT NULL,
    advice_it   TEXT NOT NULL,
    contacts    TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT NULL REFERENCES users (id)
);

-- BILL-1: what a client bought through a processor.
CREATE TABLE purchases (
    id               TEXT PRIMARY KEY,
    client_id        TEXT NOT NULL REFERENCES users (id),
    product          TEXT NOT NULL,
    processor        TEXT NOT NULL REFERENCES processors (code),
    payment_number   TEXT NOT NULL UNIQUE,
    price_cents      BIGINT NOT NULL CHECK (price_cents > 0),
    credits          BIGINT NOT NULL CHECK (credits >= 0),
    txn_id           TEXT NULL REFERENCES ledger_txns (id),
    idempotency_key  TEXT NOT NULL UNIQUE,
    refunded_at      BIGINT NULL,
    completed_at     BIGINT NOT NULL
);

CREATE INDEX purchases_client ON purchases (client_id, completed_at);

ALTER TABLE users ADD COLUMN premium_until BIGINT NULL;

-- Credits spent on a model: tips, private shows, photos and videos.
CREATE TABLE spends (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('tip', 'private_show', 'content')),
    client_id        TEXT NOT NULL REFERENCES users (id),
    model_id         TEXT NOT NULL REFERENCES users (id),
    title            TEXT NOT NULL,
    amount           BIGINT NOT NULL CHECK (amount > 0),
    watched_seconds  BIGINT NULL,
    txn_id           TEXT NOT NULL REFERENCES ledger_txns (id),
    created_at       BIGINT NOT NULL
);

CREATE INDEX spends_client ON spends (client_id, created_at);

-- BILL-2..4: a client's refund request for a purchase or a spend.
CREATE TABLE billing_requests (
    id               TEXT PRIMARY KEY,
    subject          TEXT NOT NULL,
    client_id        TEXT NOT NULL REFERENCES users (id),
    model_id         TEXT NULL REFERENCES users (id),
    purchase_id      TEXT NULL REFERENCES purchases (id),
    spend_id         TEXT NULL REFERENCES spends (id),
    amount           BIGINT NOT NULL CHECK (amount > 0),
    full_refund      BIGINT NOT NULL CHECK (full_refund IN (0, 1)),
    receipt_number   TEXT NULL,
    receipt_upload   TEXT NULL,
    reason           TEXT NULL,
    status           TEXT NOT NULL CHECK (status IN ('awaiting_model', 'open', 'refused_by_default', 'approved', 'declined')),
    model_statement  TEXT NULL,
    model_heard_at   BIGINT NULL,
    decided_by       TEXT NULL REFERENCES users (id),
    decided_at       BIGINT NULL,
    decision_note    TEXT NULL,
    refunded         BIGINT NULL,
    refund_txn       TEXT NULL REFERENCES ledger_txns (id),
    created_at       BIGINT NOT NULL,
    CHECK ((purchase_id IS NULL) <> (spend_id IS NULL))
);

-- One pending request per purchase or spend at a time.
CREATE UNIQUE INDEX billing_requests_one_pending ON billing_requests (subject)
    WHERE status IN ('awaiting_model', 'open', 'refused_by_default');
CREATE INDEX billing_requests_status ON billing_requests (status, created_at);
