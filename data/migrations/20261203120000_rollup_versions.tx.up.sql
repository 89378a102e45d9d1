-- Report versions (issue 14): a counter per municipality that every
-- transaction writing its rollups moves on, in the same transaction
-- (data/rollup_versions.go). Row 0 counts the reference data every report
-- reads (the municipalities' names and populations, the pharmacies' names,
-- municipality and promise). A server keeps a built report in memory only
-- while the versions of the municipalities it covers are the ones it was
-- built at (data/report_memo.go), so every instance shows the figures as
-- committed. A municipality without a row is at version 0.
CREATE TABLE rollup_versions (
    municipality_code INTEGER PRIMARY KEY,
    v BIGINT NOT NULL
);
