package faulttest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestKillReport kills `dosis report --xlsx --html` at random points and
// just after it says it is writing a file. The target files must be either
// the previous complete report or the new complete one, never a truncated
// file, and a rerun must write both.
func TestKillReport(t *testing.T) {
	dbPath := migrated(t, "report.db")
	run(t, "--db", dbPath, "demo", "--now", "27-11-2026", "--seed", "3")
	dir := t.TempDir()
	xlsx, html := filepath.Join(dir, "rapport.xlsx"), filepath.Join(dir, "rapport.html")
	args := []string{"--db", dbPath, "report", "--xlsx", xlsx, "--html", html}
	full := timed(t, func() { run(t, args...) })
	checkReportFiles(t, xlsx, html)
	r := newRand(t)
	kills := 0
	for i := range iterations(18) {
		at := trigger{Delay: between(r, 50*time.Millisecond, full)}
		switch i % 3 {
		case 1: // the moment the workbook is being written
			at = trigger{Line: "skriver " + xlsx, Delay: between(r, 0, 3*time.Millisecond)}
		case 2: // the moment the dashboard is being written
			at = trigger{Line: "skriver " + html, Delay: between(r, 0, 3*time.Millisecond)}
		}
		o := killDuring(t, at, args...)
		if o.Killed {
			kills++
		}
		t.Logf("run %d: killed=%v after %v", i, o.Killed, o.At.Round(time.Millisecond))
		checkReportFiles(t, xlsx, html)
		if t.Failed() {
			break
		}
	}
	run(t, args...)
	checkReportFiles(t, xlsx, html)
	t.Logf("report: %d SIGKILLs injected; no truncated file was left in place", kills)
	if kills == 0 {
		t.Error("no run was killed before it finished")
	}
	// A kill rarely lands inside the few milliseconds of the write itself;
	// a file-size limit (ulimit -f) stops the write half-way every time, as
	// a full disk does: the dashboard (about 1 MB, most of it the embedded
	// chart library) fails 20 KB before its end, after the workbook (about
	// 100 KB) was written. It runs on an empty database, so that SQLite's
	// temporary files stay far below the limit.
	empty := migrated(t, "empty.db")
	dir = t.TempDir()
	xlsx, html = filepath.Join(dir, "rapport.xlsx"), filepath.Join(dir, "rapport.html")
	args = []string{"--db", empty, "report", "--xlsx", xlsx, "--html", html}
	run(t, args...)
	before, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	blocks := (len(before) - 20000) / 512
	limited := exec.Command("sh", append([]string{"-c", fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, blocks), dosis}, args...)...)
	out, err := limited.CombinedOutput()
	if err == nil {
		t.Fatalf("the report wrote %d bytes under a %d-byte file-size limit", len(before), blocks*512)
	}
	t.Logf("under a %d-byte file-size limit: %v, %s", blocks*512, err, lastLine(string(out)))
	checkReportFiles(t, xlsx, html)
	if after, err := os.ReadFile(html); err != nil || !bytes.Equal(after, before) {
		t.Errorf("the failed write changed %s (%d bytes, was %d)", filepath.Base(html), len(after), len(before))
	}
	if _, err := os.Stat(html + ".partial"); !os.IsNotExist(err) {
		t.Errorf("the failed write left %s.partial behind (%v)", filepath.Base(html), err)
	}
	run(t, args...)
	checkReportFiles(t, xlsx, html)
}

// checkReportFiles fails unless both files are whole: the workbook opens
// and has its sheets, the dashboard ends with </html>.
func checkReportFiles(t *testing.T, xlsx, html string) {
	t.Helper()
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Errorf("%s is not a whole workbook: %v", filepath.Base(xlsx), err)
	} else {
		if len(f.GetSheetList()) == 0 {
			t.Errorf("%s has no sheets", filepath.Base(xlsx))
		}
		_ = f.Close()
	}
	b, err := os.ReadFile(html)
	if err != nil {
		t.Errorf("read %s: %v", filepath.Base(html), err)
	} else if !bytes.HasSuffix(bytes.TrimSpace(b), []byte("</html>")) {
		t.Errorf("%s is cut off after %d bytes", filepath.Base(html), len(b))
	}
}
