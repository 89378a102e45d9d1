package eligibility

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// ParseRuleValue reads a criterion's threshold typed in a form, for its op:
// "mindst"/"højst" (gte, lte) take a number with a decimal comma or point;
// "en af" (in) a comma-separated list; "er lig med" (eq) ja/nej/yes/no/true/
// false as a yes/no, a number as a number, anything else as text. An empty
// or unreadable value is returned as typed for Validate to refuse, so the
// form shows the problem at the field.
func ParseRuleValue(op, text string) any {
	t := strings.TrimSpace(text)
	if t == "" {
		return nil
	}
	number := func() (float64, bool) {
		n, err := strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64)
		return n, err == nil && !isBadFloat(n)
	}
	switch op {
	case OpGte, OpLte:
		if n, ok := number(); ok {
			return n
		}
		return t
	case OpIn:
		var list []string
		for _, item := range strings.Split(t, ",") {
			if item = strings.TrimSpace(item); item != "" {
				list = append(list, item)
			}
		}
		return list
	}
	switch strings.ToLower(t) {
	case "ja", "yes", "true":
		return true
	case "nej", "no", "false":
		return false
	}
	if n, ok := number(); ok {
		return n
	}
	return t
}

func isBadFloat(f float64) bool { _, ok := asNumber(f); return !ok }

// FormatRuleValue writes a threshold as the form shows and ParseRuleValue
// reads it back: ja/nej (yes/no), numbers with a decimal comma in Danish,
// lists joined with ", ".
func FormatRuleValue(v any, lang i18n.Lang) string {
	if ss, ok := asStrings(v); ok {
		return strings.Join(ss, ", ")
	}
	if v == nil {
		return ""
	}
	return display(v, lang)
}

