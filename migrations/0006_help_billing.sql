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

-- Uploaded files (receipts now, dispute evidence later). The bytes live in
-- the upload folder under the id, outside the web root; the kind is what
-- the content was sniffed as, never what the browser claimed.
CREATE TABLE uploads (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES users (id),
    kind        TEXT NOT NULL CHECK (kind IN ('png', 'jpeg', 'gif', 'webp', 'pdf')),
    purpose     TEXT NOT NULL CHECK (purpose IN ('receipt', 'evidence')),
    size        BIGINT NOT NULL CHECK (size > 0),
    sha256      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

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
    receipt_upload   TEXT NULL REFERENCES uploads (id),
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

-- The processors the site starts with (BILL-5). Support edits them on the
-- Processors page; the addresses here are placeholders to replace with the
-- contracts' real ones before going live.
INSERT INTO processors (code, name, position, regions_en, regions_it, advice_en, advice_it, contacts, updated_at) VALUES
('paymentico', 'Paymentico', 1,
 'Worldwide; phone line for the US and Canada', 'In tutto il mondo; linea telefonica per USA e Canada',
 'Writing is fastest: the support team on their site answers most questions. International calls may cost extra.',
 'Scrivere è la via più rapida: l''assistenza sul loro sito risponde alla maggior parte delle domande. Le chiamate internazionali possono costare di più.',
 'email | support@paymentico.example | Answers within one business day | Risposta entro un giorno lavorativo
team | https://paymentico.example/help | Support team on the site | Assistenza sul sito
phone | +1 888 555 0142 | US and Canada; calls from elsewhere may cost extra | USA e Canada; dall''estero la chiamata può costare di più', 0),
('epoch', 'Epoch', 2,
 'Worldwide', 'In tutto il mondo',
 'Look your payment up with its payment number first: most answers are there.',
 'Cerca prima il pagamento con il suo numero: lì trovi la maggior parte delle risposte.',
 'lookup | https://epoch.example/lookup | Payment look-up by payment number | Ricerca per numero di pagamento
email | billing@epoch.example | | 
phone | +1 800 555 0177 | Toll-free | Numero verde
phone | +1 310 555 0177 | International | Internazionale', 0),
('segpay', 'SegPay', 3,
 'Worldwide; phone mainly for the US', 'In tutto il mondo; telefono soprattutto per gli USA',
 'Include your receipt and the transaction numbers when you write.',
 'Quando scrivi, allega la ricevuta e i numeri di transazione.',
 'lookup | https://segpay.example/lookup | Payment look-up on their site | Ricerca del pagamento sul loro sito
phone | +1 877 555 0111 | Mainly for the US | Soprattutto per gli USA
email | help@segpay.example | Outside the US | Fuori dagli USA', 0),
('centrobill', 'CentroBill', 4,
 'Worldwide', 'In tutto il mondo',
 'Advised for annual subscriptions such as Premium.',
 'Consigliato per gli abbonamenti annuali come Premium.',
 'web_form | https://centrobill.example/support | Web form | Modulo web
phone | +44 20 5550 0199 | Calls may cost extra | La chiamata può costare di più', 0),
('webbilling', 'Webbilling', 5,
 'Europe', 'Europa',
 'E-mail only.',
 'Solo e-mail.',
 'email | support@webbilling.example | E-mail only | Solo e-mail', 0),
('wtseticket', 'Wtseticket', 6,
 'Europe', 'Europa',
 'Use the web form for the quickest answer.',
 'Usa il modulo web per la risposta più rapida.',
 'web_form | https://wtseticket.example/contact | Web support form | Modulo di assistenza web
email | care@wtseticket.example | | 
phone | +31 20 555 0123 | International | Internazionale', 0);
