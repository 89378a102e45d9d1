package imports

import (
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/workflow"
)

// TestCheckXLSXRow: the row bounds name the row and the cell (excelize
// refuses to write a cell over Excel's limit, so this is tested directly).
func TestCheckXLSXRow(t *testing.T) {
	wide := make([]string, MaxColumns+1)
	for _, c := range []struct {
		name string
		rec  []string
		want string
	}{
		{"within", []string{"a", strings.Repeat("x", MaxCellLength)}, ""},
		{"too wide", wide, "række 7 har en værdi i kolonne CW"},
		{"cell too long", []string{"a", strings.Repeat("x", MaxCellLength+1)}, "cellen B7 er for lang"},
	} {
		err := checkXLSXRow(7, c.rec)
		if (err == nil) != (c.want == "") || (err != nil && !strings.Contains(err.(*workflow.Error).Message("da"), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
