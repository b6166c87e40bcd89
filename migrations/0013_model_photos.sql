-- Issue 16: a model's photo for the models list and her profile. The
-- column names the file (in the upload folder's `photos/`), a square JPEG
-- the server made from what she uploaded.
ALTER TABLE model_profiles ADD COLUMN photo TEXT NULL;
