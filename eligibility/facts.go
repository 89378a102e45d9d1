package eligibility

import "slices"

// FactInfo describes a fact a rule set reads, so forms and the CLI can ask
// for it.
type FactInfo struct {
	Key     string   `json:"key"`
	Type    string   `json:"type"`     // "bool", "number" or "string"
	LabelDA string   `json:"label_da"` // the label of the first criterion that reads it
	LabelEN string   `json:"label_en"`
	Options []string `json:"options,omitempty"` // allowed strings, for "in" criteria
}

// KnownFacts lists the fact keys the default rule set uses, in its order.
func KnownFacts() []FactInfo {
	return Default().Facts()
}

// Facts lists the fact keys the rule set reads, once each, in the order of
// their first criterion.
func (rs *RuleSet) Facts() []FactInfo {
	var out []FactInfo
	for _, c := range rs.Criteria {
		if slices.ContainsFunc(out, func(fi FactInfo) bool { return fi.Key == c.Fact }) {
			continue
		}
		fi := FactInfo{Key: c.Fact, Type: factType(c), LabelDA: c.LabelDA, LabelEN: c.labelEN()}
		if c.Op == OpIn {
			fi.Options, _ = asStrings(c.Value)
		}
		out = append(out, fi)
	}
	return out
}

// factType is the type of fact a criterion expects.
func factType(c Criterion) string {
	switch c.Op {
	case OpGte, OpLte:
		return "number"
	case OpIn:
		return "string"
	}
	switch c.Value.(type) {
	case bool:
		return "bool"
	case string:
		return "string"
	}
	return "number"
}
