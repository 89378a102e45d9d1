package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIHospitalImportHidesCPR: a bad row of a hospital notification file
// printed a CPR number typed into the wrong column whole (a usage error is
// not passed through cpr.Redact), and a mistyped one in the case column is
// masked, however it is mistyped.
func TestCLIHospitalImportHidesCPR(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	for _, tc := range []struct{ name, row, hidden string }{
		{"a CPR number as the kind", "HN-1;ABCDEFGH;010145-1236;02-03-2026 08:00;AAUH", "010145-1236"},
		{"a CPR number as the time", "HN-1;ABCDEFGH;admission;0101451236;AAUH", "0101451236"},
		{"month 13 in the case column", "HN-1;131345-1234;admission;02-03-2026 08:00;AAUH", "1234"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "sygehus.csv")
			if err := os.WriteFile(file, []byte("message_id;case;kind;timestamp;hospital\n"+tc.row+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errs := r.run("hospital", "import", file)
			shown := strings.ReplaceAll(out+errs, file, "FILE")
			if code != ExitUsage || strings.Contains(shown, tc.hidden) || !strings.Contains(shown, "XXXX") {
				t.Errorf("exit %d, want the number hidden:\n%s", code, shown)
			}
		})
	}
}
