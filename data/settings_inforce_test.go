package data_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestSettingsInForce: the stored rule set of a case's municipality and the
// stored model parameters are what RuleSetForCase and ReportParams return
// (the web and the command line both use them); without any, the defaults.
func TestSettingsInForce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		admin := workflow.System("test")
		cit, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: "010145-1236", Name: "Karen Jensen", Municipality: 851}, now)
		if err != nil {
			t.Fatal(err)
		}
		sv := workflow.NewService(db, func() time.Time { return now }, workflow.DefaultSettings())
		c := dbtest.Must(sv.OpenCase(ctx, admin, cit.ID, "home_care"))(t)

		rs := dbtest.Must(db.RuleSetForCase(ctx, admin, c.ID))(t)
		if rs.ID != "dk-default" {
			t.Fatalf("without a stored rule set: %s, want dk-default", rs.ID)
		}
		p := dbtest.Must(db.ReportParams(ctx))(t)
		if p.Default.HoursPerFTE.Value != 1924 {
			t.Fatalf("without stored parameters: %v hours per FTE, want the default 1924", p.Default.HoursPerFTE.Value)
		}

		override, err := os.ReadFile("../eligibility/testdata/override_municipality.json")
		if err != nil {
			t.Fatal(err)
		}
		dbtest.Must(db.SaveSettingUnchecked(ctx, data.SettingEligibility, 851, string(override), "admin", now))(t)
		dbtest.Must(db.SaveSettingUnchecked(ctx, data.SettingReportParams, 0,
			`{"default": {"hours_per_fte": {"value": 1600, "source": "effektive timer"}}}`, "admin", now))(t)
		if rs := dbtest.Must(db.RuleSetForCase(ctx, admin, c.ID))(t); rs.ID != "example-municipality" {
			t.Errorf("stored rule set of 851 not in force: %s", rs.ID)
		}
		if rs := dbtest.Must(db.RuleSetFor(ctx, 101))(t); rs.ID != "dk-default" {
			t.Errorf("851's rule set leaked to 101: %s", rs.ID)
		}
		if p := dbtest.Must(db.ReportParams(ctx))(t); p.Default.HoursPerFTE.Value != 1600 {
			t.Errorf("stored parameters not in force: %v", p.Default.HoursPerFTE.Value)
		}
		odense := workflow.Actor{Role: workflow.RoleNurse, Municipality: 461}
		if _, err := db.RuleSetForCase(ctx, odense, c.ID); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("another municipality's nurse read the case's rule set: %v", err)
		}
	})
}
