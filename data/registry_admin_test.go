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

// TestRegistersAudited: an admin's pharmacy added and changed, a GP added
// and an absence ended today are each in the change log, checked by the
// one rule of each (Pharmacy.Validate, the GP's fields, the absence's
// dates); other roles are refused.
func TestRegistersAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		admin := workflow.Actor{UserID: "ada", Role: workflow.RoleAdmin}
		nurse := workflow.Actor{UserID: "nina", Role: workflow.RoleNurse, Municipality: 851}
		p := dbtest.Must(db.AddPharmacyAs(ctx, admin, workflow.Pharmacy{Name: "Budolfi Apotek", Municipality: 851}, t0))(t)
		if _, err := db.AddPharmacyAs(ctx, nurse, workflow.Pharmacy{Name: "X", Municipality: 851}, t0); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse added a pharmacy: %v", err)
		}
		if _, err := db.AddPharmacyAs(ctx, admin, workflow.Pharmacy{Name: "X", Municipality: 851, PeriodDays: 9}, t0); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("a 9-day period: %v", err)
		}
		p.LeadTimeHours, p.Municipality = 12, 101 // the municipality is not the admin's to move
		if err := db.UpdatePharmacyAs(ctx, admin, p, t0); err != nil {
			t.Fatal(err)
		}
		if got := dbtest.Must(db.Pharmacy(ctx, p.ID))(t); got.LeadTimeHours != 12 || got.Municipality != 851 {
			t.Errorf("after the edit: %+v", got)
		}
		var fields []string
		for _, c := range dbtest.Must(db.RecordChanges(ctx, "pharmacy", p.ID))(t) {
			fields = append(fields, c.Field+":"+c.Old+">"+c.New)
		}
		if len(fields) < 3 || fields[0] != "created:>true" || fields[len(fields)-1] != "lead_time_hours:24>12" {
			t.Errorf("pharmacy change log %v", fields)
		}

		g := dbtest.Must(db.AddGPAs(ctx, admin, workflow.GP{Ydernummer: "054321", Name: "Lægerne Syd"}, t0))(t)
		if _, err := db.AddGPAs(ctx, nurse, workflow.GP{Ydernummer: "054322", Name: "X"}, t0); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse added a GP: %v", err)
		}
		today := calendar.Today(t0)
		abs := dbtest.Must(db.SaveGPAbsence(ctx, nurse, g.ID, "", data.GPAbsenceEdit{From: today.AddDays(-3), To: today.AddDays(10)}, t0))(t)
		later := dbtest.Must(db.SaveGPAbsence(ctx, nurse, g.ID, "", data.GPAbsenceEdit{From: today.AddDays(20), To: today.AddDays(30)}, t0))(t)
		ended := dbtest.Must(db.EndGPAbsence(ctx, nurse, g.ID, abs.ID, t0))(t)
		if ended.To != today || ended.From != abs.From {
			t.Errorf("ended absence %s–%s, want to end today %s", ended.From, ended.To, today)
		}
		for name, err := range map[string]error{
			"twice":         errOf(db.EndGPAbsence(ctx, nurse, g.ID, abs.ID, t0)),
			"not begun":     errOf(db.EndGPAbsence(ctx, nurse, g.ID, later.ID, t0)),
			"another GP's":  errOf(db.EndGPAbsence(ctx, nurse, "other", abs.ID, t0)),
			"by a pharmacy": errOf(db.EndGPAbsence(ctx, workflow.Actor{UserID: "p", Role: workflow.RolePharmacy}, g.ID, later.ID, t0.Add(25*24*time.Hour))),
		} {
			if err == nil {
				t.Errorf("ending an absence %s was allowed", name)
			}
		}
		cs := dbtest.Must(db.RecordChanges(ctx, "gp", g.ID))(t)
		if len(cs) != 4 || cs[0].Field != "created" || cs[3].Old == "" || cs[3].New == "" || cs[3].Actor != "nina" {
			t.Errorf("GP change log %+v", cs)
		}
	})
}
