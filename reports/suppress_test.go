package reports

import (
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

func sampleReport(t *testing.T) Report { return buildSample(t, Build) }

// suppressedSample is the sample built with disclosure control.
func suppressedSample(t *testing.T) Report { return buildSample(t, BuildSuppressed) }

func buildSample(t *testing.T, build func(context.Context, Source, Filter, Params) (Report, error)) Report {
	t.Helper()
	f := Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 2, 28)}
	r, err := build(context.Background(), sample(), f, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	r.Generated = time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)
	return r
}

func TestHiddenBoundary(t *testing.T) {
	for n, want := range map[int]bool{0: false, 1: true, 4: true, 5: false, 6: false} {
		if got := Hidden(n); got != want {
			t.Errorf("Hidden(%d) = %v, want %v", n, got, want)
		}
	}
}

func TestSuppressLeavesOutUnder30Active(t *testing.T) {
	r := suppressedSample(t)
	codes := map[int]bool{}
	for _, m := range r.Municipalities {
		codes[m.Code] = true
	}
	if codes[147] || !codes[461] || r.Omitted != 1 {
		t.Errorf("shown %v, omitted %d: want 147 (29 active) left out and 461 (30 active) kept", codes, r.Omitted)
	}
	if r.Total.Active.N != 800+30+600 {
		t.Errorf("total active = %d, want the shown municipalities' 1430", r.Total.Active.N)
	}
	for _, f := range r.Funnel.Rows {
		if f.Code == 147 {
			t.Error("147 is still in the funnel")
		}
	}
	for _, g := range r.Trend {
		if g.Code == 147 {
			t.Error("147 is still in the trend")
		}
	}
}

func TestSuppressHidesUnder5AndSecondary(t *testing.T) {
	r := suppressedSample(t)
	by := map[int]MunicipalityRow{}
	for _, m := range r.Municipalities {
		by[m.Code] = m
	}
	// Active75: 101 has 640, 461 has 4 (hidden), 851 has 480: the smallest
	// other non-zero cell (851's 480) is hidden too, so 461's 4 cannot be
	// found as total − the rest.
	if !by[461].Active75.Hidden || !by[851].Active75.Hidden || by[101].Active75.Hidden || r.Total.Active75.Hidden {
		t.Errorf("Active75 hidden: 101 %v, 461 %v, 851 %v, total %v; want false, true, true, false",
			by[101].Active75.Hidden, by[461].Active75.Hidden, by[851].Active75.Hidden, r.Total.Active75.Hidden)
	}
	if !by[461].ShareOf75.Hidden || by[461].Rank != 0 {
		t.Error("the share and rank derived from a hidden count are shown")
	}
	// Paused: 101 12, 461 0, 851 5 — 5 is shown (boundary), 0 is shown.
	if by[851].Paused.Hidden || by[461].Paused.Hidden {
		t.Error("paused 5 or 0 is hidden")
	}
	// Funnel: 461 started 3 is hidden; 80 (851) is the next smallest.
	var f461, f851 FunnelRow
	for _, f := range r.Funnel.Rows {
		switch f.Code {
		case 461:
			f461 = f
		case 851:
			f851 = f
		}
	}
	if !f461.Stages[6].Hidden || !f851.Stages[6].Hidden || f461.Stages[5].Hidden || !f461.Conversion.Hidden {
		t.Errorf("funnel started: 461 %+v, 851 %+v", f461.Stages, f851.Stages)
	}
	// Reasons: death 3 hidden, the next smallest (12) too.
	hidden := 0
	for _, rr := range r.Funnel.Reasons {
		if rr.Count.Hidden {
			hidden++
		}
	}
	if hidden != 2 {
		t.Errorf("%d reasons hidden, want 2", hidden)
	}
	// Pharmacies: p2's 3 urgent rolls and their lead times are hidden.
	for _, p := range r.Pharmacies {
		if p.Name == "Nørrebro Apotek" && (!p.Urgent.Hidden || !p.LeadMedian.Hidden || p.Rolls.Hidden) {
			t.Errorf("p2 = %+v", p)
		}
	}
}
