package data_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestHotPathStoresAsBun checks that the transition path's prepared
// statements store a row as bun's statements did: an instant is written in
// UTC (on SQLite as the text bun writes, so text comparisons and ordering
// hold across rows either path wrote), whatever zone the clock gives, and
// reads back as the same instant.
func TestHotPathStoresAsBun(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 29, 2, 30, 0, 123456789, time.FixedZone("CEST", 2*3600))
		admin := workflow.System("test")
		dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset"}, now))(t)
		c0, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: "020245-1233", Name: "Ove Jensen",
			Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, now)
		if err != nil {
			t.Fatal(err)
		}
		if n := db.PreparedStatements(); n != 0 {
			t.Fatalf("%d statements prepared before any transition", n)
		}
		sv := workflow.NewService(db, func() time.Time { return now }, workflow.DefaultSettings())
		c, err := sv.OpenCase(ctx, admin, c0.ID, "home_care")
		if err != nil {
			t.Fatal(err)
		}
		if n := db.PreparedStatements(); n != data.NumHotQueries {
			t.Fatalf("%d statements prepared after a transition, want %d", n, data.NumHotQueries)
		}
		// read back by bun, as the rest of the application reads them
		var opened, at time.Time
		if err := db.Bun().NewSelect().Table("cases").Column("opened_at").Where("id = ?", c.ID).Scan(ctx, &opened); err != nil {
			t.Fatal(err)
		}
		if err := db.Bun().NewSelect().Table("audit_events").Column("at").Where("case_id = ?", c.ID).Scan(ctx, &at); err != nil {
			t.Fatal(err)
		}
		if want := now.UTC().Truncate(time.Microsecond); !opened.Equal(want) || !at.Equal(want) {
			t.Errorf("opened_at %v, audit at %v, want %v", opened, at, want)
		}
		if !db.Postgres {
			var opened, at string
			if err := db.Bun().QueryRowContext(ctx, "SELECT CAST(opened_at AS TEXT) FROM cases WHERE id = ?", c.ID).Scan(&opened); err != nil {
				t.Fatal(err)
			}
			if err := db.Bun().QueryRowContext(ctx, "SELECT CAST(at AS TEXT) FROM audit_events WHERE case_id = ?", c.ID).Scan(&at); err != nil {
				t.Fatal(err)
			}
			const bunText = "2026-03-29 00:30:00.123456+00:00" // bun's sqlitedialect.AppendTime of now
			if opened != bunText || at != bunText {
				t.Errorf("stored opened_at %q, audit at %q, want %q as bun writes it", opened, at, bunText)
			}
		}
		// the snapshot's and the citizen's scoped variants
		for _, sc := range []struct {
			scope workflow.Scope
			found bool
		}{
			{workflow.Scope{All: true}, true}, {workflow.Scope{Municipality: 851}, true},
			{workflow.Scope{Municipality: 101}, false}, {workflow.Scope{PharmacyID: "no-such-pharmacy"}, false},
			{workflow.Scope{None: true}, false},
		} {
			err := db.Transact(ctx, func(ctx context.Context, tx workflow.Tx) error {
				_, serr := tx.Snapshot(ctx, sc.scope, c.ID, now)
				_, cerr := tx.Citizen(ctx, sc.scope, c0.ID)
				if (serr == nil) != (cerr == nil) {
					t.Errorf("scope %+v: snapshot %v, citizen %v", sc.scope, serr, cerr)
				}
				return serr
			})
			if sc.found && err != nil || !sc.found && workflow.KindOf(err) != workflow.KindNotFound {
				t.Errorf("scope %+v: %v, want found %v", sc.scope, err, sc.found)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if n := db.PreparedStatements(); n != 0 {
			t.Errorf("%d statements still prepared after Close", n)
		}
	})
}

// TestRollupUpsertChunks writes a transaction's rollup rows around the
// upsert statements' shape boundaries (one statement up to 32 rows, then
// full ones and the rest) and checks every row, first inserted, then
// updated on conflict.
func TestRollupUpsertChunks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		for _, n := range []int{1, 14, 31, 32, 33, 64, 70} {
			metric := fmt.Sprintf("test_chunks_%d", n)
			for _, step := range []struct{ delta, want int64 }{{3, 3}, {-1, 2}} {
				if err := db.UpsertTestRollups(ctx, metric, n, step.delta); err != nil {
					t.Fatalf("%d rows: %v", n, err)
				}
				var rows []struct {
					Key   string `bun:"key"`
					Day   int    `bun:"day"`
					Month int    `bun:"month"`
					N     int64  `bun:"n"`
				}
				if err := db.Bun().NewSelect().Table("rollups").Column("key", "day", "month", "n").
					Where("metric = ? AND municipality_code = 851", metric).Order("day").Scan(ctx, &rows); err != nil {
					t.Fatal(err)
				}
				if len(rows) != n {
					t.Fatalf("%d rows upserted, %d stored", n, len(rows))
				}
				for i, r := range rows {
					day := time.Unix(int64(i+1)*86400, 0).UTC() // day numbers count from 01-01-1970
					month := day.Year()*100 + int(day.Month())
					if r.Key != fmt.Sprint(i+1) || r.Day != i+1 || r.Month != month || r.N != step.want {
						t.Errorf("%d rows, row %d after delta %d: %+v, want key %d, day %d, month %d, n %d",
							n, i, step.delta, r, i+1, i+1, month, step.want)
					}
				}
			}
		}
	})
}

// TestSlowQueriesSeePreparedStatements: a handle from WithSlowQueries
// reports the transition path's prepared statements too (they bypass
// bun's query hook), with their text, as well as bun's.
func TestSlowQueriesSeePreparedStatements(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
		admin := workflow.System("test")
		dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset"}, now))(t)
		c0, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: "020245-1233", Name: "Ove Jensen",
			Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, now)
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		timed := db.WithSlowQueries(0, func(q data.SlowQuery) {
			if q.Err == nil && q.Took >= 0 {
				seen = append(seen, q.Query)
			}
		})
		sv := workflow.NewService(timed, func() time.Time { return now }, workflow.DefaultSettings())
		if _, err := sv.OpenCase(ctx, admin, c0.ID, "home_care"); err != nil {
			t.Fatal(err)
		}
		if db.PreparedStatements() != data.NumHotQueries {
			t.Fatal("the transition ran without the prepared statements")
		}
		has := func(prefix string) bool {
			return slices.ContainsFunc(seen, func(q string) bool { return strings.HasPrefix(q, prefix) })
		}
		for _, want := range []string{"INSERT INTO cases", "INSERT INTO audit_events", "INSERT INTO rollups"} {
			if !has(want) {
				t.Errorf("the slow-query log of the transition has no %q statement; it has %d: %q", want, len(seen), seen)
			}
		}
		// db itself is not timed.
		seen = nil
		sv = workflow.NewService(db, func() time.Time { return now }, workflow.DefaultSettings())
		c1, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: "020245-1241", Name: "Eva Jensen",
			Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sv.OpenCase(ctx, admin, c1.ID, "home_care"); err != nil {
			t.Fatal(err)
		}
		if len(seen) != 0 {
			t.Errorf("the original handle's statements reached the slow-query log: %q", seen)
		}
	})
}
