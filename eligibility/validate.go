package eligibility

import (
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/i18n"
)

// Problem is one thing wrong with a rule set, with the place it is: the
// criterion's index (-1 for the rule set itself) and the JSON field, so a
// form can show it at its field.
type Problem struct {
	Criterion int    // index in Criteria, -1 for a field of the rule set
	ID        string // the criterion's id as given
	Field     string // "id", "version", "published", "criteria", "fact", "op", "value", "severity", "label_da", "source", "messages_da.pass", …
	MsgDA     string
	MsgEN     string
}

// ValidationError lists every problem of a rule set. It matches
// ErrInvalidRuleSet with errors.Is.
type ValidationError struct{ Problems []Problem }

// Error writes one line per problem, in English.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = "eligibility: " + string(ErrInvalidRuleSet) + ": " + p.MsgEN
	}
	return strings.Join(lines, "\n")
}

// Is makes errors.Is(err, ErrInvalidRuleSet) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRuleSet }

// In joins the messages in l with "; " (an i18n.Text, for an error's
// message).
func (e *ValidationError) In(l i18n.Lang) string {
	if l.English() {
		return e.MessageEN()
	}
	return e.MessageDA()
}

// MessageDA joins the Danish messages with "; ".
func (e *ValidationError) MessageDA() string {
	return e.join(func(p Problem) string { return p.MsgDA })
}

// MessageEN joins the English messages with "; ".
func (e *ValidationError) MessageEN() string {
	return e.join(func(p Problem) string { return p.MsgEN })
}

func (e *ValidationError) join(f func(Problem) string) string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = f(p)
	}
	return strings.Join(out, "; ")
}

