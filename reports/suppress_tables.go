package reports

import "github.com/dosis-dk/dosis/workflow/calendar"

func suppressMunicipalities(r *Report) {
	fields := []func(*MunicipalityRow) *Count{
		func(m *MunicipalityRow) *Count { return &m.Population75 },
		func(m *MunicipalityRow) *Count { return &m.MedicineHelp },
		func(m *MunicipalityRow) *Count { return &m.Eligible },
		func(m *MunicipalityRow) *Count { return &m.Active },
		func(m *MunicipalityRow) *Count { return &m.Active75 },
		func(m *MunicipalityRow) *Count { return &m.Paused },
		func(m *MunicipalityRow) *Count { return &m.Potential },
		func(m *MunicipalityRow) *Count { return &m.Rolls },
		func(m *MunicipalityRow) *Count { return &m.Urgent },
	}
	for _, field := range fields {
		group(cellsOf(r.Municipalities, field), field(&r.Total))
	}
	for i := range r.Municipalities {
		hideDerived(&r.Municipalities[i])
	}
	hideDerived(&r.Total)
}

func hideDerived(m *MunicipalityRow) {
	m.ShareOfHelp = m.ShareOfHelp.hideIf(m.Active, m.MedicineHelp)
	m.ShareOf75 = m.ShareOf75.hideIf(m.Active75, m.Population75)
	m.UrgentPer100 = m.UrgentPer100.hideIf(m.Urgent, m.Rolls)
	m.CitizenMonths = m.CitizenMonths.hideIf(m.Rolls)
	m.Hours.Periods = m.Hours.Periods.hideIf(m.Rolls)
	m.Hours.Hours = m.Hours.Hours.hideIf(m.Rolls)
	m.Hours.FTE = m.Hours.FTE.hideIf(m.Rolls)
	m.Hours.PotentialFTE = m.Hours.PotentialFTE.hideIf(m.Potential)
	m.Hours.WhatIfFTE = m.Hours.WhatIfFTE.hideIf(m.Potential)
	if m.ShareOf75.Hidden {
		m.Rank = 0
	}
}

func suppressFunnel(r *Report) {
	f := &r.Funnel
	for s := range f.Total.Stages {
		group(cellsOf(f.Rows, func(x *FunnelRow) *Count { return &x.Stages[s] }), &f.Total.Stages[s])
	}
	for i := range f.Rows {
		f.Rows[i].Conversion = f.Rows[i].Conversion.hideIf(f.Rows[i].Stages[0], f.Rows[i].Stages[6])
	}
	f.Total.Conversion = f.Total.Conversion.hideIf(f.Total.Stages[0], f.Total.Stages[6])
	for i := range f.Stages {
		st := &f.Stages[i]
		st.Median = hideSmall(st.Median, st.N.N)
		st.N.Hidden = Hidden(st.N.N)
	}
	group(cellsOf(f.Reasons, func(x *ReasonRow) *Count { return &x.Count }), &f.ReasonTotal)
}

func suppressGPs(r *Report) {
	fields := []func(*GPRow) *Count{
		func(g *GPRow) *Count { return &g.Requests },
		func(g *GPRow) *Count { return &g.Approved },
		func(g *GPRow) *Count { return &g.Rejected },
		func(g *GPRow) *Count { return &g.Undecided },
	}
	for _, field := range fields {
		group(cellsOf(r.GPs, field), field(&r.GPTotal))
	}
	for _, g := range append([]*GPRow{&r.GPTotal}, pointers(r.GPs)...) {
		g.ApprovalRate = g.ApprovalRate.hideIf(g.Approved, g.Rejected)
		g.MedianDays = hideSmall(g.MedianDays, g.Approved.N+g.Rejected.N).hideIf(g.Requests)
	}
}

func suppressTrend(r *Report) {
	byMonth := map[calendar.Date][]*TrendRow{}
	for i := range r.Trend {
		k := r.Trend[i].Month
		byMonth[k] = append(byMonth[k], &r.Trend[i])
	}
	for i := range r.TrendTotal {
		t := &r.TrendTotal[i]
		rows := byMonth[t.Month]
		for _, field := range []func(*TrendRow) *Count{
			func(x *TrendRow) *Count { return &x.Citizens },
			func(x *TrendRow) *Count { return &x.Starts },
			func(x *TrendRow) *Count { return &x.Rolls },
		} {
			cells := make([]*Count, len(rows))
			for j, row := range rows {
				cells[j] = field(row)
			}
			group(cells, field(t))
		}
	}
	for _, t := range append(pointers(r.Trend), pointers(r.TrendTotal)...) {
		t.CitizenMonths = t.CitizenMonths.hideIf(t.Citizens, t.Rolls)
		t.Hours = t.Hours.hideIf(t.Citizens, t.Rolls)
	}
}

func suppressPharmacies(r *Report) {
	for i := range r.Pharmacies {
		p := &r.Pharmacies[i]
		for _, c := range []*Count{&p.Rolls, &p.Urgent, &p.Delivered, &p.Deviations} {
			c.Hidden = Hidden(c.N)
		}
		p.LeadMedian = hideSmall(p.LeadMedian, p.Delivered.N)
		p.LeadP90 = hideSmall(p.LeadP90, p.Delivered.N)
		p.OnTimeShare = hideSmall(p.OnTimeShare, p.Delivered.N)
		p.UrgentPer100 = p.UrgentPer100.hideIf(p.Urgent, p.Rolls)
		p.DevPer1000 = p.DevPer1000.hideIf(p.Deviations, p.Rolls)
		p.CitizenMonths = p.CitizenMonths.hideIf(p.Rolls)
	}
}

func pointers[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}
