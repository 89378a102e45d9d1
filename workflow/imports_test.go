package workflow_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDomainImportsNoAdapter keeps the README's import sentence true: no
// domain package depends, even indirectly, on storage, the web, the
// templates or the command line.
func TestDomainImportsNoAdapter(t *testing.T) {
	const mod = "github.com/dosis-dk/dosis/"
	domain := []string{"workflow", "workflow/calendar", "workflow/cpr", "eligibility", "reports", "i18n"}
	args := []string{"list", "-deps", "-f", "{{.ImportPath}}"}
	for _, p := range domain {
		args = append(args, mod+p)
	}
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		t.Skipf("go list: %v\n%s", err, out) // no go command where the test binary runs
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, adapter := range []string{"data", "web", "templates", "cmd"} {
			if dep == mod+adapter || strings.HasPrefix(dep, mod+adapter+"/") {
				t.Errorf("a domain package depends on %s", dep)
			}
		}
	}
}
