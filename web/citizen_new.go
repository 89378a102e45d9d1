package web

import (
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// citizenNewPage is the registration form's data.
type citizenNewPage struct {
	GPs          []workflow.GP
	Municipality int
}

func (app *App) citizenNewView(r *http.Request, rq *Request) (View, error) {
	gps, err := app.db.GPs(r.Context())
	if err != nil {
		return View{}, err
	}
	return View{Title: app.msgs.get(rq.Lang, "citizen.new"),
		Data: citizenNewPage{GPs: gps, Municipality: rq.Actor.Municipality}}, nil
}

// citizenNewForm shows the form to register a citizen in the user's
// municipality.
func (app *App) citizenNewForm(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.citizenNewView(r, rq)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "citizen_new", v)
}

// citizenNew registers the citizen and goes to their page; a failing
// modulus-11 check is shown as a note, not refused.
func (app *App) citizenNew(w http.ResponseWriter, r *http.Request, rq *Request) error {
	cit, warnings, err := app.db.AddCitizen(r.Context(), rq.Actor, data.NewCitizen{
		CPR: r.PostFormValue("cpr"), Name: strings.TrimSpace(r.PostFormValue("name")),
		Municipality: rq.Actor.Municipality, GPYdernummer: r.PostFormValue("gp"),
		MedicineHelp: r.PostFormValue("medicine_help") == "on"}, rq.Now)
	if err != nil {
		v, verr := app.citizenNewView(r, rq)
		if verr != nil {
			return verr
		}
		return app.refuseOrOfferMove(r, rq, err, "citizen_new", "new", v)
	}
	msg := app.msgs.get(rq.Lang, "citizen.saved")
	for _, w := range warnings {
		msg += " " + app.msgs.get(rq.Lang, "citizen.warning") + ": " + redactCPR(w)
	}
	app.flash(r, msg)
	http.Redirect(w, r, "/citizens/"+cit.ID, http.StatusSeeOther)
	return nil
}
