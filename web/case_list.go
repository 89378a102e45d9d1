package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// caseListPage is the case list with its filter.
type caseListPage struct {
	Cases  []data.CaseListItem
	States []workflow.State
	State  string
}

// caseList lists the cases in the user's scope, newest change first, with
// masked CPR numbers; ?state= filters by state.
func (app *App) caseList(w http.ResponseWriter, r *http.Request, rq *Request) error {
	p := caseListPage{States: workflow.States(), State: r.URL.Query().Get("state")}
	var f data.CaseFilter
	for _, s := range p.States {
		if string(s) == p.State {
			f.States = []workflow.State{s}
		}
	}
	cases, err := app.db.ListCases(r.Context(), rq.Actor, f)
	if err != nil {
		return err
	}
	p.Cases = cases
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
	}
	if err := app.db.LogListAccess(r.Context(), rq.Actor, "web.cases", ids, rq.Now); err != nil {
		return err
	}
	return app.page(w, r, rq, "cases", View{Title: app.msgs.get(rq.Lang, "cases.title"), Data: p})
}
