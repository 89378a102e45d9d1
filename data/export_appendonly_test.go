package data_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestLogsAreAppendOnly checks that the database itself refuses to change
// or remove rows of the audit trail, the urgent-roll events and the access
// log (migration 20261127103000_append_only).
func TestLogsAreAppendOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		ph := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Apotek", Municipality: 851}, exportNow))(t)
		seedCitizen(t, db, "010145-1003", "Karen Jensen", ph.ID)
		stmts := []string{
			"UPDATE audit_events SET note = 'changed'",
			"DELETE FROM audit_events",
			"UPDATE urgent_roll_events SET note = 'changed'",
			"DELETE FROM urgent_roll_events",
			"UPDATE access_log SET what = 'changed'",
			"DELETE FROM access_log",
		}
		if db.Postgres {
			stmts = append(stmts, "TRUNCATE audit_events CASCADE", "TRUNCATE urgent_roll_events", "TRUNCATE access_log")
		}
		for _, q := range stmts {
			_, err := db.Bun().ExecContext(ctx, q)
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: want refused as append-only, got %v", q, err)
			}
		}
		for _, table := range []string{"audit_events", "urgent_roll_events", "access_log"} {
			n, err := db.Bun().NewSelect().Table(table).Count(ctx)
			if err != nil || n == 0 {
				t.Errorf("%s lost its rows: %d, %v", table, n, err)
			}
		}
		// Appending still works.
		if _, err := db.Bun().ExecContext(ctx, "INSERT INTO access_log (at, actor, actor_role, citizen_id, what) VALUES (?, 'x', 'admin', '', 'test')", exportNow); err != nil {
			t.Errorf("append to access_log: %v", err)
		}
	})
}
