-- Indexes for two sources of the nurse's worklist that probed every case of
-- the municipality (issue 14 item 4; BENCHMARKS.md has the plans and
-- figures). No table or column changes.
--
-- Hospital notifications to check: the open hospital_check reminders of
-- the last 14 days. Without it SQLite started from the municipality's cases
-- (1,677 in København) and probed each for such a reminder, although there
-- are few. The index holds that kind only, so the plans of the other
-- reminder sources (which start from a handful of cases in one state) stay
-- as they are.
CREATE INDEX reminders_hospital_check ON reminders (kind, due_at, case_id)
    WHERE kind = 'hospital_check' AND done_at IS NULL;
--bun:split
-- Changes that miss the next deadline: urgent-roll and bridge changes of
-- the last ChangeWatchDays days (a few hundred in the whole country),
-- instead of every active or paused case's changes.
CREATE INDEX medication_changes_watch ON medication_changes (decision, effective_date, case_id, urgent_roll_id)
    WHERE decision IN ('urgent_roll', 'bridge');
