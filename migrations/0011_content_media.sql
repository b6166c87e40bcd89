-- Issue 14.4: the content system reports what a sale sold (BILL-4).
ALTER TABLE spends ADD COLUMN media TEXT NULL CHECK (media IN ('photo', 'video'));
