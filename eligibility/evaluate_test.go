package eligibility

import (
	"maps"
	"strings"
	"testing"
)

// eligibleFacts meets every default criterion.
func eligibleFacts() Facts {
	return Facts{
		"receives_medicine_help":  true,
		"months_without_change":   6,
		"no_change_expected":      true,
		"packable_medicine_count": 5,
		"can_handle_roll":         true,
	}
}

// with returns eligibleFacts changed by set; a nil value deletes the key.
func with(set Facts) Facts {
	f := eligibleFacts()
	for k, v := range set {
		if v == nil {
			delete(f, k)
			continue
		}
		f[k] = v
	}
	return f
}

func TestEvaluateDefaultOutcomes(t *testing.T) {
	tests := []struct {
		name    string
		facts   Facts
		outcome Outcome
		id      string // criterion to check, if any
		status  Status
		reason  string // Danish reason the criterion must give, if any
	}{
		{"all met", eligibleFacts(), Eligible, "packable_medicine_count", StatusPass, "Borgeren får 5 dosispakbare præparater; kriteriet kræver mindst 3."},
		{"exactly at threshold", with(Facts{"packable_medicine_count": 3, "months_without_change": 3}), Eligible, "months_without_change", StatusPass, ""},
		{"too few medicines", with(Facts{"packable_medicine_count": 2}), NotEligible, "packable_medicine_count", StatusFail, "Borgeren får 2 dosispakbare præparater; kriteriet kræver mindst 3."},
		{"no municipal help", with(Facts{"receives_medicine_help": false}), NotEligible, "receives_medicine_help", StatusFail, ""},
		{"change expected", with(Facts{"no_change_expected": false}), NotEligible, "no_change_expected", StatusFail, ""},
		{"cannot handle roll", with(Facts{"can_handle_roll": false}), NotEligible, "can_handle_roll", StatusFail, ""},
		{"advisory failure", with(Facts{"months_without_change": 1}), NeedsReview, "months_without_change", StatusFail, ""},
		{"missing fact", with(Facts{"packable_medicine_count": nil}), NeedsReview, "packable_medicine_count", StatusUnknown, "Ukendt: antal dosispakbare præparater er ikke oplyst."},
		{"nil fact value", withNil(eligibleFacts(), "can_handle_roll"), NeedsReview, "can_handle_roll", StatusUnknown, ""},
		{"required failure beats unknown", with(Facts{"can_handle_roll": false, "packable_medicine_count": nil}), NotEligible, "packable_medicine_count", StatusUnknown, ""},
		{"float fact", with(Facts{"packable_medicine_count": 2.5}), NotEligible, "packable_medicine_count", StatusFail, "Borgeren får 2,5 dosispakbare præparater; kriteriet kræver mindst 3."},
		{"int64 fact", with(Facts{"packable_medicine_count": int64(4)}), Eligible, "packable_medicine_count", StatusPass, ""},
		{"wrong-typed number", with(Facts{"packable_medicine_count": "4"}), NeedsReview, "packable_medicine_count", StatusUnknown, `Ukendt: værdien "4" for „Antal dosispakbare præparater“ blev ikke forstået; der forventes et tal.`},
		{"wrong-typed bool", with(Facts{"can_handle_roll": "ja"}), NeedsReview, "can_handle_roll", StatusUnknown, `Ukendt: værdien "ja" for „Kan håndtere dosisrullen eller har hjælp“ blev ikke forstået; der forventes ja eller nej.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Evaluate(Default(), tt.facts)
			if v.Outcome != tt.outcome {
				t.Errorf("outcome = %s, want %s\n%+v", v.Outcome, tt.outcome, v.Results)
			}
			if v.RuleSetID != "dk-default" || v.RuleSetVersion != "2024.1" || len(v.Results) != 5 {
				t.Errorf("verdict names %s %s with %d results", v.RuleSetID, v.RuleSetVersion, len(v.Results))
			}
			r := resultByID(t, v, tt.id)
			if r.Status != tt.status {
				t.Errorf("%s status = %s, want %s", tt.id, r.Status, tt.status)
			}
			if tt.reason != "" && r.Reason != tt.reason {
				t.Errorf("%s reason = %q, want %q", tt.id, r.Reason, tt.reason)
			}
			if r.Reason == "" || r.ReasonEN == "" || r.Source == "" {
				t.Errorf("%s result lacks reason or source: %+v", tt.id, r)
			}
			if (r.Status == StatusUnknown) != (r.Value == nil) {
				t.Errorf("%s value = %#v with status %s; want nil exactly when unknown", tt.id, r.Value, r.Status)
			}
		})
	}
}

// withNil returns a copy of f with key present but nil.
func withNil(f Facts, key string) Facts {
	g := maps.Clone(f)
	g[key] = nil
	return g
}

func TestEvaluateNoFacts(t *testing.T) {
	v := Evaluate(Default(), nil)
	if v.Outcome != NeedsReview {
		t.Fatalf("outcome = %s, want needs_review", v.Outcome)
	}
	for _, r := range v.Results {
		if r.Status != StatusUnknown || !strings.HasPrefix(r.Reason, "Ukendt:") || !strings.HasPrefix(r.ReasonEN, "Unknown:") {
			t.Errorf("%s = %s %q / %q, want unknown with Ukendt/Unknown reasons", r.ID, r.Status, r.Reason, r.ReasonEN)
		}
	}
}

func TestEvaluateNormalisesNumbers(t *testing.T) {
	for _, n := range []any{3, int8(3), int32(3), uint(3), uint64(3), float32(3), 3.0} {
		r := Evaluate(Default(), with(Facts{"packable_medicine_count": n})).Results[3]
		if r.Status != StatusPass || r.Value != 3.0 {
			t.Errorf("%T(3): status %s value %#v, want pass with float64 3", n, r.Status, r.Value)
		}
	}
}
