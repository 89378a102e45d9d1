package data_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestReportMonthsAreDanish: a case started at 00:30 Danish time on the
// first of a month counts in that month, and one started at 23:30 on the
// last day in the month before, in winter (UTC+1) and summer (UTC+2); the
// period bounds are Danish days too.
func TestReportMonthsAreDanish(t *testing.T) {
	starts := []struct {
		name  string
		at    time.Time // UTC
		month string
	}{
		{"winter 00:30 on 1 December", time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), "2026-12"},
		{"winter 23:30 on 30 November", time.Date(2026, 11, 30, 22, 30, 0, 0, time.UTC), "2026-11"},
		{"summer 00:30 on 1 July", time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC), "2026-07"},
		{"summer 23:30 on 30 June", time.Date(2026, 6, 30, 21, 30, 0, 0, time.UTC), "2026-06"},
	}
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		exec := execer(t, db)
		for i, s := range starts {
			id := fmt.Sprintf("c%d", i)
			exec(`INSERT INTO citizens (id, cpr, name, birth_date, sex, municipality_code, created_at)
				VALUES (?, ?, 'Borger', ?, 'F', 851, ?)`, "ci-"+id, fmt.Sprintf("01014040%02d", i), calendar.NewDate(1940, 1, 1), s.at)
			exec(`INSERT INTO cases (id, citizen_id, municipality_code, state, version, source, opened_at, updated_at)
				VALUES (?, ?, 851, 'active', 1, 'home_care', ?, ?)`, id, "ci-"+id, s.at, s.at)
			exec(`INSERT INTO audit_events (case_id, seq, at, actor, actor_role, event, from_state, to_state)
				VALUES (?, 1, ?, 'n', 'nurse', 'start', 'approved', 'active')`, id, s.at)
		}
		dbtest.Must(db.RebuildRollups(ctx))(t) // rows written directly: recompute the rollups, as an import does
		src := dbtest.Must(db.Reports(workflow.System("test")))(t)
		startsIn := func(from, to calendar.Date) map[string]int {
			t.Helper()
			ms := dbtest.Must(src.Months(ctx, reports.Filter{From: from, To: to}))(t)
			got := map[string]int{}
			for _, m := range ms {
				got[m.Month] += m.Starts
			}
			return got
		}
		got := startsIn(calendar.NewDate(2026, 6, 1), calendar.NewDate(2026, 12, 31))
		for _, s := range starts {
			if got[s.month] != 1 {
				t.Errorf("%s: starts by month %v, want one in %s", s.name, got, s.month)
			}
		}
		// The bounds: December alone holds the 00:30 start, November ends with
		// the 23:30 one.
		if dec := startsIn(calendar.NewDate(2026, 12, 1), calendar.NewDate(2026, 12, 31)); dec["2026-12"] != 1 || len(dec) != 1 {
			t.Errorf("December: %v, want the one start of 00:30 on 1 December", dec)
		}
		if nov := startsIn(calendar.NewDate(2026, 11, 30), calendar.NewDate(2026, 11, 30)); nov["2026-11"] != 1 || len(nov) != 1 {
			t.Errorf("30 November: %v, want the one start of 23:30", nov)
		}
	})
}

// TestReport75PlusUsesCivilBirthday: on 29-02-2028 a citizen born
// 28-02-1953 is 75 and one born 01-03-1953 is not yet (turns 75 on
// 01-03-2028).
func TestReport75PlusUsesCivilBirthday(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		exec := execer(t, db)
		now := time.Date(2028, 1, 1, 9, 0, 0, 0, time.UTC)
		for i, born := range []calendar.Date{calendar.NewDate(1953, 2, 28), calendar.NewDate(1953, 3, 1), calendar.NewDate(1960, 1, 1)} {
			exec(`INSERT INTO citizens (id, cpr, name, birth_date, sex, municipality_code, medicine_help, created_at)
				VALUES (?, ?, 'Borger', ?, 'F', 851, TRUE, ?)`, fmt.Sprintf("ci%d", i), fmt.Sprintf("01015340%02d", i), born, now)
		}
		dbtest.Must(db.RebuildRollups(ctx))(t) // rows written directly: recompute the rollups, as an import does
		src := dbtest.Must(db.Reports(workflow.System("test")))(t)
		rows := dbtest.Must(src.Adoption(ctx, reports.Filter{From: calendar.NewDate(2028, 2, 1), To: calendar.NewDate(2028, 2, 29),
			Municipalities: []int{851}}))(t)
		if len(rows) != 1 || rows[0].MedicineHelp != 3 || rows[0].MedicineHelp75 != 1 {
			t.Errorf("adoption on 29-02-2028: %+v, want 3 helped of whom 1 is 75 or more", rows)
		}
	})
}

