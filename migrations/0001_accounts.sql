-- Accounts and server-side sessions. Portable SQL: the same file runs on
-- SQLite and PostgreSQL. Ids are UUIDv7 text made by the application;
-- instants are UTC milliseconds since the epoch (BIGINT).

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('client', 'model', 'support')),
    password_hash TEXT NOT NULL,
    locale        TEXT NULL CHECK (locale IN ('en', 'it')),
    created_at    BIGINT NOT NULL
);

-- Only a hash of the session token is stored: a leaked table cannot be
-- replayed as cookies.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

CREATE INDEX sessions_user_id ON sessions (user_id);
