package eligibility

import (
	"math"
	"strings"
	"testing"
)

func TestEvaluateOps(t *testing.T) {
	tests := []struct {
		name      string
		op        string
		threshold any
		fact      any
		want      Status
	}{
		{"eq bool pass", OpEq, true, true, StatusPass},
		{"eq bool fail", OpEq, true, false, StatusFail},
		{"eq bool given number", OpEq, true, 1, StatusUnknown},
		{"eq string pass", OpEq, "own_home", "own_home", StatusPass},
		{"eq string is exact", OpEq, "own_home", "Own_Home", StatusFail},
		{"eq string given bool", OpEq, "own_home", true, StatusUnknown},
		{"eq number int vs float", OpEq, 2.0, 2, StatusPass},
		{"eq number fail", OpEq, 2, 2.5, StatusFail},
		{"eq number given string", OpEq, 2, "2", StatusUnknown},
		{"gte above", OpGte, 3, 4, StatusPass},
		{"gte equal", OpGte, 3.0, 3, StatusPass},
		{"gte below", OpGte, 3, 2.99, StatusFail},
		{"gte given bool", OpGte, 3, true, StatusUnknown},
		{"lte below", OpLte, 80, 65, StatusPass},
		{"lte equal", OpLte, 80, 80.0, StatusPass},
		{"lte above", OpLte, 80, int64(81), StatusFail},
		{"lte given string", OpLte, 80, "65", StatusUnknown},
		{"in member", OpIn, []string{"own_home", "nursing_home"}, "nursing_home", StatusPass},
		{"in member of []any", OpIn, []any{"own_home", "nursing_home"}, "own_home", StatusPass},
		{"in not member", OpIn, []string{"own_home"}, "hospital", StatusFail},
		{"in given number", OpIn, []string{"own_home"}, 3, StatusUnknown},
		{"gte given NaN", OpGte, 3, nanValue(), StatusUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := oneCriterion(tt.op, tt.threshold, SeverityRequired)
			if err := rs.Validate(); err != nil {
				t.Fatalf("test rule set invalid: %v", err)
			}
			r := Evaluate(rs, Facts{"x": tt.fact}).Results[0]
			if r.Status != tt.want {
				t.Errorf("status = %s, want %s (%s)", r.Status, tt.want, r.Reason)
			}
			if tt.want == StatusUnknown && !strings.Contains(r.Reason, "blev ikke forstået") {
				t.Errorf("reason = %q, want it to say the value was not understood", r.Reason)
			}
			if tt.want == StatusUnknown && !strings.Contains(r.ReasonEN, "was not understood") {
				t.Errorf("English reason = %q, want it to say the value was not understood", r.ReasonEN)
			}
		})
	}
}

func TestEvaluateGenericMessages(t *testing.T) {
	rs := oneCriterion(OpIn, []string{"own_home", "nursing_home"}, SeverityRequired)
	r := Evaluate(rs, Facts{"x": "hospital"}).Results[0]
	if want := "Ikke opfyldt: Boform (oplyst: hospital; kriteriet: own_home eller nursing_home)."; r.Reason != want {
		t.Errorf("Reason = %q, want %q", r.Reason, want)
	}
	if want := "Not met: Living situation (given: hospital; criterion: own_home or nursing_home)."; r.ReasonEN != want {
		t.Errorf("ReasonEN = %q, want %q", r.ReasonEN, want)
	}
	r = Evaluate(rs, nil).Results[0]
	if want := "Ukendt: Boform er ikke oplyst."; r.Reason != want {
		t.Errorf("unknown Reason = %q, want %q", r.Reason, want)
	}
}

func TestEvaluateInvalidRuleIsUnknown(t *testing.T) {
	rs := oneCriterion("gt", 3, SeverityRequired)
	v := Evaluate(rs, Facts{"x": 10})
	if v.Outcome != NeedsReview || v.Results[0].Status != StatusUnknown {
		t.Fatalf("invalid rule gave %s / %s, want needs_review / unknown", v.Outcome, v.Results[0].Status)
	}
	// Each language tells the rule's problem in its own words: the Danish
	// reason quoted the English problem ("field \"op\" has value …").
	r := v.Results[0]
	if want := `Ukendt: kriteriet kunne ikke vurderes, fordi reglen er ugyldig (reglen "gt" kendes ikke; vælg er lig med, mindst, højst eller en af).`; r.Reason != want {
		t.Errorf("reason = %q, want %q", r.Reason, want)
	}
	if want := `Unknown: the criterion could not be assessed because the rule is invalid (field "op" has value "gt", want one of eq, gte, lte, in).`; r.ReasonEN != want {
		t.Errorf("English reason = %q, want %q", r.ReasonEN, want)
	}
}

func TestEvaluateEmptyRuleSets(t *testing.T) {
	if got := Evaluate(nil, eligibleFacts()).Outcome; got != NeedsReview {
		t.Errorf("nil rule set: outcome = %s, want needs_review", got)
	}
	if got := Evaluate(&RuleSet{ID: "empty", Version: "1"}, eligibleFacts()).Outcome; got != NeedsReview {
		t.Errorf("empty rule set: outcome = %s, want needs_review", got)
	}
}

// oneCriterion builds a rule set with one criterion on fact "x".
func oneCriterion(op string, threshold any, severity string) *RuleSet {
	return &RuleSet{ID: "test", Version: "1", Criteria: []Criterion{{
		ID: "c", Fact: "x", Op: op, Value: threshold, Severity: severity,
		LabelDA: "Boform", LabelEN: "Living situation", Source: "test",
	}}}
}

// nanValue is a float NaN, which no form can mean.
func nanValue() float64 { return math.NaN() }

// TestEvaluateCountedForms: {value:one|other} gives the singular word for
// exactly 1 and the plural otherwise, in both languages, and the default
// rule set's months criterion uses it.
func TestEvaluateCountedForms(t *testing.T) {
	rs := Default()
	for _, tc := range []struct {
		months any
		da, en string
	}{
		{1, "uændret i 1 måned;", "unchanged for 1 month;"},
		{3, "uændret i 3 måneder;", "unchanged for 3 months;"},
		{2.5, "uændret i 2,5 måneder;", "unchanged for 2.5 months;"},
		{0, "uændret i 0 måneder;", "unchanged for 0 months;"},
	} {
		res := Evaluate(rs, Facts{"months_without_change": tc.months})
		var found bool
		for _, r := range res.Results {
			if r.ID != "months_without_change" {
				continue
			}
			found = true
			if !strings.Contains(r.Reason, tc.da) || !strings.Contains(r.ReasonEN, tc.en) {
				t.Errorf("%v months: %q / %q; want %q / %q", tc.months, r.Reason, r.ReasonEN, tc.da, tc.en)
			}
		}
		if !found {
			t.Fatal("the default rule set has no months_without_change criterion")
		}
	}
}
