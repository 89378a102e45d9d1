package workflow

import (
	"os"
	"strings"
	"testing"
)

// TestDiagramInDocsIsCurrent keeps the generated state diagram in the docs
// in step with the transition table. Regenerate with `dosis states`.
func TestDiagramInDocsIsCurrent(t *testing.T) {
	want := Mermaid()
	for _, path := range []string{"../docs/workflow.md", "../README.md"} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "```mermaid\n"+want+"```") {
			t.Errorf("%s does not contain the current diagram; replace its mermaid block with the output of `go run ./cmd/dosis states`", path)
		}
	}
}

func TestDiagramCoversEveryTransition(t *testing.T) {
	d := Mermaid()
	for st, evs := range allowed() {
		for ev, to := range evs {
			if ev == EventAssess {
				continue
			}
			line := "    " + string(st) + " --> " + string(to) + ": " + string(ev)
			if !strings.Contains(d, line) {
				t.Errorf("diagram lacks %q", line)
			}
		}
	}
}
