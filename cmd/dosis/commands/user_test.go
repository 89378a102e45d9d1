package commands

import (
	"strings"
	"testing"
)

// TestCLIUserRules: `dosis user disable` keeps the web's rule (never the
// last active admin) because both call data.DB.DisableUser; a nurse is
// disabled and re-enabled, and `passwd` ends her sessions.
func TestCLIUserRules(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	r.ok("user", "add", "--username", "ada", "--role", "admin", "--name", "Ada Admin")
	r.ok("user", "add", "--username", "nina", "--role", "nurse", "--name", "Nina", "--municipality", "851")
	if code, _, errs := r.run("user", "disable", "ada"); code != ExitUsage || !strings.Contains(errs, "last active admin") {
		t.Errorf("disabling the last admin: exit %d %q", code, errs)
	}
	if out := r.ok("user", "disable", "nina"); !strings.Contains(out, "disabled nina") {
		t.Errorf("disable: %q", out)
	}
	if code, _, errs := r.run("user", "disable", "nina"); code != ExitUsage || !strings.Contains(errs, "already disabled") {
		t.Errorf("disabling twice: exit %d %q", code, errs)
	}
	if out := r.ok("user", "enable", "nina"); !strings.Contains(out, "enabled nina") {
		t.Errorf("enable: %q", out)
	}
	if out := r.ok("user", "passwd", "nina"); !strings.Contains(out, "password (shown once)") {
		t.Errorf("passwd: %q", out)
	}
	if out := r.ok("user", "list"); !strings.Contains(out, "nina") || strings.Contains(out, "disabled") {
		t.Errorf("list after re-enabling:\n%s", out)
	}
}
