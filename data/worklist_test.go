package data_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func TestWorklistContentsAndOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		type row struct {
			Kind workflow.WorkKind
			Case string
			Ref  string
		}
		cases := []struct {
			name  string
			a     workflow.Actor
			want  []row
			names bool
		}{
			// First the alert: the open urgent roll is promised after it is
			// needed. Then all overdue, so by due time: delivery expected
			// 24-02, consent target 03-03, first roll 04-03, GP follow-up
			// 06-03 (7 working days), urgent roll delivered 07-03, change
			// effective 08-03.
			{"nurse", f.nurse, []row{
				{workflow.WorkUrgentLatePromise, "active", f.urgentOverdue.ID},
				{workflow.WorkDeliveryToCheck, "active", ""},
				{workflow.WorkConsent, "consent", ""},
				{workflow.WorkFirstRollLate, "firstRoll", ""},
				{workflow.WorkGPOverdue, "gp", ""},
				{workflow.WorkUrgentToCheck, "active", f.urgentDelivered.ID},
				{workflow.WorkChangeMissesDeadline, "active", "mc-1"},
			}, true},
			{"pharmacy", f.pharm, []row{
				{workflow.WorkUrgentRequest, "active", f.urgentOverdue.ID},
				{workflow.WorkPeriodToPack, "active", ""},
			}, true},
			{"lead", f.lead, []row{
				{workflow.WorkFirstRollLate, "firstRoll", ""},
				{workflow.WorkGPOverdue, "gp", ""},
				{workflow.WorkUrgentOverdue, "active", f.urgentOverdue.ID},
			}, false},
		}
		ids := map[string]string{}
		for k, c := range f.cases {
			ids[c.ID] = k
		}
		for _, c := range cases {
			w := dbtest.Must(db.Worklist(ctx, c.a, f.now, workflow.DefaultSettings()))(t)
			var got []row
			for i, it := range w.Items {
				r := row{it.Kind, ids[it.CaseID], ""}
				if it.Kind == workflow.WorkChangeMissesDeadline || strings.HasPrefix(string(it.Kind), "urgent") {
					r.Ref = it.RefID
				}
				got = append(got, r)
				if (it.CitizenName != "") != c.names {
					t.Errorf("%s: item %d citizen name %q (names wanted: %v)", c.name, i, it.CitizenName, c.names)
				}
				if i > 0 && !w.Items[i-1].Alert && (w.Items[i-1].Urgency > it.Urgency || (w.Items[i-1].Urgency == it.Urgency && w.Items[i-1].Due.After(it.Due))) {
					t.Errorf("%s: item %d is out of order", c.name, i)
				}
				if it.LabelDA == "" || it.LabelEN == "" || it.Urgency != workflow.UrgencyAt(it.Due, f.now) {
					t.Errorf("%s: item %d lacks labels or urgency: %+v", c.name, i, it)
				}
				for _, cpr := range []string{"010145", "040470", "050580", "060690"} {
					if strings.Contains(it.LabelDA+it.LabelEN+it.CitizenName+it.RefID, cpr) {
						t.Errorf("%s: item %d carries a CPR number: %+v", c.name, i, it)
					}
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s worklist:\n got %v\nwant %v", c.name, got, c.want)
			}
		}
		// Another municipality's staff see none of it; the steering group has no worklist.
		other := workflow.Actor{Role: workflow.RoleNurse, Municipality: 101}
		w := dbtest.Must(db.Worklist(ctx, other, f.now, workflow.DefaultSettings()))(t)
		if len(w.Items) != 1 || w.Items[0].CaseID != f.cases["other"].ID || w.Items[0].Kind != workflow.WorkConsent {
			t.Errorf("municipality 101 must see only its own consent: %+v", w.Items)
		}
		if _, err := db.Worklist(ctx, workflow.Actor{Role: workflow.RoleSteering}, f.now, workflow.DefaultSettings()); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("steering: want forbidden, got %v", err)
		}
		q := dbtest.Must(db.UrgentQueue(ctx, f.pharm, f.p.ID, f.now))(t)
		if len(q) != 1 || !q[0].Overdue {
			t.Errorf("the pharmacy's queue must flag the overdue roll: %+v", q)
		}
	})
}

// TestPackingJobOverdueOnlyAfterItsDay: the pharmacy's period to pack on
// Thursday 12-03-2026 is due that day, not overdue at 01:00 Danish time
// on it, and overdue at 00:30 on the day after (winter, UTC+1).
func TestPackingJobOverdueOnlyAfterItsDay(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		for _, tc := range []struct {
			now  time.Time
			want workflow.Urgency
		}{
			{time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC), workflow.UrgencyToday},     // 01:00 on the packing day
			{time.Date(2026, 3, 12, 22, 30, 0, 0, time.UTC), workflow.UrgencyToday},   // 23:30
			{time.Date(2026, 3, 12, 23, 30, 0, 0, time.UTC), workflow.UrgencyOverdue}, // 00:30 the day after
		} {
			w := dbtest.Must(db.Worklist(ctx, f.pharm, tc.now, workflow.DefaultSettings()))(t)
			var found bool
			for _, it := range w.Items {
				if it.Kind != workflow.WorkPeriodToPack {
					continue
				}
				found = true
				if it.DueDay != calendar.NewDate(2026, 3, 12) || it.Urgency != tc.want || strings.Contains(it.LabelDA, ":00") {
					t.Errorf("at %v: %+v, want due on 12-03-2026 with urgency %v", tc.now, it, tc.want)
				}
			}
			if !found {
				t.Errorf("at %v: no period to pack in %+v", tc.now, w.Items)
			}
		}
	})
}

// TestMedicationChangeCarriesMunicipality: a recorded medication change
// carries its case's municipality (what the worklist's watched-changes
// source reads by, from its index), on both engines.
func TestMedicationChangeCarriesMunicipality(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		c := f.cases["active"]
		f.clock = f.now
		if _, err := f.sv.RecordMedicationChange(ctx, f.nurse, c.ID, workflow.ChangeInput{Description: "ny dosis",
			Effective: calendar.DayOf(f.now).AddDays(1)}); err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			CaseID       string `bun:"case_id"`
			Municipality *int   `bun:"municipality_code"`
		}
		if err := db.Bun().NewSelect().Table("medication_changes").Column("case_id", "municipality_code").Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		recorded := 0
		for _, r := range rows {
			if r.Municipality == nil || *r.Municipality != 851 {
				t.Errorf("change of case %s: municipality %v, want 851", r.CaseID, r.Municipality)
			}
			if r.CaseID == c.ID {
				recorded++
			}
		}
		if recorded < 3 { // the fixture's two and the one recorded here
			t.Errorf("%d changes of the active case, want 3", recorded)
		}
	})
}
