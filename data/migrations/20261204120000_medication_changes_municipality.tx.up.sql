-- The nurse's worklist source "changes that miss the next deadline" read
-- the urgent-roll and bridge changes of the last ChangeWatchDays days of the
-- whole country (327 on the national demo) and probed each one's case for
-- its municipality, to keep the few of one municipality (issue 14, web
-- targets; BENCHMARKS.md, webp99). Medication changes now carry their
-- case's municipality, as roll periods and urgent rolls do (written with
-- the row, moved with the case when the citizen moves), and the watch index
-- starts with it, so a municipality's watched changes are a few entries.
ALTER TABLE medication_changes ADD COLUMN municipality_code INTEGER;
--bun:split
UPDATE medication_changes SET municipality_code = (SELECT c.municipality_code FROM cases AS c WHERE c.id = medication_changes.case_id);
--bun:split
CREATE INDEX medication_changes_watch_municipality ON medication_changes (municipality_code, decision, effective_date, case_id, urgent_roll_id)
    WHERE decision IN ('urgent_roll', 'bridge');
