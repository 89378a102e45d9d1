package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func ptr[T any](v T) *T { return &v }

// danish is an error's Danish message for users ("" for nil).
func danish(err error) string {
	var e *workflow.Error
	if errors.As(err, &e) {
		return e.Message("da")
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// TestCitizenWithoutGPEditedAndSentToGP: a citizen registered without a GP
// cannot be sent to the GP; once the nurse gives the citizen a GP, the open
// case takes it (with an audit row) and the request goes out. Every changed
// field is in the change log, which the database keeps append-only.
func TestCitizenWithoutGPEditedAndSentToGP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
		sv := workflow.NewService(db, func() time.Time { return now }, workflow.DefaultSettings())
		nurse := workflow.Actor{UserID: "u-nurse", Role: workflow.RoleNurse, Municipality: 851}
		_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset Nord"}, now))(t)
		cit, _, err := db.AddCitizen(ctx, nurse, data.NewCitizen{CPR: "010145-1236", Name: "Karen Jensen", Municipality: 851}, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.AddCitizen(ctx, nurse, data.NewCitizen{CPR: "010136-4001", Name: "Fremtidig", Municipality: 851}, now); !strings.Contains(danish(err), "01-01-2036, som ligger i fremtiden") {
			t.Errorf("a birth date in the future: got %v", err)
		}
		c := dbtest.Must(sv.OpenCase(ctx, nurse, cit.ID, "home_care"))(t)
		facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6,
			"no_change_expected": true, "packable_medicine_count": 5, "can_handle_roll": true}
		if _, _, err := sv.Assess(ctx, nurse, c.ID, eligibility.Default(), facts, ""); err != nil {
			t.Fatal(err)
		}
		_ = dbtest.Must(sv.RecordConsent(ctx, nurse, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
			Method: workflow.MethodWritten, GivenOn: calendar.DayOf(now)}, ""))(t)
		if _, err := sv.RequestGP(ctx, nurse, c.ID, ""); workflow.KindOf(err) != workflow.KindInvalidTransition {
			t.Fatalf("without a GP the request must be refused, got %v", err)
		}

		for _, bad := range []struct {
			name string
			in   data.CitizenEdit
			want string
		}{
			{"blank name", data.CitizenEdit{Name: ptr("  ")}, "navnet mangler"},
			{"unknown GP", data.CitizenEdit{GPYdernummer: ptr("999999")}, "999999"},
			{"help in the future", data.CitizenEdit{MedicineHelpSince: ptr(calendar.NewDate(2026, 4, 1))}, "01-04-2026 ligger i fremtiden"},
			{"help before birth", data.CitizenEdit{MedicineHelpSince: ptr(calendar.NewDate(1944, 1, 1))}, "før borgerens fødsel"},
			{"huge note", data.CitizenEdit{Name: ptr("Karen"), Note: strings.Repeat("x", 20000)}, "20000"},
		} {
			_, err := db.UpdateCitizen(ctx, nurse, cit.ID, bad.in, now)
			if err == nil || !strings.Contains(danish(err), bad.want) {
				t.Errorf("%s: want an error with %q, got %v", bad.name, bad.want, err)
			}
		}
		other := workflow.Actor{UserID: "u-other", Role: workflow.RoleNurse, Municipality: 101}
		if _, err := db.UpdateCitizen(ctx, other, cit.ID, data.CitizenEdit{Name: ptr("X")}, now); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("another municipality's nurse: want not found, got %v", err)
		}
		steering := workflow.Actor{UserID: "u-st", Role: workflow.RoleSteering}
		if _, err := db.UpdateCitizen(ctx, steering, cit.ID, data.CitizenEdit{Name: ptr("X")}, now); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("steering: want forbidden, got %v", err)
		}

		since := calendar.NewDate(2025, 6, 1)
		got, err := db.UpdateCitizen(ctx, nurse, cit.ID, data.CitizenEdit{Name: ptr(" Karen Marie Jensen "), GPYdernummer: ptr("012345"),
			MedicineHelp: ptr(true), MedicineHelpSince: &since, Note: "ringede til lægehuset"}, now)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Karen Marie Jensen" || got.GPID == "" || !got.MedicineHelp || got.MedicineHelpSince != since {
			t.Errorf("updated citizen: %+v", got)
		}
		reread := dbtest.Must(db.Citizen(ctx, nurse, cit.ID, "test", now))(t)
		if reread.MedicineHelpSince != since || reread.GPID != got.GPID {
			t.Errorf("stored citizen: %+v", reread)
		}
		changes := dbtest.Must(db.RecordChanges(ctx, "citizen", cit.ID))(t)
		fields := map[string][2]string{}
		for _, ch := range changes {
			fields[ch.Field] = [2]string{ch.Old, ch.New}
			if ch.Actor != "u-nurse" || ch.Note != "ringede til lægehuset" {
				t.Errorf("change %+v lacks its actor or note", ch)
			}
		}
		want := map[string][2]string{"name": {"Karen Jensen", "Karen Marie Jensen"}, "gp": {"", "012345"},
			"medicine_help": {"false", "true"}, "medicine_help_since": {"", "01-06-2025"}}
		if len(fields) != len(want) {
			t.Errorf("changes %v, want %v", fields, want)
		}
		for k, v := range want {
			if fields[k] != v {
				t.Errorf("change of %s: %v, want %v", k, fields[k], v)
			}
		}
		// Saving the same values again logs nothing.
		_ = dbtest.Must(db.UpdateCitizen(ctx, nurse, cit.ID, data.CitizenEdit{Name: ptr("Karen Marie Jensen")}, now))(t)
		if n := len(dbtest.Must(db.RecordChanges(ctx, "citizen", cit.ID))(t)); n != len(changes) {
			t.Errorf("an unchanged save logged %d changes, had %d", n, len(changes))
		}
		if _, err := db.Bun().ExecContext(ctx, "UPDATE record_changes SET new_value = 'x'"); err == nil {
			t.Error("record_changes must refuse UPDATE")
		}

		d := dbtest.Must(db.CaseDetail(ctx, nurse, c.ID, "test", now))(t)
		if d.Case.GPID != got.GPID {
			t.Errorf("the open case did not take the citizen's GP: %q", d.Case.GPID)
		}
		if last := d.Audit[len(d.Audit)-1]; last.Event != workflow.EventCitizenGP || last.FromState != workflow.StateConsented {
			t.Errorf("last audit row %+v, want citizen_gp", last)
		}
		if _, err := sv.RequestGP(ctx, nurse, c.ID, ""); err != nil {
			t.Fatalf("with a GP the request must go out: %v", err)
		}
		// Once sent, a new GP of the citizen no longer changes the case.
		_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "054321", Name: "Lægerne Syd"}, now))(t)
		_ = dbtest.Must(db.UpdateCitizen(ctx, nurse, cit.ID, data.CitizenEdit{GPYdernummer: ptr("054321")}, now))(t)
		if d2 := dbtest.Must(db.CaseDetail(ctx, nurse, c.ID, "test", now))(t); d2.Case.GPID != got.GPID {
			t.Errorf("a case awaiting the GP must keep its GP, got %q", d2.Case.GPID)
		}
	})
}
