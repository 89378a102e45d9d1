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

// TestReportForRole: DB.Report, which the web pages and `dosis report` both
// use, shows a project lead their own municipality only, whatever the
// filter asks for, and the steering group a suppressed report even when
// suppression is not asked for.
func TestReportForRole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Læge"}, now))(t)
		for _, c := range []struct {
			cpr  string
			code int
		}{{"010145-1236", 851}, {"020245-1235", 101}} {
			if _, _, err := db.AddCitizen(ctx, workflow.System("test"), data.NewCitizen{CPR: c.cpr, Name: "Karen Jensen",
				Municipality: c.code, GPYdernummer: "012345", MedicineHelp: true}, now); err != nil {
				t.Fatal(err)
			}
		}
		f := reports.Filter{From: calendar.DayOf(now).AddDays(-365), To: calendar.DayOf(now), Municipalities: []int{101, 851}}
		lead := workflow.Actor{UserID: "lead", Role: workflow.RoleLead, Municipality: 851}
		r := dbtest.Must(db.Report(ctx, lead, f, reports.DefaultParams(), false, now))(t)
		if len(r.Municipalities) != 1 || r.Municipalities[0].Code != 851 || r.Suppressed {
			t.Errorf("lead in 851: %d municipalities (%+v), suppressed %v; want 851 only, unsuppressed", len(r.Municipalities), r.Municipalities, r.Suppressed)
		}
		steering := workflow.Actor{UserID: "styregruppe", Role: workflow.RoleSteering}
		r = dbtest.Must(db.Report(ctx, steering, f, reports.DefaultParams(), false, now))(t)
		if !r.Suppressed {
			t.Error("steering group: the report is not suppressed")
		}
		if _, err := db.Report(ctx, workflow.Actor{UserID: "p", Role: workflow.RolePharmacy, PharmacyID: "x"}, f, reports.DefaultParams(), false, now); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("pharmacy staff: %v, want forbidden", err)
		}
	})
}
