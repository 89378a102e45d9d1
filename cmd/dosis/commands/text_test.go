package commands

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
)

// TestCLIRefusesControlCharacters: an argument with a control character
// is refused (exit 2) before any command runs, and a name stored raw
// before names were checked is printed escaped, so it cannot drive the
// terminal.
func TestCLIRefusesControlCharacters(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	for _, name := range []string{"Kar\x1b[2Jen", "Karen\x00", "Karen\aJensen", "Karen\r\nJensen"} {
		code, out, errs := r.run("citizen", "add", "--cpr", "010145-1236", "--name", name, "--municipality", "851")
		if code != ExitUsage || !strings.Contains(errs, "control character") {
			t.Errorf("name %q: exit %d %q %q", name, code, out, errs)
		}
	}
	code, _, errs := r.run("citizen", "add", "--cpr", "010145-1236", "--name", strings.Repeat("x", 201), "--municipality", "851")
	if code != ExitUsage || !strings.Contains(errs, "too long") {
		t.Errorf("201-character name: exit %d %q", code, errs)
	}
	id := r.jsonID("citizen", "add", "--cpr", "010145-1236", "--name", "Karen Jensen", "--municipality", "851")
	db, err := data.Open(context.Background(), r.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Bun().NewUpdate().Table("citizens").Set("name = ?", "Kar\x1b[2J\x1b[Hen\a").Where("id = ?", id).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := r.ok("citizen", "show", id)
	if strings.ContainsAny(out, "\x1b\a") || !strings.Contains(out, `Kar\x1b[2J\x1b[Hen\a`) {
		t.Errorf("citizen show printed %q", out)
	}
}
