package reports

import "sort"

// hideDerived hides every figure computed from a hidden count or figure,
// and the medians and percentiles resting on fewer than MinCount
// observations.
func (r *Report) hideDerived() {
	for _, m := range append([]*MunicipalityRow{&r.Total}, pointers(r.Municipalities)...) {
		m.ShareOfHelp = m.ShareOfHelp.hideIf(m.Active, m.MedicineHelp)
		m.ShareOf75 = m.ShareOf75.hideIf(m.Active75, m.Population75)
		m.CitizenMonths = m.CitizenMonths.hideIf(m.Rolls, m.RollDays)
		m.UrgentPer100 = m.UrgentPer100.hideIf(m.Urgent, m.Rolls, m.RollDays)
		m.Hours.Periods = m.Hours.Periods.hideIf(m.Rolls, m.RollDays)
		m.Hours.Hours = m.Hours.Hours.hideIf(m.Rolls, m.RollDays)
		m.Hours.FTE = m.Hours.FTE.hideIf(m.Rolls, m.RollDays)
		m.Hours.PotentialFTE = m.Hours.PotentialFTE.hideIf(m.Potential)
		if r.Params.WhatIfBase.Key == BaseEligible {
			m.Hours.WhatIfFTE = m.Hours.WhatIfFTE.hideIf(m.Potential)
		} else {
			m.Hours.WhatIfFTE = m.Hours.WhatIfFTE.hideIf(m.MedicineHelp, m.Active, m.Paused)
		}
		if m.ShareOf75.Hidden {
			m.Rank = 0
		}
	}
	r.rerankShown()
	f := &r.Funnel
	for _, row := range append([]*FunnelRow{&f.Total}, pointers(f.Rows)...) {
		row.Conversion = row.Conversion.hideIf(row.Stages[0], row.Stages[6])
	}
	for i := range f.Stages {
		st := &f.Stages[i]
		st.Median = hideSmall(st.Median, st.N.N).hideIf(st.N)
	}
	for _, g := range append(append([]*GPRow{&r.GPTotal, &r.RenewalTotal}, pointers(r.GPs)...), pointers(r.Renewals)...) {
		g.ApprovalRate = g.ApprovalRate.hideIf(g.Approved, g.Rejected)
		g.MedianDays = hideSmall(g.MedianDays, g.Approved.N+g.Rejected.N).hideIf(g.Requests, g.Approved, g.Rejected)
	}
	for _, t := range append(pointers(r.Trend), pointers(r.TrendTotal)...) {
		t.CitizenMonths = t.CitizenMonths.hideIf(t.Rolls, t.RollDays)
		t.Hours = t.Hours.hideIf(t.Rolls, t.RollDays)
	}
	rec := &r.Recs
	for _, v := range append(pointers(rec.Assess), &rec.AssessTotal) {
		if len(v.Counts) > 0 {
			v.Uniform = v.Uniform.hideIf(v.Counts[0], v.Total)
		}
	}
	for _, c := range append(pointers(rec.Consents), &rec.ConsentTotal) {
		c.Share = c.Share.hideIf(c.Outside, c.Consents)
	}
	for _, c := range append(pointers(rec.Recorders), &rec.RecorderTotal) {
		c.PerStaff = c.PerStaff.hideIf(c.Cases, c.Staff)
		c.TopShare = c.TopShare.hideIf(c.Cases)
		if Hidden(c.top) {
			c.TopShare.Hidden = true
		}
	}
	for _, p := range pointers(r.Pharmacies) {
		p.LeadMedian = hideSmall(p.LeadMedian, p.Delivered.N).hideIf(p.Delivered)
		p.LeadP90 = hideSmall(p.LeadP90, p.Delivered.N).hideIf(p.Delivered)
		p.PromiseMedian = hideSmall(p.PromiseMedian, p.Urgent.N).hideIf(p.Urgent)
		p.OnTimeShare = hideSmall(p.OnTimeShare, p.Delivered.N).hideIf(p.Delivered, p.OnTime)
		p.UrgentPer100 = p.UrgentPer100.hideIf(p.Urgent, p.Rolls, p.RollDays)
		p.DevPer1000 = p.DevPer1000.hideIf(p.Deviations, p.Rolls)
		p.CitizenMonths = p.CitizenMonths.hideIf(p.Rolls, p.RollDays)
	}
}

// hideSmall hides a median or percentile resting on fewer than MinCount
// observations.
func hideSmall(r Ratio, n int) Ratio {
	if n < MinCount {
		r.Hidden = true
	}
	return r
}

func pointers[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}

// rerankShown numbers the ranks again over the municipalities whose share
// is still shown, keeping their order and ties: the ranks of the hidden
// ones left gaps (1, 2, 4, 5, …) that told a reader where each hidden share
// lay between two shown ones, and with its 75+ population that bounded
// the hidden count.
func (r *Report) rerankShown() {
	var shown []*MunicipalityRow
	for i := range r.Municipalities {
		if r.Municipalities[i].Rank > 0 {
			shown = append(shown, &r.Municipalities[i])
		}
	}
	sort.SliceStable(shown, func(a, b int) bool { return shown[a].Rank < shown[b].Rank })
	prev, next := 0, 0
	for i, m := range shown {
		if i == 0 || m.Rank != prev {
			next = i + 1
		}
		prev, m.Rank = m.Rank, next
	}
}
