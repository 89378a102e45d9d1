-- The audit trail without AUTOINCREMENT (SQLite; nothing changes on
-- PostgreSQL, whose identity column keeps no sequence table in the file).
-- With AUTOINCREMENT every audited transition also rewrote the row of
-- sqlite_sequence: one more page in every commit's WAL frames
-- (BENCHMARKS.md, "Transitions: the commit"). A plain INTEGER PRIMARY KEY
-- takes the largest id + 1, the same number, since audit rows are never
-- deleted (20261127103000_append_only refuses UPDATE and DELETE); ids are
-- only ever reused after rows at the end were removed, which the triggers
-- forbid and which a purge migration would have to state. Nothing refers to
-- an audit row's id (the trail is ordered and exported by case_id, seq).
--
-- SQLite cannot drop AUTOINCREMENT in place: the table is rebuilt with every
-- row and id as it was, then its indexes and the append-only triggers are
-- created again, word for word as 20261127105000_perf and _append_only made
-- them. On the national demo (571,823 rows) this takes a few seconds
-- (BENCHMARKS.md).
{{if .PG}}
SELECT 1;
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
CREATE INDEX audit_events_event_at ON audit_events (event, at, case_id);
--bun:split
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed'); END;
--bun:split
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is not allowed'); END;
{{end}}
