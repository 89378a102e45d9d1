package faulttest

import (
	"context"
	"testing"

	"github.com/dosis-dk/dosis/data"
)

// openSQLite opens a database a killed process left behind, as the next
// command would (data.Open recovers the write-ahead log).
func openSQLite(t *testing.T, path string) *data.DB {
	t.Helper()
	db, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s after the kill: %v", path, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// count runs a query that returns one integer.
func count(t *testing.T, db *data.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Bun().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// checkIntact fails unless SQLite's integrity and foreign-key checks pass.
func checkIntact(t *testing.T, db *data.DB) {
	t.Helper()
	var res string
	if err := db.Bun().QueryRowContext(context.Background(), "PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if res != "ok" {
		t.Errorf("PRAGMA integrity_check: %s", res)
	}
	rows, err := db.Bun().QueryContext(context.Background(), "PRAGMA foreign_key_check")
	if err != nil {
		t.Fatalf("foreign_key_check: %v", err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Error("PRAGMA foreign_key_check reports rows whose parent is missing")
	}
}

// auditChecks returns queries that count cases whose audit trail does not hold
// together; every one must be 0.
func auditChecks() map[string]string {
	return map[string]string{
		"cases without an audit trail": `SELECT COUNT(*) FROM cases c
		WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.case_id = c.id)`,
		"trails not numbered 1..version without gaps": `SELECT COUNT(*) FROM cases c JOIN
		(SELECT case_id, MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS n FROM audit_events GROUP BY case_id) a
		ON a.case_id = c.id WHERE a.lo <> 1 OR a.hi <> a.n OR a.hi <> c.version`,
		"trails whose last event does not lead to the case's state": `SELECT COUNT(*) FROM cases c
		JOIN audit_events a ON a.case_id = c.id AND a.seq = c.version WHERE a.to_state <> c.state`,
		"events that do not start where the previous one ended": `SELECT COUNT(*) FROM audit_events a
		JOIN audit_events b ON b.case_id = a.case_id AND b.seq = a.seq + 1 WHERE b.from_state <> a.to_state`,
		"audit events of no case": `SELECT COUNT(*) FROM audit_events a
		WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = a.case_id)`,
	}
}

// checkAuditTrails fails on any case whose audit trail does not hold together.
func checkAuditTrails(t *testing.T, db *data.DB) {
	t.Helper()
	for name, q := range auditChecks() {
		if n := count(t, db, q); n != 0 {
			t.Errorf("%d %s", n, name)
		}
	}
}
