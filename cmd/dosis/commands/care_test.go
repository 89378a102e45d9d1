package commands

import (
	"strings"
	"testing"
)

// TestCLINurseDay: the day's actions from the command line: a citizen
// registered without a GP is edited and sent to the GP, a judgement of a
// "needs review" verdict, a period extended to 21 days, the renewal, a
// pause with a planned end, and the move to another municipality.
func TestCLINurseDay(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	r.ok("gp", "add", "--ydernummer", "012345", "--name", "Lægehuset Nord")
	pharmacy := r.jsonID("pharmacy", "add", "--name", "Aalborg Apotek", "--municipality", "851")
	citizen := r.jsonID("citizen", "add", "--cpr", "010145-1236", "--name", "Karen Jensen", "--municipality", "851")
	c := r.jsonID("case", "open", "--citizen", citizen)
	r.ok("case", "assess", c, "--fact", "receives_medicine_help=true")
	if code, _, errs := r.run("case", "judge", c, "--reason", "x"); code != ExitUsage || !strings.Contains(errs, "--eligible") {
		t.Fatalf("judge without a verdict flag: %d %q", code, errs)
	}
	if out := r.ok("case", "judge", c, "--eligible", "--reason", "stabil, datteren hjælper"); !strings.Contains(out, "awaiting_consent") {
		t.Fatalf("judge: %s", out)
	}
	r.ok("case", "consent", c, "--method", "written", "--date", "01-03-2026")
	if code, _, errs := r.run("case", "request-gp", c); code != ExitUsage || !strings.Contains(errs, "GP") {
		t.Fatalf("request-gp without a GP must be refused: %d %q", code, errs)
	}
	if code, _, errs := r.run("citizen", "edit", citizen, "--since", "31-02-2026"); code != ExitUsage || !strings.Contains(errs, "31-02-2026") {
		t.Fatalf("a date that does not exist: %d %q", code, errs)
	}
	out := r.ok("citizen", "edit", citizen, "--gp", "012345", "--medicine-help", "--since", "01-06-2025", "--note", "ringede")
	if !strings.Contains(out, "yes") {
		t.Fatalf("edit: %s", out)
	}
	r.ok("case", "request-gp", c)
	r.ok("case", "gp-decision", c, "--approve")
	r.ok("case", "start", c, "--pharmacy", pharmacy)
	if code, _, errs := r.run("rolls", "extend", c, "--period", "2", "--days", "35", "--reason", "jul"); code != ExitUsage || !strings.Contains(errs, "28") {
		t.Fatalf("35 days: %d %q", code, errs)
	}
	out = r.ok("rolls", "extend", c, "--period", "2", "--days", "21", "--reason", "jul")
	if !strings.Contains(out, "21") {
		t.Fatalf("extend: %s", out)
	}
	r.ok("case", "renew", c, "--expires", "01-01-2028")
	if out := r.ok("case", "pause", c, "--reason", "hospital_admission", "--until", "20-03-2026"); !strings.Contains(out, "paused") {
		t.Fatalf("pause --until: %s", out)
	}
	out = r.ok("citizen", "move", citizen, "--municipality", "101", "--note", "flyttet")
	if !strings.Contains(out, "101") || !strings.Contains(out, c) {
		t.Fatalf("move: %s", out)
	}
	if show := r.ok("case", "show", c); !strings.Contains(show, "citizen_move") || !strings.Contains(show, "period_extend") {
		t.Errorf("the timeline lacks the move or the extension:\n%s", show)
	}
}
