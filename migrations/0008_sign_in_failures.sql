-- Failed sign-ins, for throttling per account and per address (see
-- domain::user::throttle). The key is `account:` or `address:` and a
-- SHA-256 of the e-mail or the address: no plain e-mail of someone who
-- mistyped it is kept. Rows older than the window are pruned on write.
CREATE TABLE sign_in_failures (
    key  TEXT NOT NULL,
    at   BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at);
