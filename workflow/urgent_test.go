package workflow_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

func TestDecideUrgentEveryStatusAndStep(t *testing.T) {
	legal := map[workflow.UrgentStatus]map[workflow.UrgentStep]workflow.UrgentStatus{
		workflow.UrgentRequested: {workflow.UrgentStepAccept: workflow.UrgentAccepted, workflow.UrgentStepReject: workflow.UrgentRejected,
			workflow.UrgentStepCancel: workflow.UrgentCancelled},
		workflow.UrgentAccepted: {workflow.UrgentStepPack: workflow.UrgentPacked, workflow.UrgentStepCancel: workflow.UrgentCancelled},
		workflow.UrgentPacked:   {workflow.UrgentStepDeliver: workflow.UrgentDelivered},
	}
	statuses := []workflow.UrgentStatus{workflow.UrgentRequested, workflow.UrgentAccepted, workflow.UrgentRejected,
		workflow.UrgentPacked, workflow.UrgentDelivered, workflow.UrgentCancelled}
	steps := []workflow.UrgentStep{workflow.UrgentStepAccept, workflow.UrgentStepReject, workflow.UrgentStepPack,
		workflow.UrgentStepDeliver, workflow.UrgentStepCancel}
	admin := workflow.System("test")
	for _, st := range statuses {
		for _, step := range steps {
			t.Run(string(st)+"/"+string(step), func(t *testing.T) {
				to, err := workflow.DecideUrgent(workflow.UrgentRoll{Status: st, PharmacyID: "p1", Municipality: 851}, admin, step)
				want, ok := legal[st][step]
				if ok {
					if err != nil || to != want {
						t.Fatalf("want %s, got %s, %v", want, to, err)
					}
					return
				}
				if workflow.KindOf(err) != workflow.KindInvalidTransition {
					t.Fatalf("want invalid transition, got %s, %v", to, err)
				}
				var we *workflow.Error
				if !asError(err, &we) || len(we.Unmet) != 1 || we.Unmet[0].Code != "urgent_status" || we.Message(i18n.Danish) == "" {
					t.Fatalf("the refusal must name the status it needs: %#v", err)
				}
			})
		}
	}
}

func TestDecideUrgentRoles(t *testing.T) {
	u := workflow.UrgentRoll{Status: workflow.UrgentRequested, PharmacyID: "p1", Municipality: 851}
	nurse := workflow.Actor{UserID: "n", Role: workflow.RoleNurse, Municipality: 851}
	cases := []struct {
		name string
		a    workflow.Actor
		step workflow.UrgentStep
		want workflow.Kind
	}{
		{"own pharmacy accepts", workflow.Actor{Role: workflow.RolePharmacy, PharmacyID: "p1"}, workflow.UrgentStepAccept, -1},
		{"other pharmacy accepts", workflow.Actor{Role: workflow.RolePharmacy, PharmacyID: "p2"}, workflow.UrgentStepAccept, workflow.KindForbidden},
		{"nurse accepts", nurse, workflow.UrgentStepAccept, workflow.KindForbidden},
		{"lead rejects", workflow.Actor{Role: workflow.RoleLead, Municipality: 851}, workflow.UrgentStepReject, workflow.KindForbidden},
		{"nurse cancels", nurse, workflow.UrgentStepCancel, -1},
		{"nurse of another municipality cancels", workflow.Actor{Role: workflow.RoleNurse, Municipality: 101}, workflow.UrgentStepCancel, workflow.KindForbidden},
		{"pharmacy cancels", workflow.Actor{Role: workflow.RolePharmacy, PharmacyID: "p1"}, workflow.UrgentStepCancel, workflow.KindForbidden},
		{"steering cancels", workflow.Actor{Role: workflow.RoleSteering}, workflow.UrgentStepCancel, workflow.KindForbidden},
		{"admin accepts", workflow.System("x"), workflow.UrgentStepAccept, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := workflow.DecideUrgent(u, c.a, c.step)
			if c.want == -1 {
				if err != nil {
					t.Fatalf("want allowed, got %v", err)
				}
				return
			}
			if workflow.KindOf(err) != c.want {
				t.Fatalf("want %s, got %v", c.want, err)
			}
		})
	}
}

func TestUrgentRollLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		pharm := workflow.Actor{UserID: "u-pharm", Role: workflow.RolePharmacy, PharmacyID: f.pharm.ID}
		u := dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, workflow.UrgentRequest{CaseID: c.ID,
			Reason: workflow.UrgentReasonMedicationChange, NeededBy: f.now.Add(48 * time.Hour), Note: "ny dosis"}))(t)
		if u.Status != workflow.UrgentRequested || u.Version != 1 || u.PharmacyID != f.pharm.ID || u.Municipality != 851 {
			t.Fatalf("request: %+v", u)
		}
		steps := []struct {
			do   func() (workflow.UrgentRoll, error)
			want workflow.UrgentStatus
		}{
			{func() (workflow.UrgentRoll, error) { return f.sv.AcceptUrgentRoll(ctx, pharm, u.ID, "") }, workflow.UrgentAccepted},
			{func() (workflow.UrgentRoll, error) { return f.sv.MarkUrgentPacked(ctx, pharm, u.ID, "") }, workflow.UrgentPacked},
			{func() (workflow.UrgentRoll, error) { return f.sv.MarkUrgentDelivered(ctx, pharm, u.ID, "bud") }, workflow.UrgentDelivered},
		}
		for i, s := range steps {
			f.tick(time.Hour)
			got, err := s.do()
			if err != nil || got.Status != s.want || got.Version != i+2 {
				t.Fatalf("step %d: want %s at version %d, got %+v, %v", i, s.want, i+2, got, err)
			}
			u = got
		}
		if u.AcceptedAt == nil || u.PackedAt == nil || u.DeliveredAt == nil || !u.DeliveredAt.After(*u.AcceptedAt) {
			t.Errorf("step times not recorded: %+v", u)
		}
		// Every step after delivery is refused, and cancel too.
		for _, step := range []func() (workflow.UrgentRoll, error){
			func() (workflow.UrgentRoll, error) { return f.sv.AcceptUrgentRoll(ctx, pharm, u.ID, "") },
			func() (workflow.UrgentRoll, error) { return f.sv.RejectUrgentRoll(ctx, pharm, u.ID, "for sent") },
			func() (workflow.UrgentRoll, error) { return f.sv.MarkUrgentPacked(ctx, pharm, u.ID, "") },
			func() (workflow.UrgentRoll, error) { return f.sv.MarkUrgentDelivered(ctx, pharm, u.ID, "") },
			func() (workflow.UrgentRoll, error) { return f.sv.CancelUrgentRoll(ctx, f.nurse, u.ID, "") },
		} {
			if _, err := step(); workflow.KindOf(err) != workflow.KindInvalidTransition {
				t.Errorf("want invalid transition after delivery, got %v", err)
			}
		}
		events := dbtest.Must(db.UrgentEvents(ctx, f.nurse, u.ID))(t)
		want := []workflow.UrgentStatus{workflow.UrgentRequested, workflow.UrgentAccepted, workflow.UrgentPacked, workflow.UrgentDelivered}
		if len(events) != len(want) {
			t.Fatalf("want %d events, got %+v", len(want), events)
		}
		for i, e := range events {
			if e.Seq != i+1 || e.To != want[i] || (i > 0 && e.From != want[i-1]) {
				t.Errorf("event %d: %+v", i, e)
			}
		}
		if events[0].Actor != "u-nurse" || events[1].Actor != "u-pharm" || events[1].ActorRole != workflow.RolePharmacy {
			t.Errorf("events lack actors: %+v", events)
		}

		// Reject and cancel paths.
		u2 := dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, workflow.UrgentRequest{CaseID: c.ID,
			Reason: workflow.UrgentReasonLostOrDamaged, NeededBy: f.now.Add(24 * time.Hour)}))(t)
		if _, err := f.sv.RejectUrgentRoll(ctx, pharm, u2.ID, " "); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("a rejection without reason must be invalid, got %v", err)
		}
		u2 = dbtest.Must(f.sv.RejectUrgentRoll(ctx, pharm, u2.ID, "medicin udgået"))(t)
		if u2.Status != workflow.UrgentRejected || u2.RejectReason != "medicin udgået" || u2.RejectedAt == nil {
			t.Errorf("reject: %+v", u2)
		}
		f.tick(time.Minute)
		u3 := dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, workflow.UrgentRequest{CaseID: c.ID,
			Reason: workflow.UrgentReasonHospitalDischarge, NeededBy: f.now.Add(24 * time.Hour)}))(t)
		_ = dbtest.Must(f.sv.AcceptUrgentRoll(ctx, pharm, u3.ID, ""))(t)
		u3 = dbtest.Must(f.sv.CancelUrgentRoll(ctx, f.nurse, u3.ID, "udskrevet senere"))(t)
		if u3.Status != workflow.UrgentCancelled || u3.CancelledAt == nil {
			t.Errorf("cancel: %+v", u3)
		}
		rolls := dbtest.Must(db.CaseUrgentRolls(ctx, f.nurse, c.ID, f.now))(t)
		if len(rolls) != 3 || rolls[0].ID != u3.ID || rolls[0].CitizenName != "Karen Jensen" {
			t.Errorf("case urgent rolls: %+v", rolls)
		}
	})
}

func TestUrgentRollRequestGuardsAndScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		req := func(reason string) workflow.UrgentRequest {
			return workflow.UrgentRequest{CaseID: c.ID, Reason: reason, NeededBy: f.now.Add(24 * time.Hour)}
		}
		otherNurse := workflow.Actor{UserID: "u-cph", Role: workflow.RoleNurse, Municipality: 101}
		pharm := workflow.Actor{UserID: "u-pharm", Role: workflow.RolePharmacy, PharmacyID: f.pharm.ID}
		other := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Andet Apotek", Municipality: 851}, f.now))(t)
		otherPharm := workflow.Actor{UserID: "u-other", Role: workflow.RolePharmacy, PharmacyID: other.ID}
		cases := []struct {
			name string
			a    workflow.Actor
			r    workflow.UrgentRequest
			want workflow.Kind
		}{
			{"pharmacy may not request", pharm, req(workflow.UrgentReasonStart), workflow.KindForbidden},
			{"steering may not request", workflow.Actor{Role: workflow.RoleSteering}, req(workflow.UrgentReasonStart), workflow.KindForbidden},
			{"unknown reason", f.nurse, req("because"), workflow.KindInvalid},
			{"needed-by missing", f.nurse, workflow.UrgentRequest{CaseID: c.ID, Reason: workflow.UrgentReasonStart}, workflow.KindInvalid},
			{"needed-by passed", f.nurse, workflow.UrgentRequest{CaseID: c.ID, Reason: workflow.UrgentReasonStart, NeededBy: f.now.Add(-time.Hour)}, workflow.KindInvalid},
			{"other municipality sees no case", otherNurse, req(workflow.UrgentReasonStart), workflow.KindNotFound},
		}
		for _, tc := range cases {
			if _, err := f.sv.RequestUrgentRoll(ctx, tc.a, tc.r); workflow.KindOf(err) != tc.want {
				t.Errorf("%s: want %s, got %v", tc.name, tc.want, err)
			}
		}
		u := dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, req(workflow.UrgentReasonMedicationChange)))(t)
		if _, err := f.sv.AcceptUrgentRoll(ctx, otherPharm, u.ID, ""); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("another pharmacy must not see the roll, got %v", err)
		}
		if _, err := f.sv.AcceptUrgentRoll(ctx, f.nurse, u.ID, ""); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse may not accept, got %v", err)
		}
		if _, err := f.sv.CancelUrgentRoll(ctx, pharm, u.ID, ""); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("the pharmacy may not cancel, got %v", err)
		}
		if _, err := f.sv.CancelUrgentRoll(ctx, otherNurse, u.ID, ""); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("another municipality must not see the roll, got %v", err)
		}
		queue := func(a workflow.Actor, pharmacy string) int {
			return len(dbtest.Must(db.UrgentQueue(ctx, a, pharmacy, f.now))(t))
		}
		if queue(pharm, "") != 1 || queue(otherPharm, "") != 0 || queue(otherPharm, f.pharm.ID) != 0 ||
			queue(f.nurse, f.pharm.ID) != 1 || queue(otherNurse, "") != 0 {
			t.Errorf("queue scope: own %d, other pharmacy %d, nurse %d, other nurse %d",
				queue(pharm, ""), queue(otherPharm, ""), queue(f.nurse, ""), queue(otherNurse, ""))
		}

		// Paused cases may get urgent rolls; ended ones may not.
		f.tick(time.Hour)
		_ = dbtest.Must(f.sv.Pause(ctx, f.nurse, c.ID, "hospital_admission", ""))(t)
		_ = dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, req(workflow.UrgentReasonHospitalDischarge)))(t)
		_ = dbtest.Must(f.sv.End(ctx, f.nurse, c.ID, "moved", ""))(t)
		_, err := f.sv.RequestUrgentRoll(ctx, f.nurse, req(workflow.UrgentReasonMedicationChange))
		var we *workflow.Error
		if !asError(err, &we) || we.Kind != workflow.KindInvalidTransition || we.Unmet[0].Code != "urgent_case_state" {
			t.Errorf("an ended case must refuse urgent rolls naming the state, got %v", err)
		}
	})
}

