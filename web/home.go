package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// homePage is the home page's data: for nurses and project leads the
// number of cases in each state.
type homePage struct {
	Counts []stateCount
	Total  int
}

type stateCount struct {
	State workflow.State
	N     int
}

// home shows the page for the user's role.
func (app *App) home(w http.ResponseWriter, r *http.Request, rq *Request) error {
	var hp homePage
	if rq.User.Role == workflow.RoleNurse || rq.User.Role == workflow.RoleLead {
		cases, err := app.db.ListCases(r.Context(), rq.Actor, data.CaseFilter{})
		if err != nil {
			return err
		}
		n := map[workflow.State]int{}
		for _, c := range cases {
			n[c.State]++
		}
		for _, s := range workflow.States() {
			hp.Counts = append(hp.Counts, stateCount{State: s, N: n[s]})
		}
		hp.Total = len(cases)
	}
	return app.page(w, r, rq, "home", View{Title: app.msgs.get(rq.Lang, "home.title"), Data: hp})
}
