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
	// `user role` goes through data.DB.UpdateUser, as the web's user form.
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"user", "role", "nina", "--role", "lead", "--municipality", "851"}, 0, "nina is now lead"},
		{[]string{"user", "role", "ada", "--role", "steering"}, ExitUsage, "last active admin"},
		{[]string{"user", "role", "nina", "--role", "nurse"}, ExitUsage, "municipality"},
		{[]string{"user", "role", "nina", "--role", "chief"}, ExitUsage, "chief"},
		{[]string{"user", "role", "nobody", "--role", "nurse", "--municipality", "851"}, ExitUsage, "the user was not found"},
	} {
		code, out, errs := r.run(c.args...)
		if code != c.code || !strings.Contains(out+errs, c.want) {
			t.Errorf("%v: exit %d, out %q, err %q; want exit %d with %q", c.args, code, out, errs, c.code, c.want)
		}
	}
	if out := r.ok("user", "list"); !strings.Contains(out, "lead") {
		t.Errorf("list after the role change:\n%s", out)
	}
}

// TestCLIUsernameCase: `dosis user add` refuses a username that differs only
// in case from an existing one, naming it, and the user commands find a
// user however the name is cased.
func TestCLIUsernameCase(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	r.ok("user", "add", "--username", "ada", "--role", "admin", "--name", "Ada Admin")
	r.ok("user", "add", "--username", "nina", "--role", "nurse", "--name", "Nina", "--municipality", "851")
	code, _, errs := r.run("user", "add", "--username", "Ada", "--role", "admin", "--name", "Anden Ada")
	if code != ExitUsage || !strings.Contains(errs, `the username "Ada" is taken: it differs only in case from the user "ada"`) {
		t.Errorf("add Ada beside ada: exit %d %q", code, errs)
	}
	if out := r.ok("user", "disable", "NINA"); !strings.Contains(out, "disabled nina") {
		t.Errorf("disable NINA: %q", out)
	}
	if out := r.ok("user", "list"); strings.Count(out, "Ada") != 1 {
		t.Errorf("list:\n%s", out)
	}
}
