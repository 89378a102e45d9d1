package commands

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLIImportBackupRestoreExport(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	testdata := filepath.Join("..", "..", "..", "data", "imports", "testdata")
	file := func(name string) string { return filepath.Join(testdata, name) }

	if out := r.ok("import", "gps", file("gps.csv"), "--dry-run"); !strings.Contains(out, "would be 2 new, 0 updated, 0 unchanged") {
		t.Fatalf("dry run: %s", out)
	}
	r.ok("import", "gps", file("gps.csv"))
	if out := r.ok("import", "citizens", file("citizens-windows1252.csv")); !strings.Contains(out, "4 new") ||
		!strings.Contains(out, "Windows-1252") {
		t.Fatalf("import: %s", out)
	}
	if out := r.ok("import", "citizens", file("citizens.csv")); !strings.Contains(out, "0 new, 0 updated, 4 unchanged") {
		t.Fatalf("re-import: %s", out)
	}
	code, _, errs := r.run("import", "citizens", file("citizens-bad.csv"))
	if code != ExitUsage || !strings.Contains(errs, "line 2, column CPR (A2)") || !strings.Contains(errs, "line 7") ||
		!strings.Contains(errs, "nothing was written") {
		t.Fatalf("bad file: exit %d\n%s", code, errs)
	}

	dir := t.TempDir()
	backup := filepath.Join(dir, "b.db")
	if out := r.ok("backup", backup); !strings.Contains(out, "integrity ok") {
		t.Fatalf("backup: %s", out)
	}
	restored := &cliRun{t: t, db: filepath.Join(dir, "restored.db"), now: r.now}
	restored.ok("restore", backup)
	out := restored.ok("--json", "citizen", "show", "--cpr", "150350-1003")
	var cit struct{ ID, Name string }
	if err := json.Unmarshal([]byte(out), &cit); err != nil || cit.Name != "Søren Ærø Østergaard" {
		t.Fatalf("restored citizen %q: %v", out, err)
	}

	export := filepath.Join(dir, "export.json")
	restored.ok("citizen", "export", cit.ID, "--out", export)
	b, err := os.ReadFile(export)
	if err != nil || !strings.Contains(string(b), "1503501003") || strings.Contains(string(b), "0101451003") {
		t.Fatalf("export: %v\n%s", err, b)
	}
	if code, _, errs := restored.run("citizen", "export", cit.ID, "--out", export); code != ExitUsage || !strings.Contains(errs, "exists") {
		t.Fatalf("export over an existing file: %d %s", code, errs)
	}
}
