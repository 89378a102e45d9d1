package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// citizenPage is a citizen with their cases and the sources a case may
// come from.
type citizenPage struct {
	Citizen workflow.Citizen
	Cases   []data.CaseListItem
	Sources []string
	HasOpen bool
}

func (app *App) citizenView(r *http.Request, rq *Request, id string) (View, error) {
	cit, err := app.db.Citizen(r.Context(), rq.Actor, id, "web.citizen", rq.Now)
	if err != nil {
		return View{}, err
	}
	cases, err := app.db.ListCases(r.Context(), rq.Actor, data.CaseFilter{CitizenID: cit.ID})
	if err != nil {
		return View{}, err
	}
	p := citizenPage{Citizen: cit, Sources: workflow.Sources(), Cases: cases}
	for _, c := range cases {
		p.HasOpen = p.HasOpen || !c.State.Terminal()
	}
	return View{Title: cit.Name, Data: p}, nil
}

// citizenShow shows a citizen in the user's scope (the view is logged).
func (app *App) citizenShow(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.citizenView(r, rq, r.PathValue("id"))
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "citizen", v)
}

// caseOpen opens a case for the citizen and goes to it.
func (app *App) caseOpen(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	c, err := app.svc.OpenCase(r.Context(), rq.Actor, id, r.PostFormValue("source"))
	if err != nil {
		if workflow.KindOf(err) == workflow.KindNotFound {
			return err
		}
		v, verr := app.citizenView(r, rq, id)
		if verr != nil {
			return verr
		}
		return refuse(err, "citizen", "open", r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "case.opened"))
	http.Redirect(w, r, "/cases/"+c.ID, http.StatusSeeOther)
	return nil
}
