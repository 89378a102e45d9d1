package web

import (
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// caseChange records a medication change and shows its decision with the
// explanation; when the change missed the deadline, the page comes back
// with the urgent-roll request form filled in (reason, needed-by, note).
func (app *App) caseChange(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	eff, err := parseDateField(r.PostFormValue("effective"), i18n.Key("err.field.effective"))
	if err != nil {
		return app.caseRefused(r, rq, id, "change", err)
	}
	in := workflow.ChangeInput{Description: strings.TrimSpace(r.PostFormValue("description")), Effective: eff,
		Bridge: r.PostFormValue("bridge") == "on"}
	out, err := app.svc.RecordMedicationChange(r.Context(), rq.Actor, id, in)
	if err != nil {
		return app.caseRefused(r, rq, id, "change", err)
	}
	return app.caseOutcome(w, r, rq, id, actionOutcome{TextDA: out.ExplanationDA, TextEN: out.ExplanationEN,
		Decision: out.Decision.Decision}, out.Urgent)
}

// caseOutcome shows the case page with the outcome of an action and the
// urgent-roll request it suggests (nil for none).
func (app *App) caseOutcome(w http.ResponseWriter, r *http.Request, rq *Request, id string, o actionOutcome, prefill *workflow.UrgentRequest) error {
	v, err := app.caseView(r, rq, id)
	if err != nil {
		return err
	}
	p := v.Data.(casePage)
	p.Rolls.Outcome, p.Rolls.Prefill = &o, prefill
	v.Data = p
	return app.page(w, r, rq, "case", v)
}
