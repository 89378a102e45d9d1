-- The audit trail, the urgent-roll event log and the access log are
-- append-only: the database itself refuses UPDATE, DELETE and (PostgreSQL)
-- TRUNCATE on them. There is no way around it from the application; a purge
-- needs a migration that drops the triggers, reviewed like any other.
-- UPDATE and DELETE on access_log are refused since 20261127102000_web;
-- this adds TRUNCATE on PostgreSQL.
{{if .PG}}
CREATE FUNCTION dosis_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'audit, urgent-roll event and access log rows are never changed or removed';
END
$$;
--bun:split
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION dosis_append_only();
--bun:split
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION dosis_append_only();
--bun:split
CREATE TRIGGER urgent_roll_events_append_only BEFORE UPDATE OR DELETE ON urgent_roll_events
    FOR EACH ROW EXECUTE FUNCTION dosis_append_only();
--bun:split
CREATE TRIGGER urgent_roll_events_no_truncate BEFORE TRUNCATE ON urgent_roll_events
    FOR EACH STATEMENT EXECUTE FUNCTION dosis_append_only();
--bun:split
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION dosis_append_only();
{{else}}
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed'); END;
--bun:split
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is not allowed'); END;
--bun:split
CREATE TRIGGER urgent_roll_events_no_update BEFORE UPDATE ON urgent_roll_events
BEGIN SELECT RAISE(ABORT, 'urgent_roll_events is append-only: UPDATE is not allowed'); END;
--bun:split
CREATE TRIGGER urgent_roll_events_no_delete BEFORE DELETE ON urgent_roll_events
BEGIN SELECT RAISE(ABORT, 'urgent_roll_events is append-only: DELETE is not allowed'); END;
{{end}}
