package eligibility

import (
	"slices"
	"testing"
)

func TestKnownFacts(t *testing.T) {
	want := []FactInfo{
		{Key: "receives_medicine_help", Type: "bool", LabelDA: "Får kommunal hjælp til medicin", LabelEN: "Receives municipal help with medicine"},
		{Key: "months_without_change", Type: "number", LabelDA: "Måneder uden ændring i behandlingen", LabelEN: "Months without change in treatment"},
		{Key: "no_change_expected", Type: "bool", LabelDA: "Ingen ændring i behandlingen forventet snart", LabelEN: "No change in treatment expected soon"},
		{Key: "packable_medicine_count", Type: "number", LabelDA: "Antal dosispakbare præparater", LabelEN: "Number of medicines that may be machine packed"},
		{Key: "can_handle_roll", Type: "bool", LabelDA: "Kan håndtere dosisrullen eller har hjælp", LabelEN: "Can handle the roll or has help"},
	}
	got := KnownFacts()
	if !slices.EqualFunc(got, want, func(a, b FactInfo) bool {
		return a.Key == b.Key && a.Type == b.Type && a.LabelDA == b.LabelDA && a.LabelEN == b.LabelEN && len(a.Options) == 0
	}) {
		t.Errorf("KnownFacts() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestRuleSetFactsDeduplicatesAndListsOptions(t *testing.T) {
	rs := &RuleSet{Criteria: []Criterion{
		{ID: "min", Fact: "age", Op: OpGte, Value: 18, LabelDA: "Alder"},
		{ID: "max", Fact: "age", Op: OpLte, Value: 120, LabelDA: "Alder (maks.)"},
		{ID: "home", Fact: "living_situation", Op: OpIn, Value: []string{"own_home", "nursing_home"}, LabelDA: "Boform"},
		{ID: "kind", Fact: "kind", Op: OpEq, Value: "a", LabelDA: "Type"},
	}}
	got := rs.Facts()
	if len(got) != 3 || got[0].Key != "age" || got[0].LabelDA != "Alder" || got[0].LabelEN != "Alder" {
		t.Fatalf("Facts() = %+v, want age once, with the first label", got)
	}
	if got[1].Type != "string" || !slices.Equal(got[1].Options, []string{"own_home", "nursing_home"}) {
		t.Errorf("living_situation = %+v, want string with two options", got[1])
	}
	if got[2].Type != "string" {
		t.Errorf("kind = %+v, want string", got[2])
	}
}
