package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestSearchCases: by part of a name in any case (Danish capitals on
// SQLite too), by CPR number or birth date, within the actor's scope,
// sorted and paged with the total; CPR searches are logged.
func TestSearchCases(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
		sv := workflow.NewService(db, func() time.Time { return now }, workflow.DefaultSettings())
		nurse := workflow.Actor{UserID: "u-nurse", Role: workflow.RoleNurse, Municipality: 851}
		admin := workflow.System("t")
		for i, c := range []struct {
			cpr, name string
			mun       int
		}{
			{"010145-1236", "Søren Ærbø", 851}, {"020245-1235", "Karen Jensen", 851}, {"030345-1234", "Jens Karlsen", 851},
			{"040445-1233", "Åse Øst", 851}, {"050545-1232", "Ole Jensen", 101},
		} {
			cit, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: c.cpr, Name: c.name, Municipality: c.mun}, now)
			if err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Duration(i+1) * time.Minute)
			_ = dbtest.Must(sv.OpenCase(ctx, admin, cit.ID, "home_care"))(t)
		}
		names := func(text, sort string, limit, offset int) ([]string, int) {
			t.Helper()
			s, err := data.ParseCaseSearch(text)
			if err != nil {
				t.Fatalf("parse %q: %v", text, err)
			}
			items, total, err := db.SearchCases(ctx, nurse, data.CaseFilter{Search: s, Sort: sort, Limit: limit, Offset: offset}, now)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, it := range items {
				out = append(out, it.CitizenName)
			}
			return out, total
		}
		for _, c := range []struct {
			text, sort    string
			limit, offset int
			want          string
			total         int
		}{
			{"jensen", "name", 0, 0, "Karen Jensen", 1}, // Ole Jensen lives in 101
			{"JENS", "name", 0, 0, "Jens Karlsen,Karen Jensen", 2},
			{"ærbø", "", 0, 0, "Søren Ærbø", 1},
			{"åse ø", "", 0, 0, "Åse Øst", 1},
			{"ØST", "", 0, 0, "Åse Øst", 1},
			{"%", "", 0, 0, "", 0},
			{"010145-1236", "", 0, 0, "Søren Ærbø", 1},
			{"0303451234", "", 0, 0, "Jens Karlsen", 1},
			{"040445", "", 0, 0, "Åse Øst", 1},
			{"", "name", 2, 0, "Jens Karlsen,Karen Jensen", 4},
			{"", "name", 2, 2, "Søren Ærbø,Åse Øst", 4},
			{"", "", 0, 0, "Åse Øst,Jens Karlsen,Karen Jensen,Søren Ærbø", 4},
		} {
			got, total := names(c.text, c.sort, c.limit, c.offset)
			if strings.Join(got, ",") != c.want || total != c.total {
				t.Errorf("search %q sort %q page %d+%d: %v (%d), want %s (%d)", c.text, c.sort, c.offset, c.limit, got, total, c.want, c.total)
			}
		}
		for _, bad := range []struct{ text, want string }{
			{"12345", "hverken et CPR-nummer"},
			{"321399-1234", "CPR-nummeret er ugyldigt"},
			{strings.Repeat("a", 101), "101 tegn"},
			{"ab\x00c", "styretegn"},
		} {
			if _, err := data.ParseCaseSearch(bad.text); !strings.Contains(danish(err), bad.want) {
				t.Errorf("search %q: want %q, got %v", bad.text, bad.want, err)
			}
		}
		var logged int
		if err := db.Bun().NewSelect().Table("access_log").ColumnExpr("COUNT(*)").Where("what LIKE 'case.search.cpr%'").Scan(ctx, &logged); err != nil {
			t.Fatal(err)
		}
		if logged != 3 {
			t.Errorf("CPR searches logged %d times, want 3", logged)
		}
	})
}
