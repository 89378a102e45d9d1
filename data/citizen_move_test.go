package data_test

import (
	"context"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestCitizenMove: København's nurse finds that Aalborg's citizen is
// registered there, and moves her in by CPR number. The citizen and the
// open case move with an audit row; the coming periods, the unchecked
// delivery and the open urgent roll follow, so København's worklist holds
// them and Aalborg's no longer does; Aalborg keeps its closed case and the
// periods from before the move.
func TestCitizenMove(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		kbh := workflow.Actor{UserID: "u-kbh", Role: workflow.RoleNurse, Municipality: 101}
		act := f.cases["active"]
		const cprActive = "060690-1238"
		// A closed case from before, which stays Aalborg's history.
		exec := func(q string, args ...any) {
			if _, err := db.Bun().ExecContext(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		exec(`INSERT INTO cases (id, citizen_id, municipality_code, state, version, source, state_reason, opened_at, updated_at, closed_at)
			VALUES ('old-case', ?, 851, 'ended', 2, 'home_care', 'other', ?, ?, ?)`, act.CitizenID, f.now.AddDate(-2, 0, 0), f.now.AddDate(-1, 0, 0), f.now.AddDate(-1, 0, 0))
		exec(`INSERT INTO roll_periods (case_id, pharmacy_id, municipality_code, seq, start_date, end_date, deadline, packing_date, expected_delivery, length_days, status)
			VALUES (?, ?, 851, 0, ?, ?, ?, ?, ?, 14, 'received')`, act.ID, f.p.ID, calendar.NewDate(2026, 2, 13), calendar.NewDate(2026, 2, 26),
			calendar.NewDate(2026, 2, 10), calendar.NewDate(2026, 2, 11), calendar.NewDate(2026, 2, 12))

		if code, ok, err := db.CitizenElsewhere(ctx, kbh, cprActive, f.now); err != nil || !ok || code != 851 {
			t.Fatalf("CitizenElsewhere = %d, %v, %v; want 851", code, ok, err)
		}
		if _, ok, _ := db.CitizenElsewhere(ctx, f.nurse, cprActive, f.now); ok {
			t.Error("CitizenElsewhere must say nothing for the citizen's own municipality")
		}
		for _, bad := range []struct {
			name string
			a    workflow.Actor
			in   data.CitizenMove
			kind workflow.Kind
		}{
			{"into another municipality", f.nurse, data.CitizenMove{CPR: cprActive, To: 101}, workflow.KindForbidden},
			{"in the future", kbh, data.CitizenMove{CPR: cprActive, To: 101, MovedOn: calendar.NewDate(2026, 3, 20)}, workflow.KindInvalid},
			{"to where she lives", workflow.System("t"), data.CitizenMove{CPR: cprActive, To: 851}, workflow.KindInvalid},
			{"unknown municipality", workflow.System("t"), data.CitizenMove{CPR: cprActive, To: 999}, workflow.KindInvalid},
			{"unknown CPR", kbh, data.CitizenMove{CPR: "010203-1234", To: 101}, workflow.KindNotFound},
		} {
			if _, err := db.MoveCitizen(ctx, bad.a, bad.in, f.now); workflow.KindOf(err) != bad.kind {
				t.Errorf("%s: want %v, got %v", bad.name, bad.kind, err)
			}
		}

		before := dbtest.Must(db.Worklist(ctx, f.nurse, f.now, workflow.DefaultSettings()))(t)
		res, err := db.MoveCitizen(ctx, kbh, data.CitizenMove{CPR: cprActive, To: 101, MovedOn: calendar.NewDate(2026, 3, 9), Note: "flyttet til søster"}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		// Periods 2 and 3 start after the move, period 1 is delivered and
		// unchecked; period 0 was received before it. The open urgent roll
		// moves; the delivered one requested before the move stays.
		if res.From != 851 || res.CaseID != act.ID || res.Periods != 3 || res.UrgentRolls != 1 {
			t.Errorf("move result %+v", res)
		}
		if _, err := db.Citizen(ctx, f.nurse, act.CitizenID, "test", f.now); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("Aalborg must no longer see the citizen: %v", err)
		}
		if _, err := db.CaseDetail(ctx, f.nurse, act.ID, "test", f.now); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("Aalborg must no longer see the moved case: %v", err)
		}
		if _, err := db.CaseDetail(ctx, f.nurse, "old-case", "test", f.now); err != nil {
			t.Errorf("Aalborg keeps its closed case: %v", err)
		}
		d := dbtest.Must(db.CaseDetail(ctx, kbh, act.ID, "test", f.now))(t)
		if d.Case.Municipality != 101 || d.Citizen.Municipality != 101 {
			t.Errorf("moved case %+v, citizen %+v", d.Case, d.Citizen)
		}
		if last := d.Audit[len(d.Audit)-1]; last.Event != workflow.EventCitizenMove || last.Actor != "u-kbh" || last.Note != "flyttet til søster" {
			t.Errorf("last audit row %+v", last)
		}
		var codes []int
		if err := db.Bun().NewSelect().Table("roll_periods").Column("municipality_code").Where("case_id = ?", act.ID).Order("seq").Scan(ctx, &codes); err != nil {
			t.Fatal(err)
		}
		if want := []int{851, 101, 101, 101}; len(codes) != 4 || codes[0] != want[0] || codes[1] != want[1] || codes[3] != want[3] {
			t.Errorf("period municipalities %v, want %v", codes, want)
		}
		kinds := func(a workflow.Actor) map[workflow.WorkKind]int {
			out := map[workflow.WorkKind]int{}
			for _, it := range dbtest.Must(db.Worklist(ctx, a, f.now, workflow.DefaultSettings()))(t).Items {
				if it.CaseID == act.ID {
					out[it.Kind]++
				}
			}
			return out
		}
		if k := kinds(kbh); k[workflow.WorkDeliveryToCheck] != 1 || k[workflow.WorkUrgentLatePromise] != 1 || k[workflow.WorkChangeMissesDeadline] != 1 {
			t.Errorf("København's worklist for the moved case: %v", k)
		}
		if k := kinds(f.nurse); len(k) != 0 {
			t.Errorf("Aalborg's worklist still holds the moved case: %v (before: %d items)", k, len(before.Items))
		}
		moves := dbtest.Must(db.CitizenMoves(ctx, act.CitizenID))(t)
		if len(moves) != 1 || moves[0].From != 851 || moves[0].To != 101 || moves[0].MovedOn != calendar.NewDate(2026, 3, 9) {
			t.Errorf("moves %+v", moves)
		}
		// A move back may not be dated before this one.
		if _, err := db.MoveCitizen(ctx, workflow.System("t"), data.CitizenMove{CitizenID: act.CitizenID, To: 851,
			MovedOn: calendar.NewDate(2026, 3, 1)}, f.now); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("a move dated before the last one: want invalid, got %v", err)
		}
	})
}
