package data_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestSearchAccessLog: "who looked at this citizen?" — the access log
// searched by CPR number (with or without the hyphen), by user and by
// Danish day, paged; each search is itself logged, with the citizen
// searched for; other roles and bad CPR numbers are refused.
func TestSearchAccessLog(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		nina := workflow.Actor{UserID: "nina", Role: workflow.RoleNurse, Municipality: 851}
		lis := workflow.Actor{UserID: "lis", Role: workflow.RoleLead, Municipality: 851}
		admin := workflow.Actor{UserID: "ada", Role: workflow.RoleAdmin}
		karen, _, err := db.AddCitizen(ctx, nina, data.NewCitizen{CPR: "010145-1236", Name: "Karen", Municipality: 851}, t0)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.AddCitizen(ctx, nina, data.NewCitizen{CPR: "020250-1234", Name: "Bo", Municipality: 851}, t0); err != nil {
			t.Fatal(err)
		}
		// 30 November 2026 23:30 UTC is 1 December 00:30 in Denmark.
		late := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
		for _, l := range []struct {
			who workflow.Actor
			cpr string
			at  time.Time
		}{{nina, "0101451236", t0.Add(time.Hour)}, {lis, "010145-1236", late}, {lis, "020250-1234", late}} {
			dbtest.Must(db.FindCitizenByCPR(ctx, l.who, l.cpr, l.at))(t)
		}
		dec1 := calendar.NewDate(2026, time.December, 1)
		for _, c := range []struct {
			name string
			f    data.AccessFilter
			want []string // actor/what, newest first
		}{
			{"by CPR", data.AccessFilter{CPR: "0101451236"}, []string{"lis/citizen.lookup", "nina/citizen.lookup", "nina/citizen.add"}},
			{"by CPR and user", data.AccessFilter{CPR: "010145-1236", Actor: "nina"}, []string{"nina/citizen.lookup", "nina/citizen.add"}},
			{"by Danish day", data.AccessFilter{CPR: "010145-1236", From: dec1, To: dec1}, []string{"lis/citizen.lookup"}},
			{"up to the day before", data.AccessFilter{Actor: "lis", To: dec1.AddDays(-1)}, nil},
			{"a CPR number no citizen has", data.AccessFilter{CPR: "111111-1118"}, nil},
		} {
			got := dbtest.Must(db.SearchAccessLog(ctx, admin, c.f, false, t0))(t)
			var names []string
			for _, e := range got {
				if e.CPR != "" && len(e.CPR) != 11 || e.CPR != "" && e.CPR[7:] != "XXXX" {
					t.Errorf("%s: the CPR number is not masked: %q", c.name, e.CPR)
				}
				if e.What != "access.search" && e.What != "access.search.miss" {
					names = append(names, e.Actor+"/"+e.What)
				}
			}
			if len(names) != len(c.want) {
				t.Errorf("%s: %v, want %v", c.name, names, c.want)
				continue
			}
			for i := range names {
				if names[i] != c.want[i] {
					t.Errorf("%s: %v, want %v", c.name, names, c.want)
					break
				}
			}
		}
		// The searches are in the log: the four by Karen's CPR name her.
		searches := dbtest.Must(db.AccessLog(ctx, admin, data.AccessFilter{Actor: "ada", CitizenID: karen.ID}))(t)
		if len(searches) != 3 {
			t.Errorf("logged searches naming Karen: %d, want 3: %+v", len(searches), searches)
		}
		miss := dbtest.Must(db.AccessLog(ctx, admin, data.AccessFilter{Actor: "ada"}))(t)
		if len(miss) == 0 || miss[0].What != "access.search.miss" || miss[0].CitizenID != "" {
			t.Errorf("the last search (no such citizen) logged as %+v", miss[0])
		}

		// Paging: two at a time, the second page older than the first.
		page1 := dbtest.Must(db.SearchAccessLog(ctx, admin, data.AccessFilter{Actor: "nina", Limit: 2}, false, t0))(t)
		page2 := dbtest.Must(db.SearchAccessLog(ctx, admin, data.AccessFilter{Actor: "nina", Limit: 2, Before: page1[1].ID}, false, t0))(t)
		if len(page1) != 2 || len(page2) != 1 || page2[0].ID >= page1[1].ID {
			t.Errorf("pages %+v then %+v", page1, page2)
		}
		export := dbtest.Must(db.SearchAccessLog(ctx, admin, data.AccessFilter{Actor: "nina", Before: page1[0].ID}, true, t0))(t)
		if len(export) != 3 {
			t.Errorf("the export holds %d rows, want all 3 (paging ignored)", len(export))
		}

		n := count(t, db, "access_log")
		if _, err := db.SearchAccessLog(ctx, nina, data.AccessFilter{}, false, t0); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse searched the access log: %v", err)
		}
		if _, err := db.SearchAccessLog(ctx, admin, data.AccessFilter{CPR: "12345"}, false, t0); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("a bad CPR number: %v", err)
		}
		if got := count(t, db, "access_log"); got != n {
			t.Errorf("refused searches wrote %d access-log rows", got-n)
		}
	})
}

func count(t *testing.T, db *data.DB, table string) int64 {
	t.Helper()
	n, err := db.Bun().NewSelect().Table(table).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAccessLogPagesBothWays: 7 entries in pages of 3, turned back with
// Before and forward again with After, give the same pages newest first;
// turning a page is not logged as a new search.
func TestAccessLogPagesBothWays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		nina := workflow.Actor{UserID: "nina", Role: workflow.RoleNurse, Municipality: 851}
		admin := workflow.Actor{UserID: "ada", Role: workflow.RoleAdmin}
		if _, _, err := db.AddCitizen(ctx, nina, data.NewCitizen{CPR: "010145-1236", Name: "Karen", Municipality: 851}, t0); err != nil {
			t.Fatal(err)
		}
		for i := range 6 {
			dbtest.Must(db.FindCitizenByCPR(ctx, nina, "010145-1236", t0.Add(time.Duration(i+1)*time.Minute)))(t)
		}
		ids := func(es []data.AccessEntry) []int64 {
			var out []int64
			for _, e := range es {
				out = append(out, e.ID)
			}
			return out
		}
		f := data.AccessFilter{Actor: "nina", Limit: 3}
		first := ids(dbtest.Must(db.SearchAccessLog(ctx, admin, f, false, t0))(t))
		f.Before = first[2]
		second := ids(dbtest.Must(db.SearchAccessLog(ctx, admin, f, false, t0))(t))
		f.Before = second[2]
		third := ids(dbtest.Must(db.SearchAccessLog(ctx, admin, f, false, t0))(t))
		if len(first) != 3 || len(second) != 3 || len(third) != 1 || first[2] <= second[0] || second[2] <= third[0] {
			t.Fatalf("back: %v %v %v", first, second, third)
		}
		f.Before, f.After = 0, third[0]
		if got := ids(dbtest.Must(db.SearchAccessLog(ctx, admin, f, false, t0))(t)); !slices.Equal(got, second) {
			t.Errorf("forward from %d: %v, want %v", third[0], got, second)
		}
		f.After = second[0]
		if got := ids(dbtest.Must(db.SearchAccessLog(ctx, admin, f, false, t0))(t)); !slices.Equal(got, first) {
			t.Errorf("forward from %d: %v, want %v", second[0], got, first)
		}
		var searches int
		if err := db.Bun().NewSelect().Table("access_log").ColumnExpr("COUNT(*)").Where("what = 'access.search'").Scan(ctx, &searches); err != nil || searches != 1 {
			t.Errorf("%d searches logged (%v), want 1 (pages are not searches)", searches, err)
		}
	})
}
