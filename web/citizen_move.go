package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/refdata"
	"github.com/dosis-dk/dosis/workflow"
)

// moveOffer is shown when the CPR number a nurse typed belongs to a
// citizen registered in another municipality: the move form, instead of
// "not found" on the find page and "already exists" on the register page.
type moveOffer struct {
	From     int
	FromName string
}

// offerMove returns the move offer for the CPR number in the form, when
// the citizen lives in another municipality (the lookup is logged).
func (app *App) offerMove(r *http.Request, rq *Request) (*moveOffer, error) {
	code, ok, err := app.db.CitizenElsewhere(r.Context(), rq.Actor, r.PostFormValue("cpr"), rq.Now)
	if err != nil || !ok {
		return nil, err
	}
	m, _, err := refdata.MunicipalityByCode(code)
	if err != nil {
		return nil, err
	}
	return &moveOffer{From: code, FromName: m.Name}, nil
}

// citizenMove moves the citizen with the posted CPR number into the
// user's municipality, with the open case, its coming periods and open
// urgent rolls (data.MoveCitizen), and goes to the citizen's page.
func (app *App) citizenMove(w http.ResponseWriter, r *http.Request, rq *Request) error {
	on, err := formDate(r.PostFormValue("moved_on"), "move.on")
	var res data.MoveResult
	if err == nil {
		res, err = app.db.MoveCitizen(r.Context(), rq.Actor, data.CitizenMove{CPR: r.PostFormValue("cpr"),
			To: rq.Actor.Municipality, MovedOn: on, Note: r.PostFormValue("note")}, rq.Now)
	}
	if err != nil {
		v := View{Title: app.msgs.get(rq.Lang, "find.title")}
		if offer, oerr := app.offerMove(r, rq); oerr == nil && offer != nil {
			v.Data = offer
		}
		return refuse(err, "citizen_find", "move", r, v)
	}
	from, _, err := refdata.MunicipalityByCode(res.From)
	if err != nil {
		return err
	}
	msg := app.msgs.get(rq.Lang, "move.done") + " " + from.Name + "."
	if res.CaseID != "" {
		msg += " " + app.msgs.get(rq.Lang, "move.case")
	}
	app.flash(r, msg)
	http.Redirect(w, r, "/citizens/"+res.Citizen.ID, http.StatusSeeOther)
	return nil
}

// refuseOrOfferMove re-renders page with err, or with the move offer when
// the citizen lives in another municipality.
func (app *App) refuseOrOfferMove(r *http.Request, rq *Request, err error, page, form string, v View) error {
	if workflow.KindOf(err) != workflow.KindNotFound && workflow.KindOf(err) != workflow.KindInvalid {
		return err
	}
	offer, oerr := app.offerMove(r, rq)
	if oerr != nil && workflow.KindOf(oerr) != workflow.KindInvalid {
		return oerr
	}
	if offer != nil {
		return refuse(workflow.Invalid("err.citizen.registered_elsewhere", offer.FromName),
			"citizen_find", "move", r, View{Title: app.msgs.get(rq.Lang, "find.title"), Data: offer})
	}
	return refuse(err, page, form, r, v)
}
