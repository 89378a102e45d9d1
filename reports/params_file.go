package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/dosis-dk/dosis/workflow"
)

// paramsFile is the --params JSON file:
//
//	{"default": {"hours_per_fte": {"value": 1600, "source": "…"}},
//	 "municipalities": {"851": {"manual_minutes_per_period": {"value": 60, "source": "…"}}},
//	 "what_if_percent": {"value": 25, "source": "…"},
//	 "what_if_base": {"value": "eligible", "source": "…"}}
type paramsFile struct {
	Default        modelFile            `json:"default"`
	Municipalities map[string]modelFile `json:"municipalities"`
	WhatIfPercent  *paramFile           `json:"what_if_percent"`
	WhatIfBase     *baseFile            `json:"what_if_base"`
}

// baseFile is "what_if_base": {"value": "medicine_help" or "eligible", "source": "…"}.
type baseFile struct {
	Value  string `json:"value"`
	Source string `json:"source"`
}

type modelFile struct {
	HoursPerFTE            *paramFile `json:"hours_per_fte"`
	ManualMinutesPerPeriod *paramFile `json:"manual_minutes_per_period"`
	DDMinutesPerPeriod     *paramFile `json:"dd_minutes_per_period"`
	PeriodDays             *paramFile `json:"period_days"`
}

type paramFile struct {
	Value  *float64 `json:"value"`
	Source string   `json:"source"`
}

// LoadParams reads a --params JSON file over base. Parsing is strict:
// unknown fields, a missing value or source, a value out of range, a
// municipality code that is not three digits, or a model that frees no time
// are refused with an error that names the field and the value.
func LoadParams(r io.Reader, base Params) (Params, error) {
	var f paramsFile
	raw, err := io.ReadAll(r)
	if err != nil {
		return base, fmt.Errorf("read params: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return base, workflow.Invalidf("parameterfilen kan ikke læses: %v", "the params file cannot be read: %v", err)
	}
	if dec.More() {
		return base, workflow.Invalid("parameterfilen har mere end ét JSON-objekt", "the params file holds more than one JSON object")
	}
	out := base
	if out.Default, err = f.Default.apply(base.Default, "default"); err != nil {
		return base, err
	}
	if f.WhatIfPercent != nil {
		if out.WhatIfPercent, err = f.WhatIfPercent.apply(base.WhatIfPercent, "what_if_percent", 0, 100); err != nil {
			return base, err
		}
	}
	if b := f.WhatIfBase; b != nil {
		if b.Value != BaseMedicineHelp && b.Value != BaseEligible {
			return base, workflow.Invalidf("what_if_base.value %q skal være %q eller %q",
				"what_if_base.value %q must be %q or %q", b.Value, BaseMedicineHelp, BaseEligible)
		}
		if b.Source == "" {
			return base, workflow.Invalid("what_if_base.source mangler: skriv, hvorfor dette grundlag er valgt",
				"what_if_base.source is missing: say why this base was chosen")
		}
		out.WhatIfBase = WhatIfBase{Key: b.Value, Source: b.Source}
	}
	out.Overrides = map[int]Model{}
	for k, v := range base.Overrides {
		out.Overrides[k] = v
	}
	for key, mf := range f.Municipalities {
		code, err := strconv.Atoi(key)
		if err != nil || len(key) != 3 || code < 100 {
			return base, workflow.Invalidf("municipalities: kommunekoden %q er ikke et tal med tre cifre",
				"municipalities: municipality code %q is not a three-digit number", key)
		}
		m, err := mf.apply(out.Default, "municipalities."+key)
		if err != nil {
			return base, err
		}
		out.Overrides[code] = m
	}
	return out, nil
}

func (mf modelFile) apply(m Model, path string) (Model, error) {
	var err error
	set := func(dst *Param, src *paramFile, min, max float64) {
		if err == nil && src != nil {
			*dst, err = src.apply(*dst, path+"."+dst.Key, min, max)
		}
	}
	set(&m.HoursPerFTE, mf.HoursPerFTE, 100, 3000)
	set(&m.ManualMinutesPerPeriod, mf.ManualMinutesPerPeriod, 0, 1000)
	set(&m.DDMinutesPerPeriod, mf.DDMinutesPerPeriod, 0, 1000)
	set(&m.PeriodDays, mf.PeriodDays, 1, 56)
	if err != nil {
		return m, err
	}
	// Equal minutes would free no time and make citizens per FTE infinite
	// ("+Inf" in the report): refused like more.
	if m.NetMinutesPerPeriod() <= 0 {
		return m, workflow.Invalidf("%s: minutter med dosispakning (%g) skal være færre end ved manuel dosering (%g)",
			"%s: minutes with dose dispensing (%g) must be fewer than with manual dispensing (%g)",
			path, m.DDMinutesPerPeriod.Value, m.ManualMinutesPerPeriod.Value)
	}
	return m, nil
}

func (pf paramFile) apply(p Param, field string, min, max float64) (Param, error) {
	if pf.Value == nil {
		return p, workflow.Invalidf("%s.value mangler", "%s.value is missing", field)
	}
	v := *pf.Value
	if math.IsNaN(v) || v < min || v > max {
		return p, workflow.Invalidf("%s.value %g skal være mellem %g og %g", "%s.value %g must be between %g and %g", field, v, min, max)
	}
	if pf.Source == "" {
		return p, workflow.Invalidf("%s.source mangler: skriv, hvor værdien %g kommer fra",
			"%s.source is missing: say where the value %g comes from", field, v)
	}
	p.Value, p.Source = v, pf.Source
	return p, nil
}
