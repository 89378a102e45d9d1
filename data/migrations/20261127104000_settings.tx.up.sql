-- Settings uploaded by admins in the web application: a municipality's
-- eligibility rule set ("eligibility", one per municipality_code) and the
-- nursing-hours model parameters ("report_params", municipality_code 0 =
-- the whole installation). Rows are never changed: the newest row of a
-- (name, municipality_code) is in force, older rows are its history, and a
-- row with an empty body returns to the built-in default.
CREATE TABLE settings (
    id {{.Serial}},
    name TEXT NOT NULL,
    municipality_code INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    saved_by TEXT NOT NULL
);
--bun:split
CREATE INDEX settings_current ON settings (name, municipality_code, id);
