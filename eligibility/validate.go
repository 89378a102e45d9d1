package eligibility

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"
	"strings"
	"time"
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
		return &ValidationError{Problems: []Problem{{Criterion: -1, MsgDA: "intet regelsæt", MsgEN: "no rule set"}}}
	}
	var probs []Problem
	bad := func(i int, id, field, da, en string) {
		probs = append(probs, Problem{Criterion: i, ID: id, Field: field, MsgDA: da, MsgEN: en})
	}
	if strings.TrimSpace(rs.ID) == "" {
		bad(-1, "", "id", "Regelsættets navn mangler", `rule set: field "id" is missing`)
	}
	if strings.TrimSpace(rs.Version) == "" {
		bad(-1, "", "version", "Regelsættets version mangler", fmt.Sprintf(`rule set %q: field "version" is missing`, rs.ID))
	}
	if rs.Published != "" {
		if _, err := time.Parse(time.DateOnly, rs.Published); err != nil {
			bad(-1, "", "published", fmt.Sprintf("Udgivet: %q er ikke en dato", rs.Published),
				fmt.Sprintf(`rule set %q: field "published" has value %q, want a date as yyyy-mm-dd`, rs.ID, rs.Published))
		}
	}
	if len(rs.Criteria) == 0 {
		bad(-1, "", "criteria", "Regelsættet har ingen kriterier; det skal have mindst ét",
			fmt.Sprintf(`rule set %q: field "criteria" is empty; a rule set needs at least one criterion`, rs.ID))
	}
	seen := map[string]int{}
	for i, c := range rs.Criteria {
		where := fmt.Sprintf("criteria[%d] (id %q)", i, c.ID)
		name := c.LabelDA
		if strings.TrimSpace(name) == "" {
			name = c.ID
		}
		whereDA := fmt.Sprintf("Kriterium %d (»%s«)", i+1, name)
		crit := func(field, da, en string) { bad(i, c.ID, field, whereDA+": "+da, where+": "+en) }
		if strings.TrimSpace(c.ID) == "" {
			crit("id", "navnet mangler", `field "id" is missing`)
		} else if j, dup := seen[c.ID]; dup {
			crit("id", fmt.Sprintf("navnet %q bruges allerede af kriterium %d", c.ID, j+1),
				fmt.Sprintf(`field "id" has value %q, which criteria[%d] already uses`, c.ID, j))
		} else {
			seen[c.ID] = i
		}
		if strings.TrimSpace(c.Fact) == "" {
			crit("fact", "faktum mangler: vælg, hvad kriteriet læser", `field "fact" is missing`)
		}
		if c.Severity != SeverityRequired && c.Severity != SeverityAdvisory {
			crit("severity", fmt.Sprintf("vægten %q kendes ikke; vælg skal opfyldes eller vejledende", c.Severity),
				fmt.Sprintf(`field "severity" has value %q, want "required" or "advisory"`, c.Severity))
		}
		if strings.TrimSpace(c.LabelDA) == "" {
			crit("label_da", "den danske tekst mangler", `field "label_da" is missing`)
		}
		if strings.TrimSpace(c.Source) == "" {
			crit("source", "kilden mangler; skriv, hvor kriteriet kommer fra",
				`field "source" is missing; say where the criterion comes from`)
		}
		if field, da, en := checkValueBoth(c.Op, c.Value); en != "" {
			crit(field, da, en)
		}
		for _, t := range c.templates() {
			for _, ph := range placeholders(t.text) {
				if !knownPlaceholder(ph) {
					crit(t.field, fmt.Sprintf("teksten har den ukendte pladsholder %q; brug {value}, {threshold}, {label} eller en tællet {value:ental|flertal}", ph),
						fmt.Sprintf(`field %q has unknown placeholder %q, want {value}, {threshold}, {label} or a counted {value:one|other}`, t.field, ph))
				}
			}
		}
	}
	if len(probs) == 0 {
		return nil
	}
	return &ValidationError{Problems: probs}
}

// checkValue says what is wrong with an op and its value, or "" if nothing is.
func checkValue(op string, v any) string {
	_, _, en := checkValueBoth(op, v)
	return en
}

// checkValueBoth says what is wrong with an op and its value: the field at
// fault and the Danish and English messages, or "" if nothing is.
func checkValueBoth(op string, v any) (field, da, en string) {
	switch op {
	case OpEq:
		switch v.(type) {
		case bool, string:
			return "", "", ""
		}
		if _, ok := asNumber(v); ok {
			return "", "", ""
		}
		return "value", fmt.Sprintf("grænsen %s skal være ja/nej, en tekst eller et tal for reglen »er lig med«", describeDA(v)),
			fmt.Sprintf(`field "value" has value %s, but op "eq" needs a boolean, a string or a number`, describe(v))
	case OpGte, OpLte:
		if _, ok := asNumber(v); ok {
			return "", "", ""
		}
		return "value", fmt.Sprintf("grænsen %s skal være et tal for reglen »%s«", describeDA(v), OpLabelDA(op)),
			fmt.Sprintf(`field "value" has value %s, but op %q needs a number`, describe(v), op)
	case OpIn:
		if ss, ok := asStrings(v); ok && len(ss) > 0 {
			return "", "", ""
		}
		return "value", fmt.Sprintf("grænsen %s skal være en liste af tekster (adskilt af komma) for reglen »en af«", describeDA(v)),
			fmt.Sprintf(`field "value" has value %s, but op "in" needs a non-empty list of strings`, describe(v))
	case "":
		return "op", "reglen mangler; vælg er lig med, mindst, højst eller en af", `field "op" is missing, want one of eq, gte, lte, in`
	default:
		return "op", fmt.Sprintf("reglen %q kendes ikke; vælg er lig med, mindst, højst eller en af", op),
			fmt.Sprintf(`field "op" has value %q, want one of eq, gte, lte, in`, op)
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
