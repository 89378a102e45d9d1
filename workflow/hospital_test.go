package workflow_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

func TestHospitalAdmissionDischargeIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		f.now = dkTime(t, 2026, 3, 20, 9, 0)
		admitted := dkTime(t, 2026, 3, 16, 18, 30) // imported late: the pause starts at the admission
		out := dbtest.Must(f.sv.RecordHospitalNotification(ctx, f.nurse, c.ID, workflow.HospitalAdmission, admitted, "AAUH", "msg-1"))(t)
		if out.Duplicate || out.Action != "paused" || out.Case.State != workflow.StatePaused || out.Case.StateReason != "hospital_admission" {
			t.Fatalf("admission: %+v", out)
		}
		paused := []string{"05-03-2026 02-03-2026 planned", "19-03-2026 16-03-2026 not_dispensed",
			"02-04-2026 30-03-2026 not_dispensed", "16-04-2026 13-04-2026 not_dispensed"}
		wantPeriods(t, dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t), paused...)

		// The same message again changes nothing.
		f.tick(1)
		again := dbtest.Must(f.sv.RecordHospitalNotification(ctx, f.nurse, c.ID, workflow.HospitalAdmission, admitted, "AAUH", "msg-1"))(t)
		if !again.Duplicate {
			t.Fatalf("re-import not reported as duplicate: %+v", again)
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.nurse, c.ID, "test", f.now))(t)
		if d.Case.Version != out.Case.Version {
			t.Fatalf("re-import changed the case: version %d, want %d", d.Case.Version, out.Case.Version)
		}
		wantPeriods(t, dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t), paused...)

		leave := dbtest.Must(f.sv.RecordHospitalNotification(ctx, f.nurse, c.ID, workflow.HospitalLeave, f.now, "AAUH", "msg-2"))(t)
		if leave.Action != "recorded" || leave.Case.State != workflow.StatePaused {
			t.Fatalf("leave: %+v", leave)
		}
		f.now = dkTime(t, 2026, 3, 30, 11, 0)
		dis := dbtest.Must(f.sv.RecordHospitalNotification(ctx, f.nurse, c.ID, workflow.HospitalDischarge, f.now, "AAUH", "msg-3"))(t)
		if dis.Action != "resumed" || dis.Case.State != workflow.StateActive || dis.Urgent == nil ||
			dis.Urgent.Reason != workflow.UrgentReasonHospitalDischarge || !dis.Urgent.NeededBy.Equal(f.now) ||
			!strings.Contains(dis.Urgent.Note, "02-04-2026 (uge 14)") {
			t.Fatalf("discharge: %+v %+v", dis, dis.Urgent)
		}
		ps := dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t)
		if ps[1].Status != workflow.PeriodNotDispensed || ps[2].Status != workflow.PeriodPlanned || len(ps) != 6 {
			t.Fatalf("after discharge: %q", periodSummary(ps))
		}
		ns := dbtest.Must(db.CaseHospitalNotifications(ctx, f.nurse, c.ID))(t)
		if len(ns) != 3 || ns[0].MessageID != "msg-1" || ns[0].Source != "import" || !ns[0].At.Equal(admitted) {
			t.Fatalf("stored notifications: %+v", ns)
		}
		// A discharge for a case that was not paused by an admission is recorded only.
		by := dbtest.Must(f.sv.RecordHospitalNotification(ctx, f.nurse, c.ID, workflow.HospitalDischarge, f.now, "", ""))(t)
		if by.Action != "recorded" || by.Urgent != nil || by.Case.State != workflow.StateActive {
			t.Fatalf("discharge of an active case: %+v", by)
		}
	})
}

// TestHospitalImportAllOrNothing: a bad notice anywhere writes nothing.
func TestHospitalImportAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		f.now = dkTime(t, 2026, 3, 20, 9, 0)
		good := workflow.HospitalNotice{CaseID: c.ID, Kind: workflow.HospitalAdmission, At: f.now, MessageID: "m1", Line: 2}
		for name, bad := range map[string]workflow.HospitalNotice{
			"unknown case": {CaseID: "NOPE", Kind: workflow.HospitalLeave, At: f.now, MessageID: "m2", Line: 3},
			"bad kind":     {CaseID: c.ID, Kind: "transfer", At: f.now, MessageID: "m2", Line: 3},
			"future":       {CaseID: c.ID, Kind: workflow.HospitalLeave, At: f.now.AddDate(0, 0, 2), MessageID: "m2", Line: 3},
		} {
			_, err := f.sv.ImportHospitalNotifications(ctx, f.nurse, []workflow.HospitalNotice{good, bad})
			var we *workflow.Error
			if err == nil || !strings.HasPrefix(err.Error(), "line 3: ") || !asWorkflowError(err, &we) ||
				!strings.HasPrefix(we.Message(i18n.Danish), "linje 3: ") {
				t.Errorf("%s: want an error naming line 3, got %v", name, err)
			}
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.nurse, c.ID, "test", f.now))(t)
		ns := dbtest.Must(db.CaseHospitalNotifications(ctx, f.nurse, c.ID))(t)
		if d.Case.State != workflow.StateActive || len(ns) != 0 {
			t.Fatalf("a failed import wrote something: state %s, %d notifications", d.Case.State, len(ns))
		}
		wantPeriods(t, dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t),
			startPeriods...)
	})
}

func asWorkflowError(err error, target **workflow.Error) bool {
	e, ok := err.(*workflow.Error)
	if ok {
		*target = e
	}
	return ok
}
