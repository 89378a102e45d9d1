package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIImpossibleDatesRefused: the command line refuses what the web
// refuses (one rule, workflow.PastRange): a move dated decades back, a
// hospital notice from 2000 (by hand and in an import file) and a consent
// dated long before; each names the field, the value and the range in
// dd-mm-yyyy, and nothing is stored. Today is 02-03-2026, the case was
// opened today.
func TestCLIImpossibleDatesRefused(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	r.ok("gp", "add", "--ydernummer", "012345", "--name", "Lægehuset Nord")
	citizen := r.jsonID("citizen", "add", "--cpr", "010145-1236", "--name", "Karen Jensen", "--municipality", "851", "--gp", "012345", "--medicine-help")
	c := r.jsonID("case", "open", "--citizen", citizen)
	r.ok("case", "assess", c, "--fact", "receives_medicine_help=true", "--fact", "months_without_change=6",
		"--fact", "no_change_expected=true", "--fact", "packable_medicine_count=5", "--fact", "can_handle_roll=true")
	file := filepath.Join(t.TempDir(), "sygehus.csv")
	if err := os.WriteFile(file, []byte("message_id;case;kind;timestamp;hospital\nHN-1;010145-1236;admission;01-01-2000 10:00;AAUH\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"citizen", "move", citizen, "--municipality", "101", "--on", "01-01-1990"}, "Moving date: 01-01-1990 must lie from 02-12-2025 to 02-03-2026"},
		{[]string{"citizen", "move", citizen, "--municipality", "101", "--on", "03-03-2026"}, "Moving date: 03-03-2026 must lie from 02-12-2025 to 02-03-2026"},
		{[]string{"hospital", "admit", c, "--at", "01-01-2000 10:00"}, "Time: 01-01-2000 10:00 must lie from 02-03-2026 to 02-03-2026"},
		{[]string{"hospital", "import", file}, "line 2: Time: 01-01-2000 10:00 must lie from 02-03-2026 to 02-03-2026"},
		{[]string{"case", "consent", c, "--method", "written", "--date", "01-01-2000"}, "Date of consent: 01-01-2000 must lie from 02-12-2025 to 02-03-2026"},
		{[]string{"case", "consent", c, "--method", "written", "--date", "01-12-2025"}, "Date of consent: 01-12-2025 must lie from 02-12-2025 to 02-03-2026"},
	} {
		code, _, errs := r.run(tc.args...)
		if code != ExitUsage || !strings.Contains(strings.ReplaceAll(errs, file, "FILE"), tc.want) {
			t.Errorf("dosis %s: exit %d %q, want %q", strings.Join(tc.args, " "), code, errs, tc.want)
		}
	}
	if show := r.ok("case", "show", c); strings.Contains(show, "consent written") || strings.Contains(show, "citizen_move") || strings.Contains(show, "AAUH") {
		t.Errorf("a refused date was stored:\n%s", show)
	}
	r.ok("case", "consent", c, "--method", "written", "--date", "02-12-2025")
}
