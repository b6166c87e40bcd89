-- Issue 18 (NOTE, MEET-14..16): notifications, the outbox that delivers
-- them by e-mail, durable timed jobs, and accounts by e-mail.

-- NOTE-4: an address is confirmed by a link. People who joined before
-- this change signed in with it for months: they count as confirmed.
ALTER TABLE users ADD COLUMN email_confirmed_at BIGINT NULL;
UPDATE users SET email_confirmed_at = created_at;

-- NOTE-1: what the header's list shows. One row per recipient and event
-- (NOTE-2: the unique key makes a repeated event a no-op). `params` is the
-- JSON the text is written from, in the reader's language and zone, when
-- it is read. `pushed_at`: the live count was told.
CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    kind        TEXT NOT NULL,
    event_key   TEXT NOT NULL,
    link        TEXT NOT NULL,
    params      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    read_at     BIGINT NULL,
    pushed_at   BIGINT NULL,
    UNIQUE (user_id, event_key)
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at);
CREATE INDEX notifications_pushed ON notifications (pushed_at);

-- NOTE-2: e-mails waiting to go, written in the transaction of their
-- event. A notice's mail is written (in the recipient's language) when it
-- is sent; an account mail carries its text. `claimed_until`: a worker is
-- sending it; past that instant another may take it over.
CREATE TABLE outbox (
    id               TEXT PRIMARY KEY,
    dedupe_key       TEXT NOT NULL UNIQUE,
    user_id          TEXT NULL REFERENCES users (id),
    address          TEXT NOT NULL,
    notification_id  TEXT NULL REFERENCES notifications (id),
    subject          TEXT NULL,
    body_text        TEXT NULL,
    body_html        TEXT NULL,
    created_at       BIGINT NOT NULL,
    next_attempt_at  BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    claimed_until    BIGINT NULL,
    sent_at          BIGINT NULL,
    last_error       TEXT NULL
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- MEET-14/15 and the reminders: what must happen at an instant, once.
-- One row per kind and subject, so scheduling twice is a no-op.
CREATE TABLE jobs (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    subject_id     TEXT NOT NULL,
    due_at         BIGINT NOT NULL,
    claimed_until  BIGINT NULL,
    done_at        BIGINT NULL,
    attempts       BIGINT NOT NULL DEFAULT 0,
    last_error     TEXT NULL,
    UNIQUE (kind, subject_id)
);
CREATE INDEX jobs_due ON jobs (done_at, due_at);

-- Settings: the kinds of e-mail a person turned off (a row each).
CREATE TABLE mail_opt_outs (
    user_id  TEXT NOT NULL REFERENCES users (id),
    topic    TEXT NOT NULL,
    PRIMARY KEY (user_id, topic)
);

-- NOTE-4: single-use links (address confirmation, password reset). Only
-- a hash of the token is kept.
CREATE TABLE account_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    purpose     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT NULL
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

-- NOTE-4: requests that send a mail, counted per address and per peer.
CREATE TABLE mail_requests (
    key  TEXT NOT NULL,
    at   BIGINT NOT NULL
);
CREATE INDEX mail_requests_key_at ON mail_requests (key, at);

