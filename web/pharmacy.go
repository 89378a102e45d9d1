package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// pharmacyPage is the pharmacy's work: the open urgent rolls by needed-by
// time, the periods to pack this ISO week and next, and the receipt
// deviations municipalities reported on its rolls in the last 90 days.
type pharmacyPage struct {
	Pharmacy   workflow.Pharmacy
	Urgent     []data.UrgentQueueItem
	ThisWeek   []data.PackItem
	NextWeek   []data.PackItem
	WeekStart  calendar.Date
	Deviations []data.TracedDeviation
}

// deviationDays is how far back the pharmacy page lists deviations.
const deviationDays = 90

// pharmacyHome shows the pharmacy's queue. Everything is read within the
// user's scope, so staff only ever see their own pharmacy's rolls.
func (app *App) pharmacyHome(w http.ResponseWriter, r *http.Request, rq *Request) error {
	ctx := r.Context()
	id := rq.User.PharmacyID
	ph, err := app.db.Pharmacy(ctx, id)
	if err != nil {
		return err
	}
	p := pharmacyPage{Pharmacy: ph}
	if p.Urgent, err = app.db.UrgentQueue(ctx, rq.Actor, id, rq.Now); err != nil {
		return err
	}
	p.WeekStart = calendar.Today(rq.Now).WeekStart()
	if p.ThisWeek, err = app.db.PeriodsToPack(ctx, rq.Actor, id, p.WeekStart, p.WeekStart.AddDays(6)); err != nil {
		return err
	}
	if p.NextWeek, err = app.db.PeriodsToPack(ctx, rq.Actor, id, p.WeekStart.AddDays(7), p.WeekStart.AddDays(13)); err != nil {
		return err
	}
	if p.Deviations, err = app.db.PharmacyDeviationsTraced(ctx, rq.Actor, rq.Now.AddDate(0, 0, -deviationDays)); err != nil {
		return err
	}
	var ids []string
	for _, u := range p.Urgent {
		ids = append(ids, u.CaseID)
	}
	for _, k := range append(p.ThisWeek, p.NextWeek...) {
		ids = append(ids, k.CaseID)
	}
	if err := app.db.LogListAccess(ctx, rq.Actor, "web.pharmacy", ids, rq.Now); err != nil {
		return err
	}
	return app.page(w, r, rq, "pharmacy", View{Title: ph.Name, Data: p})
}

// NextWeekStart is the Monday of the week after WeekStart.
func (p pharmacyPage) NextWeekStart() calendar.Date { return p.WeekStart.AddDays(7) }

// CanDeliver reports whether the pharmacy may record p's roll delivered
// today (workflow.Period.Deliverable), so the page offers the button only
// where RecordDelivered accepts it.
func (v View) CanDeliver(p workflow.Period) bool {
	return v.Req != nil && p.Deliverable(calendar.Today(v.Req.Now))
}

// UrgentStatus is an urgent roll status's label.
func (v View) UrgentStatus(s workflow.UrgentStatus) string { return s.Label(v.lang()) }

// PeriodStatus is a roll period status's label.
func (v View) PeriodStatus(s workflow.PeriodStatus) string { return s.Label(v.lang()) }

// UrgentReason is an urgent roll reason's label.
func (v View) UrgentReason(code string) string { return v.T("urgent.reason." + code) }

// Deviation is a receipt deviation kind's label.
func (v View) Deviation(kind string) string { return workflow.DeviationLabel(kind, v.lang()) }

// Reminder names a reminder kind in the request's language.
func (v View) Reminder(kind string) string { return workflow.ReminderLabel(kind, v.lang()) }
