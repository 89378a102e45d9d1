package eligibility

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"
	"strings"
)

// labelEN is the English label, falling back to the Danish one.
func (c Criterion) labelEN() string {
	if c.LabelEN != "" {
		return c.LabelEN
	}
	return c.LabelDA
}

// reasons renders the Danish and English reason for a pass, fail or unknown
// (missing) result, from the criterion's templates or a generic sentence.
func (c Criterion) reasons(s Status, value any) (da, en string) {
	da = c.render(pick(c.MessagesDA, s, genericDA), c.LabelDA, value, i18n.Danish)
	en = c.render(pick(c.MessagesEN, s, genericEN), c.labelEN(), value, i18n.English)
	return da, en
}

// render fills a template's placeholders: {value}, {threshold}, {label},
// and the counted forms {value:måned|måneder} and {threshold:…|…}, which
// give the number with the singular word when it is exactly 1 and the
// plural otherwise ("1 måned", "3 måneder", "2,5 måneder").
func (c Criterion) render(tmpl, label string, value any, lang i18n.Lang) string {
	var b strings.Builder
	for _, part := range splitPlaceholders(tmpl) {
		if len(part) < 2 || part[0] != '{' || part[len(part)-1] != '}' {
			b.WriteString(part)
			continue
		}
		name, forms, counted := strings.Cut(part[1:len(part)-1], ":")
		switch {
		case name == "label" && !counted:
			b.WriteString(label)
		case name == "value" || name == "threshold":
			v := value
			if name == "threshold" {
				v = c.Value
			}
			b.WriteString(display(v, lang))
			if counted {
				one, other, _ := strings.Cut(forms, "|")
				if n, ok := asNumber(v); ok && n == 1 {
					b.WriteString(" " + one)
				} else {
					b.WriteString(" " + other)
				}
			}
		default:
			b.WriteString(part) // the rule set's validation refuses it
		}
	}
	return b.String()
}

// splitPlaceholders cuts a template into literal text and the parts that
// start with "{" (a placeholder, or an unclosed brace to the end).
func splitPlaceholders(t string) []string {
	var out []string
	for t != "" {
		start := strings.IndexByte(t, '{')
		if start < 0 {
			return append(out, t)
		}
		if start > 0 {
			out = append(out, t[:start])
		}
		end := strings.IndexByte(t[start:], '}')
		if end < 0 {
			return append(out, t[start:]) // an unclosed "{…": validation names it
		}
		out = append(out, t[start:start+end+1])
		t = t[start+end+1:]
	}
	return out
}

// pick returns the template for a status, or the generic one when empty.
func pick(m Messages, s Status, generic func(Status) string) string {
	t := map[Status]string{StatusPass: m.Pass, StatusFail: m.Fail, StatusUnknown: m.Unknown}[s]
	if t == "" {
		return generic(s)
	}
	return t
}

// genericDA is the Danish fallback template for a status.
func genericDA(s Status) string {
	switch s {
	case StatusPass:
		return "Opfyldt: {label} (oplyst: {value}; kriteriet: {threshold})."
	case StatusFail:
		return "Ikke opfyldt: {label} (oplyst: {value}; kriteriet: {threshold})."
	}
	return "Ukendt: {label} er ikke oplyst."
}

// genericEN is the English fallback template for a status.
func genericEN(s Status) string {
	switch s {
	case StatusPass:
		return "Met: {label} (given: {value}; criterion: {threshold})."
	case StatusFail:
		return "Not met: {label} (given: {value}; criterion: {threshold})."
	}
	return "Unknown: {label} is not given."
}

// notUnderstoodReasons explains a fact whose type does not fit the criterion.
func notUnderstoodReasons(c Criterion, raw any) (da, en string) {
	wantDA, wantEN := "ja eller nej", "yes or no"
	switch c.Op {
	case OpGte, OpLte:
		wantDA, wantEN = "et tal", "a number"
	case OpIn:
		wantDA, wantEN = "en tekst", "text"
	case OpEq:
		if _, isNum := asNumber(c.Value); isNum {
			wantDA, wantEN = "et tal", "a number"
		} else if _, isStr := c.Value.(string); isStr {
			wantDA, wantEN = "en tekst", "text"
		}
	}
	da = fmt.Sprintf("Ukendt: værdien %q for „%s“ blev ikke forstået; der forventes %s.", fmt.Sprint(raw), c.LabelDA, wantDA)
	en = fmt.Sprintf("Unknown: the value %q for %q was not understood; expected %s.", fmt.Sprint(raw), c.labelEN(), wantEN)
	return da, en
}

// invalidRuleReasons explains a criterion that cannot be evaluated because
// the rule itself is invalid.
// The problem is told in the reason's language (the Danish reason quoted
// the English problem).
func invalidRuleReasons(problem i18n.Text) (da, en string) {
	return "Ukendt: kriteriet kunne ikke vurderes, fordi reglen er ugyldig (" + problem.In(i18n.Danish) + ").",
		"Unknown: the criterion could not be assessed because the rule is invalid (" + problem.In(i18n.English) + ")."
}
