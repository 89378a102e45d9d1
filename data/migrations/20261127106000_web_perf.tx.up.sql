-- Indexes for the worklists at national scale (issue 6, web part;
-- BENCHMARKS.md has the plans and figures). No table or column changes.
--
-- Roll periods and urgent rolls carry their case's municipality (written
-- with the row; a case never changes municipality), and the worklist
-- queries name it beside the case's own scope. These partial indexes hold
-- only the rows a worklist shows, so a municipality's items are read from
-- a few hundred index entries in due order instead of probing every case of
-- the municipality (1,677 in København) for its rows.
--
-- The nurse's deliveries to check: dispensed periods not yet received.
-- status and received_at are repeated as columns: SQLite counts an index as
-- covering only when it holds the columns of its own WHERE too.
CREATE INDEX roll_periods_to_check ON roll_periods (municipality_code, expected_delivery, case_id, id, status, received_at)
    WHERE status = 'dispensed' AND received_at IS NULL;
--bun:split
-- The nurse's urgent rolls to check: delivered, not yet received.
CREATE INDEX urgent_rolls_to_check ON urgent_rolls (municipality_code, delivered_at, case_id, status, received_at)
    WHERE status = 'delivered' AND received_at IS NULL;
--bun:split
-- The lead's overdue urgent rolls: the open ones, with both due times.
CREATE INDEX urgent_rolls_open ON urgent_rolls (municipality_code, promised_by, needed_by, case_id, status)
    WHERE status IN ('requested', 'accepted', 'packed');
--bun:split
-- The lead's overdue reminders: open reminders per case (the cases come
-- from the municipality), with the due time and kind in the index.
CREATE INDEX reminders_open_case ON reminders (case_id, due_at, kind, done_at)
    WHERE done_at IS NULL;
