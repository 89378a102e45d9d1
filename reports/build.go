package reports

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// daysPerMonth turns citizen-days into citizen-months.
const daysPerMonth = DaysPerYear / 12

// Build runs the aggregate queries for f and combines them under the model
// p into a Report. Report.Generated is left for the caller to set from its
// clock. The report is not suppressed; call Suppress for that.
func Build(ctx context.Context, src Source, f Filter, p Params) (Report, error) {
	if f.To.Before(f.From) {
		return Report{}, fmt.Errorf("report period: %s is after %s", f.From.Format(), f.To.Format())
	}
	r := Report{Filter: f, Params: p}
	if pf, ok := src.(Prefetcher); ok {
		if err := pf.Prefetch(ctx, f); err != nil {
			return r, fmt.Errorf("report: %w", err)
		}
	}
	adoption, err := src.Adoption(ctx, f)
	if err != nil {
		return r, fmt.Errorf("adoption: %w", err)
	}
	names := map[int]string{}
	for _, a := range adoption {
		names[a.Code] = a.Name
		if a.PopulationScale > 0 && a.PopulationScale != 1 {
			r.PopulationScale = a.PopulationScale
		}
		r.Municipalities = append(r.Municipalities, municipalityRow(a, p))
	}
	if err := buildFunnel(ctx, src, f, &r, names); err != nil {
		return r, err
	}
	if err := buildPharmacies(ctx, src, f, &r); err != nil {
		return r, err
	}
	if err := buildGPs(ctx, src, f, &r, names); err != nil {
		return r, err
	}
	if err := buildRecommendations(ctx, src, f, &r, names); err != nil {
		return r, err
	}
	months, err := src.Months(ctx, f)
	if err != nil {
		return r, fmt.Errorf("monthly trend: %w", err)
	}
	for _, m := range months {
		month, err := calendar.ParseDate(m.Month + "-01")
		if err != nil {
			return r, fmt.Errorf("monthly trend: month %q: %w", m.Month, err)
		}
		cm := float64(m.RollDays) / daysPerMonth
		r.Trend = append(r.Trend, TrendRow{Code: m.Code, Name: names[m.Code], Month: month,
			Citizens: C(m.Citizens), Starts: C(m.Starts), Rolls: C(m.Rolls), RollDays: C(m.RollDays),
			CitizenMonths: R(cm), Hours: R(p.For(m.Code).HoursForDays(float64(m.RollDays)))})
	}
	sort.SliceStable(r.Trend, func(i, j int) bool {
		if r.Trend[i].Month != r.Trend[j].Month {
			return r.Trend[i].Month.Before(r.Trend[j].Month)
		}
		return r.Trend[i].Code < r.Trend[j].Code
	})
	r.recompute()
	return r, nil
}

func municipalityRow(a AdoptionCounts, p Params) MunicipalityRow {
	m := p.For(a.Code)
	_, overridden := p.Overrides[a.Code]
	row := MunicipalityRow{Code: a.Code, Name: a.Name, Population75: C(a.Population75), MedicineHelp: C(a.MedicineHelp),
		Eligible: C(a.Eligible), Active: C(a.Active), Active75: C(a.Active75), Paused: C(a.Paused),
		Potential: C(a.Potential), Rolls: C(a.Rolls), Urgent: C(a.Urgent), RollDays: C(a.RollDays),
		CitizenMonths: R(float64(a.RollDays) / daysPerMonth)}
	row.Hours = Hours{Periods: R(float64(a.RollDays) / m.PeriodDays.Value), Hours: R(m.HoursForDays(float64(a.RollDays))),
		Overridden: overridden}
	row.Hours.FTE = R(m.FTE(row.Hours.Hours.V))
	row.Hours.PotentialFTE = R(float64(a.Potential) / m.CitizensPerFTE())
	row.Hours.WhatIfFTE = R(float64(p.WhatIfBase.Citizens(row)) / m.CitizensPerFTE() * p.WhatIfPercent.Value / 100)
	return row
}

