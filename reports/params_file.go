package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// ParamsFile is a --params JSON file as written: only the values it sets.
// The settings form edits one and the upload stores one, so both go through
// the same checks (Apply):
//
//	{"default": {"hours_per_fte": {"value": 1600, "source": "…"}},
//	 "municipalities": {"851": {"manual_minutes_per_period": {"value": 60, "source": "…"}}},
//	 "what_if_percent": {"value": 25, "source": "…"},
//	 "what_if_base": {"value": "eligible", "source": "…"}}
type ParamsFile struct {
	Default        ModelFile            `json:"default"`
	Municipalities map[string]ModelFile `json:"municipalities,omitempty"`
	WhatIfPercent  *ParamFile           `json:"what_if_percent,omitempty"`
	WhatIfBase     *BaseFile            `json:"what_if_base,omitempty"`
}

// BaseFile is "what_if_base": {"value": "medicine_help" or "eligible", "source": "…"}.
type BaseFile struct {
	Value  string `json:"value"`
	Source string `json:"source"`
}

// ModelFile is the model values a file sets for the country or for one
// municipality; a nil parameter keeps the value it starts from (for a
// municipality: the national value).
type ModelFile struct {
	HoursPerFTE            *ParamFile `json:"hours_per_fte,omitempty"`
	ManualMinutesPerPeriod *ParamFile `json:"manual_minutes_per_period,omitempty"`
	DDMinutesPerPeriod     *ParamFile `json:"dd_minutes_per_period,omitempty"`
	PeriodDays             *ParamFile `json:"period_days,omitempty"`
}

// ParamFile is one value with its source.
type ParamFile struct {
	Value  *float64 `json:"value"`
	Source string   `json:"source"`
}

// Get returns the file's entry for a model parameter key, nil when unset.
func (mf ModelFile) Get(key string) *ParamFile {
	switch key {
	case "hours_per_fte":
		return mf.HoursPerFTE
	case "manual_minutes_per_period":
		return mf.ManualMinutesPerPeriod
	case "dd_minutes_per_period":
		return mf.DDMinutesPerPeriod
	case "period_days":
		return mf.PeriodDays
	}
	return nil
}

// Set stores the entry for a model parameter key (nil unsets it); it
// reports false for a key the model does not have.
func (mf *ModelFile) Set(key string, p *ParamFile) bool {
	switch key {
	case "hours_per_fte":
		mf.HoursPerFTE = p
	case "manual_minutes_per_period":
		mf.ManualMinutesPerPeriod = p
	case "dd_minutes_per_period":
		mf.DDMinutesPerPeriod = p
	case "period_days":
		mf.PeriodDays = p
	default:
		return false
	}
	return true
}

// Empty reports whether the file sets no model value.
func (mf ModelFile) Empty() bool {
	return mf.HoursPerFTE == nil && mf.ManualMinutesPerPeriod == nil && mf.DDMinutesPerPeriod == nil && mf.PeriodDays == nil
}

