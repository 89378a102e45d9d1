-- Urgent-roll idempotency (issue 11): the key of the form (or retry) that
-- requested the roll. A second request with the same key is the same
-- request and returns the roll already ordered; NULL for rolls requested
-- before, from the CLI or by the demo. The unique index makes two
-- concurrent inserts with one key impossible on either engine.
ALTER TABLE urgent_rolls ADD COLUMN request_key TEXT;
--bun:split
CREATE UNIQUE INDEX urgent_rolls_request_key ON urgent_rolls (request_key) WHERE request_key IS NOT NULL;
--bun:split
CREATE INDEX urgent_rolls_case_open ON urgent_rolls (case_id, status);
