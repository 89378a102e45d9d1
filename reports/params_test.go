package reports

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

func TestDefaultParamsReproducePublishedRatio(t *testing.T) {
	m := DefaultParams().Default
	// 40,000 citizens on DD for a whole year (365 days, 2026).
	hours := m.HoursForDays(PublishedCitizens * 365)
	fte := m.FTE(hours)
	if math.Abs(fte-PublishedFTE) > 10 {
		t.Errorf("40,000 citizens for a year free %.1f FTE, want 600 ± 10", fte)
	}
	if per := m.CitizensPerFTE(); per < 65 || per > 75 {
		t.Errorf("citizens per FTE = %.1f, want about 67 (KL: 70–75)", per)
	}
	for _, p := range append(m.List(), DefaultParams().WhatIfPercent) {
		if p.Source == "" || p.Key == "" || p.LabelDA == "" {
			t.Errorf("parameter %q lacks a key, label or source", p.Key)
		}
	}
}

func TestLoadParams(t *testing.T) {
	base := DefaultParams()
	p, err := LoadParams(strings.NewReader(`{
		"default": {"hours_per_fte": {"value": 1600, "source": "effektive timer"}},
		"municipalities": {"851": {"manual_minutes_per_period": {"value": 60, "source": "Aalborg 2025"}}},
		"what_if_percent": {"value": 25, "source": "plan"}}`), base)
	if err != nil {
		t.Fatal(err)
	}
	if p.Default.HoursPerFTE.Value != 1600 || p.Default.HoursPerFTE.Source != "effektive timer" {
		t.Errorf("default hours per FTE = %+v", p.Default.HoursPerFTE)
	}
	a := p.For(851)
	if a.ManualMinutesPerPeriod.Value != 60 || a.HoursPerFTE.Value != 1600 || a.DDMinutesPerPeriod.Value != 9 {
		t.Errorf("851 model = %+v, want the override over the new default", a)
	}
	if p.For(101).ManualMinutesPerPeriod.Value != 75 || p.WhatIfPercent.Value != 25 {
		t.Errorf("101 model or what-if wrong: %+v %+v", p.For(101), p.WhatIfPercent)
	}
}

func TestLoadParamsRefuses(t *testing.T) {
	cases := []struct{ name, json, want string }{
		{"unknown field", `{"default": {"hours_per_year": {"value": 1, "source": "x"}}}`, "hours_per_year"},
		{"missing value", `{"default": {"hours_per_fte": {"source": "x"}}}`, "default.hours_per_fte.value"},
		{"out of range", `{"default": {"hours_per_fte": {"value": -5, "source": "x"}}}`, "default.hours_per_fte.value -5"},
		{"missing source", `{"default": {"period_days": {"value": 28}}}`, "default.period_days.source"},
		{"bad code", `{"municipalities": {"85": {"period_days": {"value": 14, "source": "x"}}}}`, `"85"`},
		{"dd equal to manual", `{"default": {"dd_minutes_per_period": {"value": 75, "source": "x"}}}`, "default: minutes with dose dispensing (75) must be fewer"},
		{"manual down to dd", `{"municipalities": {"851": {"manual_minutes_per_period": {"value": 9, "source": "x"}}}}`, "municipalities.851"},
		{"dd above manual", `{"municipalities": {"851": {"dd_minutes_per_period": {"value": 90, "source": "x"}}}}`, "municipalities.851"},
		{"what-if above 100", `{"what_if_percent": {"value": 120, "source": "x"}}`, "what_if_percent.value 120"},
		{"two objects", `{} {}`, "more than one"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadParams(strings.NewReader(c.json), DefaultParams())
			var we *workflow.Error
			if !errors.As(err, &we) || we.Kind != workflow.KindInvalid {
				t.Fatalf("err = %v, want an invalid-input error", err)
			}
			if !strings.Contains(we.Message(i18n.English), c.want) || we.Message(i18n.Danish) == "" {
				t.Errorf("message %q does not name %q", we.Message(i18n.English), c.want)
			}
		})
	}
}

// TestWhatIfBase: the what-if applies its percentage to the base chosen —
// citizens with medicine help not yet on DD (the default, as its source
// says) or the assessed-eligible potential — and names it (item 7).
func TestWhatIfBase(t *testing.T) {
	r := sampleReport(t)
	var aalborg MunicipalityRow
	for _, m := range r.Municipalities {
		if m.Code == 851 {
			aalborg = m
		}
	}
	cpf := DefaultParams().Default.CitizensPerFTE()
	if want := float64(2300-600-5) * 0.5 / cpf; math.Abs(aalborg.Hours.WhatIfFTE.V-want) > 1e-9 {
		t.Errorf("medicine-help base: what-if %v, want %v", aalborg.Hours.WhatIfFTE.V, want)
	}
	p, err := LoadParams(strings.NewReader(`{"what_if_base": {"value": "eligible", "source": "styregruppen"}}`), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	row := municipalityRow(AdoptionCounts{Code: 851, MedicineHelp: 2300, Active: 600, Paused: 5, Potential: 150}, p)
	if want := 150 * 0.5 / cpf; math.Abs(row.Hours.WhatIfFTE.V-want) > 1e-9 {
		t.Errorf("eligible base: what-if %v, want %v", row.Hours.WhatIfFTE.V, want)
	}
	r.Params = p
	if !strings.Contains(r.WhatIfLabel(), "vurderet egnede") {
		t.Errorf("label %q does not name the base", r.WhatIfLabel())
	}
	for _, bad := range []string{`{"what_if_base": {"value": "all", "source": "x"}}`, `{"what_if_base": {"value": "eligible"}}`} {
		if _, err := LoadParams(strings.NewReader(bad), DefaultParams()); err == nil || !strings.Contains(err.Error(), "what_if_base") {
			t.Errorf("%s: err = %v", bad, err)
		}
	}
}
