package reports

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// headlineByID returns the headline id of hs.
func headlineByID(t *testing.T, hs []Headline, id string) Headline {
	t.Helper()
	for _, h := range hs {
		if h.ID == id {
			return h
		}
	}
	t.Fatalf("no headline %s in %+v", id, hs)
	return Headline{}
}

// yearEarlier is r as the report of a year before: each municipality
// with fewer active citizens, minus those left out.
func yearEarlier(r Report, fewer int, leaveOut ...int) Report {
	ago := r
	ago.Filter.From, ago.Filter.To = r.Filter.From.AddYears(-1), r.Filter.To.AddYears(-1)
	ago.Municipalities = nil
	for _, m := range r.Municipalities {
		skip := false
		for _, c := range leaveOut {
			skip = skip || m.Code == c
		}
		if !skip {
			m.Active.N -= fewer
			ago.Municipalities = append(ago.Municipalities, m)
		}
	}
	return ago
}

func TestHeadlinesChange(t *testing.T) {
	now := sampleReport(t)
	n := len(now.Municipalities)
	first := now.Municipalities[0]
	hidden := sampleReport(t)
	hidden.Municipalities[0].Active.Hidden = true
	cases := []struct {
		name      string
		now, ago  Report
		want      any
		note      string
		wantShown string
	}{
		{"same municipalities", now, yearEarlier(now, 10), 10 * n, "siden 28-02-2025", "+" + FormatDA(10*n, KindInt)},
		{"one left out a year ago", now, yearEarlier(now, 10, first.Code), 10 * (n - 1),
			"over de " + FormatDA(n-1, KindInt) + " kommuner", ""},
		{"none in common", now, yearEarlier(now, 0, codes(now)...), nil, "ingen kommune", "–"},
		{"a hidden count", hidden, yearEarlier(now, 10), HiddenValue{}, "siden", HiddenText},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := headlineByID(t, Headlines(c.now, c.ago, i18n.Danish), "change")
			if h.Value != c.want || !strings.Contains(h.Note, c.note) {
				t.Errorf("change = %v (%q), want %v with a note containing %q", h.Value, h.Note, c.want, c.note)
			}
			if c.wantShown != "" && h.Text != c.wantShown {
				t.Errorf("shown %q, want %q", h.Text, c.wantShown)
			}
		})
	}
}

func codes(r Report) []int {
	var out []int
	for _, m := range r.Municipalities {
		out = append(out, m.Code)
	}
	return out
}

func TestHeadlinesFigures(t *testing.T) {
	r := sampleReport(t)
	hs := Headlines(r, yearEarlier(r, 0), i18n.Danish)
	if h := headlineByID(t, hs, "active"); h.Value != r.Total.Active.N || h.Text != FormatDA(r.Total.Active.N, KindInt) {
		t.Errorf("active = %v %q, want %d", h.Value, h.Text, r.Total.Active.N)
	}
	if h := headlineByID(t, hs, "share75"); h.Value != r.Total.ShareOf75.V {
		t.Errorf("share of the 75+ = %v, want %v", h.Value, r.Total.ShareOf75.V)
	}
	// The sample's period is January–February 2026: both months count.
	var hours float64
	for _, tr := range r.Trend {
		if tr.Month.Year() == 2026 {
			hours += tr.Hours.V
		}
	}
	h := headlineByID(t, hs, "fte_year")
	if v, ok := h.Value.(float64); !ok || math.Abs(v-hours/r.Params.Default.HoursPerFTE.Value) > 1e-9 || !strings.HasPrefix(h.Note, "01-01-2026 – 28-02-2026") {
		t.Errorf("FTE this year = %v (%q), want %v", h.Value, h.Note, hours/r.Params.Default.HoursPerFTE.Value)
	}
	g := headlineByID(t, hs, "goal")
	if v, ok := g.Value.(float64); !ok || math.Abs(v-r.Goal.Total.NowFTE.V/r.Goal.Total.TargetLow.V) > 1e-12 {
		t.Errorf("goal progress = %v, want NowFTE / the 600 share", g.Value)
	}

	// A hidden month's hours hide the year's FTE; a hidden goal hides its progress.
	r.Trend[0].Hours.Hidden = true
	r.Goal.Total.Hidden = true
	hs = Headlines(r, yearEarlier(r, 0), i18n.English)
	for _, id := range []string{"fte_year", "goal"} {
		if h := headlineByID(t, hs, id); h.Value != (HiddenValue{}) || h.Text != "suppr." {
			t.Errorf("%s = %v %q, want hidden (suppr.)", id, h.Value, h.Text)
		}
	}
	if h := headlineByID(t, hs, "active"); h.Label != "Citizens on dose dispensing now" {
		t.Errorf("English label %q", h.Label)
	}
}

// TestFTEThisYearFromPeriodStart: a period starting in the year counts
// from its start, and months of the year before are left out.
func TestFTEThisYearFromPeriodStart(t *testing.T) {
	r := sampleReport(t)
	r.Filter.From = calendar.NewDate(2025, 12, 1)
	r.Trend = append(r.Trend, TrendRow{Code: r.Trend[0].Code, Month: calendar.NewDate(2025, 12, 1), Hours: R(1e6)})
	h := fteThisYear(r, i18n.Danish)
	if v, _ := h.Value.(float64); v > 1e5 || !strings.HasPrefix(h.Note, "01-01-2026") {
		t.Errorf("FTE this year %v (%q) counts December 2025", h.Value, h.Note)
	}
	r.Filter.From = calendar.NewDate(2026, 2, 1)
	if h := fteThisYear(r, i18n.Danish); !strings.HasPrefix(h.Note, "01-02-2026") {
		t.Errorf("note %q, want it to start at the period start", h.Note)
	}
}

func TestFormatIn(t *testing.T) {
	cases := []struct {
		l    i18n.Lang
		v    any
		kind string
		want string
	}{
		{i18n.Danish, 1234.56, KindDecimal, "1.234,6"},
		{i18n.English, 1234.56, KindDecimal, "1,234.6"},
		{i18n.English, 0.0456, KindPercent, "4.6%"},
		{i18n.Danish, 0.0456, KindPercent, "4,6 %"},
		{i18n.English, 1234567, KindInt, "1,234,567"},
		{i18n.English, "01-2026", KindText, "01-2026"},
		{i18n.English, HiddenValue{}, KindInt, "suppr."},
		{i18n.Danish, HiddenValue{}, KindInt, HiddenText},
	}
	for _, c := range cases {
		if got := FormatIn(c.l, c.v, c.kind); got != c.want {
			t.Errorf("FormatIn(%s, %v, %s) = %q, want %q", c.l, c.v, c.kind, got, c.want)
		}
	}
}

// TestChartsInEnglish: the English charts carry English titles and
// series, no Danish, and the same formatters as the Danish ones.
func TestChartsInEnglish(t *testing.T) {
	chs, err := DashboardCharts(sampleReport(t), i18n.English)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chs {
		s := string(c.Options)
		for _, da := range []string{"Andel", "Udvikling", "Tragt", "årsværk", "Lovet", "Sager", "timer", "Borgere"} {
			if strings.Contains(s, da) {
				t.Errorf("English chart %s holds the Danish %q", c.ID, da)
			}
		}
		var o map[string]any
		if err := json.Unmarshal([]byte(c.Options), &o); err != nil {
			t.Fatal(err)
		}
		if tip, _ := o["tooltip"].(map[string]any); tip["valueFormatter"] == nil {
			t.Errorf("chart %s has no tooltip formatter", c.ID)
		}
	}
}
