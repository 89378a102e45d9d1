package workflow_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// fixture is a migrated database with one GP, one pharmacy and one citizen
// in Aalborg (851), and a clock the test moves.
type fixture struct {
	db      *data.DB
	sv      *workflow.Service
	now     time.Time
	admin   workflow.Actor
	nurse   workflow.Actor
	citizen workflow.Citizen
	pharm   workflow.Pharmacy
}

func newFixture(t *testing.T, db *data.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		admin: workflow.System("test"),
		nurse: workflow.Actor{UserID: "u-nurse", Name: "Sygeplejerske", Role: workflow.RoleNurse, Municipality: 851}}
	f.sv = workflow.NewService(db, func() time.Time { return f.now }, workflow.DefaultSettings())
	_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset Nord"}, f.now))(t)
	f.pharm = dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Apotek", Municipality: 851}, f.now))(t)
	cit, _, err := db.AddCitizen(ctx, f.nurse, data.NewCitizen{CPR: "010145-1236", Name: "Karen Jensen",
		Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	f.citizen = cit
	return f
}

func eligibleFacts() eligibility.Facts {
	return eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6,
		"no_change_expected": true, "packable_medicine_count": 5, "can_handle_roll": true}
}

func (f *fixture) tick(d time.Duration) { f.now = f.now.Add(d) }

// activeCase takes a new case all the way to active.
func (f *fixture) activeCase(t *testing.T) workflow.Case {
	t.Helper()
	ctx := context.Background()
	c := dbtest.Must(f.sv.OpenCase(ctx, f.nurse, f.citizen.ID, "home_care"))(t)
	steps := []func() (workflow.Case, error){
		func() (workflow.Case, error) {
			_, c, err := f.sv.Assess(ctx, f.nurse, c.ID, eligibility.Default(), eligibleFacts(), "")
			return c, err
		},
		func() (workflow.Case, error) {
			return f.sv.RecordConsent(ctx, f.nurse, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
				Method: workflow.MethodWritten, GivenOn: calendar.DayOf(f.now)}, "")
		},
		func() (workflow.Case, error) { return f.sv.RequestGP(ctx, f.nurse, c.ID, "") },
		func() (workflow.Case, error) {
			return f.sv.RecordGPDecision(ctx, f.nurse, c.ID, workflow.GPDecision{Approved: true})
		},
		func() (workflow.Case, error) { return f.sv.Start(ctx, f.nurse, c.ID, f.pharm.ID, "") },
	}
	for i, step := range steps {
		f.tick(time.Hour)
		var err error
		if c, err = step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	return c
}

func TestFullPathWritesStateAuditAndReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		if c.State != workflow.StateActive || c.Version != 6 {
			t.Fatalf("want active at version 6, got %s at %d", c.State, c.Version)
		}
		f.tick(time.Hour)
		c = dbtest.Must(f.sv.Pause(ctx, f.nurse, c.ID, "hospital_admission", "indlagt AUH"))(t)
		f.tick(time.Hour)
		c = dbtest.Must(f.sv.Resume(ctx, f.nurse, c.ID, ""))(t)
		f.tick(time.Hour)
		c = dbtest.Must(f.sv.End(ctx, f.nurse, c.ID, "moved", ""))(t)
		if c.State != workflow.StateEnded || c.ClosedAt == nil {
			t.Fatalf("want ended and closed, got %+v", c)
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.nurse, c.ID, "test", f.now))(t)
		wantEvents := []workflow.Event{workflow.EventOpen, workflow.EventAssess, workflow.EventConsent, workflow.EventRequest,
			workflow.EventApprove, workflow.EventStart, workflow.EventPause, workflow.EventResume, workflow.EventEnd}
		if len(d.Audit) != len(wantEvents) {
			t.Fatalf("want %d audit events, got %d", len(wantEvents), len(d.Audit))
		}
		for i, a := range d.Audit {
			if a.Seq != i+1 || a.Event != wantEvents[i] || a.Actor != "u-nurse" || a.ActorRole != workflow.RoleNurse {
				t.Errorf("audit %d: %+v", i, a)
			}
			if i > 0 && a.FromState != d.Audit[i-1].ToState {
				t.Errorf("audit %d: from %s but previous ended in %s", i, a.FromState, d.Audit[i-1].ToState)
			}
		}
		if d.Audit[6].Reason != "hospital_admission" || d.Audit[6].Note != "indlagt AUH" {
			t.Errorf("pause audit lacks reason and note: %+v", d.Audit[6])
		}
		if len(d.Assessments) != 1 || d.Assessments[0].RuleSetVersion == "" || d.Assessments[0].FactsJSON == "" {
			t.Errorf("assessment not stored with version and facts: %+v", d.Assessments)
		}
		if len(d.GPRequests) != 1 || d.GPRequests[0].Decision != "approved" || d.GPRequests[0].PrescriptionExpires.IsZero() {
			t.Fatalf("GP request: %+v", d.GPRequests)
		}
		kinds := map[string]bool{}
		for _, r := range d.Reminders {
			kinds[r.Kind] = r.DoneAt != nil
		}
		want := map[string]bool{workflow.ReminderGPFollowUp: true, workflow.ReminderFirstRoll: true, workflow.ReminderRenewal: false}
		for k, done := range want {
			if got, ok := kinds[k]; !ok || got != done {
				t.Errorf("reminder %s: present %v, done %v; want done %v", k, ok, got, done)
			}
		}
	})
}

func TestRefusedTransitionWritesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := dbtest.Must(f.sv.OpenCase(ctx, f.nurse, f.citizen.ID, "gp"))(t)
		facts := eligibleFacts()
		delete(facts, "can_handle_roll")
		v, c, err := f.sv.Assess(ctx, f.nurse, c.ID, eligibility.Default(), facts, "")
		if err != nil || v.Outcome != eligibility.NeedsReview || c.State != workflow.StateAssessed {
			t.Fatalf("want needs review in assessed, got %s %s %v", v.Outcome, c.State, err)
		}
		_, err = f.sv.RecordConsent(ctx, f.nurse, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
			Method: workflow.MethodOral, GivenOn: calendar.DayOf(f.now)}, "")
		if workflow.KindOf(err) != workflow.KindInvalidTransition {
			t.Fatalf("want invalid transition, got %v", err)
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.admin, c.ID, "test", f.now))(t)
		if len(d.Consents) != 0 || len(d.Audit) != 2 || d.Case.Version != 2 {
			t.Fatalf("refused consent left traces: %d consents, %d audit rows, version %d", len(d.Consents), len(d.Audit), d.Case.Version)
		}
	})
}

func TestStaleVersionIsAConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		stale := c
		dbtest.Must(f.sv.Pause(ctx, f.nurse, c.ID, "citizen_away", ""))(t)
		err := db.Transact(ctx, func(ctx context.Context, tx workflow.Tx) error {
			stale.State = workflow.StateEnded
			return tx.UpdateCase(ctx, stale)
		})
		if workflow.KindOf(err) != workflow.KindConflict {
			t.Fatalf("want conflict, got %v", err)
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.admin, c.ID, "test", f.now))(t)
		if d.Case.State != workflow.StatePaused {
			t.Fatalf("stale write overwrote the case: %s", d.Case.State)
		}
	})
}

func TestConcurrentEventsOneWinnerPerVersion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		const n = 16
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = f.sv.Pause(ctx, f.nurse, c.ID, "hospital_admission", "")
			}()
		}
		wg.Wait()
		wins := 0
		for _, err := range errs {
			switch workflow.KindOf(err) {
			case workflow.KindInternal:
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				wins++
			case workflow.KindConflict, workflow.KindInvalidTransition:
			default:
				t.Fatalf("unexpected error kind: %v", err)
			}
		}
		if wins != 1 {
			t.Fatalf("want exactly one pause to win, got %d", wins)
		}
		audit := dbtest.Must(db.Audit(ctx, c.ID))(t)
		if len(audit) != c.Version+1 {
			t.Fatalf("want %d audit rows, got %d", c.Version+1, len(audit))
		}
		for i, a := range audit {
			if a.Seq != i+1 {
				t.Fatalf("audit seq gap or duplicate at %d: %d", i, a.Seq)
			}
		}
	})
}

func TestConcurrentReassessmentsKeepTrailWhole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := dbtest.Must(f.sv.OpenCase(ctx, f.nurse, f.citizen.ID, "home_care"))(t)
		const n = 12
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := f.sv.Assess(ctx, f.nurse, c.ID, eligibility.Default(), eligibleFacts(), "")
				if err != nil && workflow.KindOf(err) != workflow.KindConflict {
					t.Errorf("unexpected error: %v", err)
				}
				if err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		d := dbtest.Must(db.CaseDetail(ctx, f.admin, c.ID, "test", f.now))(t)
		if d.Case.Version != 1+wins || len(d.Audit) != 1+wins || len(d.Assessments) != wins {
			t.Fatalf("wins %d, version %d, audit %d, assessments %d", wins, d.Case.Version, len(d.Audit), len(d.Assessments))
		}
		for i, a := range d.Audit {
			if a.Seq != i+1 {
				t.Fatalf("audit seq %d at %d", a.Seq, i)
			}
		}
	})
}

