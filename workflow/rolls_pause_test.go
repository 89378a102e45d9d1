package workflow_test

import (
	"context"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestPauseResumeMarksPeriods pauses on the deadline day of period 2 and
// resumes on the deadline day of period 3: exactly period 2 is not
// dispensed; period 1 (deadline before the pause) is untouched.
func TestPauseResumeMarksPeriods(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		f.now = dkTime(t, 2026, 3, 16, 22, 0)
		dbtest.Must(f.sv.Pause(ctx, f.nurse, c.ID, "citizen_away", ""))(t)
		wantPeriods(t, dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t),
			"05-03-2026 02-03-2026 planned", "19-03-2026 16-03-2026 not_dispensed",
			"02-04-2026 30-03-2026 not_dispensed", "16-04-2026 13-04-2026 not_dispensed")
		f.now = dkTime(t, 2026, 3, 30, 10, 0)
		dbtest.Must(f.sv.Resume(ctx, f.nurse, c.ID, ""))(t)
		wantPeriods(t, dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t),
			"05-03-2026 02-03-2026 ready", "19-03-2026 16-03-2026 not_dispensed",
			"02-04-2026 30-03-2026 planned", "16-04-2026 13-04-2026 planned",
			"30-04-2026 27-04-2026 planned", "14-05-2026 11-05-2026 planned")
	})
}

// TestPauseAfterDeadlineKeepsRoll: a pause the day after period 2's
// deadline leaves that roll (already being packed) alone.
func TestPauseAfterDeadlineKeepsRoll(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		f.now = dkTime(t, 2026, 3, 17, 0, 1)
		dbtest.Must(f.sv.Pause(ctx, f.nurse, c.ID, "hospital_admission", ""))(t)
		wantPeriods(t, dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t),
			"05-03-2026 02-03-2026 planned", "19-03-2026 16-03-2026 planned",
			"02-04-2026 30-03-2026 not_dispensed", "16-04-2026 13-04-2026 not_dispensed")
		// Resuming the day after period 3's deadline cannot bring it back.
		f.now = dkTime(t, 2026, 3, 31, 9, 0)
		dbtest.Must(f.sv.Resume(ctx, f.nurse, c.ID, ""))(t)
		ps := dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t)
		if ps[2].Status != workflow.PeriodNotDispensed || ps[3].Status != workflow.PeriodPlanned {
			t.Errorf("after resume: %q", periodSummary(ps))
		}
	})
}
