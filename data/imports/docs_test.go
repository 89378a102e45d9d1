package imports_test

import (
	"os"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data/imports"
)

// TestDocsListEveryHeader: docs/imports.md names every header the header
// table understands, so the page operators read is the whole list.
func TestDocsListEveryHeader(t *testing.T) {
	b, err := os.ReadFile("../../docs/imports.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, k := range imports.Kinds() {
		for _, c := range imports.Columns(k) {
			for _, a := range c.Aliases {
				if !strings.Contains(doc, a) {
					t.Errorf("docs/imports.md does not list %q (%s, column %s)", a, k, c.Key)
				}
			}
		}
	}
}
