package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// closedPage is a pharmacy's one-off closed dates.
type closedPage struct {
	Pharmacy workflow.Pharmacy
	Dates    []data.ClosedDate
}

func (app *App) closedView(r *http.Request) (View, error) {
	ph, err := app.db.Pharmacy(r.Context(), r.PathValue("id"))
	if err != nil {
		return View{}, err
	}
	ds, err := app.db.PharmacyClosedDates(r.Context(), ph.ID)
	if err != nil {
		return View{}, err
	}
	return View{Title: ph.Name, Data: closedPage{Pharmacy: ph, Dates: ds}}, nil
}

// adminClosed lists a pharmacy's one-off closed dates with forms to add
// and remove them.
func (app *App) adminClosed(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.closedView(r)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_closed", v)
}

// adminClosedAdd adds a closed date (dd-mm-yyyy) with a name.
func (app *App) adminClosedAdd(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.closedChange(w, r, rq, "add", func(id string) error {
		d, err := parseDateField(r.PostFormValue("date"), i18n.Key("err.field.date"))
		if err != nil {
			return err
		}
		return app.db.AddPharmacyClosedDate(r.Context(), id, d, r.PostFormValue("name"))
	})
}

// adminClosedRemove removes a closed date.
func (app *App) adminClosedRemove(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.closedChange(w, r, rq, "remove", func(id string) error {
		d, err := parseDateField(r.PostFormValue("date"), i18n.Key("err.field.date"))
		if err != nil {
			return err
		}
		return app.db.RemovePharmacyClosedDate(r.Context(), id, d)
	})
}

func (app *App) closedChange(w http.ResponseWriter, r *http.Request, rq *Request, form string, change func(id string) error) error {
	id := r.PathValue("id")
	if _, err := app.db.Pharmacy(r.Context(), id); err != nil {
		return err
	}
	if err := change(id); err != nil {
		v, verr := app.closedView(r)
		if verr != nil {
			return verr
		}
		return refuse(err, "admin_closed", form, r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "pharm.saved"))
	http.Redirect(w, r, "/admin/pharmacies/"+id+"/closed", http.StatusSeeOther)
	return nil
}
