package web

import "net/http"

// casePause pauses dose dispensing with a reason code.
func (app *App) casePause(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.svc.Pause(r.Context(), rq.Actor, id, r.PostFormValue("reason"), r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "pause", err)
	}
	return app.caseDone(w, r, rq, id)
}

// caseResume resumes a paused case.
func (app *App) caseResume(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.svc.Resume(r.Context(), rq.Actor, id, r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "resume", err)
	}
	return app.caseDone(w, r, rq, id)
}
