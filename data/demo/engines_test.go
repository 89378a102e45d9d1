package demo

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// engineRows reads a table's rows as text that does not depend on the
// engine: instants in UTC, dates as dates, booleans as 0 and 1, so the
// same row reads the same on SQLite and PostgreSQL.
func engineRows(t *testing.T, db *data.DB, query string) []string {
	t.Helper()
	rows, err := db.Bun().QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		line := ""
		for _, v := range vals {
			switch x := v.(type) {
			case time.Time:
				v = x.UTC().Format(time.RFC3339Nano)
			case bool:
				v = 0
				if x {
					v = 1
				}
			case []byte:
				v = string(x)
			}
			line += fmt.Sprint(v) + "|"
		}
		out = append(out, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGenerateSameOnBothEngines generates one seed on SQLite and on
// PostgreSQL: the same source rows (serial ids included), the same rollup
// rows, the same national report, and on each engine the report's figures
// from the rollups equal those from the source tables.
func TestGenerateSameOnBothEngines(t *testing.T) {
	ctx := context.Background()
	lite, pg := dbtest.Open(t, "sqlite"), dbtest.Open(t, "postgres")
	const factor = 0.005
	sl, sp := generateAt(t, lite, 7, factor), generateAt(t, pg, 7, factor)
	sl.Duration, sp.Duration, sl.DBBytes, sp.DBBytes = 0, 0, 0, 0
	if sl != sp {
		t.Errorf("stats: SQLite %+v, PostgreSQL %+v", sl, sp)
	}
	for _, q := range []string{
		"SELECT id, cpr, name, birth_date, sex, municipality_code, gp_id, medicine_help, created_at FROM citizens ORDER BY id",
		"SELECT id, citizen_id, state, version, source, gp_id, pharmacy_id, state_reason, opened_at, updated_at, closed_at FROM cases ORDER BY id",
		"SELECT id, case_id, seq, at, actor, actor_role, event, from_state, to_state, reason, note FROM audit_events ORDER BY id",
		"SELECT id, case_id, seq, start_date, end_date, deadline, packing_date, expected_delivery, length_days, status, delivered_at, received_at, received_by FROM roll_periods ORDER BY id",
		"SELECT id, case_id, pharmacy_id, reason, status, requested_at, promised_by, delivered_at FROM urgent_rolls ORDER BY id",
		"SELECT id, case_id, period_id, urgent_roll_id, decision, recorded_at FROM medication_changes ORDER BY id",
		"SELECT id, case_id, period_id, pharmacy_id, kind, recorded_at FROM receipt_deviations ORDER BY id",
		"SELECT id, case_id, outcome, assessed_at FROM assessments ORDER BY id",
		"SELECT id, case_id, requested_at, decided_at, decision FROM gp_requests ORDER BY id",
		"SELECT id, ydernummer, name, municipality_code FROM gps ORDER BY id",
		"SELECT metric, municipality_code, key, day, day2, month, n FROM rollups WHERE n <> 0 ORDER BY metric, day, municipality_code, key, day2",
	} {
		a, b := engineRows(t, lite, q), engineRows(t, pg, q)
		if len(a) == 0 {
			t.Errorf("%s: no rows", q)
		}
		if !slices.Equal(a, b) {
			i := 0
			for i < min(len(a), len(b)) && a[i] == b[i] {
				i++
			}
			t.Errorf("%s: SQLite %d rows, PostgreSQL %d; first difference at row %d", q, len(a), len(b), i)
		}
	}
	f := reports.Filter{From: calendar.NewDate(2025, 11, 1), To: calendar.NewDate(2026, 10, 31)}
	var built [2]reports.Report
	for i, db := range []*data.DB{lite, pg} {
		if _, bad, err := db.VerifyRollups(ctx); err != nil || len(bad) > 0 {
			t.Errorf("engine %d: rollups verify: %v, %v", i, err, bad)
		}
		diffs, err := db.CompareReportFigures(ctx, f)
		if err != nil || len(diffs) > 0 {
			t.Errorf("engine %d: report figures from the rollups and the tables: %v, %v", i, err, diffs)
		}
		src, err := db.Reports(workflow.System("test"))
		if err != nil {
			t.Fatal(err)
		}
		if built[i], err = reports.Build(ctx, src, f, reports.DefaultParams()); err != nil {
			t.Fatal(err)
		}
	}
	if a, b := fmt.Sprintf("%+v", built[0]), fmt.Sprintf("%+v", built[1]); a != b {
		i := 0
		for i < min(len(a), len(b)) && a[i] == b[i] {
			i++
		}
		lo := max(0, i-300)
		t.Errorf("the national report differs between the engines at byte %d:\nSQLite     …%.400s\nPostgreSQL …%.400s", i, a[lo:], b[lo:])
	}
}
