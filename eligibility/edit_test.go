package eligibility

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

// TestParseRuleValue reads thresholds typed in a form by their op, and
// FormatRuleValue writes them back so they read the same.
func TestParseRuleValue(t *testing.T) {
	for _, tc := range []struct {
		op, text string
		want     any
	}{
		{OpGte, "3", 3.0},
		{OpLte, "2,5", 2.5},
		{OpGte, "tre", "tre"}, // left for Validate to refuse
		{OpIn, "a, b ,,c", []string{"a", "b", "c"}},
		{OpEq, "ja", true},
		{OpEq, "No", false},
		{OpEq, "4", 4.0},
		{OpEq, "plejehjem", "plejehjem"},
		{OpEq, " ", nil},
	} {
		got := ParseRuleValue(tc.op, tc.text)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseRuleValue(%s, %q) = %#v, want %#v", tc.op, tc.text, got, tc.want)
			continue
		}
		if tc.want == nil || tc.text == "tre" {
			continue
		}
		if back := ParseRuleValue(tc.op, FormatRuleValue(got, i18n.Danish)); !reflect.DeepEqual(back, got) {
			t.Errorf("%s %q: written %q, read back %#v", tc.op, tc.text, FormatRuleValue(got, i18n.Danish), back)
		}
	}
}

// TestValidateDanishProblems: every problem names its criterion by number
// and label, the field and the value, in Danish, at the right field.
func TestValidateDanishProblems(t *testing.T) {
	rs := Default()
	rs.Version = ""
	rs.Criteria[0].Severity = "must"
	rs.Criteria[3].Value = "tre"
	rs.Criteria[4].ID = rs.Criteria[0].ID
	rs.Criteria[1].MessagesDA.Pass = "{værdi} måneder"
	var ve *ValidationError
	if err := rs.Validate(); !errors.As(err, &ve) || !errors.Is(err, ErrInvalidRuleSet) {
		t.Fatalf("err = %v, want a *ValidationError matching ErrInvalidRuleSet", err)
	}
	want := []Problem{
		{Criterion: -1, Field: "version", MsgDA: "Regelsættets version mangler"},
		{Criterion: 0, Field: "severity", MsgDA: `Kriterium 1 (»Får kommunal hjælp til medicin«): vægten "must" kendes ikke; vælg skal opfyldes eller vejledende`},
		{Criterion: 1, Field: "messages_da.pass", MsgDA: `Kriterium 2 (»Måneder uden ændring i behandlingen«): teksten har den ukendte pladsholder "{værdi}"; brug {value}, {threshold}, {label} eller en tællet {value:ental|flertal}`},
		{Criterion: 3, Field: "value", MsgDA: `Kriterium 4 (»Antal dosispakbare præparater«): grænsen "tre" skal være et tal for reglen »mindst«`},
		{Criterion: 4, Field: "id", MsgDA: `Kriterium 5 (»Kan håndtere dosisrullen eller har hjælp«): navnet "receives_medicine_help" bruges allerede af kriterium 1`},
	}
	if len(ve.Problems) != len(want) {
		t.Fatalf("problems: %+v", ve.Problems)
	}
	for i, w := range want {
		p := ve.Problems[i]
		if p.Criterion != w.Criterion || p.Field != w.Field || p.MsgDA != w.MsgDA || p.MsgEN == "" {
			t.Errorf("problem %d = %+v, want %+v", i, p, w)
		}
	}
}

// TestSuggestVersion proposes the next version.
func TestSuggestVersion(t *testing.T) {
	for in, want := range map[string]string{"2024.1": "2024.2", "3": "4", "2024.9": "2024.10", "v-a": "v-a.1", "": "1"} {
		if got := SuggestVersion(in); got != want {
			t.Errorf("SuggestVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDiffAndSameRules: a changed threshold, an added and a removed
// criterion and a new version are each one readable change; the same
// criteria under another version are the same rules.
func TestDiffAndSameRules(t *testing.T) {
	old, new := Default(), Default()
	new.Version = "2024.2"
	if !SameRules(old, new) {
		t.Error("another version of the same criteria is not the same rules")
	}
	new.Criteria[3].Value = 4.0
	new.Criteria = append(new.Criteria[:1], new.Criteria[2:]...) // remove months_without_change
	new.Criteria = append(new.Criteria[1:], new.Criteria[0])     // receives_medicine_help moves last
	new.Criteria = append(new.Criteria, Criterion{ID: "lives_alone", Fact: "lives_alone", Op: OpEq, Value: false,
		Severity: SeverityAdvisory, LabelDA: "Bor alene", Source: "kommunen"})
	if SameRules(old, new) {
		t.Error("changed criteria count as the same rules")
	}
	var got []string
	for _, c := range Diff(old, new, i18n.Danish) {
		got = append(got, strings.Join([]string{c.Kind, c.Criterion, c.Field, c.Old, c.New}, "|"))
	}
	want := []string{
		"changed||version|2024.1|2024.2",
		"changed|packable_medicine_count|value|3|4",
		"changed|receives_medicine_help|position|1|4",
		"added|lives_alone|||er lig med nej (vejledende)",
		"removed|months_without_change||mindst 3 (vejledende)|",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
