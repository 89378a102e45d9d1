package web

import (
	"net/http"
	"time"

	"github.com/dosis-dk/dosis/reports"
)

// echartsScript serves ECharts 5.4.3 (Apache-2.0, shipped in reports/assets)
// from the binary at /static/echarts.min.js, so the live dashboard loads no
// script from another host and the page's CSP can stay script-src 'self'.
func (app *App) echartsScript(w http.ResponseWriter, r *http.Request, _ *Request) error {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, "echarts.min.js", time.Time{}, bytesReader(reports.EChartsJS()))
	return nil
}

// chartFormatScript serves the chart formatters (reports.ChartFormatJS) at
// /static/chart-format.js: the chart options name them, and the script
// puts functions formatting numbers in the page's language in their place.
func (app *App) chartFormatScript(w http.ResponseWriter, r *http.Request, _ *Request) error {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeContent(w, r, "chart-format.js", time.Time{}, bytesReader(reports.ChartFormatJS()))
	return nil
}
