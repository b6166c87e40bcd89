-- Issue 19 (SUP-3): support's saved replies, each in one language, with
-- placeholders ({client}, {model}, {time}, {held}) filled when inserted.
CREATE TABLE saved_replies (
    id          TEXT PRIMARY KEY,
    locale      TEXT NOT NULL CHECK (locale IN ('en', 'it')),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_by  TEXT NULL REFERENCES users (id),
    updated_at  BIGINT NOT NULL
);
CREATE INDEX saved_replies_locale ON saved_replies (locale, title);

-- A few to start from; support edits or deletes them like any other.
INSERT INTO saved_replies (id, locale, title, body, updated_at) VALUES
    ('00000000-0000-7000-8000-00000000a001', 'en', 'Both sides heard',
     'Hello {client} and {model}, thank you both for writing. We have read both sides about the session of {time}. The {held} held stay where they are until we decide, and we will tell you here.', 0),
    ('00000000-0000-7000-8000-00000000a002', 'it', 'Entrambe le parti',
     'Ciao {client} e {model}, grazie a entrambi per averci scritto. Abbiamo letto le due versioni sull''incontro del {time}. I {held} trattenuti restano dove sono finché non decidiamo, e ve lo diremo qui.', 0),
    ('00000000-0000-7000-8000-00000000a003', 'en', 'A photo would help',
     'Hello {client}, could you add a photo or a screenshot that shows what happened? It helps us decide fairly for both of you.', 0),
    ('00000000-0000-7000-8000-00000000a004', 'it', 'Una foto aiuterebbe',
     'Ciao {client}, puoi aggiungere una foto o uno screenshot che mostri cosa è successo? Ci aiuta a decidere in modo equo per entrambi.', 0),
    ('00000000-0000-7000-8000-00000000a005', 'en', 'Running late',
     'Hello {client} and {model}, we understand one of you was late for the session of {time}. Please each tell us when you arrived and what you heard from the other.', 0),
    ('00000000-0000-7000-8000-00000000a006', 'it', 'Ritardo all''incontro',
     'Ciao {client} e {model}, ci risulta che uno di voi fosse in ritardo per l''incontro del {time}. Diteci ciascuno a che ora siete arrivati e cosa vi siete detti.', 0);
