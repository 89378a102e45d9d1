package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// caseUrgentRequest asks the case's pharmacy for an urgent roll: reason,
// needed-by date and time (Danish time), note.
func (app *App) caseUrgentRequest(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	at, err := parseStampFields(r.PostFormValue("needed_date"), r.PostFormValue("needed_time"), "08:00", i18n.Key("err.field.needed_by"))
	if err != nil {
		return app.caseRefused(r, rq, id, "urgent", err)
	}
	req := workflow.UrgentRequest{CaseID: id, Reason: r.PostFormValue("reason"), NeededBy: at,
		Note: strings.TrimSpace(r.PostFormValue("note")), Key: r.PostFormValue("request_key")}
	if len(req.Key) > 64 {
		req.Key = "" // not a key this server made
	}
	u, err := app.svc.RequestUrgentRoll(r.Context(), rq.Actor, req)
	if err != nil {
		return app.caseRefused(r, rq, id, "urgent", err)
	}
	if u.Existing {
		// A double click, a reload or a retry: the roll is ordered once.
		app.flash(r, fmt.Sprintf(app.msgs.get(rq.Lang, "urgent.repeat"), View{}.Stamp(u.RequestedAt)))
		http.Redirect(w, r, "/cases/"+id+"#urgent", http.StatusSeeOther)
		return nil
	}
	return app.caseDone(w, r, rq, id)
}

// caseUrgentCancel cancels an open urgent roll of the case (form field
// urgent). The roll must belong to the case in the path.
func (app *App) caseUrgentCancel(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id, uid := r.PathValue("id"), r.PostFormValue("urgent")
	rolls, err := app.db.CaseUrgentRolls(r.Context(), rq.Actor, id, rq.Now)
	if err != nil {
		return err
	}
	found := false
	for _, u := range rolls {
		found = found || u.ID == uid
	}
	if !found {
		return workflow.NotFound("err.urgent.not_found")
	}
	if _, err := app.svc.CancelUrgentRoll(r.Context(), rq.Actor, uid, strings.TrimSpace(r.PostFormValue("note"))); err != nil {
		return app.caseRefused(r, rq, id, "cancel-"+uid, err)
	}
	return app.caseDone(w, r, rq, id)
}
