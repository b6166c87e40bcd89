-- The audit log (issue 8): every money movement and every support action,
-- who, when, what and why, in one append-only table. Rows are never changed
-- or removed: `server::audit::ensure_append_only` adds triggers (written
-- per database at start-up) that refuse UPDATE and DELETE.
CREATE TABLE audit_log (
    -- UUID v7: time-ordered, made by the app.
    id        TEXT PRIMARY KEY,
    at        BIGINT NOT NULL,
    -- NULL when the system acted (a call's charge, a session's release).
    actor_id  TEXT NULL REFERENCES users (id),
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    amount    BIGINT NULL,
    reason    TEXT NULL
);
CREATE INDEX audit_log_at ON audit_log (at, id);
