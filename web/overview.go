package web

import (
	"net/http"
)

// overviewPage is the project lead's municipality overview: cases per
// state, the key figures of the last 12 whole months and the lead's
// worklist (everything overdue).
type overviewPage struct {
	Counts  []stateCount
	Total   int
	Figures []figure
	Period  string
	Work    shownWork
}

// overview shows the municipality overview (an admin sees every
// municipality).
func (app *App) overview(w http.ResponseWriter, r *http.Request, rq *Request) error {
	var p overviewPage
	var err error
	if p.Counts, p.Total, err = app.stateCounts(r, rq); err != nil {
		return err
	}
	_, rep, err := app.filteredReport(r, rq, false)
	if err != nil {
		return err
	}
	p.Figures, p.Period = figures(rep, rq.Lang), rep.Period()
	if p.Work, err = app.worklist(r, rq); err != nil {
		return err
	}
	return app.page(w, r, rq, "overview", View{Title: app.msgs.get(rq.Lang, "nav.overview"), Data: p})
}
