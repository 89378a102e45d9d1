package reports

import (
	"math"
	"sort"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// The national goal (MUUSMANN 2023, DOMAIN.md): 600–900 nurse/SOSU FTE
// freed, against about 145,000 citizens who get municipal help with their
// medicine.
const (
	GoalLowFTE           = 600
	GoalHighFTE          = 900
	NationalMedicineHelp = 145000
	// goalHorizonMonths is how far a projection may reach before it reads
	// "not at this pace".
	goalHorizonMonths = 50 * 12
)

// GoalSource is the source line of the goal figures.
const GoalSource = "Mål: 600–900 årsværk (MUUSMANN 2023 for KL m.fl.), fordelt på kommunerne efter deres andel af ca. 145.000 borgere " +
	"med kommunal hjælp til medicinen; årsværk nu = seneste måneds frigjorte timer × 12 / timer pr. årsværk; " +
	"fremskrivning = lineær tendens (mindste kvadrater) over de seneste 12 måneder i rapporten."

// GoalRow is one municipality's (or, with Code 0, the municipalities
// shown's) progress towards its share of the national goal.
type GoalRow struct {
	Code int
	Name string
	// Share is the municipality's share of the national goal: its citizens
	// with medicine help / NationalMedicineHelp.
	Share Ratio
	// TargetLow and TargetHigh are its share of 600 and 900 FTE.
	TargetLow, TargetHigh Ratio
	// NowFTE is the FTE a year freed at the pace of the last month.
	NowFTE Ratio
	// Monthly is the FTE-a-year pace of each month of the last 12.
	Monthly []Ratio
	// Slope is the trend's change of NowFTE per month.
	Slope Ratio
	// ReachLow and ReachHigh are the months the trend reaches the targets,
	// zero when not at this pace; ReachedLow/High when already reached.
	ReachLow, ReachHigh     calendar.Date
	ReachedLow, ReachedHigh bool
	// Hidden is set when disclosure control hides a figure it rests on.
	Hidden bool
}

// Goal is the goal table: one row per municipality shown and the total.
type Goal struct {
	Months []calendar.Date
	Rows   []GoalRow
	Total  GoalRow
}

// goal computes the goal table from the trend and the municipality rows.
func (r *Report) goal() Goal {
	var g Goal
	months := map[calendar.Date]bool{}
	for _, t := range r.TrendTotal {
		months[t.Month] = true
	}
	for m := range months {
		g.Months = append(g.Months, m)
	}
	sort.Slice(g.Months, func(i, j int) bool { return g.Months[i].Before(g.Months[j]) })
	if len(g.Months) > 12 {
		g.Months = g.Months[len(g.Months)-12:]
	}
	idx := map[calendar.Date]int{}
	for i, m := range g.Months {
		idx[m] = i
	}
	pace := map[int][]float64{}
	hidden := map[int]bool{}
	for _, t := range r.Trend {
		i, ok := idx[t.Month]
		if !ok {
			continue
		}
		if pace[t.Code] == nil {
			pace[t.Code] = make([]float64, len(g.Months))
		}
		m := r.Params.For(t.Code)
		pace[t.Code][i] += m.FTE(t.Hours.V) * 12
		hidden[t.Code] = hidden[t.Code] || !t.Hours.Shown()
	}
	total := make([]float64, len(g.Months))
	totalHidden := false
	for _, t := range r.TrendTotal {
		if _, ok := idx[t.Month]; ok && !t.Hours.Shown() {
			totalHidden = true
		}
	}
	var help float64
	for _, m := range r.Municipalities {
		series := pace[m.Code]
		if series == nil {
			series = make([]float64, len(g.Months))
		}
		for i, v := range series {
			total[i] += v
		}
		help += float64(m.MedicineHelp.N)
		row := goalRow(m.Code, m.Name, float64(m.MedicineHelp.N)/NationalMedicineHelp, series, g.Months)
		row.Hidden = hidden[m.Code] || m.MedicineHelp.Hidden
		g.Rows = append(g.Rows, row)
	}
	// Over the whole country the total is the national goal itself (for a
	// demo sample, its share of the country: the municipalities' shares are
	// of their sampled citizens already); otherwise, and when disclosure
	// control left municipalities out, the shares of those shown.
	name, share := "I alt", help/NationalMedicineHelp
	if len(r.Filter.Municipalities) == 0 && r.Omitted == 0 {
		name, share = "Hele landet", 1.0
		if r.PopulationScale > 0 {
			share = r.PopulationScale
		}
	}
	g.Total = goalRow(0, name, share, total, g.Months)
	g.Total.Hidden = totalHidden || r.Total.MedicineHelp.Hidden
	return g
}

// goalRow fits the trend of series (FTE-a-year pace per month) and projects
// it to the share of the goal.
func goalRow(code int, name string, share float64, series []float64, months []calendar.Date) GoalRow {
	row := GoalRow{Code: code, Name: name, Share: R(share), TargetLow: R(share * GoalLowFTE), TargetHigh: R(share * GoalHighFTE)}
	for _, v := range series {
		row.Monthly = append(row.Monthly, R(v))
	}
	if len(series) == 0 {
		return row
	}
	row.NowFTE = R(series[len(series)-1])
	slope, intercept := leastSquares(series)
	row.Slope = R(slope)
	last := months[len(months)-1]
	fitNow := intercept + slope*float64(len(series)-1)
	reach := func(target float64) (calendar.Date, bool) {
		if row.NowFTE.V >= target && target > 0 {
			return calendar.Date{}, true
		}
		if slope <= 0 || target <= 0 {
			return calendar.Date{}, false
		}
		ahead := math.Ceil((target - fitNow) / slope)
		if ahead > goalHorizonMonths {
			return calendar.Date{}, false
		}
		return last.AddMonths(int(max(ahead, 1))), false
	}
	row.ReachLow, row.ReachedLow = reach(row.TargetLow.V)
	row.ReachHigh, row.ReachedHigh = reach(row.TargetHigh.V)
	return row
}

// leastSquares fits y = a + b·x over x = 0, 1, …, n−1 and returns b, a.
func leastSquares(y []float64) (slope, intercept float64) {
	n := float64(len(y))
	if len(y) < 2 {
		return 0, y[0]
	}
	var sx, sy, sxx, sxy float64
	for i, v := range y {
		x := float64(i)
		sx, sy, sxx, sxy = sx+x, sy+v, sxx+x*x, sxy+x*v
	}
	slope = (n*sxy - sx*sy) / (n*sxx - sx*sx)
	return slope, (sy - slope*sx) / n
}

// ReachText says when a target is reached: "nået", "mm-yyyy" or "ikke i
// dette tempo".
func ReachText(at calendar.Date, reached bool) string { return ReachTextIn(i18n.Danish, at, reached) }