func execer(t *testing.T, db *data.DB) func(string, ...any) {
	return func(q string, args ...any) {
		t.Helper()
		if _, err := db.Bun().ExecContext(context.Background(), q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestWholeHoursFromMicroseconds: stored times have microseconds; whole
// hours are counted from the instants rounded to the millisecond on both
// engines and in the rollups alike (half up, at most .999 of a second), so
// a request at 10:00:00.000400 promised by 10:00:00 the next day is 24 hours
// and one at .000600 is 23, and delivered at the promised second is on time.
func TestWholeHoursFromMicroseconds(t *testing.T) {
	base := time.Date(2026, 5, 5, 8, 0, 0, 0, time.UTC)
	rolls := []struct {
		name  string
		frac  time.Duration
		hours int
	}{
		{"400 µs", 400 * time.Microsecond, 24},
		{"600 µs", 600 * time.Microsecond, 23},
		{"500 µs", 500 * time.Microsecond, 23},
		{"999.6 ms", 999600 * time.Microsecond, 23},
	}
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		exec := execer(t, db)
		p := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Apotek", Municipality: 851}, base))(t)
		exec(`INSERT INTO citizens (id, cpr, name, birth_date, sex, municipality_code, created_at)
			VALUES ('ci', '0101404000', 'Borger', ?, 'F', 851, ?)`, calendar.NewDate(1940, 1, 1), base)
		exec(`INSERT INTO cases (id, citizen_id, municipality_code, state, version, source, opened_at, updated_at)
			VALUES ('c', 'ci', 851, 'active', 1, 'home_care', ?, ?)`, base, base)
		for i, r := range rolls {
			req := base.Add(time.Duration(i)*time.Hour + r.frac)
			due := base.Add(time.Duration(i)*time.Hour + 24*time.Hour)
			exec(`INSERT INTO urgent_rolls (id, case_id, pharmacy_id, municipality_code, reason, status, needed_by, promised_by,
				requested_at, requested_by, delivered_at) VALUES (?, 'c', ?, 851, 'medication_change', 'delivered', ?, ?, ?, 'n', ?)`,
				fmt.Sprintf("u%d", i), p.ID, due, due, req, due)
		}
		dbtest.Must(db.RebuildRollups(ctx))(t)
		f := reports.Filter{From: calendar.NewDate(2026, 5, 1), To: calendar.NewDate(2026, 5, 31)}
		want := map[int]int{}
		for _, r := range rolls {
			want[r.hours]++
		}
		for name, src := range map[string]*data.ReportSource{"rollups": dbtest.Must(db.Reports(workflow.System("test")))(t),
			"tables": dbtest.Must(db.ReportsFromTables(workflow.System("test")))(t)} {
			for what, run := range map[string]func(context.Context, reports.Filter) ([]reports.Bucket, error){
				"promise hours": src.PromiseHours, "lead hours": src.LeadHours} {
				got := map[int]int{}
				for _, b := range dbtest.Must(run(ctx, f))(t) {
					got[b.Value] += b.Count
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s %s: %v, want %v", name, what, got, want)
				}
			}
			ps := dbtest.Must(src.Pharmacies(ctx, f))(t)
			if len(ps) != 1 || ps[0].OnTime != len(rolls) {
				t.Errorf("%s: pharmacies %+v, want all %d on time", name, ps, len(rolls))
			}
		}
	})
}
