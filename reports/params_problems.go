package reports

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// ParamProblem is one refused value of a params file or form.
type ParamProblem struct {
	// Field is the value's place in the file: "default.hours_per_fte",
	// "municipalities.851.period_days", "what_if_percent", "what_if_base"
	// or "municipalities.85" (a bad code). The settings form names its
	// fields so, to show the message at the field.
	Field string
	// Key is the parameter's key ("" for a bad municipality code) and
	// Municipality its municipality (0 for the national value).
	Key          string
	Municipality int
	// MsgDA and MsgEN name the parameter by its label, and the value.
	MsgDA, MsgEN string
}

// In returns the message in l (an i18n.Text, for an error's message).
func (p ParamProblem) In(l i18n.Lang) string { return l.Pick(p.MsgDA, p.MsgEN) }

// ParamsError lists every problem of a refused params file or form.
type ParamsError struct{ Problems []ParamProblem }

// Error joins the English messages.
func (e *ParamsError) Error() string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p.MsgEN
	}
	return strings.Join(out, "; ")
}

// For returns the problem of a field, if any.
func (e *ParamsError) For(field string) (ParamProblem, bool) {
	for _, p := range e.Problems {
		if p.Field == field {
			return p, true
		}
	}
	return ParamProblem{}, false
}

type problems []ParamProblem

// add adds the problem of field: the catalogue's text msgKey with args, in
// both languages.
func (p *problems) add(field, key string, code int, msgKey string, args ...any) {
	*p = append(*p, ParamProblem{Field: field, Key: key, Municipality: code,
		MsgDA: i18n.Tf(i18n.Danish, msgKey, args...), MsgEN: i18n.Tf(i18n.English, msgKey, args...)})
}

// err makes the problems one invalid-input error with every message.
func (p problems) err() error {
	each := make([]i18n.Text, len(p))
	for i, x := range p {
		each[i] = x
	}
	return &workflow.Error{Kind: workflow.KindInvalid, Key: "err.detail", Args: []any{i18n.Join(i18n.Verbatim("; "), each...)},
		Err: &ParamsError{Problems: slices.Clone(p)}}
}

// NumberDA writes a number the Danish way: a decimal comma and a point
// between thousands ("1.924", "2,5").
func NumberDA(v float64) string { return decimalDA(v, -1) }

// FormatParamNumber writes a value for a form field, as ParseParamNumber
// reads it back: a decimal comma, no thousands separator ("1924", "7,5").
func FormatParamNumber(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// ParseParamNumber reads a parameter value typed in a form: a decimal comma
// or point, a point between thousands allowed with a comma ("1.924,5").
func ParseParamNumber(text string) (float64, bool) {
	t := strings.TrimSpace(text)
	if strings.Contains(t, ",") {
		t = strings.ReplaceAll(t, ".", "")
		t = strings.Replace(t, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v != v {
		return 0, false
	}
	return v, true
}

// ParamsText is a params setting typed in a form, by field (see
// ParamProblem.Field): the value and the source of each parameter set.
type ParamsText map[string]ParamText

// ParamText is one typed value and its source; an empty value leaves the
// parameter unset (a municipality then uses the national value).
type ParamText struct{ Value, Source string }

// ParseText reads typed values into a params file: numbers with
// ParseParamNumber; a value that is no number is a problem naming the
// parameter and what was typed. The file's values are then checked by Apply.
func (t ParamsText) ParseText(defaults Params) (ParamsFile, error) {
	var f ParamsFile
	var probs problems
	for _, field := range slices.Sorted(maps.Keys(t)) {
		in := t[field]
		if strings.TrimSpace(in.Value) == "" {
			continue
		}
		src := strings.TrimSpace(in.Source)
		if field == "what_if_base" {
			f.WhatIfBase = &BaseFile{Value: strings.TrimSpace(in.Value), Source: src}
			continue
		}
		p, code, ok := paramOfField(defaults, field)
		if !ok {
			probs.add(field, "", 0, "err.report.params_unknown_field", field)
			continue
		}
		v, ok := ParseParamNumber(in.Value)
		if !ok {
			probs.add(field, p.Key, code, "err.report.params_not_number", p.label(), scopeName(code), in.Value)
			continue
		}
		pf := &ParamFile{Value: &v, Source: src}
		switch {
		case field == "what_if_percent":
			f.WhatIfPercent = pf
		case code == 0:
			f.Default.Set(p.Key, pf)
		default:
			key := strconv.Itoa(code)
			if f.Municipalities == nil {
				f.Municipalities = map[string]ModelFile{}
			}
			mf := f.Municipalities[key]
			mf.Set(p.Key, pf)
			f.Municipalities[key] = mf
		}
	}
	if len(probs) > 0 {
		return f, probs.err()
	}
	return f, nil
}

// paramOfField finds the default parameter and municipality of a field.
func paramOfField(defaults Params, field string) (Param, int, bool) {
	if field == "what_if_percent" {
		return defaults.WhatIfPercent, 0, true
	}
	scope, key, ok := strings.Cut(field, ".")
	code := 0
	if scope == "municipalities" {
		var c string
		c, key, ok = strings.Cut(key, ".")
		n, err := strconv.Atoi(c)
		if !ok || err != nil || len(c) != 3 {
			return Param{}, 0, false
		}
		code = n
	} else if scope != "default" || !ok {
		return Param{}, 0, false
	}
	for _, p := range defaults.Default.List() {
		if p.Key == key {
			return p, code, true
		}
	}
	return Param{}, 0, false
}

// Text is the file as typed values by field, for the settings form.
func (f ParamsFile) Text() ParamsText {
	t := ParamsText{}
	put := func(field string, p *ParamFile) {
		if p != nil && p.Value != nil {
			t[field] = ParamText{Value: FormatParamNumber(*p.Value), Source: p.Source}
		}
	}
	for _, p := range DefaultParams().Default.List() {
		key := p.Key
		put("default."+key, f.Default.Get(key))
		for code, mf := range f.Municipalities {
			put("municipalities."+code+"."+key, mf.Get(key))
		}
	}
	put("what_if_percent", f.WhatIfPercent)
	if f.WhatIfBase != nil {
		t["what_if_base"] = ParamText{Value: f.WhatIfBase.Value, Source: f.WhatIfBase.Source}
	}
	return t
}

// sortedKeys returns a map's keys in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
