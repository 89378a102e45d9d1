package web

import (
	"errors"
	"net/http"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/medcom/outbox"
	"github.com/dosis-dk/dosis/workflow"
)

// caseRequestGP sends the proposal to the citizen's GP.
func (app *App) caseRequestGP(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.svc.RequestGP(r.Context(), rq.Actor, id, r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "request_gp", err)
	}
	if dir := app.cfg.MedComOutbox; dir != "" {
		app.flash(r, app.msgs.get(rq.Lang, "case.done")+" "+app.sendGPRequest(r, rq, id, dir))
		http.Redirect(w, r, "/cases/"+id, http.StatusSeeOther)
		return nil
	}
	return app.caseDone(w, r, rq, id)
}

// sendGPRequest sends the request to the GP's clinic as a MedCom
// CareCommunication in the outbox and says so; a request that could not be
// sent (no SOR code for the GP, no sender) stays recorded, and the message
// says why. It returns the text for the flash.
func (app *App) sendGPRequest(r *http.Request, rq *Request, id, dir string) string {
	_, err := app.svc.SendGPRequest(r.Context(), rq.Actor, id, medcom.XML, func(o medcom.Outgoing) error {
		_, err := outbox.Write(dir, "carecommunication", o)
		return err
	})
	msg := app.msgs.get(rq.Lang, "medcom.gp.sent")
	if err != nil {
		why := app.msgs.get(rq.Lang, "error.internal")
		var we *workflow.Error
		if errors.As(err, &we) {
			why = we.Message(rq.Lang)
		} else {
			app.log.Error("send GP request", "case", id, "err", err)
		}
		msg = app.msgs.get(rq.Lang, "medcom.gp.notsent") + ": " + why
	}
	return msg
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
			t, err := parseDateField(s, i18n.Key("gp.expires"))
			if err != nil {
				return app.caseRefused(r, rq, id, "gp_decision", err)
			}
			d.PrescriptionExpires = t
		}
	case "reject":
		d.Reason = r.PostFormValue("reason")
	default:
		return app.caseRefused(r, rq, id, "gp_decision", workflow.Invalid("err.case.choose_gp_decision"))
	}
	if _, err := app.svc.RecordGPDecision(r.Context(), rq.Actor, id, d); err != nil {
		return app.caseRefused(r, rq, id, "gp_decision", err)
	}
	return app.caseDone(w, r, rq, id)
}
