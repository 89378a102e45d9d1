package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// With the cache on, a report source serves the first result until the TTL
// has passed; off (the default), every call reads the database.
func TestReportCache(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		f := reports.Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 12, 31), Municipalities: []int{851}}
		help := func() int {
			src := dbtest.Must(db.Reports(workflow.System("test")))(t)
			rows := dbtest.Must(src.Adoption(ctx, f))(t)
			return rows[0].MedicineHelp
		}
		add := func(cpr string) {
			dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "01" + cpr[:4], Name: "Læge"}, now))(t)
			if _, _, err := db.AddCitizen(ctx, workflow.System("test"), data.NewCitizen{CPR: cpr, Name: "Karen Jensen",
				Municipality: 851, GPYdernummer: "01" + cpr[:4], MedicineHelp: true}, now); err != nil {
				t.Fatal(err)
			}
		}
		if got := help(); got != 0 {
			t.Fatalf("empty database: %d with medicine help", got)
		}
		add("010145-1236")
		if got := help(); got != 1 {
			t.Fatalf("no cache: %d with medicine help, want 1", got)
		}
		db.SetReportCacheTTL(time.Hour)
		defer db.SetReportCacheTTL(0)
		_ = help()
		add("020245-1235")
		if got := help(); got != 1 {
			t.Errorf("cached: %d with medicine help, want the cached 1", got)
		}
		db.SetReportCacheTTL(0)
		if got := help(); got != 2 {
			t.Errorf("cache off again: %d with medicine help, want 2", got)
		}
	})
}
