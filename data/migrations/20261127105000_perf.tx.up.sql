-- Indexes for the national scale (issue 6, BENCHMARKS.md has the plans and
-- the figures before and after). No table or column changes: only indexes.
--
-- The report's roll-period aggregates (adoption, monthly trend, pharmacies)
-- read the rolls that count as time on DD in a start-date range. This
-- partial index holds only those rolls and every column the queries use, so
-- the range is read from the index alone instead of looking up each row in
-- the 1 GB table (status is repeated as a column: SQLite counts an index as
-- covering only when it holds the columns of its own WHERE too). Its WHERE is the report's condition word for word
-- (data.rolled), which is what lets SQLite use a partial index.
CREATE INDEX roll_periods_rolled_start ON roll_periods (start_date, municipality_code, pharmacy_id, case_id, length_days, status)
    WHERE status IN ('dispensed', 'received');
--bun:split
-- A case's state at a period end is the to_state of its last audit event
-- before the end: searched per case by seq, with at and to_state in the
-- index (covering), so the table is not read.
CREATE INDEX audit_events_case_seq_at ON audit_events (case_id, seq, at, to_state, event);
--bun:split
-- A case's latest assessment before a period end and its outcome: the
-- assessment rows are about 3 KB each (the explained verdict), so reading
-- them to find the latest one cost most of the adoption query.
CREATE INDEX assessments_case_outcome ON assessments (case_id, assessed_at, id, outcome);
--bun:split
-- Case starts per month (the trend) and the funnel's first events: one
-- event kind in a time range.
CREATE INDEX audit_events_event_at ON audit_events (event, at, case_id);
--bun:split
-- The funnel and stage durations cover the cases opened in the period.
CREATE INDEX cases_opened ON cases (opened_at, municipality_code);
--bun:split
-- Urgent rolls requested in the period, per municipality (adoption, lead
-- times).
CREATE INDEX urgent_rolls_requested ON urgent_rolls (requested_at, municipality_code, pharmacy_id);
--bun:split
-- The case page reads a case's hospital notifications and receipt
-- deviations by case (they had no index and were scanned whole), and a
-- nurse's urgent-roll events are scoped by the municipality of the roll.
CREATE INDEX hospital_notifications_case ON hospital_notifications (case_id);
--bun:split
CREATE INDEX receipt_deviations_case ON receipt_deviations (case_id, recorded_at);
--bun:split
CREATE INDEX urgent_rolls_municipality ON urgent_rolls (municipality_code, id);
