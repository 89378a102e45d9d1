-- Sign-in security (issue 11).
--
-- login_throttle keeps one counter per (username, address) and per address:
-- failures in a row and the time before which the next attempt is refused.
-- A sign-in reserves its attempt on these rows in one transaction (the row
-- is locked on PostgreSQL, the database on SQLite) before the password is
-- checked, so parallel guesses cannot all be evaluated.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    blocked_until TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
--bun:split
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);
--bun:split
-- credentials_version counts password changes; a session remembers the
-- version it signed in with, so a change ends every other session.
ALTER TABLE users ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;
--bun:split
-- Session tokens are now stored as their SHA-256; the clear tokens stored
-- so far (which travelled into backups) are dropped: everyone signs in again.
DELETE FROM sessions;
