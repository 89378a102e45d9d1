package reports

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Chart is one dashboard chart: a stable id and its ECharts options as JSON.
type Chart struct {
	ID      string
	Title   string
	Height  int
	Options template.JS
}

// The number formatters a chart's options name (axis labels, bar labels,
// tooltips). JSON cannot carry a function, and the pages' CSP forbids
// eval, so the options hold these names and ChartFormatJS, loaded beside
// ECharts, replaces each with a function formatting in the page's
// language: 1.234,5 in Danish, 1,234.5 in English.
const (
	FormatInt     = "dosis:int"  // a whole number, thousands grouped
	FormatDecimal = "dosis:dec1" // at most one decimal
	FormatFTE     = "dosis:dec2" // at most two decimals (FTE: small municipalities free a fraction)
	FormatPercent = "dosis:pct"  // a value already in percent, PercentDigits decimals as the tables, with " %"
)

// PercentDigits is the number of decimals of every percentage Dosis shows:
// the tables (FormatDA), the charts (FormatPercent) and the workbook's
// percent format (ExcelPercentFormat).
const PercentDigits = 1

// chartFormat is how a chart formatter writes a number: at most Digits
// decimals (exactly, when Fixed), then Suffix (SuffixEN in English).
type chartFormat struct {
	Digits   int    `json:"digits"`
	Fixed    bool   `json:"fixed,omitempty"`
	Suffix   string `json:"suffix,omitempty"`
	SuffixEN string `json:"suffixEN,omitempty"`
}

// chartFormats are the formatters the chart options name, as
// ChartFormatJS hands them to the page's script.
func chartFormats() map[string]chartFormat {
	return map[string]chartFormat{
		FormatInt:     {Digits: 0},
		FormatDecimal: {Digits: 1},
		FormatFTE:     {Digits: 2},
		FormatPercent: {Digits: PercentDigits, Fixed: true, Suffix: " %", SuffixEN: "%"},
	}
}

// ExcelPercentFormat is the workbook's number format for a share (a
// fraction shown in percent with PercentDigits decimals): "0.0%".
func ExcelPercentFormat() string {
	if PercentDigits == 0 {
		return "0%"
	}
	return "0." + strings.Repeat("0", PercentDigits) + "%"
}

// DashboardCharts returns the dashboard's charts in the language l: DD
// share of the 75+ by municipality ranked against its peers, the adoption
// trend, the national goal, the funnel, FTE freed and urgent-roll lead
// times per pharmacy. Suppressed figures are left out of the series ("-",
// a gap in ECharts).
func DashboardCharts(r Report, l i18n.Lang) ([]Chart, error) {
	builders := []func(Report, i18n.Lang) (Chart, charter){shareChart, trendChart, goalChart, funnelChart, hoursChart, leadChart}
	out := make([]Chart, 0, len(builders))
	for _, b := range builders {
		c, ch := b(r, l)
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

// baseOpts is every chart's title (the subtitle below it, wrapped), an
// axis tooltip whose values are formatted with format, and no animation
// (print).
func baseOpts(id, title, subtitle, format string) []charts.GlobalOpts {
	return []charts.GlobalOpts{init0(id), charts.WithTitleOpts(opts.Title{Title: title, Subtitle: wrap(subtitle)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", ValueFormatter: types.FuncStr(format)}),
		charts.WithAnimation(false)}
}

// subtitleWidth is how many characters a subtitle line holds: ECharts
// does not wrap titles, and a chart box is about 500 px wide.
const subtitleWidth = 78

// wrap breaks s into lines of at most subtitleWidth characters at spaces.
func wrap(s string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > subtitleWidth {
			lines, line = append(lines, line), w
			continue
		}
		line = strings.TrimSpace(line + " " + w)
	}
	return strings.Join(append(lines, line), "\n")
}

// grid places the plot below the title and its wrapped subtitle, with
// room for the axis labels (containLabel) and a legend at the bottom.
func grid(subtitle string) charts.GlobalOpts { return charts.WithGridOpts(gridBelow(subtitle, 0)) }

// gridBelowAxisName is grid for a chart whose value axis has a name, which
// ECharts draws above the plot: without the extra room it sat on the
// subtitle's last line (the goal chart's "årsværk" over "Mål 8,0–12,0").
func gridBelowAxisName(subtitle string) charts.GlobalOpts {
	return charts.WithGridOpts(gridBelow(subtitle, axisNameRoom))
}

// axisNameRoom is the height, in pixels, a value axis's name takes above the plot.
const axisNameRoom = 22

func gridBelow(subtitle string, extra int) opts.Grid {
	top := 48 + 16*(strings.Count(wrap(subtitle), "\n")+1) + extra
	return opts.Grid{Left: "10", Right: "60", Top: strconv.Itoa(top), Bottom: "40", ContainLabel: opts.Bool(true)}
}

// legendBelow puts the legend at the bottom, clear of the title.
func legendBelow() charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"})
}

// valueAxis is a horizontal bar chart's value axis, its labels formatted
// with format and its name centred below them (gridNameBelow makes the
// room): at the axis's end, ECharts's default, the name ran past the
// chart's right edge ("årsværk" cut to "årsværl" on the FTE chart).
func valueAxis(name, format string) opts.XAxis {
	return opts.XAxis{Type: "value", Name: name, NameLocation: "middle", NameGap: valueAxisNameGap,
		MinInterval: minInterval(format), AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(format)}}
}

// valueAxisNameGap is the distance, in pixels, from the axis line to the
// axis name below its labels.
const valueAxisNameGap = 26

// gridNameBelow is grid for a chart whose value axis (valueAxis) has its
// name below the labels, above the legend at the bottom.
func gridNameBelow(subtitle string) charts.GlobalOpts {
	g := gridBelow(subtitle, 0)
	g.Bottom = strconv.Itoa(valueAxisNameGap + 44)
	return charts.WithGridOpts(g)
}

// minInterval keeps a count axis on whole numbers (no 0, 1, 1, 2, 2).
func minInterval(format string) float64 {
	if format == FormatInt {
		return 1
	}
	return 0
}

// categoryAxis lists every category (interval 0: no label left out), the
// first at the top when inverse (horizontal bars read top-down).
func categoryAxis(inverse bool) opts.YAxis {
	return opts.YAxis{Type: "category", Inverse: opts.Bool(inverse), AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Interval: "0"}}
}

// barLabel writes each bar's value at its end, formatted with format.
func barLabel(format string) charts.SeriesOpts {
	return charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: format})
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

// ReachTextIn says in l when a target is reached: ReachText's "nået",
// "mm-yyyy" or "ikke i dette tempo", or their English.
func ReachTextIn(l i18n.Lang, at calendar.Date, reached bool) string {
	switch {
	case reached:
		return i18n.T(l, "chart.reach.reached")
	case at.IsZero():
		return i18n.T(l, "chart.reach.never")
	}
	return MonthLabel(at)
}

// FormatIn formats a key-figure value in l: FormatDA in Danish, and
// 1,234.5 and 4.5% in English.
func FormatIn(l i18n.Lang, v any, kind string) string {
	if _, hidden := v.(HiddenValue); hidden {
		return i18n.T(l, "head.hidden")
	}
	s := FormatDA(v, kind)
	if !l.English() {
		return s
	}
	if _, text := v.(string); text {
		return s
	}
	s = strings.NewReplacer(".", ",", ",", ".").Replace(s)
	return strings.Replace(s, " %", "%", 1)
}
