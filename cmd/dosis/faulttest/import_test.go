package faulttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bigCitizens writes a citizens import of n rows for Aalborg (851) with
// distinct, well-formed CPR numbers and returns its path.
func bigCitizens(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("CPR-nummer;Navn;Kommunekode;Medicinhjælp\n")
	for i := range n {
		day, month, seq := 1+i%28, 1+(i/28)%12, 1000+i/(28*12)
		fmt.Fprintf(&b, "%02d%02d40-%04d;Borger %d;851;ja\n", day, month, seq, i)
	}
	path := filepath.Join(t.TempDir(), "BIG.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestKillImport kills `dosis import citizens BIG.csv` at random points.
// Each time the database must be intact and hold all of the file's
// citizens or none (with one access-log row per citizen written), and the
// same command run again must finish the import; a third run changes nothing.
func TestKillImport(t *testing.T) {
	const rows = 25000
	file := bigCitizens(t, rows)
	r := newRand(t)
	// The first run is often slower (cold caches, a busy machine): time two
	// and take the faster, so the kill points fall while imports still run.
	full := time.Duration(1<<63 - 1)
	for _, name := range []string{"calibrate1.db", "calibrate2.db"} {
		calibrate := migrated(t, name)
		full = min(full, timed(t, func() { run(t, "--db", calibrate, "import", "citizens", file) }))
	}
	t.Logf("an uninterrupted import of %d rows takes %v; kills fall in 50 ms .. %v (every other run in the first half)",
		rows, full.Round(time.Millisecond), (full * 11 / 10).Round(time.Millisecond))
	kills, lost := 0, 0
	for i := range iterations(8) {
		dbPath := migrated(t, "import.db")
		until := full * 11 / 10
		if i%2 == 0 {
			until = full / 2
		}
		o := killDuring(t, trigger{Delay: between(r, 50*time.Millisecond, until)},
			"--db", dbPath, "import", "citizens", file)
		if o.Killed {
			kills++
		} else if o.ExitCode != 0 {
			t.Fatalf("run %d ended by itself with exit %d:\n%s", i, o.ExitCode, tail(o.Stderr))
		}
		db := openSQLite(t, dbPath)
		checkIntact(t, db)
		citizens := count(t, db, "SELECT COUNT(*) FROM citizens")
		logged := count(t, db, "SELECT COUNT(*) FROM access_log")
		t.Logf("run %d: killed=%v after %v: %d citizens, %d access-log rows", i, o.Killed, o.At.Round(time.Millisecond), citizens, logged)
		if citizens != 0 && citizens != rows || logged != citizens {
			lost++
			t.Errorf("run %d: half an import committed: %d of %d citizens, %d access-log rows", i, citizens, rows, logged)
		}
		_ = db.Close()
		out := run(t, "--db", dbPath, "import", "citizens", file)
		if want := fmt.Sprintf("%d new, 0 updated, %d unchanged", rows-citizens, citizens); !strings.Contains(out, want) {
			t.Errorf("run %d: the rerun says %q, want %q", i, lastLine(out), want)
		}
		if out := run(t, "--db", dbPath, "import", "citizens", file); !strings.Contains(out, fmt.Sprintf("0 new, 0 updated, %d unchanged", rows)) {
			t.Errorf("run %d: a third run changed something: %q", i, lastLine(out))
		}
	}
	t.Logf("import: %d SIGKILLs injected, %d left a partial import", kills, lost)
	if kills == 0 {
		t.Error("no run was killed before it finished: the kill points are too late for this machine")
	}
}

// migrated creates and migrates a SQLite database named name in a new
// temporary directory and returns its path.
func migrated(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	run(t, "--db", path, "db", "migrate")
	return path
}

// timed returns how long fn takes.
func timed(t *testing.T, fn func()) time.Duration {
	t.Helper()
	began := time.Now()
	fn()
	return time.Since(began)
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
