package workflow_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestChangeBeforeAndAfterDeadline: period 2 (19-03–01-04) has deadline
// 16-03-2026; a change effective 19-03 reaches it until 23:59 Danish time
// on the 16th, and needs an urgent roll (or a bridge) from midnight on.
func TestChangeBeforeAndAfterDeadline(t *testing.T) {
	for _, tc := range []struct {
		name         string
		at           [2]int // hour, minute on a day in March 2026 (Danish time)
		day          int
		bridge       bool
		wantDecision string
		wantCarrier  string
		wantText     string
	}{
		{"well before", [2]int{9, 0}, 10, false, workflow.ChangeNextRoll, "19-03-2026", "deadline 16-03-2026"},
		{"last minute of the deadline day", [2]int{23, 59}, 16, false, workflow.ChangeNextRoll, "19-03-2026", "recorded on 16-03-2026"},
		{"midnight after the deadline", [2]int{0, 0}, 17, false, workflow.ChangeUrgentRoll, "02-04-2026", "An urgent roll is needed by 19-03-2026"},
		{"after the deadline, bridged", [2]int{10, 0}, 17, true, workflow.ChangeBridge, "02-04-2026", "from 19-03-2026 until 02-04-2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *data.DB) {
				ctx := context.Background()
				f := newFixture(t, db)
				c := f.activeCase(t)
				f.now = dkTime(t, 2026, 3, tc.day, tc.at[0], tc.at[1])
				out := dbtest.Must(f.sv.RecordMedicationChange(ctx, f.nurse, c.ID, workflow.ChangeInput{
					Description: "Furosemid 40 mg → 20 mg", Effective: calendar.NewDate(2026, 3, 19), Bridge: tc.bridge}))(t)
				if out.Change.Decision != tc.wantDecision || out.Decision.Carrier == nil ||
					out.Decision.Carrier.Start.Format() != tc.wantCarrier || out.Change.PeriodID != out.Decision.Carrier.ID {
					t.Fatalf("decision %s, carrier %+v", out.Change.Decision, out.Decision.Carrier)
				}
				if !strings.Contains(out.ExplanationEN, tc.wantText) || out.ExplanationDA == "" {
					t.Errorf("explanation: %s", out.ExplanationEN)
				}
				urgent := tc.wantDecision == workflow.ChangeUrgentRoll
				if (out.Urgent != nil) != urgent {
					t.Fatalf("urgent request: %+v", out.Urgent)
				}
				if urgent {
					want := dkTime(t, 2026, 3, 19, 0, 0)
					if out.Urgent.Reason != workflow.UrgentReasonMedicationChange || !out.Urgent.NeededBy.Equal(want) ||
						out.Urgent.CaseID != c.ID {
						t.Errorf("urgent request: %+v", out.Urgent)
					}
				}
				cs := dbtest.Must(db.CaseChanges(ctx, f.nurse, c.ID))(t)
				if len(cs) != 1 || cs[0].Decision != tc.wantDecision || cs[0].RecordedBy != "u-nurse" ||
					!cs[0].RecordedAt.Equal(f.now) {
					t.Errorf("stored change: %+v", cs)
				}
			})
		})
	}
}

func TestChangeValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		today := calendar.Today(f.now)
		for _, tc := range []struct {
			in   workflow.ChangeInput
			want string // in the Danish refusal
		}{
			{workflow.ChangeInput{Description: " ", Effective: calendar.NewDate(2026, 3, 19)}, "beskrivelse"},
			{workflow.ChangeInput{Description: "x"}, "beskrivelse"},
			{workflow.ChangeInput{Description: "x", Effective: today.AddYears(1).AddDays(1)}, "Gælder fra: " + today.AddYears(1).AddDays(1).Format() + " skal ligge fra"},
			// A change effective in 2000 was recorded (and asked for an urgent roll).
			{workflow.ChangeInput{Description: "x", Effective: calendar.NewDate(2000, 3, 1)},
				"Gælder fra: 01-03-2000 skal ligge fra " + today.AddDays(-28).Format() + " til " + today.AddYears(1).Format()},
			{workflow.ChangeInput{Description: "x", Effective: today.AddDays(-29)}, "Gælder fra: " + today.AddDays(-29).Format()},
		} {
			_, err := f.sv.RecordMedicationChange(ctx, f.nurse, c.ID, tc.in)
			if we, ok := err.(*workflow.Error); !ok || we.Kind != workflow.KindInvalid || !strings.Contains(we.Message(i18n.Danish), tc.want) {
				t.Errorf("%+v: %v, want %q", tc.in, err, tc.want)
			}
		}
		dbtest.Must(f.sv.RecordMedicationChange(ctx, f.nurse, c.ID, workflow.ChangeInput{Description: "for 4 uger siden", Effective: today.AddDays(-28)}))(t)
		// A change effective far ahead extends the schedule to reach it.
		out := dbtest.Must(f.sv.RecordMedicationChange(ctx, f.nurse, c.ID, workflow.ChangeInput{
			Description: "ny medicin", Effective: calendar.NewDate(2026, 7, 1)}))(t)
		if out.Change.Decision != workflow.ChangeNextRoll || out.Decision.Carrier == nil ||
			out.Decision.Carrier.Start.After(calendar.NewDate(2026, 7, 1)) || out.Decision.Carrier.End.Before(calendar.NewDate(2026, 7, 1)) {
			t.Errorf("far change: %+v", out.Decision)
		}
	})
}