func TestUrgentRollOnApprovedCaseOnlyForStart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		// A second citizen's case stops at approved, without a pharmacy.
		_ = c
		cit, _, err := db.AddCitizen(ctx, f.nurse, data.NewCitizen{CPR: "020250-1234", Name: "Jens Hansen",
			Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		f.citizen = cit
		ap := f.approvedCase(t)
		req := workflow.UrgentRequest{CaseID: ap.ID, Reason: workflow.UrgentReasonStart, NeededBy: f.now.Add(24 * time.Hour)}
		_, err = f.sv.RequestUrgentRoll(ctx, f.nurse, req)
		var we *workflow.Error
		if !asError(err, &we) || we.Kind != workflow.KindInvalidTransition || !hasGuard(we, "has_pharmacy") {
			t.Fatalf("an approved case without a pharmacy must refuse naming has_pharmacy, got %v", err)
		}
		ap = f.withPharmacy(t, ap)
		req.Reason = workflow.UrgentReasonMedicationChange
		if _, err := f.sv.RequestUrgentRoll(ctx, f.nurse, req); !asError(err, &we) || !hasGuard(we, "urgent_case_state") {
			t.Errorf("an approved case takes only start rolls, got %v", err)
		}
		req.Reason = workflow.UrgentReasonStart
		_ = dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, req))(t)
	})
}

func TestUrgentRollConcurrentStepConflicts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		u := dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, workflow.UrgentRequest{CaseID: c.ID,
			Reason: workflow.UrgentReasonMedicationChange, NeededBy: f.now.Add(24 * time.Hour)}))(t)
		stale := u
		_ = dbtest.Must(f.sv.AcceptUrgentRoll(ctx, f.admin, u.ID, ""))(t)
		err := db.Transact(ctx, func(ctx context.Context, tx workflow.Tx) error {
			stale.Status = workflow.UrgentCancelled
			return tx.UpdateUrgentRoll(ctx, stale)
		})
		if workflow.KindOf(err) != workflow.KindConflict {
			t.Errorf("a step on a stale version must conflict, got %v", err)
		}
		err = db.Transact(ctx, func(ctx context.Context, tx workflow.Tx) error {
			return tx.InsertUrgentEvent(ctx, workflow.UrgentEvent{UrgentRollID: u.ID, Seq: 2, At: f.now,
				Actor: "x", ActorRole: workflow.RoleAdmin, From: workflow.UrgentRequested, To: workflow.UrgentCancelled})
		})
		if workflow.KindOf(err) != workflow.KindConflict {
			t.Errorf("a duplicate event seq must conflict, got %v", err)
		}
		got := dbtest.Must(db.CaseUrgentRolls(ctx, f.admin, c.ID, f.now))(t)
		if got[0].Status != workflow.UrgentAccepted || got[0].Version != 2 {
			t.Errorf("the conflicting step must change nothing: %+v", got[0])
		}
	})
}

func hasGuard(e *workflow.Error, code string) bool {
	return slices.ContainsFunc(e.Unmet, func(g workflow.Guard) bool { return g.Code == code })
}
