-- Dispute decisions (DISP-3), sanctions, and read markers for chats.

ALTER TABLE disputes ADD COLUMN decided_at BIGINT NULL;
ALTER TABLE disputes ADD COLUMN decided_by TEXT NULL REFERENCES users (id);
ALTER TABLE disputes ADD COLUMN decision_reason TEXT NULL;
ALTER TABLE disputes ADD COLUMN refunded BIGINT NULL;
ALTER TABLE disputes ADD COLUMN released BIGINT NULL;

CREATE TABLE sanctions (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    kind        TEXT NOT NULL CHECK (kind IN ('warning', 'suspension')),
    until       BIGINT NULL,
    dispute_id  TEXT NOT NULL REFERENCES disputes (id),
    reason      TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL
);

CREATE INDEX sanctions_user ON sanctions (user_id);

-- Up to which message each member has read a conversation.
CREATE TABLE read_markers (
    conversation_id  TEXT NOT NULL REFERENCES conversations (id),
    user_id          TEXT NOT NULL REFERENCES users (id),
    last_read_at     BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