// DecodeParamsFile reads a --params file strictly (unknown fields and
// trailing data refused) without checking its values; Apply checks them.
func DecodeParamsFile(r io.Reader) (ParamsFile, error) {
	var f ParamsFile
	raw, err := io.ReadAll(r)
	if err != nil {
		return f, fmt.Errorf("read params: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return f, workflow.Invalid("err.report.params_unreadable", err)
	}
	if dec.More() {
		return f, workflow.Invalid("err.report.params_several_objects")
	}
	return f, nil
}

// LoadParams reads a --params JSON file over base. Parsing is strict:
// unknown fields, a missing value or source, a value out of range, a
// municipality code that is not three digits, or a model that frees no time
// are refused with an error that names the field and the value.
func LoadParams(r io.Reader, base Params) (Params, error) {
	f, err := DecodeParamsFile(r)
	if err != nil {
		return base, err
	}
	return f.Apply(base)
}

// Apply checks every value of the file and returns base with the file's
// values over it. A refusal is a KindInvalid *workflow.Error whose Err is a
// *ParamsError listing every problem with its field.
func (f ParamsFile) Apply(base Params) (Params, error) {
	var probs problems
	out := base
	out.Default = f.Default.apply(base.Default, 0, &probs)
	if f.WhatIfPercent != nil {
		out.WhatIfPercent = f.WhatIfPercent.apply(base.WhatIfPercent, "what_if_percent", 0, &probs)
	}
	if b := f.WhatIfBase; b != nil {
		out.WhatIfBase = b.apply(base.WhatIfBase, &probs)
	}
	out.Overrides = map[int]Model{}
	for k, v := range base.Overrides {
		out.Overrides[k] = v
	}
	for _, key := range sortedKeys(f.Municipalities) {
		code, err := strconv.Atoi(key)
		if err != nil || len(key) != 3 || code < 100 {
			probs.add("municipalities."+key, "", 0, "err.report.params_municipality_code", key)
			continue
		}
		out.Overrides[code] = f.Municipalities[key].apply(out.Default, code, &probs)
	}
	if len(probs) > 0 {
		return base, probs.err()
	}
	return out, nil
}

// scopePath is the file path of a model: "default" or "municipalities.851".
func scopePath(code int) string {
	if code == 0 {
		return "default"
	}
	return "municipalities." + strconv.Itoa(code)
}

// scopeName names a model's scope for a message: the national value or a
// municipality's.
func scopeName(code int) i18n.Text {
	if code == 0 {
		return i18n.Key("err.report.params_scope_national")
	}
	return i18n.TextFunc(func(l i18n.Lang) string { return i18n.Tf(l, "err.report.params_scope_municipality", code) })
}

// label is a parameter's label in both languages.
func (p Param) label() i18n.Text { return i18n.Message{DA: p.LabelDA, EN: p.LabelEN} }

func (mf ModelFile) apply(m Model, code int, probs *problems) Model {
	before := len(*probs)
	for _, dst := range []*Param{&m.HoursPerFTE, &m.ManualMinutesPerPeriod, &m.DDMinutesPerPeriod, &m.PeriodDays} {
		if src := mf.Get(dst.Key); src != nil {
			*dst = src.apply(*dst, scopePath(code)+"."+dst.Key, code, probs)
		}
	}
	// Equal minutes would free no time and make citizens per FTE infinite
	// ("+Inf" in the report): refused like more.
	if len(*probs) == before && m.NetMinutesPerPeriod() <= 0 {
		dd, manual := m.DDMinutesPerPeriod.Value, m.ManualMinutesPerPeriod.Value
		probs.add(scopePath(code)+"."+m.DDMinutesPerPeriod.Key, m.DDMinutesPerPeriod.Key, code, "err.report.params_dd_not_fewer",
			m.DDMinutesPerPeriod.label(), scopeName(code), NumberDA(dd), NumberDA(manual), scopePath(code), dd, manual)
	}
	return m
}

func (pf ParamFile) apply(p Param, field string, code int, probs *problems) Param {
	scope := scopeName(code)
	if pf.Value == nil {
		probs.add(field, p.Key, code, "err.report.params_value_missing", p.label(), scope, field)
		return p
	}
	v := *pf.Value
	if math.IsNaN(v) || v < p.Min || v > p.Max {
		probs.add(field, p.Key, code, "err.report.params_out_of_range", p.label(), scope, NumberDA(v), p.Unit,
			NumberDA(p.Min), NumberDA(p.Max), field, v, p.Min, p.Max)
		return p
	}
	if pf.Source == "" {
		probs.add(field, p.Key, code, "err.report.params_source_missing", p.label(), scope, NumberDA(v), field, v)
		return p
	}
	p.Value, p.Source = v, pf.Source
	return p
}

// WhatIfBaseLabelDA and WhatIfBaseLabelEN name the what-if base setting.
const (
	WhatIfBaseLabelDA = "Grundlag for hvis-scenariet"
	WhatIfBaseLabelEN = "Base of the what-if"
)

func (b BaseFile) apply(base WhatIfBase, probs *problems) WhatIfBase {
	if b.Value != BaseMedicineHelp && b.Value != BaseEligible {
		probs.add("what_if_base", "what_if_base", 0, "err.report.params_base_unknown", WhatIfBaseLabelDA, b.Value,
			BaseMedicineHelp, WhatIfBase{Key: BaseMedicineHelp}.LabelDA(), BaseEligible, WhatIfBase{Key: BaseEligible}.LabelDA())
		return base
	}
	if b.Source == "" {
		probs.add("what_if_base", "what_if_base", 0, "err.report.params_base_source_missing", WhatIfBaseLabelDA)
		return base
	}
	return WhatIfBase{Key: b.Value, Source: b.Source}
}
