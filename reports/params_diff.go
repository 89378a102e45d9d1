package reports

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// ParamChange is one readable difference between two versions of the
// params setting: a value or a source of one field set, changed or unset.
type ParamChange struct {
	Field            string // as ParamProblem.Field
	LabelDA, LabelEN string
	Municipality     int    // 0 for a national value
	Old, New         string // the value typed (Danish decimal comma), "" when unset
	OldSource        string
	NewSource        string
	// DefaultValue and DefaultSource are the built-in default an unset
	// national value means ("" for a municipal field: the national value).
	DefaultValue, DefaultSource string
}

// DiffParams lists the fields whose value or source differ from old to
// new, national values first, then by municipality.
func DiffParams(old, new ParamsFile) []ParamChange {
	o, n := old.Text(), new.Text()
	d := DefaultParams()
	var out []ParamChange
	for _, f := range slices.SortedFunc(maps.Keys(union(o, n)), fieldOrder) {
		a, b := o[f], n[f]
		if a == b {
			continue
		}
		c := ParamChange{Field: f, Old: a.Value, New: b.Value, OldSource: a.Source, NewSource: b.Source}
		switch {
		case f == "what_if_base":
			c.LabelDA, c.LabelEN = WhatIfBaseLabelDA, WhatIfBaseLabelEN
			c.DefaultValue, c.DefaultSource = d.WhatIfBase.Key, d.WhatIfBase.Source
		default:
			if p, code, ok := paramOfField(d, f); ok {
				c.LabelDA, c.LabelEN, c.Municipality = p.LabelDA, p.LabelEN, code
				if code == 0 {
					c.DefaultValue, c.DefaultSource = FormatParamNumber(p.Value), p.Source
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// fieldOrder sorts national fields before municipalities, municipalities
// by code, and a model's parameters in display order.
func fieldOrder(a, b string) int {
	rank := func(f string) (int, int) {
		code := 0
		if rest, ok := strings.CutPrefix(f, "municipalities."); ok {
			code, _ = strconv.Atoi(rest[:min(3, len(rest))])
		}
		for i, p := range DefaultParams().Default.List() {
			if strings.HasSuffix(f, "."+p.Key) {
				return code, i
			}
		}
		if f == "what_if_percent" {
			return 0, 10
		}
		return code, 11
	}
	ca, ia := rank(a)
	cb, ib := rank(b)
	if ca != cb {
		return ca - cb
	}
	return ia - ib
}

// WithoutDefaults drops the national values equal to the default (value
// and source), so a form that shows every value stores only what differs.
func (f ParamsFile) WithoutDefaults(d Params) ParamsFile {
	for _, p := range d.Default.List() {
		if pf := f.Default.Get(p.Key); pf != nil && pf.Value != nil && *pf.Value == p.Value && pf.Source == p.Source {
			f.Default.Set(p.Key, nil)
		}
	}
	if pf := f.WhatIfPercent; pf != nil && pf.Value != nil && *pf.Value == d.WhatIfPercent.Value && pf.Source == d.WhatIfPercent.Source {
		f.WhatIfPercent = nil
	}
	if b := f.WhatIfBase; b != nil && b.Value == d.WhatIfBase.Key && b.Source == d.WhatIfBase.Source {
		f.WhatIfBase = nil
	}
	return f
}
