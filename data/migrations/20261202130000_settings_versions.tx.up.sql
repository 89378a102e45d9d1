-- Settings edited in forms (issue 16 item 3): each saved version records the
-- version it was based on (base_id, 0 for the first), and a version can have
-- only one successor, so two admins who started from the same version cannot
-- both save: the second is refused instead of silently overwriting the first.
-- Settings rows are the settings' history and audit trail: append-only.
ALTER TABLE settings ADD COLUMN base_id BIGINT NOT NULL DEFAULT 0;
--bun:split
UPDATE settings SET base_id = COALESCE((SELECT MAX(p.id) FROM settings AS p
    WHERE p.name = settings.name AND p.municipality_code = settings.municipality_code AND p.id < settings.id), 0);
--bun:split
CREATE UNIQUE INDEX settings_one_successor ON settings (name, municipality_code, base_id);
--bun:split
{{if .PG}}
CREATE TRIGGER settings_append_only BEFORE UPDATE OR DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION dosis_append_only();
--bun:split
CREATE TRIGGER settings_no_truncate BEFORE TRUNCATE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION dosis_append_only();
{{else}}
CREATE TRIGGER settings_no_update BEFORE UPDATE ON settings
BEGIN SELECT RAISE(ABORT, 'settings is append-only: UPDATE is not allowed'); END;
--bun:split
CREATE TRIGGER settings_no_delete BEFORE DELETE ON settings
BEGIN SELECT RAISE(ABORT, 'settings is append-only: DELETE is not allowed'); END;
{{end}}
