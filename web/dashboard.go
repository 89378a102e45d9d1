package web

import (
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/dosis-dk/dosis/reports"
)

// dashboardPage is the live dashboard: key figures and the charts'
// ECharts options as one JSON object, drawn by /static/dashboard.js.
type dashboardPage struct {
	Form    reportForm
	Figures []figure
	Charts  []reports.Chart
	// Options maps chart id to its options, as JSON for a
	// <script type="application/json"> data block (not executed).
	Options     template.JS
	Source      string
	Period      string
	Calibration string
	Omitted     int
	Suppressed  bool
}

// dashboard shows the dashboard across the municipalities in scope, live
// from the database. The steering group always sees it suppressed
// (statistics practice). No inline script: the options travel as JSON
// data and a same-origin script draws them, so the CSP stays
// script-src 'self'.
func (app *App) dashboard(w http.ResponseWriter, r *http.Request, rq *Request) error {
	form, rep, err := app.filteredReport(r, rq, true)
	if err != nil {
		return err
	}
	chs, err := reports.DashboardCharts(rep)
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
		Form: form, Figures: figures(rep), Charts: chs, Options: template.JS(raw), Source: reports.SourceLine(rep),
		Period: rep.Period(), Calibration: rep.CalibrationText(), Omitted: rep.Omitted, Suppressed: rep.Suppressed}})
}
