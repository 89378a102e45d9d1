package web

import (
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/dosis-dk/dosis/reports"
)

// dashboardPage is the live dashboard: the headline figures, the key
// figures and the charts' ECharts options as one JSON object, drawn by
// /static/dashboard.js.
type dashboardPage struct {
	Form      reportForm
	Headlines []reports.Headline
	Figures   []figure
	// Lead are the ranking, the trend and the goal (first); More the
	// funnel, FTE and pharmacies.
	Lead, More []reports.Chart
	// Options maps chart id to its options, as JSON for a
	// <script type="application/json"> data block (not executed).
	Options     template.JS
	Source      string
	Period      string
	Calibration string
	Omitted     int
	Suppressed  bool
}

// leadCharts is how many of reports.DashboardCharts open the page.
const leadCharts = 3

// dashboard shows the dashboard across the municipalities in scope, live
// from the database: the headline figures, then the ranking and the trend.
// The steering group always sees it suppressed (statistics practice). No
// inline script: the options travel as JSON data and same-origin scripts
// draw them, so the CSP stays script-src 'self'.
func (app *App) dashboard(w http.ResponseWriter, r *http.Request, rq *Request) error {
	form, rep, err := app.filteredReport(r, rq, true)
	if err != nil {
		return err
	}
	// The same report a year earlier, for the change over 12 months.
	f := rep.Filter
	f.From, f.To = f.From.AddYears(-1), f.To.AddYears(-1)
	ago, err := app.buildReport(r.Context(), rq, f, form.Suppress)
	if err != nil {
		return err
	}
	chs, err := reports.DashboardCharts(rep, rq.Lang)
	if err != nil {
		return err
	}
	opts := map[string]json.RawMessage{}
	for _, c := range chs {
		opts[c.ID] = json.RawMessage(c.Options)
	}
	raw, err := json.Marshal(opts)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "dashboard", View{Title: app.msgs.get(rq.Lang, "dash.title"), Data: dashboardPage{
		Form: form, Headlines: reports.Headlines(rep, ago, rq.Lang), Figures: figures(rep, rq.Lang),
		Lead: chs[:leadCharts], More: chs[leadCharts:], Options: template.JS(raw), Source: reports.SourceLineIn(rep, rq.Lang),
		Period: rep.Period(), Calibration: rep.CalibrationTextIn(rq.Lang), Omitted: rep.Omitted, Suppressed: rep.Suppressed}})
}
