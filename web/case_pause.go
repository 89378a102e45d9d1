package web

import "net/http"

// casePause pauses dose dispensing with a reason code and, when given, a
// planned end (field until) that puts the case on the worklist that day.
func (app *App) casePause(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	until, err := formDate(r.PostFormValue("until"), "pause.until")
	if err == nil {
		_, err = app.svc.PauseUntil(r.Context(), rq.Actor, id, r.PostFormValue("reason"), r.PostFormValue("note"), until)
	}
	if err != nil {
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
