package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestSettingsNewestVersionWins: the newest saved version of a setting is
// in force per municipality, an empty body returns to the default, and the
// list of current settings leaves defaults out.
func TestSettingsNewestVersionWins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		if _, ok, err := db.Setting(ctx, data.SettingEligibility, 851); err != nil || ok {
			t.Fatalf("nothing saved: ok=%v err=%v", ok, err)
		}
		steps := []struct {
			municipality int
			body         string
		}{{851, `{"v":1}`}, {851, `{"v":2}`}, {101, `{"v":3}`}, {101, ""}}
		for i, s := range steps {
			if _, err := db.SaveSettingUnchecked(ctx, data.SettingEligibility, s.municipality, s.body, "admin", t0.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		got, ok, err := db.Setting(ctx, data.SettingEligibility, 851)
		if err != nil || !ok || got.Body != `{"v":2}` || got.SavedBy != "admin" || !got.SavedAt.Equal(t0.Add(time.Minute)) {
			t.Errorf("851: %+v ok=%v err=%v", got, ok, err)
		}
		if _, ok, _ := db.Setting(ctx, data.SettingEligibility, 101); ok {
			t.Error("101: an empty newest body should return to the default")
		}
		if _, ok, _ := db.Setting(ctx, data.SettingReportParams, 0); ok {
			t.Error("another setting's name must not match")
		}
		cur := dbtest.Must(db.CurrentSettings(ctx, data.SettingEligibility))(t)
		if len(cur) != 1 || cur[0].Municipality != 851 || cur[0].Body != `{"v":2}` {
			t.Errorf("current settings: %+v", cur)
		}
	})
}

// TestPharmacyClosedDates: a closed date is added once, shows in the
// pharmacy's calendar, and can be removed.
func TestPharmacyClosedDates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		ph := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Apotek", Municipality: 851}, t0))(t)
		day := calendar.NewDate(2026, 12, 7)
		if err := db.AddPharmacyClosedDate(ctx, ph.ID, day, "Statusdag"); err != nil {
			t.Fatal(err)
		}
		if err := db.AddPharmacyClosedDate(ctx, ph.ID, day, "igen"); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("second add: %v, want invalid", err)
		}
		if err := db.AddPharmacyClosedDate(ctx, "NOSUCH", day, ""); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("unknown pharmacy: %v", err)
		}
		ds := dbtest.Must(db.PharmacyClosedDates(ctx, ph.ID))(t)
		if len(ds) != 1 || ds[0].Date != day || ds[0].Name != "Statusdag" {
			t.Errorf("closed dates: %+v", ds)
		}
		p := dbtest.Must(db.Pharmacy(ctx, ph.ID))(t)
		if p.Calendar().IsOpen(day) {
			t.Error("the pharmacy's calendar does not skip the closed date")
		}
		if err := db.RemovePharmacyClosedDate(ctx, ph.ID, day); err != nil {
			t.Fatal(err)
		}
		if err := db.RemovePharmacyClosedDate(ctx, ph.ID, day); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("second remove: %v", err)
		}
	})
}
