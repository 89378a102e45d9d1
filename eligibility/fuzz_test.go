package eligibility

import (
	"github.com/dosis-dk/dosis/i18n"

	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse feeds random JSON to Parse. It must not panic; an error must
// be an invalid-rule-set error; a rule set it accepts must validate, and
// evaluating it on facts of any type must give a verdict that explains
// every criterion, in both languages, without panicking.
func FuzzParse(f *testing.F) {
	// More seeds are committed in testdata/fuzz/FuzzParse.
	for _, name := range []string{"rulesets/default.json", "testdata/override_municipality.json", "testdata/invalid_op.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, 3.0, "ja", true)
	}
	f.Add([]byte(`{"id":"x","version":"1","criteria":[{"id":"a","fact":"n","op":"gte","value":1e308,"severity":"required","label_da":"A","source":"s","messages_da":{"fail":"{value} < {threshold}"}}]}`), -1.5, "", false)
	f.Add([]byte(`{"id":"x","version":"1","criteria":[{"id":"a","fact":"f","op":"in","value":["a","b"],"severity":"advisory","label_da":"A","source":"s"}]}`), 0.0, "a", true)
	f.Add([]byte(`{}`), 0.0, "", false)
	f.Add([]byte(`null`), 0.0, "", false)
	f.Fuzz(func(t *testing.T, b []byte, num float64, s string, flag bool) {
		rs, err := Parse(b)
		if err != nil {
			if rs != nil {
				t.Fatalf("Parse returned a rule set with error %v", err)
			}
			if !errors.Is(err, ErrInvalidRuleSet) {
				t.Fatalf("Parse error %q is not ErrInvalidRuleSet", err)
			}
			return
		}
		if err := rs.Validate(); err != nil {
			t.Fatalf("Parse accepted a rule set that does not validate: %v", err)
		}
		values := []any{num, s, flag, nil, int(num), []string{s}, map[string]any{"x": s}}
		for shift := range values {
			facts := Facts{}
			for i, c := range rs.Criteria {
				facts[c.Fact] = values[(i+shift)%len(values)]
			}
			v := Evaluate(rs, facts)
			if len(v.Results) != len(rs.Criteria) {
				t.Fatalf("%d results for %d criteria", len(v.Results), len(rs.Criteria))
			}
			switch v.Outcome {
			case Eligible, NotEligible, NeedsReview:
			default:
				t.Fatalf("outcome %q", v.Outcome)
			}
			for _, r := range v.Results {
				if strings.TrimSpace(r.Reason) == "" || strings.TrimSpace(r.ReasonEN) == "" {
					t.Fatalf("criterion %s has no reason: %+v", r.ID, r)
				}
			}
			_ = v.Summary(i18n.Danish)
			_ = v.Summary(i18n.English)
		}
		_ = rs.Facts()
	})
}
