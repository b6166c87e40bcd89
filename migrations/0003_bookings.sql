-- Booked in-person sessions (MEET) and disputes (DISP-1). Portable SQL.
-- The table is `bookings`: `sessions` holds sign-in sessions.

-- What a model offers and the rules she states; her full address is
-- revealed only as MEET-2 allows.
CREATE TABLE model_profiles (
    model_id  TEXT PRIMARY KEY REFERENCES users (id),
    area      TEXT NOT NULL,
    address   TEXT NOT NULL,
    rules     TEXT NOT NULL
);

CREATE TABLE model_tariffs (
    id        TEXT PRIMARY KEY,
    model_id  TEXT NOT NULL REFERENCES users (id),
    minutes   BIGINT NOT NULL CHECK (minutes > 0),
    price     BIGINT NOT NULL CHECK (price > 0)
);

CREATE TABLE model_services (
    id        TEXT PRIMARY KEY,
    model_id  TEXT NOT NULL REFERENCES users (id),
    name      TEXT NOT NULL,
    -- 'standard' or 'by_preference' (MEET-4)
    kind      TEXT NOT NULL CHECK (kind IN ('standard', 'by_preference'))
);

-- The session's state is the domain's `Session`, stored as JSON; the
-- columns beside it are what lists and permissions query.
CREATE TABLE bookings (
    id               TEXT PRIMARY KEY,
    client_id        TEXT NOT NULL REFERENCES users (id),
    model_id         TEXT NOT NULL REFERENCES users (id),
    scenario         TEXT NOT NULL CHECK (scenario IN ('at_my_place', 'home_visit')),
    payment          TEXT NOT NULL CHECK (payment IN ('balance', 'direct')),
    start_at         BIGINT NOT NULL,
    stage            TEXT NOT NULL,
    client_address   TEXT NULL,
    address_details  TEXT NULL,
    state            TEXT NOT NULL,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL
);

CREATE INDEX bookings_client ON bookings (client_id, start_at);
CREATE INDEX bookings_model ON bookings (model_id, start_at);

CREATE TABLE booking_events (
    session_id  TEXT NOT NULL REFERENCES bookings (id),
    seq         INTEGER NOT NULL,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);

-- A dispute belongs to one subject (a session, a call, a purchase), has the
-- two parties and support, and a conversation (DISP-1).
CREATE TABLE disputes (
    id               TEXT PRIMARY KEY,
    subject_kind     TEXT NOT NULL CHECK (subject_kind IN ('session', 'call', 'purchase')),
    subject_id       TEXT NOT NULL,
    client_id        TEXT NOT NULL REFERENCES users (id),
    model_id         TEXT NOT NULL REFERENCES users (id),
    state            TEXT NOT NULL CHECK (state IN ('open', 'awaiting_decision', 'decided')),
    opened_by        TEXT NOT NULL CHECK (opened_by IN ('client', 'model')),
    reason           TEXT NULL,
    -- MEET-10 "other reason": for support's eyes only.
    private_note     TEXT NULL,
    held             BIGINT NOT NULL,
    conversation_id  TEXT NOT NULL REFERENCES conversations (id),
    opened_at        BIGINT NOT NULL,
    UNIQUE (subject_kind, subject_id)
);
