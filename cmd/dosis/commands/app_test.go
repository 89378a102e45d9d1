package commands

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cli runs the real command line against one SQLite file with a fixed clock.
type cliRun struct {
	t   *testing.T
	db  string
	now time.Time
	// stdin is what the next commands read on standard input.
	stdin string
}

func newCLI(t *testing.T) *cliRun {
	return &cliRun{t: t, db: filepath.Join(t.TempDir(), "cli.db"), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

func (r *cliRun) run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(r.stdin), stdout: &out, stderr: &errb, now: func() time.Time { return r.now }}
	code = run(append([]string{"dosis", "--db", r.db, "--actor", "tester"}, args...), e)
	return code, out.String(), errb.String()
}

// ok runs a command that must succeed and returns its stdout.
func (r *cliRun) ok(args ...string) string {
	r.t.Helper()
	code, out, errs := r.run(args...)
	if code != ExitOK {
		r.t.Fatalf("dosis %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// jsonID runs a command with --json and returns the "ID" field.
func (r *cliRun) jsonID(args ...string) string {
	r.t.Helper()
	out := r.ok(append([]string{"--json"}, args...)...)
	var v struct{ ID string }
	if err := json.Unmarshal([]byte(out), &v); err != nil || v.ID == "" {
		r.t.Fatalf("no id in %q: %v", out, err)
	}
	return v.ID
}

func TestCLIRefusesOutOfDateSchema(t *testing.T) {
	r := newCLI(t)
	code, _, errs := r.run("case", "list")
	if code != ExitFailure || !strings.Contains(errs, "dosis db migrate") {
		t.Fatalf("want exit 1 naming the fix, got %d %q", code, errs)
	}
}

func TestCLIWholePath(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	if out := r.ok("db", "status"); strings.Contains(out, "PENDING") {
		t.Fatalf("pending after migrate: %s", out)
	}
	r.ok("gp", "add", "--ydernummer", "012345", "--name", "Lægehuset Nord")
	pharmacy := r.jsonID("pharmacy", "add", "--name", "Aalborg Apotek", "--municipality", "851")
	citizen := r.jsonID("citizen", "add", "--cpr", "010145-1236", "--name", "Karen Jensen", "--municipality", "851",
		"--gp", "012345", "--medicine-help")
	c := r.jsonID("case", "open", "--citizen", citizen)

	// Consent before eligibility is refused with the unmet guard, exit 2.
	code, _, errs := r.run("case", "consent", c, "--method", "oral")
	if code != ExitUsage || !strings.Contains(errs, "cannot happen") {
		t.Fatalf("want refused consent, got %d %q", code, errs)
	}
	out := r.ok("case", "assess", c, "--fact", "receives_medicine_help=true", "--fact", "months_without_change=6",
		"--fact", "no_change_expected=ja", "--fact", "packable_medicine_count=5", "--fact", "can_handle_roll=true")
	if !strings.Contains(out, "awaiting_consent") {
		t.Fatalf("assess did not reach awaiting_consent: %s", out)
	}
	r.ok("case", "consent", c, "--method", "written", "--date", "01-03-2026")
	r.ok("case", "request-gp", c)
	r.ok("case", "gp-decision", c, "--approve")
	r.ok("case", "start", c, "--pharmacy", pharmacy)
	code, _, errs = r.run("case", "pause", c, "--reason", "bad_reason")
	if code != ExitUsage || !strings.Contains(errs, "hospital_admission") {
		t.Fatalf("want bad reason refused listing the codes, got %d %q", code, errs)
	}
	r.ok("case", "pause", c, "--reason", "hospital_admission")
	show := r.ok("case", "show", c)
	for _, want := range []string{"consent written by citizen on 01-03-2026", "pause: active → paused (hospital_admission)", "GP approved",
		"command line (tester)"} {
		if !strings.Contains(show, want) {
			t.Errorf("timeline lacks %q:\n%s", want, show)
		}
	}
	if strings.Contains(show, "cli:tester") {
		t.Errorf("the timeline shows the raw actor id:\n%s", show)
	}
	list := r.ok("case", "list")
	if strings.Contains(list, "010145-1236") || !strings.Contains(list, "010145-XXXX") {
		t.Errorf("case list must mask the CPR:\n%s", list)
	}
}

func TestCLIBadInput(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"invalid CPR date", []string{"citizen", "add", "--cpr", "320145-1234", "--name", "X", "--municipality", "851"}, ExitUsage, "day 32"},
		{"unknown municipality", []string{"citizen", "add", "--cpr", "010145-1236", "--name", "X", "--municipality", "411"}, ExitUsage, "411"},
		{"missing flag", []string{"citizen", "add", "--cpr", "010145-1236"}, ExitUsage, "name"},
		{"unknown case", []string{"case", "show", "NOPE"}, ExitUsage, "the case was not found"},
		{"bad fact", []string{"case", "assess", "X", "--fact", "nokey"}, ExitUsage, "key=value"},
		{"both approve and reject", []string{"case", "gp-decision", "X", "--approve", "--reject"}, ExitUsage, "exactly one"},
		{"bad date", []string{"case", "consent", "X", "--method", "oral", "--date", "31-02-2026"}, ExitUsage, "31-02-2026"},
		// The receipt's time follows the web's rule (workflow.ParseDateTime).
		{"receipt time in US order", []string{"receipt", "X", "--period", "1", "--at", "11/27/2026 09:45"}, ExitUsage,
			`--at: the date "11/27/2026" must be written dd-mm-yyyy`},
		{"receipt time without clock", []string{"receipt", "X", "--period", "1", "--at", "27-11-2026"}, ExitUsage,
			"--at: give the time as well (hh:mm)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := r.run(tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Fatalf("want exit %d mentioning %q, got %d: %q", tc.code, tc.want, code, errs)
			}
		})
	}
}
