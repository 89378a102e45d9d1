package web

import (
	"crypto/rand"
	"net/http"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// caseRolls is the roll-cycle part of the case page.
type caseRolls struct {
	Show     bool
	Periods  []workflow.Period
	Devs     map[int64][]workflow.Deviation
	Changes  []workflow.MedicationChange
	Hospital []workflow.HospitalNotification
	Urgent   []urgentWithEvents
	// GP is the open GP request with its GP's absence (nil without one).
	GP *workflow.GPRequestInfo
	// Outcome is the answer to a medication change or hospital
	// notification just recorded, shown once above the forms.
	Outcome *actionOutcome
	// Prefill is the urgent-roll request the outcome suggests.
	Prefill *workflow.UrgentRequest
	// CanRequest: the case's state allows an urgent-roll request.
	CanRequest bool
	// RequestKey is the urgent-roll form's idempotency key, new with every
	// rendering: submitting the same form twice orders one roll.
	RequestKey string
	// Past holds the periods folded away below Periods (ended and
	// received, or not dispensed, before today), read only when the page
	// is asked for them (?past=1); PastCount counts them either way, for
	// the link to them.
	Past      []workflow.Period
	PastCount int
	// Today is the Danish civil date, State the case's state: what
	// Extendable needs.
	Today calendar.Date
	State workflow.State
}

// urgentWithEvents is an urgent roll with its status history.
type urgentWithEvents struct {
	data.UrgentQueueItem
	Events []workflow.UrgentEvent
	Devs   []workflow.Deviation
}

// actionOutcome is what a change or notification decided, in both languages.
type actionOutcome struct {
	TextDA, TextEN string
	Decision       string
}

// caseRollsOf loads the roll sections of c within the user's scope.
func (app *App) caseRollsOf(r *http.Request, rq *Request, c workflow.Case) (caseRolls, error) {
	ctx, a := r.Context(), rq.Actor
	out := caseRolls{Devs: map[int64][]workflow.Deviation{}}
	switch c.State {
	case workflow.StateActive, workflow.StatePaused, workflow.StateEnded, workflow.StateApproved:
		out.Show = true
	}
	out.CanRequest = c.PharmacyID != "" && (c.State == workflow.StateActive || c.State == workflow.StatePaused || c.State == workflow.StateApproved)
	out.RequestKey = rand.Text()
	var err error
	if c.State == workflow.StateAwaitingGP {
		gp, err := app.svc.GPRequestStatus(ctx, a, c.ID)
		switch {
		case err == nil:
			out.GP = &gp
		case workflow.KindOf(err) != workflow.KindNotFound:
			return out, err
		}
	}
	if !out.Show {
		return out, nil
	}
	out.Today, out.State = calendar.Today(rq.Now), c.State
	ps, err := app.db.CaseFoldedPeriods(ctx, a, c.ID, out.Today, r.URL.Query().Get("past") == "1")
	if err != nil {
		return out, err
	}
	out.Periods, out.Past, out.PastCount = ps.Current, ps.Past, ps.PastCount
	devs, err := app.db.CaseDeviations(ctx, a, c.ID)
	if err != nil {
		return out, err
	}
	byUrgent := map[string][]workflow.Deviation{}
	for _, d := range devs {
		if d.UrgentRollID != "" {
			byUrgent[d.UrgentRollID] = append(byUrgent[d.UrgentRollID], d)
		} else {
			out.Devs[d.PeriodID] = append(out.Devs[d.PeriodID], d)
		}
	}
	if out.Changes, err = app.db.CaseChanges(ctx, a, c.ID); err != nil {
		return out, err
	}
	if out.Hospital, err = app.db.CaseHospitalNotifications(ctx, a, c.ID); err != nil {
		return out, err
	}
	us, err := app.db.CaseUrgentRolls(ctx, a, c.ID, rq.Now)
	if err != nil {
		return out, err
	}
	for _, u := range us {
		ev, err := app.db.UrgentEvents(ctx, a, u.ID)
		if err != nil {
			return out, err
		}
		out.Urgent = append(out.Urgent, urgentWithEvents{UrgentQueueItem: u, Events: ev, Devs: byUrgent[u.ID]})
	}
	return out, nil
}

// Extendable reports whether the period can still be extended: the case
// is active or paused, the roll is not packed and its deadline has not
// passed (workflow.ExtendPeriod decides; this only offers the form).
func (c caseRolls) Extendable(p workflow.Period) bool {
	return (c.State == workflow.StateActive || c.State == workflow.StatePaused) && p.Packable() && !p.Deadline.Before(c.Today)
}

// DeviationKinds lists the receipt-control deviation kinds for the form.
func (caseRolls) DeviationKinds() []string { return workflow.DeviationKinds() }

// UrgentReasons lists the urgent-roll reasons for the form.
func (caseRolls) UrgentReasons() []string { return workflow.UrgentReasons() }

// Receivable reports whether a period's roll awaits receipt control.
func (caseRolls) Receivable(p workflow.Period) bool { return p.Status == workflow.PeriodDispensed }

// Open reports whether an urgent roll can still be cancelled.
func (u urgentWithEvents) Open() bool {
	return u.Status == workflow.UrgentRequested || u.Status == workflow.UrgentAccepted
}

// Receivable reports whether a delivered urgent roll awaits receipt control.
func (u urgentWithEvents) Receivable() bool {
	return u.Status == workflow.UrgentDelivered && u.ReceivedAt == nil
}

// prefill returns a field's value for the urgent-roll form: what was typed
// after a refusal, else the suggested request's value, else def.
func (v View) Prefill(field, def string) string {
	if v.Form != nil && v.FormName == "urgent" {
		return v.Form.Get(field)
	}
	p, ok := v.Data.(casePage)
	if !ok || p.Rolls.Prefill == nil {
		return def
	}
	u := p.Rolls.Prefill
	switch field {
	case "reason":
		return u.Reason
	case "needed_date":
		return v.Day(u.NeededBy)
	case "needed_time":
		return v.Clock(u.NeededBy)
	case "note":
		return u.Note
	}
	return def
}