// SameRules reports whether two rule sets evaluate and explain alike: the
// same criteria in the same order (id, version, title and publication date
// aside).
func SameRules(a, b *RuleSet) bool {
	if a == nil || b == nil || len(a.Criteria) != len(b.Criteria) {
		return a == nil && b == nil
	}
	for i := range a.Criteria {
		x, y := a.Criteria[i], b.Criteria[i]
		x.Value, y.Value = normalise(x.Value), normalise(y.Value)
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// SuggestVersion proposes the version after v: its last number one up
// ("2024.1" → "2024.2", "3" → "4"), or ".1" added when it ends in no number
// ("v-a" → "v-a.1", "" → "1").
func SuggestVersion(v string) string {
	v = strings.TrimSpace(v)
	end := len(v)
	start := end
	for start > 0 && v[start-1] >= '0' && v[start-1] <= '9' {
		start--
	}
	if start == end || end-start > 9 {
		if v == "" {
			return "1"
		}
		return v + ".1"
	}
	n, _ := strconv.Atoi(v[start:end])
	return v[:start] + strconv.Itoa(n+1)
}

// Change is one readable difference between two versions of a rule set:
// a field of the rule set (Criterion "") or of a criterion, or a criterion
// added or removed (Field "").
type Change struct {
	// Criterion is the criterion's id ("" for the rule set's own fields)
	// and LabelDA/LabelEN its label (the new one, or the old when removed).
	Criterion        string
	LabelDA, LabelEN string
	// Kind is "added", "removed" or "changed".
	Kind string
	// Field is the changed field ("version", "title", "op", "value",
	// "severity", "fact", "label_da", "label_en", "source",
	// "messages_da.pass", …, "position"); "" for an added or removed
	// criterion.
	Field string
	// Old and New are the values as text in the language of the call.
	Old, New string
}

// Diff lists what changed from old to new, criteria matched by id, in the
// new rule set's order, removed criteria last. Values are written in lang.
func Diff(old, new *RuleSet, lang i18n.Lang) []Change {
	var out []Change
	field := func(c, da, en, f, o, n string) {
		if o != n {
			out = append(out, Change{Criterion: c, LabelDA: da, LabelEN: en, Kind: "changed", Field: f, Old: o, New: n})
		}
	}
	field("", "", "", "id", old.ID, new.ID)
	field("", "", "", "version", old.Version, new.Version)
	field("", "", "", "title", old.Title, new.Title)
	field("", "", "", "published", old.Published, new.Published)
	oldAt := map[string]int{}
	for i, c := range old.Criteria {
		oldAt[c.ID] = i
	}
	newIDs := map[string]bool{}
	for _, c := range new.Criteria {
		newIDs[c.ID] = true
	}
	moved := movedCriteria(old, new, oldAt)
	for i, c := range new.Criteria {
		j, ok := oldAt[c.ID]
		if !ok {
			out = append(out, Change{Criterion: c.ID, LabelDA: c.LabelDA, LabelEN: c.labelEN(), Kind: "added",
				New: c.rule(lang)})
			continue
		}
		o := old.Criteria[j]
		f := func(name, ov, nv string) { field(c.ID, c.LabelDA, c.labelEN(), name, ov, nv) }
		if moved[c.ID] {
			f("position", strconv.Itoa(j+1), strconv.Itoa(i+1))
		}
		f("fact", o.Fact, c.Fact)
		f("op", opLabel(o.Op, lang), opLabel(c.Op, lang))
		f("value", FormatRuleValue(o.Value, lang), FormatRuleValue(c.Value, lang))
		f("severity", SeverityLabel(o.Severity, lang), SeverityLabel(c.Severity, lang))
		f("label_da", o.LabelDA, c.LabelDA)
		f("label_en", o.LabelEN, c.LabelEN)
		f("source", o.Source, c.Source)
		for k, t := range c.templates() {
			f(t.field, o.templates()[k].text, t.text)
		}
	}
	for _, c := range old.Criteria {
		if !newIDs[c.ID] {
			out = append(out, Change{Criterion: c.ID, LabelDA: c.LabelDA, LabelEN: c.labelEN(), Kind: "removed", Old: c.rule(lang)})
		}
	}
	return out
}

// movedCriteria names the criteria that moved: those outside the longest
// run of common criteria that kept their order, so adding, removing or
// moving one criterion does not report all the others as moved.
func movedCriteria(old, new *RuleSet, oldAt map[string]int) map[string]bool {
	var ids []string
	var ranks []int
	for _, c := range new.Criteria {
		if j, ok := oldAt[c.ID]; ok {
			ids, ranks = append(ids, c.ID), append(ranks, j)
		}
	}
	// Longest increasing subsequence of the old places, O(n²) for ≤ 50 criteria.
	length, prev := make([]int, len(ranks)), make([]int, len(ranks))
	best := -1
	for i := range ranks {
		length[i], prev[i] = 1, -1
		for k := range i {
			if ranks[k] < ranks[i] && length[k]+1 > length[i] {
				length[i], prev[i] = length[k]+1, k
			}
		}
		if best < 0 || length[i] > length[best] {
			best = i
		}
	}
	moved := map[string]bool{}
	for _, id := range ids {
		moved[id] = true
	}
	for i := best; i >= 0; i = prev[i] {
		moved[ids[i]] = false
	}
	return moved
}

// rule writes a criterion's rule in plain language: "mindst 3 (skal opfyldes)".
func (c Criterion) rule(lang i18n.Lang) string {
	return fmt.Sprintf("%s %s (%s)", opLabel(c.Op, lang), FormatRuleValue(c.Value, lang), SeverityLabel(c.Severity, lang))
}

func opLabel(op string, lang i18n.Lang) string {
	if l := lang.Pick(OpLabelDA(op), OpLabelEN(op)); l != "" {
		return l
	}
	return op
}

// SeverityLabel names a severity in plain language.
func SeverityLabel(s string, lang i18n.Lang) string {
	switch s {
	case SeverityRequired:
		return lang.Pick("skal opfyldes", "required")
	case SeverityAdvisory:
		return lang.Pick("vejledende", "advisory")
	}
	return s
}
