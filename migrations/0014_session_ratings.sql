-- Issue 16: ratings of a finished in-person session, by the RATE rules
-- measured from the session's end (its `completed` timeline event). One
-- rating per session and rater; removed (score and comment together),
-- never erased (RATE-4).
CREATE TABLE session_ratings (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES bookings (id),
    rater_id    TEXT NOT NULL REFERENCES users (id),
    rated_id    TEXT NOT NULL REFERENCES users (id),
    stars       BIGINT NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment     TEXT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    removed_at  BIGINT NULL,
    UNIQUE (session_id, rater_id)
);

CREATE INDEX session_ratings_rated ON session_ratings (rated_id);
CREATE INDEX session_ratings_pair ON session_ratings (rater_id, rated_id, created_at);
