package web

import "net/http"

// caseEnd ends a case with a reason code.
func (app *App) caseEnd(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.svc.End(r.Context(), rq.Actor, id, r.PostFormValue("reason"), r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "end", err)
	}
	return app.caseDone(w, r, rq, id)
}

// caseWithdraw records that consent was withdrawn; the case ends.
func (app *App) caseWithdraw(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.svc.WithdrawConsent(r.Context(), rq.Actor, id, r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "withdraw", err)
	}
	return app.caseDone(w, r, rq, id)
}

// caseDecline records that the citizen or their representative said no.
func (app *App) caseDecline(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.svc.Decline(r.Context(), rq.Actor, id, r.PostFormValue("reason"), r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "decline", err)
	}
	return app.caseDone(w, r, rq, id)
}
