package data_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestAuditRebuildKeepsTrail writes an audit trail as the schema before
// 20261204110000_audit_trail_writes held it, migrates, and checks that
// every row and id is as it was, the next id follows the largest, the
// trail is still append-only, the index on (event, at) is gone and
// (SQLite) the other indexes are back and no sequence row is kept for it.
func TestAuditRebuildKeepsTrail(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.OpenEmpty(t, engine)
			if err := db.MigrateBefore(ctx, "20261204110000"); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) error {
				_, err := db.Bun().ExecContext(ctx, q, args...)
				return err
			}
			must := func(q string, args ...any) {
				t.Helper()
				if err := exec(q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			must(`INSERT INTO citizens (id, cpr, name, birth_date, sex, municipality_code, created_at)
				VALUES ('ci1', '0103534005', 'Borger', '1953-03-01', 'F', 851, ?)`, at)
			must(`INSERT INTO cases (id, citizen_id, municipality_code, state, version, source, opened_at, updated_at)
				VALUES ('c1', 'ci1', 851, 'assessing', 3, 'home_care', ?, ?)`, at, at)
			const insert = `INSERT INTO audit_events (case_id, seq, at, actor, actor_role, event, from_state, to_state, reason, note)
				VALUES ('c1', ?, ?, 'n1', 'nurse', ?, ?, ?, ?, ?)`
			must(insert, 1, at, "open", "", "new", "", "")
			must(insert, 2, at.Add(time.Hour), "assess", "new", "awaiting_consent", "", "vurderet")
			must(insert, 3, at.Add(2*time.Hour), "consent", "awaiting_consent", "consented", "årsag", "")
			// the trail as the application reads it, and the rows' ids
			type trailRows struct {
				events []workflow.AuditEvent
				ids    []int64
			}
			trail := func() trailRows {
				t.Helper()
				events, err := db.Audit(ctx, "c1")
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				if err := db.Bun().NewRaw("SELECT id FROM audit_events ORDER BY id").Scan(ctx, &ids); err != nil {
					t.Fatal(err)
				}
				return trailRows{events, ids}
			}
			before := trail()
			if len(before.events) != 3 || len(before.ids) != 3 {
				t.Fatalf("%+v before the migration, want 3 audit rows", before)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate: %v", err)
			}
			after := trail()
			if !slices.Equal(after.events, before.events) ||
				!slices.Equal(after.ids, before.ids) {
				t.Fatalf("audit trail after the migration:\n%+v\nwant\n%+v", after, before)
			}
			must(insert, 4, at.Add(3*time.Hour), "request_gp", "consented", "awaiting_gp", "", "")
			if got := trail().ids; len(got) != 4 || got[3] != before.ids[2]+1 {
				t.Errorf("audit ids after one more row = %v, want the next %d", got, before.ids[2]+1)
			}
			if err := exec(insert, 4, at, "pause", "", "", "", ""); err == nil {
				t.Error("a second audit row with the same case and seq was stored")
			}
			if err := exec("UPDATE audit_events SET note = 'x' WHERE seq = 1"); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("UPDATE of an audit row: %v, want refused as append-only", err)
			}
			if err := exec("DELETE FROM audit_events WHERE seq = 1"); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("DELETE of an audit row: %v, want refused as append-only", err)
			}
			if db.Postgres {
				var n int
				if err := db.Bun().QueryRowContext(ctx, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'audit_events_event_at'").Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 0 {
					t.Error("audit_events_event_at is still there")
				}
				return
			}
			var schema string
			if err := db.Bun().QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'").Scan(&schema); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToUpper(schema), "AUTOINCREMENT") {
				t.Errorf("audit_events still has AUTOINCREMENT: %s", schema)
			}
			var seqRows int
			if err := db.Bun().QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'audit_events'").Scan(&seqRows); err != nil {
				t.Fatal(err)
			}
			if seqRows != 0 {
				t.Errorf("%d sqlite_sequence rows for audit_events, want 0", seqRows)
			}
			var names []string
			if err := db.Bun().NewRaw("SELECT name FROM sqlite_master WHERE tbl_name = 'audit_events' AND type IN ('index', 'trigger') ORDER BY name").
				Scan(ctx, &names); err != nil {
				t.Fatal(err)
			}
			want := []string{"audit_events_case_seq_at", "audit_events_no_delete", "audit_events_no_update", "sqlite_autoindex_audit_events_1"}
			if !slices.Equal(names, want) {
				t.Errorf("audit_events' indexes and triggers = %v, want %v", names, want)
			}
		})
	}
}
