package reports

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

//go:embed assets/echarts.min.js
var echartsJS []byte

//go:embed assets/chart-format.js
var chartFormatJS []byte

//go:embed templates/dashboard.html
var templateFS embed.FS

// EChartsJS returns the ECharts 5.4.3 script (Apache-2.0; LICENSE and NOTICE
// in reports/assets) for a server that serves the dashboard live.
func EChartsJS() []byte { return echartsJS }

// ChartFormatJS returns the script that turns the formatter names in the
// chart options (FormatInt, FormatDecimal, FormatPercent) into functions
// (DosisCharts.hydrate), for a server that serves the dashboard live. The
// formats' decimals and suffixes come first, from chartFormats, so the
// script holds no number rule of its own.
func ChartFormatJS() []byte {
	spec, err := json.Marshal(chartFormats())
	if err != nil {
		panic(fmt.Sprintf("chart formats: %v", err)) // a map of plain structs always marshals
	}
	out := append([]byte("var DosisChartFormats = "), spec...)
	out = append(out, ";\n"...)
	return append(out, chartFormatJS...)
}

// HTMLOptions are the choices of RenderHTML.
type HTMLOptions struct {
	// ScriptURL, when set, references the ECharts script at this local URL
	// (e.g. "/static/echarts.min.js") instead of inlining it. It must be a
	// path on the same server: an absolute http(s) URL is refused.
	ScriptURL string
	// Title replaces the default title.
	Title string
	// Lang is the language of the charts (the page's texts are Danish).
	Lang i18n.Lang
}

type htmlFigure struct{ Label, Value, Heading string }

// RenderHTML writes r as one self-contained HTML dashboard to w: inline
// ECharts (or opts.ScriptURL), no external URL, the key figures as a table,
// the charts of DashboardCharts, title, period, filters, generation time
// and source line, with print styles.
func RenderHTML(w io.Writer, r Report, opts HTMLOptions) error {
	if strings.Contains(opts.ScriptURL, "://") || strings.HasPrefix(opts.ScriptURL, "//") {
		return fmt.Errorf("dashboard script URL %q: must be a local path such as /static/echarts.min.js", opts.ScriptURL)
	}
	tpl, err := template.ParseFS(templateFS, "templates/dashboard.html")
	if err != nil {
		return fmt.Errorf("dashboard template: %w", err)
	}
	chs, err := DashboardCharts(r, opts.Lang)
	if err != nil {
		return err
	}
	title := opts.Title
	if title == "" {
		title = ReportTitle
	}
	var figures []htmlFigure
	for _, k := range r.KeyFigures() {
		figures = append(figures, htmlFigure{k.LabelDA, FormatDA(k.Value, k.Kind), k.Heading})
	}
	gd := calendar.DayOf(r.Generated)
	data := map[string]any{
		"Title": title, "Period": r.Period(), "Filters": strings.TrimPrefix(filterText(r), "; "),
		"Generated":  gd.Format() + " kl. " + calendar.FormatClock(r.Generated) + " (" + calendar.WeekLabel(gd, "da") + ")",
		"Suppressed": r.Suppressed, "Omitted": r.Omitted, "Source": SourceLine(r), "Figures": figures,
		"Calibration": r.CalibrationText(), "Charts": chs, "ScriptURL": opts.ScriptURL,
		"Script": template.JS(echartsJS), "Format": template.JS(ChartFormatJS()), "Lang": opts.Lang.Code(),
	}
	if err := tpl.Execute(w, data); err != nil {
		return fmt.Errorf("render dashboard: %w", err)
	}
	return nil
}

// FormatDA formats a key-figure value the Danish way: 1.234, 12,3 and
// 4,5 %; HiddenText for a suppressed value and "–" for one that cannot be
// computed.
func FormatDA(v any, kind string) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case HiddenValue:
		return HiddenText
	case string:
		return x
	case int:
		return groupDA(strconv.Itoa(x))
	case float64:
		switch kind {
		case KindPercent:
			return decimalDA(x*100, PercentDigits) + " %"
		case KindInt:
			return groupDA(strconv.FormatFloat(x, 'f', 0, 64))
		}
		return decimalDA(x, 1)
	}
	return fmt.Sprint(v)
}

func decimalDA(v float64, digits int) string {
	s := strconv.FormatFloat(v, 'f', digits, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if frac == "" {
		return groupDA(whole)
	}
	return groupDA(whole) + "," + frac
}

// groupDA puts a thousands separator (".") into a whole number.
func groupDA(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
