package workflow_test

import (
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// dkTime returns the instant of a Danish wall-clock time.
func dkTime(t *testing.T, y int, m time.Month, d, hh, mm int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Skip("no time zone database")
	}
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

// must2 fails the test on the error of a (value, value, error) result.
func must2(t *testing.T) func(a []workflow.Period, b workflow.PlanResult, err error) ([]workflow.Period, workflow.PlanResult) {
	return func(a []workflow.Period, b workflow.PlanResult, err error) ([]workflow.Period, workflow.PlanResult) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
}

// periodSummary is a period's seq, start, deadline and status.
func periodSummary(ps []workflow.Period) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Start.Format() + " " + p.Deadline.Format() + " " + string(p.Status)
	}
	return out
}

func wantPeriods(t *testing.T, got []workflow.Period, want ...string) {
	t.Helper()
	g := periodSummary(got)
	if len(g) != len(want) {
		t.Fatalf("periods:\n got %q\nwant %q", g, want)
	}
	for i := range want {
		if g[i] != want[i] || got[i].Seq != i+1 {
			t.Errorf("period %d: got %q (seq %d), want %q", i+1, g[i], got[i].Seq, want[i])
		}
	}
}

// The fixture's case starts on Monday 02-03-2026 at 14:00 UTC.
var startPeriods = []string{
	"05-03-2026 02-03-2026 planned",
	"19-03-2026 16-03-2026 planned",
	"02-04-2026 30-03-2026 planned",
	"16-04-2026 13-04-2026 planned",
}

func TestStartPlansPeriods(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		ps := dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t)
		wantPeriods(t, ps, startPeriods...)
		p := ps[0]
		if p.End.Format() != "18-03-2026" || p.Packing.Format() != "03-03-2026" ||
			p.ExpectedDelivery.Format() != "04-03-2026" || p.PharmacyID != f.pharm.ID || p.Municipality != 851 {
			t.Errorf("first period: %+v", p)
		}
		// Planning again is idempotent; later it marks passed deadlines ready.
		_, res := must2(t)(f.sv.PlanCase(ctx, f.nurse, c.ID, calendar.Today(f.now).AddDays(7*workflow.DefaultPlanWeeks)))
		if res.Created != 0 || res.Ready != 0 {
			t.Errorf("second plan: %+v", res)
		}
		f.now = dkTime(t, 2026, 3, 17, 8, 0)
		total := dbtest.Must(f.sv.PlanAll(ctx, f.nurse, calendar.Today(f.now).AddDays(7*workflow.DefaultPlanWeeks)))(t)
		if total.Cases != 1 || total.Ready != 2 || total.Created != 1 {
			t.Errorf("plan on 17-03: %+v", total)
		}
		ps = dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t)
		wantPeriods(t, ps, "05-03-2026 02-03-2026 ready", "19-03-2026 16-03-2026 ready",
			"02-04-2026 30-03-2026 planned", "16-04-2026 13-04-2026 planned", "30-04-2026 27-04-2026 planned")
		other := workflow.Actor{UserID: "u-other", Role: workflow.RoleNurse, Municipality: 101}
		if _, err := db.CasePeriods(ctx, other, c.ID); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("out-of-scope periods: %v", err)
		}
	})
}
