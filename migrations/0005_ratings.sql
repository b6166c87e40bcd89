-- Ratings after calls (RATE) and support's review of them (RATE-5/6).

CREATE TABLE ratings (
    id              TEXT PRIMARY KEY,
    call_id         TEXT NOT NULL REFERENCES calls (id),
    rater_id        TEXT NOT NULL REFERENCES users (id),
    rated_id        TEXT NOT NULL REFERENCES users (id),
    stars           BIGINT NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment         TEXT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    -- RATE-4/6: a rating is removed (score and comment together), never
    -- edited by anyone but its author, and never erased.
    removed_at      BIGINT NULL,
    removed_by      TEXT NULL REFERENCES users (id),
    removal_reason  TEXT NULL,
    UNIQUE (call_id, rater_id)
);

CREATE INDEX ratings_rated ON ratings (rated_id);
CREATE INDEX ratings_pair ON ratings (rater_id, rated_id, created_at);

-- Support's queue: a model's removal request, or a comment flagged on its own.
CREATE TABLE rating_reviews (
    id               TEXT PRIMARY KEY,
    rating_id        TEXT NOT NULL REFERENCES ratings (id),
    source           TEXT NOT NULL CHECK (source IN ('model', 'flag')),
    ground           TEXT NOT NULL,
    evidence         TEXT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'removed', 'declined')),
    decided_by       TEXT NULL REFERENCES users (id),
    decided_at       BIGINT NULL,
    decision_reason  TEXT NULL,
    created_at       BIGINT NOT NULL
);

CREATE INDEX rating_reviews_status ON rating_reviews (status, created_at);
