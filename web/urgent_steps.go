package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
)

// urgentStep handles the pharmacy's buttons on an urgent roll: accept,
// reject (with a reason), packed, delivered. The workflow checks that the
// roll is the user's pharmacy's (else not found) and that the status
// allows the step; each step is one transaction with its audit row.
func (app *App) urgentStep(step string) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *Request) error {
		id, note := r.PathValue("id"), strings.TrimSpace(r.PostFormValue("note"))
		var err error
		switch step {
		case "accept":
			_, err = app.svc.AcceptUrgentRoll(r.Context(), rq.Actor, id, note)
		case "reject":
			_, err = app.svc.RejectUrgentRoll(r.Context(), rq.Actor, id, strings.TrimSpace(r.PostFormValue("reason")))
		case "packed":
			_, err = app.svc.MarkUrgentPacked(r.Context(), rq.Actor, id, note)
		case "delivered":
			_, err = app.svc.MarkUrgentDelivered(r.Context(), rq.Actor, id, note)
		default:
			// A route wired to a step this switch lacks: fail loudly
			// rather than report a step done that was never taken.
			err = fmt.Errorf("web: unknown urgent step %q", step)
		}
		if err != nil {
			return err
		}
		app.flash(r, app.msgs.get(rq.Lang, "urgent.done."+step))
		http.Redirect(w, r, "/pharmacy#urgent-"+id, http.StatusSeeOther)
		return nil
	}
}

// pharmacyDelivered records that the pharmacy delivered a period's roll
// (form fields case and seq).
func (app *App) pharmacyDelivered(w http.ResponseWriter, r *http.Request, rq *Request) error {
	seq, err := strconv.Atoi(r.PostFormValue("seq"))
	if err != nil || seq < 1 {
		return workflow.Invalid("err.period.missing")
	}
	if _, err := app.svc.RecordDelivered(r.Context(), rq.Actor, r.PostFormValue("case"), seq); err != nil {
		return err
	}
	app.flash(r, app.msgs.get(rq.Lang, "pack.done"))
	http.Redirect(w, r, "/pharmacy#pack", http.StatusSeeOther)
	return nil
}
