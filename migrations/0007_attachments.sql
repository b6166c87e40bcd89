-- Image attachments in dispute chats (DISP-2): a message may carry one
-- uploaded image, served only to the dispute's members.

ALTER TABLE messages ADD COLUMN upload_id TEXT NULL REFERENCES uploads (id);

-- RATE-5: a screenshot a model adds to a removal request.
ALTER TABLE rating_reviews ADD COLUMN evidence_upload TEXT NULL REFERENCES uploads (id);
