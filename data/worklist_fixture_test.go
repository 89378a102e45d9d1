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

// wlFixture is a small municipality (Aalborg, 851) with one case in each
// situation a worklist shows, and one case in another municipality (101)
// that Aalborg's staff must never see. now is Monday 09-03-2026 10:00.
type wlFixture struct {
	db    *data.DB
	sv    *workflow.Service
	clock time.Time
	now   time.Time
	nurse workflow.Actor
	lead  workflow.Actor
	pharm workflow.Actor
	p     workflow.Pharmacy
	// cases by role in the fixture: consent, gp, firstRoll, active, other
	cases map[string]workflow.Case
	// urgentOverdue and urgentDelivered are the active case's urgent rolls.
	urgentOverdue, urgentDelivered workflow.UrgentRoll
}

func newWLFixture(t *testing.T, db *data.DB) *wlFixture {
	t.Helper()
	ctx := context.Background()
	f := &wlFixture{db: db, now: time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC), cases: map[string]workflow.Case{},
		nurse: workflow.Actor{UserID: "u-nurse", Role: workflow.RoleNurse, Municipality: 851},
		lead:  workflow.Actor{UserID: "u-lead", Role: workflow.RoleLead, Municipality: 851}}
	f.clock = f.now.AddDate(0, 0, -20)
	f.sv = workflow.NewService(db, func() time.Time { return f.clock }, workflow.DefaultSettings())
	admin := workflow.System("fixture")
	_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset Nord"}, f.clock))(t)
	f.p = dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Apotek", Municipality: 851}, f.clock))(t)
	f.pharm = workflow.Actor{UserID: "u-pharm", Role: workflow.RolePharmacy, PharmacyID: f.p.ID}
	open := func(cpr, name string, mun int) workflow.Case {
		cit, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: cpr, Name: name, Municipality: mun,
			GPYdernummer: "012345", MedicineHelp: true}, f.clock)
		if err != nil {
			t.Fatal(err)
		}
		c := dbtest.Must(f.sv.OpenCase(ctx, admin, cit.ID, "home_care"))(t)
		facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6,
			"no_change_expected": true, "packable_medicine_count": 5, "can_handle_roll": true}
		if _, c, err = f.sv.Assess(ctx, admin, c.ID, eligibility.Default(), facts, ""); err != nil {
			t.Fatal(err)
		}
		return c
	}
	step := func(c workflow.Case, fn func(workflow.Case) (workflow.Case, error)) workflow.Case {
		f.clock = f.clock.Add(time.Hour)
		c, err := fn(c)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	consent := func(c workflow.Case) (workflow.Case, error) {
		return f.sv.RecordConsent(ctx, admin, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
			Method: workflow.MethodWritten, GivenOn: calendar.DayOf(f.clock)}, "")
	}
	requestGP := func(c workflow.Case) (workflow.Case, error) { return f.sv.RequestGP(ctx, admin, c.ID, "") }
	approve := func(c workflow.Case) (workflow.Case, error) {
		return f.sv.RecordGPDecision(ctx, admin, c.ID, workflow.GPDecision{Approved: true})
	}
	start := func(c workflow.Case) (workflow.Case, error) { return f.sv.Start(ctx, admin, c.ID, f.p.ID, "") }

	// 20 days ago: the consent case is assessed, the GP case is requested
	// (its follow-up fell due 7 working days later), the first-roll case
	// approved, the active case started.
	f.cases["consent"] = open("010145-1236", "Karen Jensen", 851)
	f.cases["other"] = open("030360-1235", "Anna Holm", 101)
	gp := open("040470-1236", "Bo Berg", 851)
	first := open("050580-1237", "Cai Dam", 851)
	act := open("060690-1238", "Dorte Eng", 851)
	f.clock = f.now.AddDate(0, 0, -12)
	f.cases["gp"] = step(step(gp, consent), requestGP)
	first = step(step(step(first, consent), requestGP), approve)
	f.cases["firstRoll"] = first
	f.cases["active"] = step(step(step(step(act, consent), requestGP), approve), start)

	// Two days ago: an urgent roll that is now overdue, and one delivered
	// but not yet received.
	f.clock = f.now.AddDate(0, 0, -2)
	req := workflow.UrgentRequest{CaseID: f.cases["active"].ID, Reason: workflow.UrgentReasonMedicationChange, NeededBy: f.clock.Add(30 * time.Hour)}
	f.urgentOverdue = dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, req))(t)
	// A second roll for another time: an identical request would return
	// the first (issue 11).
	req.NeededBy = req.NeededBy.Add(time.Hour)
	f.urgentDelivered = dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, req))(t)
	for _, do := range []func(context.Context, workflow.Actor, string, string) (workflow.UrgentRoll, error){
		f.sv.AcceptUrgentRoll, f.sv.MarkUrgentPacked, f.sv.MarkUrgentDelivered} {
		f.clock = f.clock.Add(time.Hour)
		f.urgentDelivered = dbtest.Must(do(ctx, f.pharm, f.urgentDelivered.ID, ""))(t)
	}
	// A medication change after the deadline needing an urgent roll; roll
	// periods: one dispensed and not received, one to pack this week, one
	// to pack next week.
	a := f.cases["active"]
	bdb := db.Bun()
	exec := func(q string, args ...any) {
		if _, err := bdb.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec("INSERT INTO medication_changes (id, case_id, municipality_code, effective_date, description, decision, urgent_roll_id, recorded_by, recorded_at) VALUES (?, ?, 851, ?, ?, ?, ?, ?, ?)",
		"mc-1", a.ID, calendar.NewDate(2026, 3, 8), "ny dosis", workflow.ChangeUrgentRoll, f.urgentOverdue.ID, "u-nurse", f.clock)
	exec("INSERT INTO medication_changes (id, case_id, municipality_code, effective_date, description, decision, urgent_roll_id, recorded_by, recorded_at) VALUES (?, ?, 851, ?, ?, ?, ?, ?, ?)",
		"mc-2", a.ID, calendar.NewDate(2026, 3, 7), "leveret", workflow.ChangeUrgentRoll, f.urgentDelivered.ID, "u-nurse", f.clock)
	period := func(seq int, start calendar.Date, status workflow.PeriodStatus) {
		exec("INSERT INTO roll_periods (case_id, pharmacy_id, municipality_code, seq, start_date, end_date, deadline, packing_date, expected_delivery, length_days, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			a.ID, f.p.ID, 851, seq, start, start.AddDays(13), start.AddDays(-5), start.AddDays(-4),
			start.AddDays(-3), 14, string(status))
	}
	// Start may have planned periods already: replace them with these.
	exec("DELETE FROM roll_periods WHERE case_id = ?", a.ID)
	period(1, calendar.NewDate(2026, 2, 27), workflow.PeriodDispensed)
	period(2, calendar.NewDate(2026, 3, 16), workflow.PeriodPlanned) // packs Thursday 12-03
	period(3, calendar.NewDate(2026, 3, 30), workflow.PeriodPlanned) // packs 26-03: not this week
	f.clock = f.now
	return f
}
