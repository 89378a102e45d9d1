package web

import (
	"github.com/dosis-dk/dosis/i18n"

	"net/http"
	"strings"
)

// caseHospital records a hospital admission, leave or discharge entered
// by hand: an admission pauses the case, a discharge resumes it and comes
// back with a prefilled urgent-roll request.
func (app *App) caseHospital(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	at, err := parseStampFields(r.PostFormValue("at_date"), r.PostFormValue("at_time"), "12:00", i18n.Key("err.field.time"))
	if err != nil {
		return app.caseRefused(r, rq, id, "hospital", err)
	}
	kind := r.PostFormValue("kind")
	out, err := app.svc.RecordHospitalNotification(r.Context(), rq.Actor, id, kind, at,
		strings.TrimSpace(r.PostFormValue("hospital")), "")
	if err != nil {
		return app.caseRefused(r, rq, id, "hospital", err)
	}
	o := actionOutcome{Decision: out.Action, TextDA: app.msgs.get(i18n.Danish, "hospital.action."+out.Action),
		TextEN: app.msgs.get(i18n.English, "hospital.action."+out.Action)}
	return app.caseOutcome(w, r, rq, id, o, out.Urgent)
}

// caseGPRedirect sends the open GP request on to the absent GP's substitute.
func (app *App) caseGPRedirect(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, _, err := app.svc.RedirectGPRequest(r.Context(), rq.Actor, id, strings.TrimSpace(r.PostFormValue("note"))); err != nil {
		return app.caseRefused(r, rq, id, "gp_redirect", err)
	}
	return app.caseDone(w, r, rq, id)
}
