package reports

import (
	"context"
	"fmt"
	"testing"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// goalSource is one municipality whose days on DD grow each month.
func goalSource(daysPerMonth []int) fakeSource {
	s := fakeSource{adoption: []AdoptionCounts{{Code: 851, Name: "Aalborg", MedicineHelp: 2900, Active: 300}}}
	for i, d := range daysPerMonth {
		s.months = append(s.months, MonthCounts{Code: 851, Month: fmt.Sprintf("2026-%02d", i+1), Citizens: 100, Rolls: d / 14, RollDays: d})
	}
	return s
}

// TestGoalProjection: the FTE freed now and the month the linear trend of
// the last 12 months reaches the municipality's share of 600 and 900 FTE
// (item 11).
func TestGoalProjection(t *testing.T) {
	f := Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 12, 31), Municipalities: []int{851}}
	m := DefaultParams().Default
	// One FTE a year at the default model is 67 citizens all year: give
	// January to November the pace 1.5, 2.5, …, 11.5 FTE a year.
	perFTE := m.CitizensPerFTE() * DaysPerYear / 12
	var days []int
	for i := 1; i <= 11; i++ {
		days = append(days, int(perFTE*(float64(i)+0.5)+0.5))
	}
	cases := []struct {
		name          string
		days          []int
		low, high     string
		nowMin, nowMx float64
	}{
		// Share 2900/145000 = 2 %: targets 12 and 18 FTE.
		{"growing by one FTE a month", days, "12-2026", "06-2027", 11.4, 11.6},
		{"falling", []int{days[5], days[4], days[3], days[2]}, "ikke i dette tempo", "ikke i dette tempo", 3.4, 3.6},
		{"reached", []int{days[10] * 2}, "nået", "nået", 22.9, 23.1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Build(context.Background(), goalSource(c.days), f, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			g := r.Goal.Rows[0]
			if g.TargetLow.V != 12 || g.TargetHigh.V != 18 {
				t.Errorf("targets %v–%v, want 12–18", g.TargetLow.V, g.TargetHigh.V)
			}
			if g.NowFTE.V < c.nowMin || g.NowFTE.V > c.nowMx {
				t.Errorf("now %v FTE", g.NowFTE.V)
			}
			if got := ReachText(g.ReachLow, g.ReachedLow); got != c.low {
				t.Errorf("600 share reached %q, want %q", got, c.low)
			}
			if got := ReachText(g.ReachHigh, g.ReachedHigh); got != c.high {
				t.Errorf("900 share reached %q, want %q", got, c.high)
			}
		})
	}
}

// TestGoalHiddenWithItsMonths: under disclosure control a goal row resting
// on a hidden month is hidden.
func TestGoalHiddenWithItsMonths(t *testing.T) {
	r := suppressedSample(t)
	for _, g := range r.Goal.Rows {
		hidden := false
		for _, tr := range r.Trend {
			if tr.Code == g.Code && !tr.Hours.Shown() {
				hidden = true
			}
		}
		if hidden && !g.Hidden {
			t.Errorf("%d: a hidden month, but the goal row is shown", g.Code)
		}
	}
	for _, k := range r.KeyFigures() {
		if k.LabelDA == "600-målet nås" && k.Value == nil {
			t.Error("no projection")
		}
	}
}

// TestGoalNationalScaledForASample: over the whole country the total is
// the national goal, scaled by a demo sample's share of the country.
func TestGoalNationalScaledForASample(t *testing.T) {
	f := Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 3, 31)}
	for _, c := range []struct {
		scale, low float64
	}{{0, 600}, {0.02, 12}} {
		s := goalSource([]int{1000, 1100, 1200})
		s.adoption[0].PopulationScale = c.scale
		r, err := Build(context.Background(), s, f, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		if r.Goal.Total.TargetLow.V != c.low || r.Goal.Total.TargetHigh.V != c.low*1.5 {
			t.Errorf("scale %v: national target %v–%v, want %v–%v", c.scale, r.Goal.Total.TargetLow.V, r.Goal.Total.TargetHigh.V, c.low, c.low*1.5)
		}
	}
}
