-- What an audited commit writes for its audit row (issue 14's transition
-- target; BENCHMARKS.md, "Transitions: fewer statements and pages a
-- commit"): every B-tree of audit_events costs a page in the commit's WAL
-- frames and an insert.
--
-- 1. No index on (event, at, case_id). Since the reports read the rollups,
--    its only readers are two recomputations of `dosis rollups verify` (case
--    starts and case recorders in a period), and on the national demo those
--    ran faster without it (a scan of the table: 0.55 and 0.42 s against
--    0.61 and 1.50 s through the index, in sqlite3): a report period holds
--    most of the history. Every other reader of the trail goes by case
--    (UNIQUE (case_id, seq), and audit_events_case_seq_at, which covers the
--    first-events read of every funnel transition).
--
-- 2. SQLite: no AUTOINCREMENT, so a commit no longer rewrites the row of
--    sqlite_sequence (a page a commit). A plain INTEGER PRIMARY KEY takes the
--    largest id + 1, the number AUTOINCREMENT gave, since audit rows are
--    never deleted (20261127103000_append_only refuses UPDATE and DELETE);
--    ids could only be given again after the newest rows were removed, which
--    the triggers forbid and a purge migration would have to state. Nothing
--    refers to an audit row's id (the trail is read and exported by case_id,
--    seq). PostgreSQL's identity column keeps no such table row: unchanged.
--    SQLite cannot drop AUTOINCREMENT in place: the table is rebuilt with
--    every row and id as it was, then audit_events_case_seq_at and the
--    append-only triggers are created again word for word as
--    20261127105000_perf and _append_only made them. On the national demo
--    (571,823 rows) this took 28.5 s on a loaded 2-core machine (11.6 s of
--    CPU), once.
{{if .PG}}
DROP INDEX audit_events_event_at;
{{else}}
CREATE TABLE audit_events_rebuilt (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    seq INTEGER NOT NULL,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    event TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, seq)
);
--bun:split
INSERT INTO audit_events_rebuilt (id, case_id, seq, at, actor, actor_role, event, from_state, to_state, reason, note)
SELECT id, case_id, seq, at, actor, actor_role, event, from_state, to_state, reason, note FROM audit_events ORDER BY id;
--bun:split
DROP TRIGGER audit_events_no_update;
--bun:split
DROP TRIGGER audit_events_no_delete;
--bun:split
-- the old table's indexes and its sqlite_sequence row go with it
DROP TABLE audit_events;
--bun:split
ALTER TABLE audit_events_rebuilt RENAME TO audit_events;
--bun:split
CREATE INDEX audit_events_case_seq_at ON audit_events (case_id, seq, at, to_state, event);
--bun:split
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed'); END;
--bun:split
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is not allowed'); END;
{{end}}
