package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestCitizenAgeOnDanishDate: a citizen's age in a transition's snapshot
// counts from the Danish date, so a 15-year-old may consent from 00:00
// Danish time on the birthday (still the day before in UTC).
func TestCitizenAgeOnDanishDate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		clock := time.Date(2026, 3, 9, 23, 30, 0, 0, time.UTC) // 10-03-2026 00:30 in Copenhagen
		sv := workflow.NewService(db, func() time.Time { return clock }, workflow.DefaultSettings())
		admin := workflow.System("test")
		_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset Nord"}, clock))(t)
		// Born 10-03-2011 (century digit 4): 15 years old on 10-03-2026.
		cit, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: "100311-4001", Name: "Ida Holm", Municipality: 851,
			GPYdernummer: "012345", MedicineHelp: true}, clock)
		if err != nil {
			t.Fatal(err)
		}
		c := dbtest.Must(sv.OpenCase(ctx, admin, cit.ID, "home_care"))(t)
		facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6,
			"no_change_expected": true, "packable_medicine_count": 5, "can_handle_roll": true}
		if _, c, err = sv.Assess(ctx, admin, c.ID, eligibility.Default(), facts, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := sv.RecordConsent(ctx, admin, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
			Method: workflow.MethodWritten, GivenOn: calendar.DayOf(clock)}, ""); err != nil {
			t.Errorf("consent on the 15th birthday, 00:30 Danish time: %v", err)
		}
	})
}
