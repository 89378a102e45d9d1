-- Who delivered a roll period (issue 11): every status change a person
-- makes to a roll period is a row here, append-only like the other trails.
CREATE TABLE roll_period_events (
    id {{.Serial}},
    period_id BIGINT NOT NULL REFERENCES roll_periods (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    pharmacy_id TEXT NOT NULL REFERENCES pharmacies (id),
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL
);
--bun:split
CREATE INDEX roll_period_events_period ON roll_period_events (period_id, at);
--bun:split
{{if .PG}}
CREATE TRIGGER roll_period_events_append_only BEFORE UPDATE OR DELETE ON roll_period_events
    FOR EACH ROW EXECUTE FUNCTION dosis_append_only()
{{else}}
CREATE TRIGGER roll_period_events_no_update BEFORE UPDATE ON roll_period_events
BEGIN SELECT RAISE(ABORT, 'roll_period_events is append-only: UPDATE is not allowed'); END
{{end}}
--bun:split
{{if .PG}}
CREATE TRIGGER roll_period_events_no_truncate BEFORE TRUNCATE ON roll_period_events
    FOR EACH STATEMENT EXECUTE FUNCTION dosis_append_only()
{{else}}
CREATE TRIGGER roll_period_events_no_delete BEFORE DELETE ON roll_period_events
BEGIN SELECT RAISE(ABORT, 'roll_period_events is append-only: DELETE is not allowed'); END
{{end}}