// Validate reports every problem in the rule set: missing id, version or
// criteria, a bad published date, and per criterion a missing id or fact,
// a duplicate id, an unknown op or severity, a value that does not fit the
// op, a missing label or source, or an unknown template placeholder. The
// error is a *ValidationError, which matches ErrInvalidRuleSet.
func (rs *RuleSet) Validate() error {
	if rs == nil {
		return &ValidationError{Problems: []Problem{newProblem(-1, "", "", "err.ruleset.none")}}
	}
	var ps problems
	// whole is a problem of the rule set as a whole, named by its id in
	// English (the Danish form shows the rule set it edits).
	whole := func(field string, what i18n.Text) { ps.add(-1, "", field, "err.ruleset.in_ruleset", rs.ID, what) }
	if strings.TrimSpace(rs.ID) == "" {
		ps.add(-1, "", "id", "err.ruleset.id_missing")
	}
	if strings.TrimSpace(rs.Version) == "" {
		whole("version", i18n.Key("err.ruleset.version_missing"))
	}
	if rs.Published != "" {
		if _, err := time.Parse(time.DateOnly, rs.Published); err != nil {
			whole("published", keyed("err.ruleset.published_format", rs.Published))
		}
	}
	if len(rs.Criteria) == 0 {
		whole("criteria", i18n.Key("err.ruleset.no_criteria"))
	}
	seen := map[string]int{}
	for i, c := range rs.Criteria {
		name := c.LabelDA
		if strings.TrimSpace(name) == "" {
			name = c.ID
		}
		// crit is a problem of this criterion, named as the form numbers it
		// in Danish and as the JSON does in English.
		crit := func(field string, what i18n.Text) {
			ps.add(i, c.ID, field, "err.ruleset.in_criterion", i+1, name, i, c.ID, what)
		}
		if strings.TrimSpace(c.ID) == "" {
			crit("id", i18n.Key("err.ruleset.criterion_id_missing"))
		} else if j, dup := seen[c.ID]; dup {
			crit("id", keyed("err.ruleset.criterion_id_taken", c.ID, j+1, j))
		} else {
			seen[c.ID] = i
		}
		if strings.TrimSpace(c.Fact) == "" {
			crit("fact", i18n.Key("err.ruleset.fact_missing"))
		}
		if c.Severity != SeverityRequired && c.Severity != SeverityAdvisory {
			crit("severity", keyed("err.ruleset.severity_unknown", c.Severity))
		}
		if strings.TrimSpace(c.LabelDA) == "" {
			crit("label_da", i18n.Key("err.ruleset.label_da_missing"))
		}
		if strings.TrimSpace(c.Source) == "" {
			crit("source", i18n.Key("err.ruleset.source_missing"))
		}
		if field, what := checkValueBoth(c.Op, c.Value); what != nil {
			crit(field, what)
		}
		for _, t := range c.templates() {
			for _, ph := range placeholders(t.text) {
				if !knownPlaceholder(ph) {
					crit(t.field, keyed("err.ruleset.placeholder_unknown", ph, t.field))
				}
			}
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// problems collects a rule set's problems.
type problems []Problem

// add adds a problem at criterion i (id) and field, with the catalogue's
// text of key and args.
func (ps *problems) add(i int, id, field, key string, args ...any) {
	*ps = append(*ps, newProblem(i, id, field, key, args...))
}

// newProblem is a problem at criterion i (id) and field, with the
// catalogue's text of key and args in both languages.
func newProblem(i int, id, field, key string, args ...any) Problem {
	return Problem{Criterion: i, ID: id, Field: field,
		MsgDA: i18n.Tf(i18n.Danish, key, args...), MsgEN: i18n.Tf(i18n.English, key, args...)}
}

// keyed is the catalogue's text of key with args as a Text, for a message
// that is part of another (a criterion's problem).
func keyed(key string, args ...any) i18n.Text {
	return i18n.TextFunc(func(l i18n.Lang) string { return i18n.Tf(l, key, args...) })
}

// checkValue says what is wrong with an op and its value, or nil if
// nothing is.
func checkValue(op string, v any) i18n.Text {
	_, what := checkValueBoth(op, v)
	return what
}

// checkValueBoth says what is wrong with an op and its value: the field at
// fault and the message, or nil if nothing is. The value is written as
// each language writes it (describeDA, describe).
func checkValueBoth(op string, v any) (field string, what i18n.Text) {
	value := i18n.TextFunc(func(l i18n.Lang) string {
		if l.English() {
			return describe(v)
		}
		return describeDA(v)
	})
	switch op {
	case OpEq:
		switch v.(type) {
		case bool, string:
			return "", nil
		}
		if _, ok := asNumber(v); ok {
			return "", nil
		}
		return "value", keyed("err.ruleset.value_eq", value)
	case OpGte, OpLte:
		if _, ok := asNumber(v); ok {
			return "", nil
		}
		return "value", keyed("err.ruleset.value_number", value, OpLabelDA(op), op)
	case OpIn:
		if ss, ok := asStrings(v); ok && len(ss) > 0 {
			return "", nil
		}
		return "value", keyed("err.ruleset.value_in", value)
	case "":
		return "op", i18n.Key("err.ruleset.op_missing")
	default:
		return "op", keyed("err.ruleset.op_unknown", op)
	}
}

// OpLabelDA and OpLabelEN name an op in plain language.
func OpLabelDA(op string) string {
	return map[string]string{OpEq: "er lig med", OpGte: "mindst", OpLte: "højst", OpIn: "en af"}[op]
}

// OpLabelEN names an op in plain English.
func OpLabelEN(op string) string {
	return map[string]string{OpEq: "equals", OpGte: "at least", OpLte: "at most", OpIn: "one of"}[op]
}

// describeDA writes a value for a Danish error message.
func describeDA(v any) string {
	switch v := v.(type) {
	case nil:
		return "(tom)"
	case string:
		return fmt.Sprintf("%q", v)
	}
	return display(v, i18n.Danish)
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

// placeholders returns every {name} in a template, braces included (and
// an unclosed brace with the rest of the template).
func placeholders(t string) []string {
	var out []string
	for _, part := range splitPlaceholders(t) {
		if strings.HasPrefix(part, "{") {
			out = append(out, part)
		}
	}
	return out
}
