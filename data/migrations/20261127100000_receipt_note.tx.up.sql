-- Receipt control: the nurse's free-text note on a checked roll, also when
-- there are no deviations (deviation rows carry it too).
ALTER TABLE roll_periods ADD COLUMN receipt_note TEXT NOT NULL DEFAULT '';
--bun:split
ALTER TABLE urgent_rolls ADD COLUMN receipt_note TEXT NOT NULL DEFAULT '';
--bun:split
CREATE INDEX roll_periods_case_status ON roll_periods (case_id, status);
