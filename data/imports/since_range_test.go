package imports_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
)

// TestImportHelpSinceWithinLife: the medicine-help import stored a "since"
// before the citizen's birth, which the citizen edit refuses (one rule,
// workflow.MedicineHelpRange); both ends are refused naming the value.
// Today is 02-03-2026; 010145-1236 was born 01-01-1945.
func TestImportHelpSinceWithinLife(t *testing.T) {
	cases := []struct{ since, want string }{
		{"01-01-1945", ""},
		{"02-03-2026", ""},
		{"31-12-1944", `værdien "31-12-1944" ligger før borgerens fødselsdag 01-01-1945`},
		{"03-03-2026", `værdien "03-03-2026" ligger i fremtiden`},
	}
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		run(t, db, imports.Citizens, []byte("CPR;Navn;Kommune\n010145-1236;Karen Jensen;851\n"), imports.Options{})
		for _, tc := range cases {
			t.Run(tc.since, func(t *testing.T) {
				rep, err := imports.Run(context.Background(), db, admin, imports.MedicineHelp,
					[]byte("CPR;Medicinhjælp;Fra\n010145-1236;ja;"+tc.since+"\n"), imports.Options{Now: now, DryRun: true})
				var got []string
				for _, p := range rep.Problems {
					got = append(got, p.Message("da"))
				}
				switch {
				case tc.want == "" && err != nil:
					t.Errorf("refused: %v %v", err, got)
				case tc.want != "" && !strings.Contains(strings.Join(got, "\n"), tc.want):
					t.Errorf("problems %q, want %q", got, tc.want)
				}
			})
		}
	})
}
