-- Issue 14.5: every ledger entry gets a short reference people can read,
-- say and search (T-XXXX-XXXX, Crockford base 32). New entries draw 40
-- random bits; entries made before take 8 characters of their UUID's
-- random tail (hex is a subset of the alphabet).
ALTER TABLE ledger_txns ADD COLUMN reference TEXT NULL;
UPDATE ledger_txns SET reference = 'T-' || UPPER(SUBSTR(id, 29, 4)) || '-' || UPPER(SUBSTR(id, 33, 4));
CREATE UNIQUE INDEX ledger_txns_reference ON ledger_txns (reference);
