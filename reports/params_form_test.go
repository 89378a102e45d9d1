package reports

import (
	"errors"
	"strings"
	"testing"
)

// TestParamsProblemsByField: a file with several bad values is refused with
// one problem per value, each at its field, in Danish by the parameter's
// label with the value and the range, with no JSON name on the Danish side.
func TestParamsProblemsByField(t *testing.T) {
	_, err := LoadParams(strings.NewReader(`{
		"default": {"hours_per_fte": {"value": 50, "source": "x"}, "period_days": {"value": 14}},
		"municipalities": {"851": {"manual_minutes_per_period": {"value": 1200, "source": "y"}}, "85": {}},
		"what_if_percent": {"value": 101, "source": "z"}}`), DefaultParams())
	var pe *ParamsError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want a *ParamsError", err)
	}
	want := map[string]string{
		"default.hours_per_fte":                        "Timer pr. årsværk (landsværdi): 50 timer skal være mellem 100 og 3.000 timer",
		"default.period_days":                          "Dage pr. periode (landsværdi): kilden mangler; skriv, hvor værdien 14 kommer fra",
		"municipalities.851.manual_minutes_per_period": "Minutter pr. borger pr. periode ved manuel dosering (kommune 851): 1.200 minutter skal være mellem 0 og 1.000 minutter",
		"municipalities.85":                            `kommunekoden "85" er ikke et tal med tre cifre`,
		"what_if_percent":                              "Hvis denne andel af grundlaget går over (landsværdi): 101 % skal være mellem 0 og 100 %",
	}
	if len(pe.Problems) != len(want) {
		t.Errorf("%d problems, want %d: %+v", len(pe.Problems), len(want), pe.Problems)
	}
	for field, msg := range want {
		p, ok := pe.For(field)
		if !ok {
			t.Errorf("no problem at %s", field)
			continue
		}
		if p.MsgDA != msg {
			t.Errorf("%s: %q, want %q", field, p.MsgDA, msg)
		}
		if strings.Contains(p.MsgDA, "hours_per_fte") || strings.Contains(p.MsgDA, "_minutes_") {
			t.Errorf("%s: the Danish message shows a JSON name: %q", field, p.MsgDA)
		}
	}
}

// TestParamsTextRoundTrip: typed text with decimal commas becomes a file
// that Apply accepts, a municipality's blank field keeps the national value,
// text that is no number is refused naming the parameter and the text, and
// a file's Text reads back the same.
func TestParamsTextRoundTrip(t *testing.T) {
	d := DefaultParams()
	typed := ParamsText{
		"default.hours_per_fte":                        {Value: "1600", Source: "HR"},
		"default.dd_minutes_per_period":                {Value: "7,5", Source: "måling"},
		"municipalities.851.manual_minutes_per_period": {Value: " 60 ", Source: "Aalborg"},
		"municipalities.851.hours_per_fte":             {Value: "", Source: ""},
		"what_if_base":                                 {Value: "eligible", Source: "styregruppen"},
	}
	f, err := typed.ParseText(d)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Apply(d)
	if err != nil {
		t.Fatal(err)
	}
	if p.Default.DDMinutesPerPeriod.Value != 7.5 || p.For(851).ManualMinutesPerPeriod.Value != 60 ||
		p.For(851).HoursPerFTE.Value != 1600 || p.WhatIfBase.Key != BaseEligible {
		t.Errorf("applied: %+v", p)
	}
	back := f.Text()
	if back["default.dd_minutes_per_period"].Value != "7,5" || back["municipalities.851.manual_minutes_per_period"].Value != "60" {
		t.Errorf("text: %+v", back)
	}
	if _, ok := back["municipalities.851.hours_per_fte"]; ok {
		t.Error("a blank municipal field came back set")
	}
	_, err = ParamsText{"municipalities.851.period_days": {Value: "fjorten", Source: "x"}}.ParseText(d)
	var pe *ParamsError
	if !errors.As(err, &pe) || len(pe.Problems) != 1 ||
		pe.Problems[0].MsgDA != `Dage pr. periode (kommune 851): "fjorten" er ikke et tal; skriv fx 1924 eller 7,5` {
		t.Errorf("not a number: %v", err)
	}
}

// TestDiffParams: the difference of two versions names each changed value
// and source, national first, and what an unset national value means.
func TestDiffParams(t *testing.T) {
	d := DefaultParams()
	old, _ := ParamsText{"municipalities.851.period_days": {Value: "14", Source: "a"}}.ParseText(d)
	new, _ := ParamsText{"default.hours_per_fte": {Value: "1600", Source: "HR"},
		"municipalities.851.period_days": {Value: "28", Source: "a"}}.ParseText(d)
	got := DiffParams(old, new)
	if len(got) != 2 {
		t.Fatalf("changes: %+v", got)
	}
	if c := got[0]; c.Field != "default.hours_per_fte" || c.Old != "" || c.New != "1600" || c.DefaultValue != "1924" || c.LabelDA != "Timer pr. årsværk" {
		t.Errorf("national change %+v", c)
	}
	if c := got[1]; c.Municipality != 851 || c.Old != "14" || c.New != "28" || c.OldSource != c.NewSource || c.DefaultValue != "" {
		t.Errorf("municipal change %+v", c)
	}
	if len(DiffParams(new, new)) != 0 {
		t.Error("a version differs from itself")
	}
}

// TestNumberDA writes numbers as Danish readers do.
func TestNumberDA(t *testing.T) {
	for v, want := range map[float64]string{1924: "1.924", 7.5: "7,5", 0: "0", 100: "100", 1234567.25: "1.234.567,25", -1500: "-1.500"} {
		if got := NumberDA(v); got != want {
			t.Errorf("NumberDA(%v) = %q, want %q", v, got, want)
		}
	}
	for text, want := range map[string]float64{"1924": 1924, "7,5": 7.5, "1.924,5": 1924.5, "2.5": 2.5} {
		if got, ok := ParseParamNumber(text); !ok || got != want {
			t.Errorf("ParseParamNumber(%q) = %v %v, want %v", text, got, ok, want)
		}
	}
	if _, ok := ParseParamNumber("NaN"); ok {
		t.Error("NaN read as a number")
	}
}
