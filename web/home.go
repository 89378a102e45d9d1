package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/workflow"
)

// homePage is the home page's data: the worklist for nurses, project
// leads and pharmacy staff, and for nurses and project leads the number of
// cases in each state.
type homePage struct {
	Work   shownWork
	Counts []stateCount
	Total  int
}

type stateCount struct {
	State workflow.State
	N     int
}

// home shows the page for the user's role: the worklist first. The
// steering group's first screen is the dashboard.
func (app *App) home(w http.ResponseWriter, r *http.Request, rq *Request) error {
	if rq.User.Role == workflow.RoleSteering {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return nil
	}
	var hp homePage
	if worklistRole(rq.User.Role) {
		wl, err := app.worklist(r, rq)
		if err != nil {
			return err
		}
		hp.Work = wl
		var named []string
		for _, it := range wl.Items {
			if it.CitizenName != "" {
				named = append(named, it.CaseID)
			}
		}
		if err := app.db.LogListAccess(r.Context(), rq.Actor, "web.worklist", named, rq.Now); err != nil {
			return err
		}
	}
	if rq.User.Role == workflow.RoleNurse || rq.User.Role == workflow.RoleLead {
		counts, total, err := app.stateCounts(r, rq)
		if err != nil {
			return err
		}
		hp.Counts, hp.Total = counts, total
	}
	return app.page(w, r, rq, "home", View{Title: app.msgs.get(rq.Lang, "home.title"), Data: hp})
}

// stateCounts counts the cases in scope in each state, with one GROUP BY
// query in the data layer (no case rows are loaded).
func (app *App) stateCounts(r *http.Request, rq *Request) ([]stateCount, int, error) {
	n, err := app.db.CaseStateCounts(r.Context(), rq.Actor)
	if err != nil {
		return nil, 0, err
	}
	total := 0
	for _, k := range n {
		total += k
	}
	var out []stateCount
	for _, s := range workflow.States() {
		out = append(out, stateCount{State: s, N: n[s]})
	}
	return out, total, nil
}
