package workflow_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// BenchmarkTransition measures one audited transition (pause or resume of
// an active case, alternating: one transaction with its audit row and the
// roll periods it stops or replans) on each engine; PostgreSQL runs when
// DOSIS_TEST_POSTGRES is set. `dosis bench transitions` measures the whole
// funnel at volume (BENCHMARKS.md).
func BenchmarkTransition(b *testing.B) {
	for _, engine := range dbtest.Engines() {
		b.Run(engine, func(b *testing.B) {
			db := dbtest.Open(b, engine)
			ctx := context.Background()
			now := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
			sv := workflow.NewService(db, func() time.Time { return now }, workflow.DefaultSettings())
			admin := workflow.System("bench")
			dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset"}, now))(b)
			p := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Apoteket", Municipality: 851}, now))(b)
			cit, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: "010145-1236", Name: "Karen Jensen",
				Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, now)
			if err != nil {
				b.Fatal(err)
			}
			c := activeCase(b, sv, admin, cit.ID, p.ID)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if i%2 == 0 {
					c, err = sv.Pause(ctx, admin, c.ID, "citizen_away", "")
				} else {
					c, err = sv.Resume(ctx, admin, c.ID, "")
				}
				if err != nil {
					b.Fatal(fmt.Errorf("transition %d: %w", i, err))
				}
			}
		})
	}
}

// activeCase takes a new case of the citizen to active.
func activeCase(b *testing.B, sv *workflow.Service, a workflow.Actor, citizenID, pharmacyID string) workflow.Case {
	b.Helper()
	ctx := context.Background()
	c := dbtest.Must(sv.OpenCase(ctx, a, citizenID, "home_care"))(b)
	var err error
	if _, c, err = sv.Assess(ctx, a, c.ID, eligibility.Default(), eligibleFacts(), ""); err != nil {
		b.Fatal(err)
	}
	steps := []func() (workflow.Case, error){
		func() (workflow.Case, error) {
			return sv.RecordConsent(ctx, a, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
				Method: workflow.MethodWritten, GivenOn: calendar.NewDate(2026, 3, 1)}, "")
		},
		func() (workflow.Case, error) { return sv.RequestGP(ctx, a, c.ID, "") },
		func() (workflow.Case, error) {
			return sv.RecordGPDecision(ctx, a, c.ID, workflow.GPDecision{Approved: true})
		},
		func() (workflow.Case, error) { return sv.Start(ctx, a, c.ID, pharmacyID, "") },
	}
	for i, step := range steps {
		if c, err = step(); err != nil {
			b.Fatalf("step %d: %v", i, err)
		}
	}
	return c
}
