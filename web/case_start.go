package web

import "net/http"

// caseStart starts dose dispensing at the chosen pharmacy.
func (app *App) caseStart(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.svc.Start(r.Context(), rq.Actor, id, r.PostFormValue("pharmacy"), r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "start", err)
	}
	return app.caseDone(w, r, rq, id)
}
