package web

import (
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// citizenEditPage is the edit form's data: the citizen, the GPs for the
// searchable picker and the citizen's change log.
type citizenEditPage struct {
	Citizen    workflow.Citizen
	GPs        []workflow.GP
	Ydernummer string
	Changes    []data.RecordChange
	// Back is where saving returns to (a path on this site).
	Back string
}

func (app *App) citizenEditView(r *http.Request, rq *Request, id string) (View, error) {
	cit, err := app.db.Citizen(r.Context(), rq.Actor, id, "web.citizen.edit", rq.Now)
	if err != nil {
		return View{}, err
	}
	gps, err := app.db.GPs(r.Context())
	if err != nil {
		return View{}, err
	}
	changes, err := app.db.RecordChanges(r.Context(), "citizen", cit.ID)
	if err != nil {
		return View{}, err
	}
	p := citizenEditPage{Citizen: cit, GPs: gps, Changes: changes,
		Back: localBack(r.URL.Query().Get("back"), "/citizens/"+cit.ID)}
	for _, g := range gps {
		if g.ID == cit.GPID {
			p.Ydernummer = g.Ydernummer
		}
	}
	people, err := app.changePeople(r.Context(), changes)
	if err != nil {
		return View{}, err
	}
	return View{Title: app.msgs.get(rq.Lang, "edit.title") + ": " + cit.Name, Data: p, people: people}, nil
}

// citizenEditForm shows the form to change a citizen's name, GP and
// medicine help.
func (app *App) citizenEditForm(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.citizenEditView(r, rq, r.PathValue("id"))
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "citizen_edit", v)
}

// citizenEdit saves the changes (each one logged with its old and new
// value) and returns to the page named by "back" (the citizen's, or the
// case page the nurse came from).
func (app *App) citizenEdit(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	name, gp, note := r.PostFormValue("name"), r.PostFormValue("gp"), r.PostFormValue("note")
	help := r.PostFormValue("medicine_help") == "on"
	in := data.CitizenEdit{Name: &name, MedicineHelp: &help, Note: note}
	gps, err := app.db.GPs(r.Context())
	if err != nil {
		return err
	}
	y, err := pickedGP(gp, gps)
	in.GPYdernummer = &y
	var since calendar.Date
	if err == nil {
		since, err = formDate(r.PostFormValue("since"), "edit.since")
	}
	if err == nil {
		in.MedicineHelpSince = &since
		_, err = app.db.UpdateCitizen(r.Context(), rq.Actor, id, in, rq.Now)
	}
	if err != nil {
		if workflow.KindOf(err) == workflow.KindNotFound {
			return err
		}
		v, verr := app.citizenEditView(r, rq, id)
		if verr != nil {
			return verr
		}
		return refuse(err, "citizen_edit", "edit", r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "edit.saved"))
	http.Redirect(w, r, localBack(r.PostFormValue("back"), "/citizens/"+id), http.StatusSeeOther)
	return nil
}

// pickedGP reads the GP picker's text: empty (no GP), a ydernummer (what
// the list puts in the field, perhaps followed by the name), or a GP's
// name typed in full as the hint invites, with or without the clinic as
// the list shows it. Anything else is refused quoting what was typed,
// rather than looked up as a ydernummer made of its first word.
func pickedGP(text string, gps []workflow.GP) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", nil
	}
	first, _, _ := strings.Cut(text, " ")
	first = strings.TrimRight(first, ",")
	var named []string
	for _, g := range gps {
		if g.Ydernummer == first {
			return g.Ydernummer, nil
		}
		if strings.EqualFold(g.Name, text) || (g.Clinic != "" && strings.EqualFold(g.Name+", "+g.Clinic, text)) {
			named = append(named, g.Ydernummer)
		}
	}
	switch len(named) {
	case 1:
		return named[0], nil
	case 0:
		return "", workflow.Invalid("err.citizen.gp_not_found", text)
	}
	return "", workflow.Invalid("err.citizen.gp_ambiguous", text)
}

// formDate reads an optional date field: a native date input's yyyy-mm-dd
// or a typed dd-mm-yyyy (parseDateField); "" is the zero Date. labelKey
// is the catalogue key of the field's label.
func formDate(s, labelKey string) (calendar.Date, error) {
	if strings.TrimSpace(s) == "" {
		return calendar.Date{}, nil
	}
	return parseDateField(s, i18n.Key(labelKey))
}

// localBack returns back when it is a path on this site (never another
// host), else def.
func localBack(back, def string) string {
	if strings.HasPrefix(back, "/") && !strings.HasPrefix(back, "//") && !strings.ContainsAny(back, "\\\r\n") {
		return back
	}
	return def
}
