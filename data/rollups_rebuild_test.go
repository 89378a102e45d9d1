package data_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// rollupRows returns every rollup row with a non-zero sum, in key order.
func rollupRows(t *testing.T, db *data.DB) []string {
	t.Helper()
	rows, err := db.Bun().QueryContext(context.Background(), `SELECT metric, municipality_code, key, day, day2, month, n
FROM rollups WHERE n <> 0 ORDER BY metric, day, municipality_code, key, day2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var metric, key string
		var muni, day, day2, month int
		var n int64
		if err := rows.Scan(&metric, &muni, &key, &day, &day2, &month, &n); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(metric, muni, key, day, day2, month, n))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRebuildRollupsInPagesAndSpills rebuilds the report fixture's rollups
// the ways a national database takes: the audit trail read a few events a
// page (on PostgreSQL the rebuild once wrote while a result set was still
// open and failed), and more rows than fit in memory, spilled to the
// temporary table and summed there. Every way writes the rows the
// in-memory rebuild wrote, and they equal the recomputation.
func TestRebuildRollupsInPagesAndSpills(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		loadReportFixture(t, db) // RebuildRollups: one page, in memory
		want := rollupRows(t, db)
		if len(want) < 100 {
			t.Fatalf("the fixture has %d rollup rows; the spilling cases need more", len(want))
		}
		for _, c := range []struct {
			name        string
			limit, page int
		}{
			{"pages of 3 events", 1 << 30, 3},
			{"spilled every 40 rows", 40, 1000},
			{"spilled and paged", 40, 3},
			{"spilled every row, pages of 1", 1, 1},
		} {
			n, err := db.RebuildRollupsSmall(ctx, c.limit, c.page)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			got := rollupRows(t, db)
			if n != len(got) {
				t.Errorf("%s: rebuild says %d rows, the table has %d", c.name, n, len(got))
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %d rows differ from the in-memory rebuild's %d", c.name, len(got), len(want))
			}
			if _, bad, err := db.VerifyRollups(ctx); err != nil || len(bad) > 0 {
				t.Errorf("%s: verify: %v, %d mismatches: %v", c.name, err, len(bad), bad)
			}
		}
	})
}
