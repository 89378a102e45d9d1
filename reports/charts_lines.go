package reports

import (
	"strconv"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// yValueAxis is a vertical value axis formatted with format.
func yValueAxis(name, format string) opts.YAxis {
	return opts.YAxis{Type: "value", Name: name, MinInterval: minInterval(format), AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Formatter: types.FuncStr(format)}}
}

func trendChart(r Report, l i18n.Lang) (Chart, charter) {
	var months []string
	var citizens, hours []opts.LineData
	for _, t := range r.TrendTotal {
		months = append(months, MonthLabel(t.Month))
		citizens = append(citizens, opts.LineData{Value: val(count(t.Citizens), 1, 0)})
		hours = append(hours, opts.LineData{Value: val(ratio(t.Hours), 1, 1)})
	}
	sub := i18n.T(l, "chart.trend.sub")
	line := charts.NewLine()
	line.SetGlobalOptions(append(baseOpts("trend", i18n.T(l, "chart.trend.title"), sub, FormatDecimal),
		charts.WithYAxisOpts(yValueAxis("", FormatInt)), grid(sub), legendBelow())...)
	line.SetXAxis(months).AddSeries(i18n.T(l, "chart.trend.citizens"), citizens).AddSeries(i18n.T(l, "chart.trend.hours"), hours)
	return Chart{ID: "trend", Title: i18n.T(l, "chart.trend.caption"), Height: 380}, line
}

// funnelChart has one series: no legend, which would sit on the title.
func funnelChart(r Report, l i18n.Lang) (Chart, charter) {
	var labels []string
	for i := range r.Funnel.Total.Stages {
		labels = append(labels, i18n.T(l, "chart.stage."+strconv.Itoa(i)))
	}
	var data []opts.BarData
	for _, c := range r.Funnel.Total.Stages {
		data = append(data, opts.BarData{Value: val(count(c), 1, 0)})
	}
	sub := i18n.T(l, "chart.funnel.sub")
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("funnel", i18n.T(l, "chart.funnel.title"), sub, FormatInt),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}), charts.WithYAxisOpts(yValueAxis("", FormatInt)),
		// Every stage named; long names break onto two lines.
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Width: 64, Overflow: "break"}}),
		grid(sub))...)
	bar.SetXAxis(labels).AddSeries(i18n.T(l, "chart.funnel.series"), data,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: FormatInt}))
	return Chart{ID: "funnel", Title: i18n.T(l, "chart.funnel.caption"), Height: 360}, bar
}

// goalChart is the total's FTE-a-year pace per month with its linear
// trend, against its share of the national goal (the 600 share marked).
func goalChart(r Report, l i18n.Lang) (Chart, charter) {
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
	sub := i18n.Tf(l, "chart.goal.sub", FormatIn(l, g.TargetLow.V, KindDecimal), FormatIn(l, g.TargetHigh.V, KindDecimal),
		ReachTextIn(l, g.ReachLow, g.ReachedLow), ReachTextIn(l, g.ReachHigh, g.ReachedHigh))
	var goalLine []charts.SeriesOpts
	if g.Hidden {
		sub = i18n.T(l, "chart.hidden")
	} else {
		goalLine = append(goalLine, charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{
			Name: i18n.T(l, "chart.goal.low"), YAxis: round(g.TargetLow.V, 2)}),
			// The line's value label in the page's numbers: ECharts wrote
			// "7.99" on a Danish chart whose subtitle says 8,0.
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Label: &opts.Label{Show: opts.Bool(true), Formatter: FormatFTE}}))
	}
	line := charts.NewLine()
	line.SetGlobalOptions(append(baseOpts("goal", i18n.T(l, "chart.goal.title"), sub, FormatFTE),
		charts.WithYAxisOpts(yValueAxis(i18n.T(l, "chart.fte"), FormatFTE)), gridBelowAxisName(sub), legendBelow())...)
	line.SetXAxis(months).AddSeries(i18n.T(l, "chart.goal.pace"), pace, goalLine...).AddSeries(i18n.T(l, "chart.goal.trend"), trend)
	return Chart{ID: "goal", Title: i18n.T(l, "chart.goal.caption"), Height: 380}, line
}
