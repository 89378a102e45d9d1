-- Web application: users, database-backed sessions (shared by every
-- instance on one database), login attempts for throttling, and an
-- append-only access log (no UPDATE or DELETE, on either engine).
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    municipality_code INTEGER REFERENCES municipalities (code),
    pharmacy_id TEXT REFERENCES pharmacies (id),
    password_hash TEXT NOT NULL,
    password_changed_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
--bun:split
CREATE TABLE sessions (
    token TEXT PRIMARY KEY,
    data {{if .PG}}BYTEA{{else}}BLOB{{end}} NOT NULL,
    expiry TIMESTAMP NOT NULL
);
--bun:split
CREATE INDEX sessions_expiry ON sessions (expiry);
--bun:split
CREATE TABLE login_attempts (
    id {{.Serial}},
    at TIMESTAMP NOT NULL,
    username TEXT NOT NULL,
    ip TEXT NOT NULL,
    success BOOLEAN NOT NULL
);
--bun:split
CREATE INDEX login_attempts_username ON login_attempts (username, at);
--bun:split
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);
--bun:split
CREATE INDEX access_log_at ON access_log (at);
--bun:split
{{if .PG}}
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only';
END;
$$
{{else}}
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END
{{end}}
--bun:split
{{if .PG}}
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only()
{{else}}
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END
{{end}}
