-- Usernames are unique without regard to case: "Anna" and "anna" are one
-- user, and sign-in and every lookup compare lower(username) = lower(?),
-- which this index serves on both engines. Migrate refuses, naming the
-- pair, when the table already holds two usernames that differ only in case
-- (data/users_case.go), before this runs.
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
