package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// pharmacyDayPage is one of the pharmacy's own pages: its settings, the
// packing list of a day, or its delivery history.
type pharmacyDayPage struct {
	Pharmacy   workflow.Pharmacy
	Closing    string
	Day        calendar.Date
	Packing    []data.PackItem
	Deliveries []data.Delivery
}

// deliveryDays is how far back the delivery history goes.
const deliveryDays = 90

func (app *App) ownPharmacy(r *http.Request, rq *Request) (pharmacyDayPage, error) {
	ph, err := app.db.Pharmacy(r.Context(), rq.Actor.PharmacyID)
	return pharmacyDayPage{Pharmacy: ph, Closing: workflow.FormatClosingDays(ph.ExtraClosingDays)}, err
}

// pharmacySettings shows the pharmacy's own lead time and closing days.
func (app *App) pharmacySettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	p, err := app.ownPharmacy(r, rq)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "pharmacy_settings", View{Title: app.msgs.get(rq.Lang, "phset.title"), Data: p})
}

// pharmacySettingsSave saves them (data.UpdateOwnPharmacy validates and
// logs the change).
func (app *App) pharmacySettingsSave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	p, err := app.ownPharmacy(r, rq)
	if err != nil {
		return err
	}
	lead, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("lead_time_hours")))
	if err != nil {
		err = workflow.Invalid("err.pharmacy.lead_time_not_number", r.PostFormValue("lead_time_hours"))
	}
	if err == nil {
		var days []calendar.ClosingDay
		if days, err = workflow.ParseClosingDays(r.PostFormValue("closing_days")); err == nil {
			_, err = app.db.UpdateOwnPharmacy(r.Context(), rq.Actor, lead, days, rq.Now)
		}
	}
	if err != nil {
		return refuse(err, "pharmacy_settings", "settings", r, View{Title: app.msgs.get(rq.Lang, "phset.title"), Data: p})
	}
	app.flash(r, app.msgs.get(rq.Lang, "edit.saved"))
	http.Redirect(w, r, "/pharmacy/settings", http.StatusSeeOther)
	return nil
}

// pharmacyPacking is the printable packing list of one day (?day=,
// default today): what to pack, for whom, with the period dates.
func (app *App) pharmacyPacking(w http.ResponseWriter, r *http.Request, rq *Request) error {
	p, err := app.ownPharmacy(r, rq)
	if err != nil {
		return err
	}
	p.Day = calendar.Today(rq.Now)
	title := app.msgs.get(rq.Lang, "packlist.title")
	if d, derr := formDate(r.URL.Query().Get("day"), "packlist.day"); derr != nil {
		return refuse(derr, "pharmacy_packing", "day", r, View{Title: title, Data: p, Form: r.URL.Query()})
	} else if !d.IsZero() {
		p.Day = d
	}
	if p.Packing, err = app.db.PeriodsToPack(r.Context(), rq.Actor, p.Pharmacy.ID, p.Day, p.Day); err != nil {
		return err
	}
	return app.page(w, r, rq, "pharmacy_packing", View{Title: title, Data: p})
}

// pharmacyDeliveries is what the pharmacy delivered in the last
// deliveryDays days, with whether the municipality has checked it.
func (app *App) pharmacyDeliveries(w http.ResponseWriter, r *http.Request, rq *Request) error {
	p, err := app.ownPharmacy(r, rq)
	if err != nil {
		return err
	}
	if p.Deliveries, err = app.db.PharmacyDeliveries(r.Context(), rq.Actor, rq.Now.AddDate(0, 0, -deliveryDays)); err != nil {
		return err
	}
	return app.page(w, r, rq, "pharmacy_deliveries", View{Title: app.msgs.get(rq.Lang, "deliv.title"), Data: p})
}

// PrevDay and NextDay are the packing list's neighbouring days.
func (p pharmacyDayPage) PrevDay() calendar.Date { return p.Day.AddDays(-1) }

// NextDay: see PrevDay.
func (p pharmacyDayPage) NextDay() calendar.Date { return p.Day.AddDays(1) }
