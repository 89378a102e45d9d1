package eligibility

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	rs := Default()
	if rs.ID != "dk-default" || rs.Version != "2024.1" {
		t.Fatalf("Default() = %q %q, want dk-default 2024.1", rs.ID, rs.Version)
	}
	wantIDs := []string{"receives_medicine_help", "months_without_change", "no_change_expected", "packable_medicine_count", "can_handle_roll"}
	if len(rs.Criteria) != len(wantIDs) {
		t.Fatalf("Default() has %d criteria, want %d", len(rs.Criteria), len(wantIDs))
	}
	for i, c := range rs.Criteria {
		if c.ID != wantIDs[i] {
			t.Errorf("criteria[%d].ID = %q, want %q", i, c.ID, wantIDs[i])
		}
		if strings.TrimSpace(c.Source) == "" {
			t.Errorf("criteria[%d] (%s) has no source", i, c.ID)
		}
		if c.LabelEN == "" {
			t.Errorf("criteria[%d] (%s) has no English label", i, c.ID)
		}
		for _, tm := range c.templates() {
			if tm.text == "" {
				t.Errorf("criteria[%d] (%s) has no %s message", i, c.ID, tm.field)
			}
		}
	}
	if got := rs.Criteria[1]; got.Severity != SeverityAdvisory || got.Value != 3.0 {
		t.Errorf("months_without_change = %s %v, want advisory 3", got.Severity, got.Value)
	}
}

func TestDefaultReturnsFreshCopy(t *testing.T) {
	a := Default()
	a.Criteria[3].Value = 99.0
	a.Criteria = a.Criteria[:1]
	b := Default()
	if len(b.Criteria) != 5 || b.Criteria[3].Value != 3.0 {
		t.Fatalf("changing one Default() changed the next: %d criteria, value %v", len(b.Criteria), b.Criteria[3].Value)
	}
}

func TestLoadFileOverride(t *testing.T) {
	rs, err := LoadFile(filepath.Join("testdata", "override_municipality.json"))
	if err != nil {
		t.Fatalf("LoadFile: %v", err)
	}
	if rs.ID != "example-municipality" || rs.Version != "2024.2" {
		t.Fatalf("got %s %s", rs.ID, rs.Version)
	}
	// Eligible under the default (3 medicines, 3 months) but not here.
	f := Facts{
		"receives_medicine_help":  true,
		"months_without_change":   4,
		"no_change_expected":      true,
		"packable_medicine_count": 3,
		"can_handle_roll":         true,
		"living_situation":        "own_home",
	}
	if got := Evaluate(Default(), f).Outcome; got != Eligible {
		t.Fatalf("default outcome = %s, want eligible", got)
	}
	v := Evaluate(rs, f)
	if v.Outcome != NotEligible || v.RuleSetID != "example-municipality" {
		t.Fatalf("override verdict = %s under %s, want not_eligible", v.Outcome, v.RuleSetID)
	}
	want := "Borgeren får 3 dosispakbare præparater; kriteriet kræver mindst 4."
	if got := resultByID(t, v, "packable_medicine_count").Reason; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
	if got := resultByID(t, v, "months_without_change").Status; got != StatusFail {
		t.Errorf("months_without_change status = %s, want fail", got)
	}
	f["months_without_change"], f["packable_medicine_count"] = 6, 4
	if got := Evaluate(rs, f).Outcome; got != Eligible {
		t.Errorf("with 4 medicines and 6 months: outcome = %s, want eligible", got)
	}
}

func TestLoadFileErrors(t *testing.T) {
	_, err := LoadFile(filepath.Join("testdata", "does-not-exist.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want fs.ErrNotExist", err)
	}
	path := filepath.Join("testdata", "invalid_op.json")
	_, err = LoadFile(path)
	if !errors.Is(err, ErrInvalidRuleSet) {
		t.Fatalf("invalid file: err = %v, want ErrInvalidRuleSet", err)
	}
	for _, want := range []string{path, "criteria[0]", `"count"`, `"op"`, `"gt"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

// resultByID finds a criterion's result in a verdict or fails the test.
func resultByID(t *testing.T, v Verdict, id string) CriterionResult {
	t.Helper()
	for _, r := range v.Results {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("verdict has no result for %q", id)
	return CriterionResult{}
}

// TestCloneIsDeep: a clone's criteria and "in" lists are its own.
func TestCloneIsDeep(t *testing.T) {
	rs := &RuleSet{ID: "x", Version: "1", Criteria: []Criterion{{ID: "c", Op: OpIn, Value: []string{"a", "b"}}}}
	c := rs.Clone()
	c.Criteria[0].Value.([]string)[0] = "z"
	c.Criteria[0].ID = "d"
	if rs.Criteria[0].Value.([]string)[0] != "a" || rs.Criteria[0].ID != "c" {
		t.Errorf("changing the clone changed the original: %+v", rs.Criteria[0])
	}
}
