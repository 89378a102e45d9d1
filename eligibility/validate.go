package eligibility

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Validate reports every problem in the rule set: missing id, version or
// criteria, a bad published date, and per criterion a missing id or fact,
// a duplicate id, an unknown op or severity, a value that does not fit the
// op, a missing label or source, or an unknown template placeholder. Each
// problem wraps ErrInvalidRuleSet.
func (rs *RuleSet) Validate() error {
	if rs == nil {
		return fmt.Errorf("eligibility: %w: no rule set", ErrInvalidRuleSet)
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("eligibility: %w: "+format, append([]any{ErrInvalidRuleSet}, args...)...))
	}
	if strings.TrimSpace(rs.ID) == "" {
		bad(`rule set: field "id" is missing`)
	}
	if strings.TrimSpace(rs.Version) == "" {
		bad(`rule set %q: field "version" is missing`, rs.ID)
	}
	if rs.Published != "" {
		if _, err := time.Parse(time.DateOnly, rs.Published); err != nil {
			bad(`rule set %q: field "published" has value %q, want a date as yyyy-mm-dd`, rs.ID, rs.Published)
		}
	}
	if len(rs.Criteria) == 0 {
		bad(`rule set %q: field "criteria" is empty; a rule set needs at least one criterion`, rs.ID)
	}
	seen := map[string]int{}
	for i, c := range rs.Criteria {
		where := fmt.Sprintf("criteria[%d] (id %q)", i, c.ID)
		if strings.TrimSpace(c.ID) == "" {
			bad(`%s: field "id" is missing`, where)
		} else if j, dup := seen[c.ID]; dup {
			bad(`%s: field "id" has value %q, which criteria[%d] already uses`, where, c.ID, j)
		} else {
			seen[c.ID] = i
		}
		if strings.TrimSpace(c.Fact) == "" {
			bad(`%s: field "fact" is missing`, where)
		}
		if c.Severity != SeverityRequired && c.Severity != SeverityAdvisory {
			bad(`%s: field "severity" has value %q, want "required" or "advisory"`, where, c.Severity)
		}
		if strings.TrimSpace(c.LabelDA) == "" {
			bad(`%s: field "label_da" is missing`, where)
		}
		if strings.TrimSpace(c.Source) == "" {
			bad(`%s: field "source" is missing; say where the criterion comes from`, where)
		}
		if msg := checkValue(c.Op, c.Value); msg != "" {
			bad("%s: %s", where, msg)
		}
		for _, t := range c.templates() {
			for _, ph := range placeholders(t.text) {
				if !knownPlaceholder(ph) {
					bad(`%s: field %q has unknown placeholder %q, want {value}, {threshold}, {label} or a counted {value:one|other}`, where, t.field, ph)
				}
			}
		}
	}
	return errors.Join(errs...)
}

// checkValue says what is wrong with an op and its value, or "" if nothing is.
func checkValue(op string, v any) string {
	switch op {
	case OpEq:
		switch v.(type) {
		case bool, string:
			return ""
		}
		if _, ok := asNumber(v); ok {
			return ""
		}
		return fmt.Sprintf(`field "value" has value %s, but op "eq" needs a boolean, a string or a number`, describe(v))
	case OpGte, OpLte:
		if _, ok := asNumber(v); ok {
			return ""
		}
		return fmt.Sprintf(`field "value" has value %s, but op %q needs a number`, describe(v), op)
	case OpIn:
		if ss, ok := asStrings(v); ok && len(ss) > 0 {
			return ""
		}
		return fmt.Sprintf(`field "value" has value %s, but op "in" needs a non-empty list of strings`, describe(v))
	case "":
		return `field "op" is missing, want one of eq, gte, lte, in`
	default:
		return fmt.Sprintf(`field "op" has value %q, want one of eq, gte, lte, in`, op)
	}
}

// template is one message template and the JSON path of its field.
type template struct{ field, text string }

// templates returns the criterion's message templates in a stable order.
func (c Criterion) templates() []template {
	return []template{
		{"messages_da.pass", c.MessagesDA.Pass},
		{"messages_da.fail", c.MessagesDA.Fail},
		{"messages_da.unknown", c.MessagesDA.Unknown},
		{"messages_en.pass", c.MessagesEN.Pass},
		{"messages_en.fail", c.MessagesEN.Fail},
		{"messages_en.unknown", c.MessagesEN.Unknown},
	}
}

// knownPlaceholder tells whether ph is one render fills: {value},
// {threshold}, {label}, or {value:one|other} / {threshold:one|other} with
// both forms given.
func knownPlaceholder(ph string) bool {
	switch ph {
	case "{value}", "{threshold}", "{label}":
		return true
	}
	name, forms, counted := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(ph, "{"), "}"), ":")
	one, other, both := strings.Cut(forms, "|")
	return counted && (name == "value" || name == "threshold") && both &&
		strings.TrimSpace(one) != "" && strings.TrimSpace(other) != "" && !strings.Contains(other, "|") &&
		strings.HasSuffix(ph, "}")
}

// placeholders returns every {name} in a template, braces included.
func placeholders(t string) []string {
	var out []string
	for {
		start := strings.IndexByte(t, '{')
		if start < 0 {
			return out
		}
		end := strings.IndexByte(t[start:], '}')
		if end < 0 {
			return append(out, t[start:])
		}
		out = append(out, t[start:start+end+1])
		t = t[start+end+1:]
	}
}
