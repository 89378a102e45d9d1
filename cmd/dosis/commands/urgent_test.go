package commands

import (
	"strings"
	"testing"
	"time"
)

func TestCLIUrgentRollsGPAbsenceWorklistRemind(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	r.ok("gp", "add", "--ydernummer", "012345", "--name", "Lægehuset Nord")
	r.ok("gp", "add", "--ydernummer", "054321", "--name", "Vikarlægen")
	pharmacy := r.jsonID("pharmacy", "add", "--name", "Aalborg Apotek", "--municipality", "851")
	citizen := r.jsonID("citizen", "add", "--cpr", "010145-1236", "--name", "Karen Jensen", "--municipality", "851",
		"--gp", "012345", "--medicine-help")
	c := r.jsonID("case", "open", "--citizen", citizen)
	r.ok("case", "assess", c, "--fact", "receives_medicine_help=true", "--fact", "months_without_change=6",
		"--fact", "no_change_expected=ja", "--fact", "packable_medicine_count=5", "--fact", "can_handle_roll=true")
	r.ok("case", "consent", c, "--method", "written", "--date", "01-03-2026")

	// The GP is away this week: the request is flagged and redirected.
	out := r.ok("gp", "absence", "add", "--gp", "012345", "--from", "02-03-2026", "--to", "06-03-2026", "--substitute", "054321")
	if !strings.Contains(out, "02-03-2026 (uge 10)") {
		t.Errorf("absence add: %s", out)
	}
	if out := r.ok("gp", "absence", "list"); !strings.Contains(out, "Vikarlægen") {
		t.Errorf("absence list: %s", out)
	}
	r.ok("case", "request-gp", c)
	if out := r.ok("worklist", "--role", "nurse", "--municipality", "851"); !strings.Contains(out, "gp_absent") || strings.Contains(out, "010145") {
		t.Errorf("nurse worklist must show the absent GP and no CPR: %s", out)
	}
	if out := r.ok("gp", "redirect", c); !strings.Contains(out, "redirected from GP") {
		t.Errorf("redirect: %s", out)
	}
	code, _, errs := r.run("gp", "redirect", c)
	if code != ExitUsage || !strings.Contains(errs, "not absent") {
		t.Errorf("a second redirect must be refused: %d %q", code, errs)
	}
	r.ok("case", "gp-decision", c, "--approve")
	r.ok("case", "start", c, "--pharmacy", pharmacy)

	// Friday 06-03-2026 10:00 UTC: a 24-hour promise lands on Monday.
	r.now = time.Date(2026, 3, 6, 10, 0, 0, 0, time.UTC)
	u := r.jsonID("urgent", "request", c, "--reason", "medication_change", "--needed-by", "09-03-2026 08:00", "--note", "ny dosis")
	// The same request again (a retry) returns the open roll, no second one.
	if again := r.jsonID("urgent", "request", c, "--reason", "medication_change", "--needed-by", "09-03-2026 08:00", "--note", "ny dosis"); again != u {
		t.Errorf("a repeated request ordered roll %s besides %s", again, u)
	}
	code, _, errs = r.run("urgent", "request", c, "--reason", "whim", "--needed-by", "09-03-2026 08:00")
	if code != ExitUsage || !strings.Contains(errs, "medication_change") {
		t.Errorf("an unknown reason must be refused listing the reasons: %d %q", code, errs)
	}
	code, _, errs = r.run("urgent", "request", c, "--reason", "start", "--needed-by", "09-03-2026 8")
	if code != ExitUsage || !strings.Contains(errs, "hh:mm") {
		t.Errorf("a bad time must be refused: %d %q", code, errs)
	}
	out = r.ok("urgent", "queue", "--pharmacy", pharmacy)
	if !strings.Contains(out, u) || !strings.Contains(out, "09-03-2026 11:00 (uge 11)") {
		t.Errorf("queue must show the promise on Monday 11:00 Danish time: %s", out)
	}
	r.ok("urgent", "accept", u)
	code, _, errs = r.run("urgent", "delivered", u)
	if code != ExitUsage || !strings.Contains(errs, "packed") {
		t.Errorf("delivering an unpacked roll must be refused naming the status: %d %q", code, errs)
	}
	// Monday 12:00 Danish time: overdue for the lead and for remind.
	r.now = time.Date(2026, 3, 9, 11, 0, 0, 0, time.UTC)
	if out := r.ok("worklist", "--role", "lead", "--municipality", "851"); !strings.Contains(out, "urgent_overdue") || strings.Contains(out, "Karen") {
		t.Errorf("lead worklist must show the overdue roll without names: %s", out)
	}
	out = r.ok("remind")
	if !strings.Contains(out, "created 1 reminder") || !strings.Contains(out, "urgent_roll_overdue") {
		t.Errorf("remind: %s", out)
	}
	if out := r.ok("remind"); !strings.Contains(out, "created 0 reminder") {
		t.Errorf("a second remind must create nothing: %s", out)
	}
	r.ok("urgent", "packed", u)
	if out := r.ok("urgent", "delivered", u); !strings.Contains(out, "delivered") {
		t.Errorf("delivered: %s", out)
	}
	if out := r.ok("worklist", "--role", "pharmacy", "--pharmacy", pharmacy); strings.Contains(out, "urgent_request") {
		t.Errorf("a delivered roll leaves the pharmacy's worklist: %s", out)
	}
	code, _, _ = r.run("worklist", "--role", "lead")
	if code != ExitUsage {
		t.Errorf("a lead worklist without municipality is bad usage, got %d", code)
	}
}
