package reports

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// barHeight is the height of a horizontal bar chart of n labelled bars.
func barHeight(n int) int { return max(360, 110+22*n) }

// shareChart ranks the municipalities by their share of the 75+ on DD, the
// highest at the top, every bar named and labelled.
func shareChart(r Report, l i18n.Lang) (Chart, charter) {
	ms := byRank(r.Municipalities)
	names, data := []string{}, []opts.BarData{}
	for _, m := range ms {
		names = append(names, m.Name)
		data = append(data, opts.BarData{Value: val(ratio(m.ShareOf75), 100, 2)})
	}
	sub := i18n.T(l, "chart.share.sub")
	if t := ratio(r.Total.ShareOf75); t != nil {
		sub += "; " + i18n.Tf(l, "chart.share.total", FormatIn(l, t, KindPercent))
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("share", i18n.T(l, "chart.share.title"), sub, FormatPercent),
		charts.WithXAxisOpts(valueAxis("%", FormatPercent)), charts.WithYAxisOpts(categoryAxis(true)),
		gridNameBelow(sub),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
	bar.SetXAxis(names).AddSeries(i18n.T(l, "chart.share.series"), data, barLabel(FormatPercent)).XYReversal()
	return Chart{ID: "share", Title: i18n.T(l, "chart.share.caption"), Height: barHeight(len(names))}, bar
}

// hoursChart is the 20 municipalities that freed the most FTE, largest at
// the top, every bar named and labelled.
func hoursChart(r Report, l i18n.Lang) (Chart, charter) {
	ms := append([]MunicipalityRow(nil), r.Municipalities...)
	slices.SortStableFunc(ms, func(a, b MunicipalityRow) int { return cmp.Compare(b.Hours.FTE.V, a.Hours.FTE.V) })
	if len(ms) > 20 {
		ms = ms[:20]
	}
	var names []string
	var fte, whatIf []opts.BarData
	for _, m := range ms {
		names = append(names, m.Name)
		fte = append(fte, opts.BarData{Value: val(ratio(m.Hours.FTE), 1, 2)})
		whatIf = append(whatIf, opts.BarData{Value: val(ratio(m.Hours.WhatIfFTE), 1, 2)})
	}
	base := r.Params.WhatIfBase.LabelDA()
	if l.English() {
		base = r.Params.WhatIfBase.LabelEN()
	}
	pct := FormatIn(l, r.Params.WhatIfPercent.Value/100, KindPercent)
	sub := i18n.Tf(l, "chart.hours.sub", i18n.Tf(l, "chart.hours.whatif", pct, base))
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("hours", i18n.T(l, "chart.hours.title"), sub, FormatFTE),
		charts.WithXAxisOpts(valueAxis(i18n.T(l, "chart.fte"), FormatFTE)), charts.WithYAxisOpts(categoryAxis(true)),
		gridNameBelow(sub),
		legendBelow())...)
	bar.SetXAxis(names).AddSeries(i18n.T(l, "chart.hours.fte"), fte, barLabel(FormatFTE)).
		AddSeries(i18n.T(l, "chart.hours.whatif_fte"), whatIf, barLabel(FormatFTE)).XYReversal()
	return Chart{ID: "hours", Title: i18n.T(l, "chart.hours.caption"), Height: barHeight(2 * len(names))}, bar
}

// leadChart is the urgent-roll lead time per pharmacy, slowest median at
// the top, each bar named and labelled, with the pharmacy's promise marked
// (a diamond at its median promise). Pharmacies with no delivered urgent
// roll in the period have no bar and are left out.
func leadChart(r Report, l i18n.Lang) (Chart, charter) {
	var ps []PharmacyRow
	for _, p := range r.Pharmacies {
		if p.LeadMedian.Valid || p.LeadMedian.Hidden {
			ps = append(ps, p)
		}
	}
	// Shown medians by size, the slowest first; hidden ones last.
	slices.SortStableFunc(ps, func(a, b PharmacyRow) int {
		if a.LeadMedian.Hidden != b.LeadMedian.Hidden {
			return map[bool]int{true: 1, false: -1}[a.LeadMedian.Hidden]
		}
		return cmp.Or(cmp.Compare(b.LeadMedian.V, a.LeadMedian.V), cmp.Compare(a.Name, b.Name))
	})
	var names []string
	var median, p90 []opts.BarData
	var promise []opts.ScatterData
	for _, p := range ps {
		// Two pharmacies may share a name: the category must be unique.
		name := p.Name
		for i := 2; slices.Contains(names, name); i++ {
			name = p.Name + " (" + strconv.Itoa(i) + ")"
		}
		names = append(names, name)
		median = append(median, opts.BarData{Value: val(ratio(p.LeadMedian), 1, 0)})
		p90 = append(p90, opts.BarData{Value: val(ratio(p.LeadP90), 1, 0)})
		promise = append(promise, opts.ScatterData{Value: []any{val(ratio(p.PromiseMedian), 1, 0), name},
			Symbol: "diamond", SymbolSize: 12})
	}
	sub := i18n.T(l, "chart.lead.sub")
	if len(ps) == 0 {
		sub = i18n.T(l, "chart.lead.none")
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("lead", i18n.T(l, "chart.lead.title"), sub, FormatInt),
		charts.WithXAxisOpts(valueAxis(i18n.T(l, "chart.lead.axis"), FormatInt)), charts.WithYAxisOpts(categoryAxis(true)),
		gridNameBelow(sub),
		legendBelow())...)
	bar.SetXAxis(names).AddSeries(i18n.T(l, "chart.lead.median"), median, barLabel(FormatInt)).
		AddSeries(i18n.T(l, "chart.lead.p90"), p90).XYReversal()
	marks := charts.NewScatter()
	marks.AddSeries(i18n.T(l, "chart.lead.promise"), promise,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#b3261e"}))
	bar.Overlap(marks)
	return Chart{ID: "lead", Title: i18n.T(l, "chart.lead.caption"), Height: barHeight(len(names))}, bar
}
