package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/dosis-dk/dosis/data"
)

// citizenFindForm shows the CPR lookup form. The CPR number is sent by
// POST only: it never appears in a URL, so not in logs or browser history.
func (app *App) citizenFindForm(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.page(w, r, rq, "citizen_find", View{Title: app.msgs.get(rq.Lang, "find.title")})
}

// citizenFind looks the citizen up by CPR number within the user's scope
// (the data layer logs the lookup, found or not) and goes to the
// citizen's page; a citizen of another municipality is offered for a
// move; a name goes to the case search.
func (app *App) citizenFind(w http.ResponseWriter, r *http.Request, rq *Request) error {
	if s, err := data.ParseCaseSearch(r.PostFormValue("cpr")); err == nil && s.Name != "" && strings.ContainsFunc(s.Name, unicode.IsLetter) {
		// A name: the case search, whose URL may carry it (a CPR never).
		http.Redirect(w, r, "/cases?q="+url.QueryEscape(s.Name), http.StatusSeeOther)
		return nil
	}
	cit, err := app.db.FindCitizenByCPR(r.Context(), rq.Actor, r.PostFormValue("cpr"), rq.Now)
	if err != nil {
		return app.refuseOrOfferMove(r, rq, err, "citizen_find", "find", View{Title: app.msgs.get(rq.Lang, "find.title")})
	}
	http.Redirect(w, r, "/citizens/"+cit.ID, http.StatusSeeOther)
	return nil
}
