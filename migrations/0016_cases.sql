-- Issue 19 (SUP-1, SUP-2): every request that waits on support is one row
-- here, with at most one owner and two due times. The kind's own table
-- keeps its status and money; this row keeps who has it and by when.

-- SUP-2: the targets per kind, editable by support; a change applies to
-- cases opened after it (a case keeps the due times it was opened with).
CREATE TABLE case_targets (
    kind             TEXT PRIMARY KEY CHECK (kind IN ('dispute', 'call_review', 'billing', 'rating', 'contact')),
    first_minutes    BIGINT NOT NULL,
    resolve_minutes  BIGINT NOT NULL,
    updated_at       BIGINT NULL,
    updated_by       TEXT NULL REFERENCES users (id)
);
INSERT INTO case_targets (kind, first_minutes, resolve_minutes) VALUES
    ('dispute', 15, 1440),
    ('call_review', 240, 4320),
    ('billing', 240, 4320),
    ('rating', 240, 4320),
    ('contact', 240, 4320);

-- One case per request: a session dispute is kind 'dispute' (subject: the
-- dispute); a call review, a billing request and a rating review are their
-- own kind (subject: the request), even when a dispute chat is where they
-- are talked over (`conversation_id`). `locale`: the language of the person
-- who opened it. `first_response_at`: support's first word to a party
-- (a chat message that is not a note, or the decision).
CREATE TABLE cases (
    kind               TEXT NOT NULL CHECK (kind IN ('dispute', 'call_review', 'billing', 'rating', 'contact')),
    subject_id         TEXT NOT NULL,
    client_id          TEXT NULL REFERENCES users (id),
    model_id           TEXT NULL REFERENCES users (id),
    locale             TEXT NOT NULL CHECK (locale IN ('en', 'it')),
    conversation_id    TEXT NULL REFERENCES conversations (id),
    opened_at          BIGINT NOT NULL,
    first_due_at       BIGINT NOT NULL,
    resolve_due_at     BIGINT NOT NULL,
    first_response_at  BIGINT NULL,
    resolved_at        BIGINT NULL,
    owner_id           TEXT NULL REFERENCES users (id),
    owned_at           BIGINT NULL,
    PRIMARY KEY (kind, subject_id)
);
CREATE INDEX cases_open ON cases (resolved_at, owner_id);
CREATE INDEX cases_conversation ON cases (conversation_id);
CREATE INDEX cases_client ON cases (client_id);
CREATE INDEX cases_model ON cases (model_id);

-- The cases that exist already, with the default targets.
INSERT INTO cases (kind, subject_id, client_id, model_id, locale, conversation_id, opened_at, first_due_at,
                   resolve_due_at, first_response_at, resolved_at)
SELECT 'dispute', d.id, d.client_id, d.model_id,
       COALESCE((SELECT u.locale FROM users u WHERE u.id = CASE WHEN d.opened_by = 'model' THEN d.model_id ELSE d.client_id END), 'en'),
       d.conversation_id, d.opened_at, d.opened_at + 15 * 60000, d.opened_at + 1440 * 60000,
       COALESCE((SELECT MIN(m.created_at) FROM messages m JOIN users su ON su.id = m.author_id
                 WHERE m.conversation_id = d.conversation_id AND su.role = 'support' AND m.kind <> 'note'), d.decided_at),
       d.decided_at
FROM disputes d WHERE d.subject_kind = 'session';

INSERT INTO cases (kind, subject_id, client_id, model_id, locale, conversation_id, opened_at, first_due_at,
                   resolve_due_at, first_response_at, resolved_at)
SELECT 'call_review', r.id, r.client_id, c.model_id,
       COALESCE((SELECT u.locale FROM users u WHERE u.id = r.client_id), 'en'),
       d.conversation_id, r.created_at, r.created_at + 240 * 60000, r.created_at + 4320 * 60000,
       COALESCE((SELECT MIN(m.created_at) FROM messages m JOIN users su ON su.id = m.author_id
                 WHERE m.conversation_id = d.conversation_id AND su.role = 'support' AND m.kind <> 'note'), r.decided_at),
       r.decided_at
FROM refund_requests r JOIN calls c ON c.id = r.call_id
LEFT JOIN disputes d ON d.subject_kind = 'call' AND d.subject_id = r.id;

INSERT INTO cases (kind, subject_id, client_id, model_id, locale, conversation_id, opened_at, first_due_at,
                   resolve_due_at, first_response_at, resolved_at)
SELECT 'billing', b.id, b.client_id, b.model_id,
       COALESCE((SELECT u.locale FROM users u WHERE u.id = b.client_id), 'en'),
       d.conversation_id, b.created_at, b.created_at + 240 * 60000, b.created_at + 4320 * 60000,
       COALESCE((SELECT MIN(m.created_at) FROM messages m JOIN users su ON su.id = m.author_id
                 WHERE m.conversation_id = d.conversation_id AND su.role = 'support' AND m.kind <> 'note'), b.decided_at),
       b.decided_at
FROM billing_requests b
LEFT JOIN disputes d ON d.subject_kind = 'purchase' AND d.subject_id = b.id;

INSERT INTO cases (kind, subject_id, client_id, model_id, locale, conversation_id, opened_at, first_due_at,
                   resolve_due_at, first_response_at, resolved_at)
SELECT 'rating', v.id,
       CASE WHEN ru.role = 'client' THEN r.rater_id ELSE r.rated_id END,
       CASE WHEN ru.role = 'client' THEN r.rated_id ELSE r.rater_id END,
       COALESCE((SELECT u.locale FROM users u WHERE u.id = CASE WHEN v.source = 'flag' THEN r.rater_id ELSE r.rated_id END), 'en'),
       NULL, v.created_at, v.created_at + 240 * 60000, v.created_at + 4320 * 60000, v.decided_at, v.decided_at
FROM rating_reviews v JOIN ratings r ON r.id = v.rating_id JOIN users ru ON ru.id = r.rater_id;
