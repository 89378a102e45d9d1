package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// caseConsent records who consented, how and when, and whether the
// recorder is in the citizen's daily care. The guards (eligible, age 15,
// explicit substitute consent) are the workflow's.
func (app *App) caseConsent(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	in := workflow.ConsentInput{GivenBy: r.PostFormValue("given_by"), GiverName: r.PostFormValue("giver_name"),
		Method: r.PostFormValue("method"), RecorderInDailyCare: r.PostFormValue("daily_care") == "on"}
	if s := r.PostFormValue("given_at"); s != "" {
		d, err := parseDateField(s, i18n.Key("consent.given_at"))
		if err != nil {
			return app.caseRefused(r, rq, id, "consent", err)
		}
		in.GivenOn = d
	}
	if _, err := app.svc.RecordConsent(r.Context(), rq.Actor, id, in, r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "consent", err)
	}
	return app.caseDone(w, r, rq, id)
}
