package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIImportMasksCPRColumn: dosis import prints a bad row's CPR value
// masked, on stderr and in --json, however it was mistyped (it printed
// "011345-1234" whole: cpr.Redact only hid numbers that could be a birth
// date).
func TestCLIImportMasksCPRColumn(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	cases := []struct{ name, value, want string }{
		{"month 13", "011345-1234", "011345-XXXX"},
		{"nine digits", "321451234", "XXXXXX-XXXX"},
		{"a letter", "01O145-1234", "XXXXXX-XXXX"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "borgere.csv")
			if err := os.WriteFile(file, []byte("CPR;Navn;Kommune\n"+tc.value+";Karen Jensen;851\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"import", "citizens", file}, {"--json", "import", "citizens", file}} {
				code, out, errs := r.run(args...)
				// The file's path is left out: its temporary directory's
				// random digits may hold "1234".
				shown := strings.ReplaceAll(out+errs, file, "FILE")
				if code != ExitUsage || !strings.Contains(shown, tc.want) || strings.Contains(shown, "1234") {
					t.Errorf("dosis %s: exit %d, want %q and not the number:\n%s%s", strings.Join(args, " "), code, tc.want, out, errs)
				}
			}
		})
	}
}
