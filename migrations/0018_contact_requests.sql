-- Issue 19 (SUP-6): anyone may write to support, from any page or from a
-- help article answered "No". A request is a conversation with support
-- (the `conversations` kind 'dispute' names every conversation support
-- is part of) and a case of kind 'contact' in support's queue.
--
-- `user_id`: the account that wrote, answered in its notifications; else
-- `email`, where an anonymous reader gets the answers, with `key_hash`
-- (the secret in the links they are given and mailed) letting them read the
-- conversation and write again. `article_id`: the article (in the
-- language read) whose "No" led here. `page`: the page the footer link
-- was followed from (a path of this site).
CREATE TABLE contact_requests (
    id               TEXT PRIMARY KEY,
    conversation_id  TEXT NOT NULL REFERENCES conversations (id),
    user_id          TEXT NULL REFERENCES users (id),
    email            TEXT NULL,
    reader_key       TEXT NULL,
    locale           TEXT NOT NULL CHECK (locale IN ('en', 'it')),
    article_id       TEXT NULL REFERENCES help_articles (id),
    page             TEXT NULL,
    created_at       BIGINT NOT NULL,
    closed_at        BIGINT NULL,
    closed_by        TEXT NULL REFERENCES users (id)
);
CREATE INDEX contact_requests_article ON contact_requests (article_id);
CREATE INDEX contact_requests_user ON contact_requests (user_id, created_at);
CREATE UNIQUE INDEX contact_requests_conversation ON contact_requests (conversation_id);

-- HELP-6: what readers searched for, per language and day, and how many
-- of those searches found nothing. No reader is named: a query is kept
-- as typed (normalised), counted, never tied to who typed it.
CREATE TABLE help_searches (
    locale    TEXT NOT NULL CHECK (locale IN ('en', 'it')),
    query     TEXT NOT NULL,
    day       BIGINT NOT NULL,
    searches  BIGINT NOT NULL,
    empty     BIGINT NOT NULL,
    PRIMARY KEY (locale, query, day)
);
CREATE INDEX help_searches_day ON help_searches (day, locale);
