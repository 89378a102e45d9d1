package web_test

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

// rollsFixture extends the small world with roll cycles: the Aalborg case
// is active at the Aalborg pharmacy with an urgent roll requested; the
// København case is active at a København pharmacy with its own urgent
// roll, which Aalborg's pharmacy staff must never see or touch.
type rollsFixture struct {
	fixture
	pharmacy101 workflow.Pharmacy
	urgent851   workflow.UrgentRoll
	urgent101   workflow.UrgentRoll
}

func setupRolls(t *testing.T, db *data.DB) rollsFixture {
	t.Helper()
	ctx := context.Background()
	f := rollsFixture{fixture: setup(t, db, "Karen Jensen")}
	sys := workflow.System("fixture")
	svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
	f.pharmacy101 = dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Københavns Apotek", Municipality: 101}, t0))(t)
	facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6.0,
		"no_change_expected": true, "packable_medicine_count": 5.0, "can_handle_roll": true}
	if _, _, err := svc.Assess(ctx, sys, f.case101.ID, eligibility.Default(), facts, ""); err != nil {
		t.Fatal(err)
	}
	// The cases start three weeks before the tests' clock, so the roll in
	// use today is past its deadline and the first roll is delivered.
	begun := t0.AddDate(0, 0, -21)
	past := workflow.NewService(db, func() time.Time { return begun }, workflow.DefaultSettings())
	activate := func(caseID, pharmacyID string) {
		t.Helper()
		svc := past
		steps := []func() error{
			func() error {
				_, err := svc.RecordConsent(ctx, sys, caseID, workflow.ConsentInput{GivenBy: "citizen", Method: "written", GivenOn: calendar.DayOf(begun)}, "")
				return err
			},
			func() error { _, err := svc.RequestGP(ctx, sys, caseID, ""); return err },
			func() error {
				_, err := svc.RecordGPDecision(ctx, sys, caseID, workflow.GPDecision{Approved: true})
				return err
			},
			func() error { _, err := svc.Start(ctx, sys, caseID, pharmacyID, ""); return err },
		}
		for _, s := range steps {
			if err := s(); err != nil {
				t.Fatal(err)
			}
		}
	}
	activate(f.case851.ID, f.pharmacy851.ID)
	activate(f.case101.ID, f.pharmacy101.ID)
	if _, err := svc.RecordDelivered(ctx, sys, f.case851.ID, 1); err != nil {
		t.Fatal(err)
	}
	f.urgent851 = dbtest.Must(svc.RequestUrgentRoll(ctx, sys, workflow.UrgentRequest{CaseID: f.case851.ID,
		Reason: workflow.UrgentReasonLostOrDamaged, NeededBy: t0.Add(26 * time.Hour), Note: "rullen er våd"}))(t)
	// Requested two days earlier, so its promise (24 working hours) is past.
	early := workflow.NewService(db, func() time.Time { return t0.Add(-48 * time.Hour) }, workflow.DefaultSettings())
	f.urgent101 = dbtest.Must(early.RequestUrgentRoll(ctx, sys, workflow.UrgentRequest{CaseID: f.case101.ID,
		Reason: workflow.UrgentReasonLostOrDamaged, NeededBy: t0.Add(time.Hour)}))(t)
	return f
}