// recompute derives the ratios, ranks and totals from the rows present.
func (r *Report) recompute() {
	t := MunicipalityRow{Name: "I alt"}
	var fte, pot, whatIf, hours, periods float64
	for i := range r.Municipalities {
		m := &r.Municipalities[i]
		m.ShareOfHelp = Div(float64(m.Active.N), float64(m.MedicineHelp.N))
		m.ShareOf75 = Div(float64(m.Active75.N), float64(m.Population75.N))
		m.UrgentPer100 = Div(100*float64(m.Urgent.N), m.CitizenMonths.V)
		for _, p := range []struct{ dst, src *Count }{{&t.Population75, &m.Population75}, {&t.MedicineHelp, &m.MedicineHelp},
			{&t.Eligible, &m.Eligible}, {&t.Active, &m.Active}, {&t.Active75, &m.Active75}, {&t.Paused, &m.Paused},
			{&t.Potential, &m.Potential}, {&t.Rolls, &m.Rolls}, {&t.Urgent, &m.Urgent}, {&t.RollDays, &m.RollDays}} {
			p.dst.N += p.src.N
		}
		t.CitizenMonths.V += m.CitizenMonths.V
		periods += m.Hours.Periods.V
		hours += m.Hours.Hours.V
		fte += m.Hours.FTE.V
		pot += m.Hours.PotentialFTE.V
		whatIf += m.Hours.WhatIfFTE.V
	}
	t.CitizenMonths.Valid = true
	t.ShareOfHelp = Div(float64(t.Active.N), float64(t.MedicineHelp.N))
	t.ShareOf75 = Div(float64(t.Active75.N), float64(t.Population75.N))
	t.UrgentPer100 = Div(100*float64(t.Urgent.N), t.CitizenMonths.V)
	t.Hours = Hours{Periods: R(periods), Hours: R(hours), FTE: R(fte), PotentialFTE: R(pot), WhatIfFTE: R(whatIf)}
	r.Total = t
	r.rank()
	r.Funnel.Total = sumFunnel(r.Funnel.Rows)
	r.GPTotal = sumGPs(r.GPs, r.gpDays)
	r.RenewalTotal = sumGPs(r.Renewals, r.renewalDays)
	r.TrendTotal = sumTrend(r.Trend)
	r.Deviations = Count{}
	for _, p := range r.Pharmacies {
		r.Deviations.N += p.Deviations.N
	}
	r.Goal = r.goal()
	r.recomputeRecs()
}

// rank orders the municipalities by share of the 75+ on DD, highest first,
// and numbers them (equal shares share a rank).
func (r *Report) rank() {
	idx := make([]int, len(r.Municipalities))
	for i := range idx {
		idx[i] = i
	}
	share := func(i int) float64 { return r.Municipalities[i].ShareOf75.V }
	sort.SliceStable(idx, func(a, b int) bool { return share(idx[a]) > share(idx[b]) })
	for pos, i := range idx {
		m := &r.Municipalities[i]
		m.Rank = pos + 1
		if pos > 0 && share(idx[pos-1]) == share(i) {
			m.Rank = r.Municipalities[idx[pos-1]].Rank
		}
		if !m.ShareOf75.Valid {
			m.Rank = 0
		}
	}
}

func sumTrend(rows []TrendRow) []TrendRow {
	var out []TrendRow
	byMonth := map[calendar.Date]int{}
	for _, t := range rows {
		i, ok := byMonth[t.Month]
		if !ok {
			i = len(out)
			byMonth[t.Month] = i
			out = append(out, TrendRow{Name: "I alt", Month: t.Month, CitizenMonths: R(0), Hours: R(0)})
		}
		o := &out[i]
		o.Citizens.N += t.Citizens.N
		o.Starts.N += t.Starts.N
		o.Rolls.N += t.Rolls.N
		o.RollDays.N += t.RollDays.N
		o.CitizenMonths.V += t.CitizenMonths.V
		o.Hours.V += t.Hours.V
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month.Before(out[j].Month) })
	return out
}

// MonthLabel formats a trend month as "mm-yyyy".
func MonthLabel(m calendar.Date) string { return m.Format()[3:] }

func codeKey(code int) string { return strconv.Itoa(code) }
