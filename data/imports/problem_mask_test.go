package imports_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/i18n"
)

// TestProblemValueHidesCPRColumn: a value in a CPR column is masked in every
// problem, valid or not (cpr.Redact alone left a mistyped number whole: month
// 13, nine digits, a letter), and a CPR-like number in another column is
// hidden, in the report's Value, its Message in both languages and its JSON.
func TestProblemValueHidesCPRColumn(t *testing.T) {
	cases := []struct {
		name, column, value, want string
	}{
		{"month 13", "CPR", "011345-1234", "011345-XXXX"},
		{"day 00, no hyphen", "CPR", "0013451234", "001345-XXXX"},
		{"nine digits", "CPR", "321451234", "XXXXXX-XXXX"},
		{"eleven digits", "CPR", "01014512361", "XXXXXX-XXXX"},
		{"a letter", "CPR", "01O145-1236", "XXXXXX-XXXX"},
		{"a control character", "CPR", "010145\x011236", "XXXXXX-XXXX"},
		{"a CPR number in the municipality", "Kommune", "010145-1236", "XXXXXX-XXXX"},
	}
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				cprCell, mun := "010145-1236", "851"
				if tc.column == "CPR" {
					cprCell = tc.value
				} else {
					mun = tc.value
				}
				file := "CPR;Navn;Kommune\n" + cprCell + ";Karen Jensen;" + mun + "\n"
				rep, err := imports.Run(context.Background(), db, admin, imports.Citizens, []byte(file), imports.Options{Now: now})
				if err == nil || rep == nil || len(rep.Problems) == 0 {
					t.Fatalf("want a refused file with problems, got %v", err)
				}
				var found bool
				for _, p := range rep.Problems {
					shown := []string{p.Value, p.Message(i18n.Danish), p.Message(i18n.English)}
					if b, err := json.Marshal(p); err == nil {
						shown = append(shown, string(b))
					}
					for _, s := range shown {
						if strings.Contains(s, tc.value) || strings.Contains(s, "1234") || strings.Contains(s, "1236") {
							t.Errorf("the problem shows the value: %q", s)
						}
					}
					found = found || (p.Column == tc.column && p.Value == tc.want)
				}
				if !found {
					t.Errorf("no problem in column %s shown as %q: %+v", tc.column, tc.want, rep.Problems)
				}
			})
		}
	})
}
