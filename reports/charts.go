package reports

import (
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Chart is one dashboard chart: a stable id and its ECharts options as JSON.
type Chart struct {
	ID      string
	Title   string
	Height  int
	Options template.JS
}

// DashboardCharts returns the dashboard's charts: DD share of the 75+ by
// municipality ranked against its peers, the adoption trend, the funnel,
// hours freed and urgent-roll lead times per pharmacy. Suppressed figures
// are left out of the series ("-", a gap in ECharts).
func DashboardCharts(r Report) ([]Chart, error) {
	builders := []func(Report) (Chart, charter){shareChart, trendChart, funnelChart, hoursChart, leadChart, goalChart}
	out := make([]Chart, 0, len(builders))
	for _, b := range builders {
		c, ch := b(r)
		ch.Validate()
		raw, err := json.Marshal(ch.JSON())
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.ID, err)
		}
		c.Options = template.JS(raw)
		out = append(out, c)
	}
	return out, nil
}

// charter is what the dashboard needs of a go-echarts chart.
type charter interface {
	Validate()
	JSON() map[string]any
}

func init0(id string) charts.GlobalOpts {
	return charts.WithInitializationOpts(opts.Initialization{ChartID: id})
}

func base(id, title, subtitle string) []charts.GlobalOpts {
	return []charts.GlobalOpts{init0(id), charts.WithTitleOpts(opts.Title{Title: title, Subtitle: subtitle}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}), charts.WithAnimation(false)}
}

// val is a series value: the figure, or "-" (a gap) when hidden or missing.
func val(v any, scale float64, digits int) any {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return round(x*scale, digits)
	}
	return "-"
}

func round(v float64, digits int) float64 {
	p := 1.0
	for range digits {
		p *= 10
	}
	if v < 0 {
		return -float64(int64(-v*p+0.5)) / p
	}
	return float64(int64(v*p+0.5)) / p
}

func shareChart(r Report) (Chart, charter) {
	ms := byRank(r.Municipalities)
	// Lowest first: a horizontal bar chart draws the first category at the bottom.
	names, data := []string{}, []opts.BarData{}
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		names = append(names, m.Name)
		data = append(data, opts.BarData{Value: val(ratio(m.ShareOf75), 100, 2)})
	}
	bar := charts.NewBar()
	sub := "Aktive borgere på 75 år og derover i procent af kommunens borgere på 75+ (" + PopulationEstimateNote + ")"
	if t := ratio(r.Total.ShareOf75); t != nil {
		sub += "; i alt " + FormatDA(t, KindPercent)
	}
	bar.SetGlobalOptions(append(base("share", "Andel af 75+ på dosispakning, rangeret", sub),
		charts.WithXAxisOpts(opts.XAxis{Name: "%"}), charts.WithGridOpts(opts.Grid{Left: "140", Top: "70"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
	bar.SetXAxis(names).AddSeries("Andel af 75+ (%)", data).XYReversal()
	return Chart{ID: "share", Title: "Andel af 75+", Height: max(360, 60+18*len(names))}, bar
}

func trendChart(r Report) (Chart, charter) {
	var months []string
	var citizens, hours []opts.LineData
	for _, t := range r.TrendTotal {
		months = append(months, MonthLabel(t.Month))
		citizens = append(citizens, opts.LineData{Value: val(count(t.Citizens), 1, 0)})
		hours = append(hours, opts.LineData{Value: val(ratio(t.Hours), 1, 1)})
	}
	line := charts.NewLine()
	line.SetGlobalOptions(append(base("trend", "Udvikling pr. måned", "Borgere med en dispenseret rulle og frigjorte timer"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}))...)
	line.SetXAxis(months).AddSeries("Borgere med rulle", citizens).AddSeries("Frigjorte timer", hours)
	return Chart{ID: "trend", Title: "Udvikling", Height: 380}, line
}

func funnelChart(r Report) (Chart, charter) {
	labels := FunnelStageLabels()
	var data []opts.BarData
	for _, c := range r.Funnel.Total.Stages {
		data = append(data, opts.BarData{Value: val(count(c), 1, 0)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(base("funnel", "Tragt: sager åbnet i perioden", "Antal sager, der nåede hvert trin inden periodens slut")...)
	bar.SetXAxis(labels[:]).AddSeries("Sager", data)
	return Chart{ID: "funnel", Title: "Tragt", Height: 360}, bar
}

func hoursChart(r Report) (Chart, charter) {
	ms := append([]MunicipalityRow(nil), r.Municipalities...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Hours.FTE.V > ms[j].Hours.FTE.V })
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
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(base("hours", "Frigjorte årsværk (de 20 største)",
		"I perioden, og pr. år: "+strings.ToLower(r.WhatIfLabel()[:1])+r.WhatIfLabel()[1:]),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}))...)
	bar.SetXAxis(names).AddSeries("Årsværk i perioden", fte).AddSeries("Hvis-scenarie, årsværk pr. år", whatIf)
	return Chart{ID: "hours", Title: "Frigjorte årsværk", Height: 380}, bar
}

func leadChart(r Report) (Chart, charter) {
	var names []string
	var median, p90, promise []opts.BarData
	for _, p := range r.Pharmacies {
		names = append(names, p.Name)
		median = append(median, opts.BarData{Value: val(ratio(p.LeadMedian), 1, 0)})
		p90 = append(p90, opts.BarData{Value: val(ratio(p.LeadP90), 1, 0)})
		promise = append(promise, opts.BarData{Value: val(ratio(p.PromiseMedian), 1, 0)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(base("lead", "Akutruller: leveringstid pr. apotek (timer på uret)",
		"Median og 90 %-fraktil mod apotekets løfte, alle i timer på uret fra bestilling (løftet gives i arbejdstimer)"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}))...)
	bar.SetXAxis(names).AddSeries("Median", median).AddSeries("90 %-fraktil", p90).AddSeries("Lovet, median", promise)
	return Chart{ID: "lead", Title: "Leveringstid", Height: 380}, bar
}

// goalChart is the total's FTE-a-year pace per month with its linear
// trend, against its share of the national goal.
func goalChart(r Report) (Chart, charter) {
	g := r.Goal.Total
	var months []string
	var pace, trend []opts.LineData
	slope, intercept := 0.0, 0.0
	if len(g.Monthly) > 0 {
		ys := make([]float64, len(g.Monthly))
		for i, v := range g.Monthly {
			ys[i] = v.V
		}
		slope, intercept = leastSquares(ys)
	}
	for i, m := range r.Goal.Months {
		months = append(months, MonthLabel(m))
		p, t := any("-"), any("-")
		if !g.Hidden {
			p, t = round(g.Monthly[i].V, 2), round(intercept+slope*float64(i), 2)
		}
		pace, trend = append(pace, opts.LineData{Value: p}), append(trend, opts.LineData{Value: t})
	}
	sub := "Mål " + FormatDA(g.TargetLow.V, KindDecimal) + "–" + FormatDA(g.TargetHigh.V, KindDecimal) + " årsværk; 600-målet nås: " +
		ReachText(g.ReachLow, g.ReachedLow) + "; 900-målet nås: " + ReachText(g.ReachHigh, g.ReachedHigh)
	if g.Hidden {
		sub = HiddenText
	}
	line := charts.NewLine()
	line.SetGlobalOptions(append(base("goal", "Frigjorte årsværk pr. år mod det nationale mål", sub),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}))...)
	line.SetXAxis(months).AddSeries("Årsværk pr. år i månedens tempo", pace).AddSeries("Tendens", trend)
	return Chart{ID: "goal", Title: "Nationalt mål", Height: 380}, line
}
