package faulttest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
)

// demo returns the arguments of every demo run here (the same data set
// each time) after dbPath, with extra flags at the end.
func demo(dbPath string, extra ...string) []string {
	return append([]string{"--db", dbPath, "demo", "--scale", "small", "--seed", "5", "--now", "27-11-2026"}, extra...)
}

// TestKillDemo kills `dosis demo` at random points. Each time the database
// must be intact, every audit trail whole, and every municipality either
// exactly as in an uninterrupted run or absent; a plain rerun is refused
// with a message naming --resume, and `dosis demo --resume` then gives
// exactly the rows of the uninterrupted run.
func TestKillDemo(t *testing.T) {
	ref := migrated(t, "reference.db")
	full := timed(t, func() { run(t, demo(ref)...) })
	want := muniDigest(t, openSQLite(t, ref))
	t.Logf("an uninterrupted demo load takes %v and writes %d municipality×table counts", full.Round(time.Millisecond), len(want))
	r := newRand(t)
	kills, partial := 0, 0
	for i := range iterations(5) {
		dbPath := migrated(t, "demo.db")
		until := full
		if i%2 == 0 { // the reference run may have been slow: some kills surely early
			until = full / 2
		}
		o := killDuring(t, trigger{Delay: between(r, 50*time.Millisecond, until)}, demo(dbPath)...)
		if o.Killed {
			kills++
		}
		db := openSQLite(t, dbPath)
		checkIntact(t, db)
		checkAuditTrails(t, db)
		got := muniDigest(t, db)
		whole := 0
		for code, citizens := range municipalities(got) {
			if citizens == 0 {
				continue
			}
			whole++
			for _, k := range tables() {
				key := fmt.Sprintf("%s/%d", k, code)
				if got[key] != want[key] {
					partial++
					t.Errorf("run %d: municipality %d has %d %s, an uninterrupted run %d", i, code, got[key], k, want[key])
				}
			}
		}
		t.Logf("run %d: killed=%v after %v with %d whole municipalities", i, o.Killed, o.At.Round(time.Millisecond), whole)
		_ = db.Close()
		if whole > 0 {
			out, code := runStatus(t, demo(dbPath)...)
			if code != 2 || !strings.Contains(out, "--resume") {
				t.Errorf("run %d: a rerun without --resume gave exit %d: %s", i, code, lastLine(out))
			}
		}
		run(t, demo(dbPath, "--resume")...)
		db = openSQLite(t, dbPath)
		checkIntact(t, db)
		checkAuditTrails(t, db)
		if got := muniDigest(t, db); !maps.Equal(got, want) {
			t.Errorf("run %d: after --resume the rows differ from an uninterrupted run", i)
		}
		_ = db.Close()
	}
	t.Logf("demo: %d SIGKILLs injected, %d municipality×table counts half-written", kills, partial)
	if kills == 0 {
		t.Error("no run was killed before it finished")
	}
}

// tables are the per-municipality row counts compared.
func tables() []string {
	return []string{"citizens", "cases", "audit_events", "roll_periods", "urgent_rolls", "pharmacies"}
}

// muniDigest counts the rows of each table per municipality, keyed "table/code".
func muniDigest(t *testing.T, db *data.DB) map[string]int {
	t.Helper()
	q := map[string]string{
		"citizens":     "SELECT municipality_code, COUNT(*) FROM citizens GROUP BY municipality_code",
		"cases":        "SELECT municipality_code, COUNT(*) FROM cases GROUP BY municipality_code",
		"audit_events": "SELECT c.municipality_code, COUNT(*) FROM audit_events a JOIN cases c ON c.id = a.case_id GROUP BY c.municipality_code",
		"roll_periods": "SELECT municipality_code, COUNT(*) FROM roll_periods GROUP BY municipality_code",
		"urgent_rolls": "SELECT municipality_code, COUNT(*) FROM urgent_rolls GROUP BY municipality_code",
		"pharmacies":   "SELECT municipality_code, COUNT(*) FROM pharmacies GROUP BY municipality_code",
	}
	out := map[string]int{}
	for _, k := range slices.Sorted(maps.Keys(q)) {
		rows, err := db.Bun().QueryContext(t.Context(), q[k])
		if err != nil {
			t.Fatalf("%s: %v", q[k], err)
		}
		for rows.Next() {
			var code, n int
			if err := rows.Scan(&code, &n); err != nil {
				t.Fatal(err)
			}
			out[fmt.Sprintf("%s/%d", k, code)] = n
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// municipalities returns the citizens of each municipality in a digest.
func municipalities(d map[string]int) map[int]int {
	out := map[int]int{}
	for k, n := range d {
		var code int
		if _, err := fmt.Sscanf(k, "citizens/%d", &code); err == nil {
			out[code] = n
		}
	}
	return out
}
