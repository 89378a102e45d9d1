package commands

import (
	"strings"
	"testing"
	"time"
)

// rollsCase sets up a case started on Monday 02-03-2026 and returns its id
// and the pharmacy's.
func rollsCase(t *testing.T, r *cliRun) (caseID, pharmacy string) {
	t.Helper()
	r.ok("db", "migrate")
	r.ok("gp", "add", "--ydernummer", "012345", "--name", "Lægehuset Nord")
	return startedCase(t, r, "010145-1236", "Karen Jensen")
}

// consentedCase opens, assesses (eligible) and records consent on a case
// for a new citizen of Aalborg with GP 012345, and returns the case id.
func consentedCase(t *testing.T, r *cliRun, cpr, name string) string {
	t.Helper()
	citizen := r.jsonID("citizen", "add", "--cpr", cpr, "--name", name, "--municipality", "851",
		"--gp", "012345", "--medicine-help")
	caseID := r.jsonID("case", "open", "--citizen", citizen)
	r.ok("case", "assess", caseID, "--fact", "receives_medicine_help=true", "--fact", "months_without_change=6",
		"--fact", "no_change_expected=ja", "--fact", "packable_medicine_count=5", "--fact", "can_handle_roll=true")
	r.ok("case", "consent", caseID, "--method", "written")
	return caseID
}

// startedCase takes a consented case through the GP's approval to start at
// a new pharmacy and returns the case's and the pharmacy's ids.
func startedCase(t *testing.T, r *cliRun, cpr, name string) (caseID, pharmacy string) {
	t.Helper()
	pharmacy = r.jsonID("pharmacy", "add", "--name", "Aalborg Apotek", "--municipality", "851")
	caseID = consentedCase(t, r, cpr, name)
	r.ok("case", "request-gp", caseID)
	r.ok("case", "gp-decision", caseID, "--approve")
	r.ok("case", "start", caseID, "--pharmacy", pharmacy)
	return caseID, pharmacy
}

func TestCLIHospitalImport(t *testing.T) {
	r := newCLI(t)
	c, _ := rollsCase(t, r)
	before := r.ok("rolls", "list", c)
	if !strings.Contains(before, "05-03-2026 (uge 10)") || strings.Count(before, "planned") != 4 {
		t.Fatalf("schedule after start:\n%s", before)
	}
	r.now = time.Date(2026, 3, 31, 8, 0, 0, 0, time.UTC)

	code, _, errs := r.run("hospital", "import", "testdata/hospital_bad.csv")
	for _, want := range []string{"nothing imported", `line 3, column 3 (kind) "transfer"`,
		`line 4, column 4 (timestamp) "31-02-2026 10:00"`, `line 5: 4 columns, want 5`} {
		if code != ExitUsage || !strings.Contains(errs, want) {
			t.Errorf("bad file: exit %d, want 2 and %q in:\n%s", code, want, errs)
		}
	}
	code, _, errs = r.run("hospital", "import", "testdata/hospital_unknown_cpr.csv")
	if code != ExitUsage || !strings.Contains(errs, `line 2, column 2 (case) "020202-XXXX"`) || strings.Contains(errs, "020202-2222") {
		t.Errorf("unknown CPR: exit %d:\n%s", code, errs)
	}
	if after := r.ok("rolls", "list", c); after != before {
		t.Fatalf("a rejected import changed the schedule:\n%s", after)
	}
	if show := r.ok("case", "show", c); strings.Contains(show, "paused") {
		t.Fatalf("a rejected import paused the case:\n%s", show)
	}

	out := r.ok("hospital", "import", "testdata/hospital_good.csv")
	for _, want := range []string{"paused", "recorded", "resumed", "hospital_discharge", "02-04-2026 (uge 14)"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	list := r.ok("rolls", "list", c)
	if strings.Count(list, "not_dispensed") != 1 || !strings.Contains(list, "ready") {
		t.Errorf("after admission and discharge:\n%s", list)
	}
	again := r.ok("hospital", "import", "testdata/hospital_good.csv")
	if strings.Count(again, "duplicate") != 3 {
		t.Errorf("re-import:\n%s", again)
	}
	if r.ok("rolls", "list", c) != list {
		t.Errorf("re-import changed the schedule")
	}
}

func TestCLIRollsReceiptChange(t *testing.T) {
	r := newCLI(t)
	c, pharmacy := rollsCase(t, r)
	r.now = time.Date(2026, 3, 31, 8, 0, 0, 0, time.UTC)
	plan := r.ok("rolls", "plan", "--weeks", "8")
	if !strings.Contains(plan, "cases:") || !strings.Contains(plan, "26-05-2026 (uge 22)") {
		t.Errorf("plan:\n%s", plan)
	}
	pack := r.ok("rolls", "to-pack", "--pharmacy", pharmacy, "--week", "2026-W14")
	if !strings.Contains(pack, "uge 14: 30-03-2026–05-04-2026") || !strings.Contains(pack, "010145-XXXX") ||
		strings.Contains(pack, "1236") {
		t.Errorf("to-pack:\n%s", pack)
	}
	r.ok("rolls", "delivered", c, "--period", "3")
	rec := r.ok("receipt", c, "--period", "3", "--deviation", "late", "--note", "kom kl. 16")
	if !strings.Contains(rec, "Leveret for sent") {
		t.Errorf("receipt:\n%s", rec)
	}
	if code, _, errs := r.run("receipt", c, "--period", "3"); code != ExitFailure || !strings.Contains(errs, "already received") {
		t.Errorf("second receipt: %d %s", code, errs)
	}
	if code, _, errs := r.run("receipt", c, "--period", "4"); code != ExitUsage || !strings.Contains(errs, "not been delivered") {
		t.Errorf("receipt of an undelivered roll: %d %s", code, errs)
	}
	late := r.ok("change", c, "--effective", "02-04-2026", "--description", "Furosemid 20 mg")
	if !strings.Contains(late, "urgent_roll") || !strings.Contains(late, "akutrulle") || !strings.Contains(late, "16-04-2026") {
		t.Errorf("late change:\n%s", late)
	}
	next := r.ok("change", c, "--effective", "16-04-2026", "--description", "Furosemid 20 mg")
	if !strings.Contains(next, "next_roll") || !strings.Contains(next, "deadline 13-04-2026") {
		t.Errorf("timely change:\n%s", next)
	}
}
