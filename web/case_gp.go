package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// caseRequestGP sends the proposal to the citizen's GP.
func (app *App) caseRequestGP(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.svc.RequestGP(r.Context(), rq.Actor, id, r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "request_gp", err)
	}
	return app.caseDone(w, r, rq, id)
}

// caseGPDecision records the GP's approval (with the prescription's
// expiry) or rejection (with a reason code).
func (app *App) caseGPDecision(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	d := workflow.GPDecision{Note: r.PostFormValue("note")}
	switch r.PostFormValue("decision") {
	case "approve":
		d.Approved = true
		if s := r.PostFormValue("expires"); s != "" {
			t, err := calendar.ParseDate(s)
			if err != nil {
				return app.caseRefused(r, rq, id, "gp_decision", workflow.Invalidf("datoen %q skal skrives dd-mm-åååå",
					"the date %q must be written dd-mm-yyyy", s))
			}
			d.PrescriptionExpires = t
		}
	case "reject":
		d.Reason = r.PostFormValue("reason")
	default:
		return app.caseRefused(r, rq, id, "gp_decision", workflow.Invalid("vælg om lægen godkendte eller afviste",
			"choose whether the GP approved or rejected"))
	}
	if _, err := app.svc.RecordGPDecision(r.Context(), rq.Actor, id, d); err != nil {
		return app.caseRefused(r, rq, id, "gp_decision", err)
	}
	return app.caseDone(w, r, rq, id)
}
