-- Admin imports in the web application (issue 16): an uploaded file is
-- kept here, under the SHA-256 of a random token, between its dry-run
-- preview and its commit, so exactly the previewed bytes are imported.
-- Rows expire after 30 minutes and are deleted by the next upload or by
-- the commit, in the import's own transaction.
CREATE TABLE import_uploads (
    token_hash TEXT PRIMARY KEY,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    municipality_code INTEGER,
    file_name TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    content {{if .PG}}BYTEA{{else}}BLOB{{end}} NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
--bun:split
CREATE INDEX import_uploads_expires ON import_uploads (expires_at);
