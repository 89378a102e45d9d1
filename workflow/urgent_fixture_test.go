package workflow_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func asError(err error, target **workflow.Error) bool { return errors.As(err, target) }

// approvedCase takes a new case for f.citizen to approved (no pharmacy yet).
func (f *fixture) approvedCase(t *testing.T) workflow.Case {
	t.Helper()
	c := f.awaitingGPCase(t)
	f.tick(time.Hour)
	return dbtest.Must(f.sv.RecordGPDecision(context.Background(), f.nurse, c.ID, workflow.GPDecision{Approved: true}))(t)
}

// awaitingGPCase takes a new case for f.citizen to awaiting_gp.
func (f *fixture) awaitingGPCase(t *testing.T) workflow.Case {
	t.Helper()
	ctx := context.Background()
	c := dbtest.Must(f.sv.OpenCase(ctx, f.nurse, f.citizen.ID, "home_care"))(t)
	if _, _, err := f.sv.Assess(ctx, f.nurse, c.ID, eligibility.Default(), eligibleFacts(), ""); err != nil {
		t.Fatal(err)
	}
	_ = dbtest.Must(f.sv.RecordConsent(ctx, f.nurse, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
		Method: workflow.MethodWritten, GivenOn: calendar.DayOf(f.now)}, ""))(t)
	return dbtest.Must(f.sv.RequestGP(ctx, f.nurse, c.ID, ""))(t)
}

// withPharmacy assigns f.pharm to the case without starting it.
func (f *fixture) withPharmacy(t *testing.T, c workflow.Case) workflow.Case {
	t.Helper()
	err := f.db.Transact(context.Background(), func(ctx context.Context, tx workflow.Tx) error {
		c.PharmacyID = f.pharm.ID
		return tx.UpdateCase(ctx, c)
	})
	if err != nil {
		t.Fatal(err)
	}
	c.Version++
	return c
}
