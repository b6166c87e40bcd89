-- Issue 20: on PostgreSQL every upload's bytes (evidence, receipts, model
-- photos) are kept here too, so any app server can serve a file another
-- one received; each server keeps a copy in its upload folder as it writes
-- or first reads it. SQLite serves one server and keeps the folder only.
CREATE TABLE upload_blobs (
  id TEXT PRIMARY KEY,
  bytes BYTEA NOT NULL,
  -- ms since the epoch; the sweep leaves younger blobs alone
  created_at BIGINT NOT NULL
);
