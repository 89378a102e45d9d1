package bench

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// The harness at tiny sizes, so it keeps compiling and working in CI; the
// figures themselves come from `dosis bench` on the national data
// (BENCHMARKS.md), never from a timed unit test.

func TestTransitionsSmoke(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "tr.db")
	r, err := RunTransitions(context.Background(), TransitionOptions{DSN: dsn, Cases: 4, Workers: 2, Duration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if r.Transitions != 4*6 || r.Failed != 0 || r.PerSecond <= 0 {
		t.Fatalf("got %+v, want 24 transitions and no failure", r)
	}
}

// migrated returns a migrated SQLite database with citizens and cases of
// municipality 851 taken to active.
func migrated(t *testing.T) string {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "smoke.db")
	if _, err := RunTransitions(context.Background(), TransitionOptions{DSN: dsn, Cases: 3, Workers: 1, Duration: time.Minute}); err != nil {
		t.Fatal(err)
	}
	return dsn
}

func TestReportSmoke(t *testing.T) {
	dsn := migrated(t)
	f := reports.Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2030, 12, 31)}
	r, err := RunReport(context.Background(), ReportOptions{DSN: dsn, Filter: f, Municipality: 851, Runs: 1, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if r.Queries < 9 || r.Total <= 0 || r.Municipality <= 0 {
		t.Fatalf("got %+v, want the report's queries (at least one per figure) timed", r)
	}
	// Three active cases leave rows (their states, openings, stages) that
	// add up to figures; a figure is one or more rows.
	if r.RollupGroups == 0 || r.RollupRows < r.RollupGroups {
		t.Errorf("rollup rows %d adding up to %d figures, want rows ≥ figures > 0", r.RollupRows, r.RollupGroups)
	}
	if r.Bare == 0 {
		t.Log("sqlite3 not installed: the bare-query half was skipped")
	}
}

func TestWebSmoke(t *testing.T) {
	dsn := migrated(t)
	// Two loads on the same server, each with its own users (5 and 6), as
	// `bench web --users 5 --then 6` runs them.
	rs, err := RunWeb(context.Background(), WebOptions{DSN: dsn, Loads: []int{5, 6}, Duration: 20 * time.Second,
		MaxRequests: 30, Municipalities: []int{851}, Log: io.Discard, ReportCache: data.DefaultReportMemo})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Users != 5 || rs[1].Users != 6 {
		t.Fatalf("got %d loads, want 5 then 6 users: %+v", len(rs), rs)
	}
	for _, r := range rs {
		got := map[string]PageResult{}
		total := 0
		for _, p := range r.Pages {
			got[p.Page] = p
			total += p.Requests
			if p.Errors > 0 {
				t.Errorf("%d users, %s: %d errors", r.Users, p.Page, p.Errors)
			}
		}
		for _, page := range []string{PageWorklist, PageCase, PageDash} {
			if got[page].Requests == 0 {
				t.Errorf("%d users: no %s requests: %+v", r.Users, page, r.Pages)
			}
		}
		if total != 30 {
			t.Errorf("%d users: %d requests, want the bound of 30", r.Users, total)
		}
	}
}

func TestPagesSmoke(t *testing.T) {
	dsn := migrated(t)
	ps, err := PageQueries(context.Background(), PagesOptions{DSN: dsn, Municipalities: []int{851}, Runs: 1})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]PageProfile{}
	for _, p := range ps {
		pages[p.Page] = p
		if len(p.Queries) == 0 || p.Took <= 0 {
			t.Errorf("%s: %d queries in %v, want the page's queries timed", p.User, len(p.Queries), p.Took)
		}
	}
	for _, page := range []string{PageWorklist, PageCase, PageDash} {
		if _, ok := pages[page]; !ok {
			t.Errorf("no %s profile: %+v", page, ps)
		}
	}
	// The worklist reads the cases (with a plan), and the session store.
	var planned bool
	for _, q := range pages[PageWorklist].Queries {
		if strings.Contains(q.Query, "cases") && len(q.Plan) > 0 {
			planned = true
		}
	}
	if !planned {
		t.Errorf("the worklist's case queries have no plan: %+v", pages[PageWorklist].Queries)
	}
	only, err := PageQueries(context.Background(), PagesOptions{DSN: dsn, Municipalities: []int{851}, Runs: 1, Pages: []string{PageCase}})
	if err != nil {
		t.Fatal(err)
	}
	if len(only) != 1 || only[0].Page != PageCase {
		t.Errorf("Pages: case: got %+v, want the case page alone", only)
	}
}

func TestPlansSmoke(t *testing.T) {
	dsn := migrated(t)
	db, err := data.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	plans, err := ReportPlans(context.Background(), db, reports.Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 12, 31)})
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) < 9 || len(plans[0].Plan) == 0 || !strings.HasPrefix(plans[0].Name, "adoption") {
		t.Fatalf("got %d plans, want at least one with lines per figure", len(plans))
	}
}

func TestPercentile(t *testing.T) {
	ds := []time.Duration{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 5}, {99, 10}, {100, 10}, {10, 1}, {0, 1}} {
		if got := percentile(ds, c.p); got != c.want {
			t.Errorf("percentile %v = %v, want %v", c.p, got, c.want)
		}
	}
}

// TestWebArrival: the users' first requests come spread over the first
// 2·think (each waits one think pause first), not all at once; --burst
// (Burst) starts them together.
func TestWebArrival(t *testing.T) {
	dsn := migrated(t)
	firsts := func(burst bool) (lo, hi float64) {
		var tl bytes.Buffer
		_, err := RunWeb(context.Background(), WebOptions{DSN: dsn, Loads: []int{10}, Duration: 20 * time.Second, MaxRequests: 10,
			Think: 500 * time.Millisecond, Municipalities: []int{851}, Log: io.Discard, Timeline: &tl, Burst: burst, NoDashboard: true})
		if err != nil {
			t.Fatal(err)
		}
		first := map[string]float64{}
		for _, line := range strings.Split(strings.TrimSpace(tl.String()), "\n")[1:] {
			f := strings.Split(line, ",") // start_ms,page,latency_ms,user
			ms, err := strconv.ParseFloat(f[0], 64)
			if err != nil {
				t.Fatalf("timeline line %q: %v", line, err)
			}
			if v, ok := first[f[3]]; !ok || ms < v {
				first[f[3]] = ms
			}
		}
		lo, hi = 1e18, 0
		for _, ms := range first {
			lo, hi = min(lo, ms), max(hi, ms)
		}
		return lo, hi
	}
	if lo, hi := firsts(false); hi-lo < 300 {
		t.Errorf("arrival: first requests from %.0f to %.0f ms, want them spread over about a second", lo, hi)
	}
	if lo, hi := firsts(true); hi-lo > 300 {
		t.Errorf("burst: first requests from %.0f to %.0f ms, want them together", lo, hi)
	}
}
