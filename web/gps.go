package web

import (
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// gpsPage is the GP register: the practices matching the search, or one
// practice with its absences and change log.
type gpsPage struct {
	GPs      []workflow.GP
	Q        string
	GP       workflow.GP
	Absences []data.GPAbsenceItem
	Changes  []data.RecordChange
	// CanEdit: the user may change the practice itself (lead, admin).
	CanEdit bool
}

// gpsShown bounds the register's list; the search narrows it.
const gpsShown = 100

// gpList lists the GP practices whose name, clinic or ydernummer contains
// ?q= (245 practices nearly all called "Læge…": the search is the picker).
func (app *App) gpList(w http.ResponseWriter, r *http.Request, rq *Request) error {
	all, err := app.db.GPs(r.Context())
	if err != nil {
		return err
	}
	p := gpsPage{Q: strings.TrimSpace(r.URL.Query().Get("q")), CanEdit: rq.Actor.Role != workflow.RoleNurse}
	q := strings.ToLower(p.Q)
	for _, g := range all {
		if q == "" || strings.Contains(strings.ToLower(g.Name+" "+g.Clinic+" "+g.Ydernummer), q) {
			p.GPs = append(p.GPs, g)
		}
	}
	if len(p.GPs) > gpsShown {
		p.GPs = p.GPs[:gpsShown]
	}
	return app.page(w, r, rq, "gps", View{Title: app.msgs.get(rq.Lang, "gps.title"), Data: p})
}

// gpAdd registers a GP practice (project leads and admins; data.AddGPAs
// checks and logs it).
func (app *App) gpAdd(w http.ResponseWriter, r *http.Request, rq *Request) error {
	g := workflow.GP{Ydernummer: strings.TrimSpace(r.PostFormValue("ydernummer")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Clinic: strings.TrimSpace(r.PostFormValue("clinic"))}
	g, err := app.db.AddGPAs(r.Context(), rq.Actor, g, rq.Now)
	if err != nil {
		if workflow.KindOf(err) == workflow.KindForbidden {
			return err
		}
		return refuse(err, "gps", "add", r, View{Title: app.msgs.get(rq.Lang, "gps.title"), Data: gpsPage{CanEdit: true}})
	}
	app.flash(r, app.msgs.get(rq.Lang, "edit.saved"))
	http.Redirect(w, r, "/gps/"+g.ID, http.StatusSeeOther)
	return nil
}

// gpAbsenceEnd ends a current absence today.
func (app *App) gpAbsenceEnd(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id, aid := r.PathValue("id"), r.PathValue("aid")
	if _, err := app.db.EndGPAbsence(r.Context(), rq.Actor, id, aid, rq.Now); err != nil {
		return app.gpRefused(r, rq, id, "absence-"+aid, err)
	}
	return app.gpDone(w, r, rq, id)
}

func (app *App) gpView(r *http.Request, rq *Request, id string) (View, error) {
	g, err := app.db.GP(r.Context(), id)
	if err != nil {
		return View{}, err
	}
	abs, err := app.db.GPAbsences(r.Context(), g.Ydernummer, calendar.Today(rq.Now).AddDays(-30))
	if err != nil {
		return View{}, err
	}
	changes, err := app.db.RecordChanges(r.Context(), "gp", g.ID)
	if err != nil {
		return View{}, err
	}
	all, err := app.db.GPs(r.Context())
	if err != nil {
		return View{}, err
	}
	people, err := app.changePeople(r.Context(), changes)
	if err != nil {
		return View{}, err
	}
	p := gpsPage{GP: g, GPs: all, Absences: abs, Changes: changes, CanEdit: rq.Actor.Role != workflow.RoleNurse}
	return View{Title: g.Name, Data: p, people: people}, nil
}

// gpShow shows one practice with its absences.
func (app *App) gpShow(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.gpView(r, rq, r.PathValue("id"))
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "gp", v)
}

// gpSave changes the practice's name and clinic.
func (app *App) gpSave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if _, err := app.db.UpdateGP(r.Context(), rq.Actor, id, r.PostFormValue("name"), r.PostFormValue("clinic"), rq.Now); err != nil {
		return app.gpRefused(r, rq, id, "gp", err)
	}
	return app.gpDone(w, r, rq, id)
}

// gpAbsenceSave adds an absence (no {aid}) or changes one.
func (app *App) gpAbsenceSave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id, aid := r.PathValue("id"), r.PathValue("aid")
	form := "absence-" + aid
	from, err := formDate(r.PostFormValue("from"), "gps.from")
	if err != nil {
		return app.gpRefused(r, rq, id, form, err)
	}
	to, err := formDate(r.PostFormValue("to"), "gps.to")
	if err != nil {
		return app.gpRefused(r, rq, id, form, err)
	}
	in := data.GPAbsenceEdit{From: from, To: to, SubstituteYdernummer: r.PostFormValue("substitute"), Note: r.PostFormValue("note")}
	if _, err := app.db.SaveGPAbsence(r.Context(), rq.Actor, id, aid, in, rq.Now); err != nil {
		return app.gpRefused(r, rq, id, form, err)
	}
	return app.gpDone(w, r, rq, id)
}

// gpAbsenceRemove removes an absence, after the confirmation box.
func (app *App) gpAbsenceRemove(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id, aid := r.PathValue("id"), r.PathValue("aid")
	if r.PostFormValue("confirm") != "on" {
		return app.gpRefused(r, rq, id, "absence-"+aid, workflow.Invalid("err.gp.confirm_removal"))
	}
	if err := app.db.RemoveGPAbsence(r.Context(), rq.Actor, id, aid, rq.Now); err != nil {
		return app.gpRefused(r, rq, id, "absence-"+aid, err)
	}
	return app.gpDone(w, r, rq, id)
}

func (app *App) gpRefused(r *http.Request, rq *Request, id, form string, err error) error {
	if workflow.KindOf(err) == workflow.KindNotFound || workflow.KindOf(err) == workflow.KindForbidden {
		return err
	}
	v, verr := app.gpView(r, rq, id)
	if verr != nil {
		return verr
	}
	return refuse(err, "gp", form, r, v)
}

func (app *App) gpDone(w http.ResponseWriter, r *http.Request, rq *Request, id string) error {
	app.flash(r, app.msgs.get(rq.Lang, "edit.saved"))
	http.Redirect(w, r, "/gps/"+id+sectionAnchor(r.PostFormValue("section")), http.StatusSeeOther)
	return nil
}
