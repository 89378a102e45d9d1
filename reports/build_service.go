package reports

import (
	"context"
	"fmt"
	"sort"
)

func buildPharmacies(ctx context.Context, src Source, f Filter, r *Report) error {
	rows, err := src.Pharmacies(ctx, f)
	if err != nil {
		return fmt.Errorf("pharmacies: %w", err)
	}
	lead, err := src.LeadHours(ctx, f)
	if err != nil {
		return fmt.Errorf("urgent-roll lead times: %w", err)
	}
	promise, err := src.PromiseHours(ctx, f)
	if err != nil {
		return fmt.Errorf("urgent-roll promises: %w", err)
	}
	h, ph := histograms(lead), histograms(promise)
	for _, p := range rows {
		cm := float64(p.RollDays) / daysPerMonth
		r.Pharmacies = append(r.Pharmacies, PharmacyRow{Name: p.Name, Municipality: p.Municipality, PromiseHours: p.PromiseHours,
			Rolls: C(p.Rolls), Urgent: C(p.Urgent), Delivered: C(p.Delivered),
			LeadMedian: Quantile(h[p.ID], 0.5), LeadP90: Quantile(h[p.ID], 0.9), PromiseMedian: Quantile(ph[p.ID], 0.5),
			OnTimeShare:  Div(float64(p.OnTime), float64(p.Delivered)),
			UrgentPer100: Div(100*float64(p.Urgent), cm), Deviations: C(p.Deviations),
			DevPer1000: Div(1000*float64(p.Deviations), float64(p.Rolls)), CitizenMonths: R(cm),
			OnTime: C(p.OnTime), RollDays: C(p.RollDays)})
	}
	sort.SliceStable(r.Pharmacies, func(i, j int) bool { return r.Pharmacies[i].Name < r.Pharmacies[j].Name })
	return nil
}

func buildGPs(ctx context.Context, src Source, f Filter, r *Report, names map[int]string) error {
	var err error
	if r.GPs, r.gpDays, err = gpRows(ctx, src.GPs, src.GPDays, f, names); err != nil {
		return fmt.Errorf("GP decisions: %w", err)
	}
	if r.Renewals, r.renewalDays, err = gpRows(ctx, src.Renewals, src.RenewalDays, f, names); err != nil {
		return fmt.Errorf("GP renewals: %w", err)
	}
	return nil
}

// gpRows builds the GP rows of one kind of request and keeps the
// histograms for the total's median.
func gpRows(ctx context.Context, counts func(context.Context, Filter) ([]GPCounts, error),
	days func(context.Context, Filter) ([]Bucket, error), f Filter, names map[int]string) ([]GPRow, []Bucket, error) {
	rows, err := counts(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	d, err := days(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	h := histograms(d)
	var out []GPRow
	for _, g := range rows {
		row := GPRow{Code: g.Code, Name: names[g.Code], Requests: C(g.Requests), Approved: C(g.Approved),
			Rejected: C(g.Rejected), Undecided: C(g.Undecided), MedianDays: Quantile(h[codeKey(g.Code)], 0.5)}
		row.ApprovalRate = Div(float64(g.Approved), float64(g.Approved+g.Rejected))
		out = append(out, row)
	}
	return out, d, nil
}

func sumGPs(rows []GPRow, days []Bucket) GPRow {
	t := GPRow{Name: "I alt"}
	shown := map[string]bool{}
	for _, g := range rows {
		shown[codeKey(g.Code)] = true
		t.Requests.N += g.Requests.N
		t.Approved.N += g.Approved.N
		t.Rejected.N += g.Rejected.N
		t.Undecided.N += g.Undecided.N
	}
	t.ApprovalRate = Div(float64(t.Approved.N), float64(t.Approved.N+t.Rejected.N))
	var merged []Bucket
	for _, b := range days {
		if shown[b.Key] {
			merged = append(merged, b)
		}
	}
	t.MedianDays = Quantile(merged, 0.5)
	return t
}
