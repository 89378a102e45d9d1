-- The nurse's and the pharmacy's working day (issue 15): editable citizens
-- with the date medicine help started, an append-only log of every change
-- to a citizen, a GP or a GP absence, citizen moves between municipalities
-- (with the day of the move, so reports can count each municipality's days),
-- and the nurse's professional judgement stored beside the rule verdict.
ALTER TABLE citizens ADD COLUMN medicine_help_since DATE;
--bun:split
ALTER TABLE assessments ADD COLUMN reason TEXT NOT NULL DEFAULT '';
--bun:split
ALTER TABLE assessments ADD COLUMN judged_assessment_id TEXT REFERENCES assessments (id);
--bun:split
CREATE TABLE record_changes (
    id {{.Serial}},
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    citizen_id TEXT REFERENCES citizens (id),
    field TEXT NOT NULL,
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX record_changes_entity ON record_changes (entity, entity_id, at);
--bun:split
CREATE TABLE citizen_moves (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens (id),
    case_id TEXT REFERENCES cases (id),
    from_code INTEGER NOT NULL REFERENCES municipalities (code),
    to_code INTEGER NOT NULL REFERENCES municipalities (code),
    moved_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by TEXT NOT NULL
);
--bun:split
CREATE INDEX citizen_moves_citizen ON citizen_moves (citizen_id, moved_on);
--bun:split
{{if .PG}}
CREATE TRIGGER record_changes_append_only BEFORE UPDATE OR DELETE ON record_changes
    FOR EACH ROW EXECUTE FUNCTION dosis_append_only();
--bun:split
CREATE TRIGGER record_changes_no_truncate BEFORE TRUNCATE ON record_changes
    FOR EACH STATEMENT EXECUTE FUNCTION dosis_append_only();
{{else}}
CREATE TRIGGER record_changes_no_update BEFORE UPDATE ON record_changes
BEGIN SELECT RAISE(ABORT, 'record_changes is append-only: UPDATE is not allowed'); END;
--bun:split
CREATE TRIGGER record_changes_no_delete BEFORE DELETE ON record_changes
BEGIN SELECT RAISE(ABORT, 'record_changes is append-only: DELETE is not allowed'); END;
{{end}}
