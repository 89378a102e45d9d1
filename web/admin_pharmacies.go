package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// pharmaciesPage lists the pharmacies; Edit is the one being edited.
type pharmaciesPage struct {
	Pharmacies     []workflow.Pharmacy
	Municipalities []data.Municipality
	Edit           workflow.Pharmacy
	// Changes is the edited pharmacy's change log.
	Changes []data.RecordChange
}

// ClosingDays formats a pharmacy's extra closing days for the form.
func (pharmaciesPage) ClosingDays(p workflow.Pharmacy) string {
	return workflow.FormatClosingDays(p.ExtraClosingDays)
}

func (app *App) pharmaciesView(r *http.Request, rq *Request) (View, error) {
	var p pharmaciesPage
	var err error
	if p.Pharmacies, err = app.db.Pharmacies(r.Context()); err != nil {
		return View{}, err
	}
	if p.Municipalities, err = app.db.Municipalities(r.Context()); err != nil {
		return View{}, err
	}
	return View{Title: app.msgs.get(rq.Lang, "pharm.title"), Data: p}, nil
}

// adminPharmacies lists the pharmacies with a form to add one.
func (app *App) adminPharmacies(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.pharmaciesView(r, rq)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_pharmacies", v)
}

// pharmacyFromForm reads the pharmacy fields of the add and edit forms.
func pharmacyFromForm(r *http.Request) (workflow.Pharmacy, error) {
	p := workflow.Pharmacy{Name: strings.TrimSpace(r.PostFormValue("name"))}
	for _, f := range []struct {
		field string
		label i18n.Key // the form's label, to name the field in a refusal
		to    *int
	}{{"municipality", "citizen.municip", &p.Municipality}, {"period_days", "pharm.period", &p.PeriodDays},
		{"deadline_days", "pharm.deadline", &p.DeadlineWorkingDays}, {"lead_hours", "pharm.lead", &p.LeadTimeHours}} {
		v := strings.TrimSpace(r.PostFormValue(f.field))
		if v == "" {
			continue // the default (data.AddPharmacy), or refused by Validate
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			// Named as the form labels it, not by its field name ("feltet deadline_days").
			return p, workflow.InField(f.label, workflow.Invalid("err.number.not_whole", v))
		}
		*f.to = n
	}
	days, err := workflow.ParseClosingDays(r.PostFormValue("closing_days"))
	p.ExtraClosingDays = days
	return p, err
}

// adminPharmacyAdd registers a pharmacy.
func (app *App) adminPharmacyAdd(w http.ResponseWriter, r *http.Request, rq *Request) error {
	p, err := pharmacyFromForm(r)
	if err == nil {
		_, err = app.db.AddPharmacyAs(r.Context(), rq.Actor, p, rq.Now)
	}
	if err != nil {
		v, verr := app.pharmaciesView(r, rq)
		if verr != nil {
			return verr
		}
		return refuse(err, "admin_pharmacies", "add", r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "pharm.saved"))
	http.Redirect(w, r, "/admin/pharmacies", http.StatusSeeOther)
	return nil
}

// adminPharmacyForm shows one pharmacy's settings for editing.
func (app *App) adminPharmacyForm(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.pharmacyView(r)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_pharmacy", v)
}

// pharmacyView is one pharmacy with its change log.
func (app *App) pharmacyView(r *http.Request) (View, error) {
	ph, err := app.db.Pharmacy(r.Context(), r.PathValue("id"))
	if err != nil {
		return View{}, err
	}
	cs, err := app.db.RecordChanges(r.Context(), "pharmacy", ph.ID)
	if err != nil {
		return View{}, err
	}
	return View{Title: ph.Name, Data: pharmaciesPage{Edit: ph, Changes: cs}}, nil
}

// adminPharmacySave saves the edited settings.
func (app *App) adminPharmacySave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	ph, err := app.db.Pharmacy(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	p, err := pharmacyFromForm(r)
	p.ID, p.Municipality = ph.ID, ph.Municipality
	if err == nil {
		err = app.db.UpdatePharmacyAs(r.Context(), rq.Actor, p, rq.Now)
	}
	if err != nil {
		v, verr := app.pharmacyView(r)
		if verr != nil {
			return verr
		}
		return refuse(err, "admin_pharmacy", "edit", r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "pharm.saved"))
	http.Redirect(w, r, "/admin/pharmacies", http.StatusSeeOther)
	return nil
}
