package web

import (
	"net/http"
)

// citizenFindForm shows the CPR lookup form. The CPR number is sent by
// POST only: it never appears in a URL, so not in logs or browser history.
func (app *App) citizenFindForm(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.page(w, r, rq, "citizen_find", View{Title: app.msgs.get(rq.Lang, "find.title")})
}

// citizenFind looks the citizen up within the user's scope (the data layer
// logs the lookup, found or not) and goes to the citizen's page.
func (app *App) citizenFind(w http.ResponseWriter, r *http.Request, rq *Request) error {
	cit, err := app.db.FindCitizenByCPR(r.Context(), rq.Actor, r.PostFormValue("cpr"), rq.Now)
	if err != nil {
		return refuse(err, "citizen_find", "find", r, View{Title: app.msgs.get(rq.Lang, "find.title")})
	}
	http.Redirect(w, r, "/citizens/"+cit.ID, http.StatusSeeOther)
	return nil
}
