-- Report rollups (issue 14): the report's figures as sums per metric,
-- municipality, key (a pharmacy, a state, a reason, a histogram bucket) and
-- Danish day, kept in the same transaction as every change (data/rollups*.go,
-- docs/reports.md). day and day2 are civil day numbers (days since
-- 01-01-1970); day2 is the second day of a two-day metric (the day a stage
-- was reached, the day a GP decided) and 0 otherwise; month is yyyymm of day.
-- Rows are deltas: a figure "at the end of day D" is the sum of n over day <= D.
CREATE TABLE rollups (
    metric TEXT NOT NULL,
    municipality_code INTEGER NOT NULL,
    key TEXT NOT NULL DEFAULT '',
    day INTEGER NOT NULL,
    day2 INTEGER NOT NULL DEFAULT 0,
    month INTEGER NOT NULL,
    n BIGINT NOT NULL,
    -- metric and day first: a report reads a metric's day range for every
    -- municipality, a range of the primary key.
    PRIMARY KEY (metric, day, municipality_code, key, day2)
){{if not .PG}} WITHOUT ROWID{{end}};
-- SQLite: WITHOUT ROWID keeps the rows in the primary key's B-tree, so an
-- upsert touches one B-tree, not a table and its key index, and a report's
-- range read finds n in the key order without a second lookup.
