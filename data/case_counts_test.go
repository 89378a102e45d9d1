package data_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

func TestCaseStateCounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		cases := []struct {
			name string
			a    workflow.Actor
			want map[workflow.State]int
		}{
			{"nurse 851", f.nurse, map[workflow.State]int{workflow.StateAwaitingConsent: 1, workflow.StateAwaitingGP: 1,
				workflow.StateApproved: 1, workflow.StateActive: 1}},
			{"lead 851", f.lead, map[workflow.State]int{workflow.StateAwaitingConsent: 1, workflow.StateAwaitingGP: 1,
				workflow.StateApproved: 1, workflow.StateActive: 1}},
			{"nurse 101", workflow.Actor{Role: workflow.RoleNurse, Municipality: 101},
				map[workflow.State]int{workflow.StateAwaitingConsent: 1}},
			{"nurse 147", workflow.Actor{Role: workflow.RoleNurse, Municipality: 147}, map[workflow.State]int{}},
			{"system", workflow.System("test"), map[workflow.State]int{workflow.StateAwaitingConsent: 2,
				workflow.StateAwaitingGP: 1, workflow.StateApproved: 1, workflow.StateActive: 1}},
		}
		for _, c := range cases {
			got := dbtest.Must(db.CaseStateCounts(ctx, c.a))(t)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: counts %v, want %v", c.name, got, c.want)
			}
			// The same as counting the case list, for every scope.
			list := dbtest.Must(db.ListCases(ctx, c.a, data.CaseFilter{}))(t)
			fromList := map[workflow.State]int{}
			for _, it := range list {
				fromList[it.Case.State]++
			}
			if !reflect.DeepEqual(got, fromList) {
				t.Errorf("%s: counts %v, case list %v", c.name, got, fromList)
			}
		}
	})
}

func TestWorklistTop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		st := workflow.DefaultSettings()
		for _, who := range []struct {
			name string
			a    workflow.Actor
		}{{"nurse", f.nurse}, {"lead", f.lead}, {"pharmacy", f.pharm}} {
			full := dbtest.Must(db.Worklist(ctx, who.a, f.now, st))(t)
			if len(full.Items) < 2 {
				t.Fatalf("%s: the fixture must give at least two items, got %d", who.name, len(full.Items))
			}
			for _, n := range []int{0, 1, 2, len(full.Items), len(full.Items) + 5} {
				w, total, err := db.WorklistTop(ctx, who.a, f.now, st, n)
				if err != nil {
					t.Fatalf("%s top %d: %v", who.name, n, err)
				}
				want := full.Items
				if n > 0 && n < len(want) {
					want = want[:n]
				}
				if total != len(full.Items) {
					t.Errorf("%s top %d: total %d, want %d", who.name, n, total, len(full.Items))
				}
				if !reflect.DeepEqual(w.Items, want) {
					t.Errorf("%s top %d:\n got %+v\nwant %+v", who.name, n, w.Items, want)
				}
			}
		}
	})
}