func TestScopeHidesOtherMunicipalities(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := dbtest.Must(f.sv.OpenCase(ctx, f.nurse, f.citizen.ID, "home_care"))(t)
		odense := workflow.Actor{UserID: "u-odense", Role: workflow.RoleNurse, Municipality: 461}
		if _, err := f.sv.End(ctx, odense, c.ID, "duplicate", ""); workflow.KindOf(err) != workflow.KindNotFound {
			t.Fatalf("other municipality's nurse changed the case: %v", err)
		}
		if _, err := db.CaseDetail(ctx, odense, c.ID, "test", f.now); workflow.KindOf(err) != workflow.KindNotFound {
			t.Fatalf("other municipality's nurse read the case: %v", err)
		}
		if _, err := db.FindCitizenByCPR(ctx, odense, "010145-1236", f.now); workflow.KindOf(err) != workflow.KindNotFound {
			t.Fatalf("other municipality's nurse found the citizen: %v", err)
		}
		steering := workflow.Actor{UserID: "u-steer", Role: workflow.RoleSteering}
		if _, err := db.CaseDetail(ctx, steering, c.ID, "test", f.now); workflow.KindOf(err) != workflow.KindNotFound {
			t.Fatalf("steering group read a case: %v", err)
		}
		if _, err := f.sv.OpenCase(ctx, f.nurse, f.citizen.ID, "home_care"); workflow.KindOf(err) != workflow.KindInvalid {
			t.Fatalf("second open case for a citizen: %v", err)
		}
	})
}

func TestWithdrawalEndsAndKeepsHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		f.tick(24 * time.Hour)
		c = dbtest.Must(f.sv.WithdrawConsent(ctx, f.nurse, c.ID, "ønsker selv at dosere"))(t)
		if c.State != workflow.StateEnded || c.StateReason != "consent_withdrawn" {
			t.Fatalf("want ended by withdrawal, got %s %s", c.State, c.StateReason)
		}
		periods := dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t)
		if len(periods) == 0 {
			t.Fatal("an active case had no roll periods")
		}
		for _, p := range periods {
			if !p.Deadline.Before(calendar.Today(f.now)) && p.Status != workflow.PeriodNotDispensed {
				t.Errorf("period %d (deadline %s) is %s after the case ended; want not dispensed", p.Seq, p.Deadline, p.Status)
			}
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.nurse, c.ID, "test", f.now))(t)
		if len(d.Consents) != 1 || d.Consents[0].WithdrawnAt == nil || d.Consents[0].Method != workflow.MethodWritten {
			t.Fatalf("consent history: %+v", d.Consents)
		}
	})
}

// awaitingGP opens an eligible, consented case for the fixture's citizen
// and sends it to the GP.
func (f *fixture) awaitingGP(t *testing.T) workflow.Case {
	t.Helper()
	ctx := context.Background()
	c := dbtest.Must(f.sv.OpenCase(ctx, f.nurse, f.citizen.ID, "home_care"))(t)
	dbtest.Must(func() (workflow.Case, error) {
		_, c, err := f.sv.Assess(ctx, f.nurse, c.ID, eligibility.Default(), eligibleFacts(), "")
		return c, err
	}())(t)
	dbtest.Must(f.sv.RecordConsent(ctx, f.nurse, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
		Method: workflow.MethodOral, GivenOn: calendar.DayOf(f.now)}, ""))(t)
	return dbtest.Must(f.sv.RequestGP(ctx, f.nurse, c.ID, ""))(t)
}

func TestPrescriptionLimitedToTwoYears(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.awaitingGP(t)
		_, err := f.sv.RecordGPDecision(ctx, f.nurse, c.ID, workflow.GPDecision{Approved: true, PrescriptionExpires: calendar.Today(f.now).AddMonths(25)})
		if workflow.KindOf(err) != workflow.KindInvalid {
			t.Fatalf("want invalid for a 25-month prescription, got %v", err)
		}
	})
}

// TestPrescriptionFromLeapDay: an approval on 29-02-2028 (at 00:30 and at
// 23:30 Danish time) lasts 2 years to 28-02-2030, not 01-03-2030, and the
// limit for a given expiry is the same day.
func TestPrescriptionFromLeapDay(t *testing.T) {
	for _, at := range []time.Time{
		time.Date(2028, 2, 28, 23, 30, 0, 0, time.UTC), // 00:30 on 29-02-2028 in Denmark
		time.Date(2028, 2, 29, 22, 30, 0, 0, time.UTC), // 23:30 on 29-02-2028
	} {
		t.Run(at.Format("15:04Z"), func(t *testing.T) { leapDayApproval(t, at) })
	}
}

func leapDayApproval(t *testing.T, at time.Time) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.awaitingGP(t)
		f.now = at
		_, err := f.sv.RecordGPDecision(ctx, f.nurse, c.ID, workflow.GPDecision{Approved: true,
			PrescriptionExpires: calendar.NewDate(2030, 3, 1)})
		if workflow.KindOf(err) != workflow.KindInvalid || !strings.Contains(err.Error(), "28-02-2030") {
			t.Fatalf("an expiry of 01-03-2030 is past 2 years from 29-02-2028: %v", err)
		}
		dbtest.Must(f.sv.RecordGPDecision(ctx, f.nurse, c.ID, workflow.GPDecision{Approved: true}))(t)
		d := dbtest.Must(db.CaseDetail(ctx, f.admin, c.ID, "test", f.now))(t)
		if got := d.GPRequests[0].PrescriptionExpires; got != calendar.NewDate(2030, 2, 28) {
			t.Errorf("approved %v: expires %v, want 28-02-2030", at, got)
		}
	})
}
