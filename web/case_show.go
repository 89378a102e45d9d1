package web

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// casePage is the case page: the case, its timeline, the latest explained
// verdict, and what the forms need.
type casePage struct {
	data.CaseDetail
	Timeline []timelineItem
	Verdict  []eligibility.CriterionResult
	Outcome  string
	Facts    []eligibility.FactInfo
	// Pharmacies are the choices of the start form (loaded only when the
	// case can start); PharmacyName names the case's pharmacy.
	Pharmacies   []workflow.Pharmacy
	PharmacyName string
	// Can lists the events the case's state allows, by name.
	Can     map[string]bool
	Reasons map[string][]workflow.Reason
	// Rolls holds the roll cycle sections: periods, receipt control,
	// medication changes, urgent rolls, hospital notifications, GP absence.
	Rolls caseRolls
	// Judged is the professional assessment of the latest rule verdict,
	// Consent the latest consent (for the summary), Expires the DD
	// prescription's expiry, when there are.
	Judged  *data.AssessmentRecord
	Consent *workflow.Consent
	Expires calendar.Date
}

// caseView loads the case within the user's scope (the view is logged).
func (app *App) caseView(r *http.Request, rq *Request, id string) (View, error) {
	d, err := app.db.CaseDetail(r.Context(), rq.Actor, id, "web.case", rq.Now)
	if err != nil {
		return View{}, err
	}
	rs, err := app.ruleSet(r.Context(), d.Case.Municipality)
	if err != nil {
		return View{}, err
	}
	p := casePage{CaseDetail: d, Facts: rs.Facts(), Can: map[string]bool{}, Reasons: map[string][]workflow.Reason{}}
	if p.Rolls, err = app.caseRollsOf(r, rq, d.Case); err != nil {
		return View{}, err
	}
	for _, t := range workflow.Transitions() {
		if slices.Contains(t.From, d.Case.State) && slices.Contains(t.Roles, rq.Actor.Role) {
			p.Can[string(t.Event)] = true
		}
		p.Reasons[string(t.Event)] = workflow.Reasons(t.Event)
	}
	// Every pharmacy only for the start form's choice (the case's
	// municipality's first); otherwise the page names one.
	if p.Can[string(workflow.EventStart)] {
		if p.Pharmacies, err = app.db.Pharmacies(r.Context()); err != nil {
			return View{}, err
		}
		slices.SortStableFunc(p.Pharmacies, func(a, b workflow.Pharmacy) int {
			return boolRank(a.Municipality == d.Case.Municipality) - boolRank(b.Municipality == d.Case.Municipality)
		})
	}
	if id := d.Case.PharmacyID; id != "" {
		names, err := app.db.PharmacyNames(r.Context(), []string{id})
		if err != nil {
			return View{}, err
		}
		p.PharmacyName = names[id]
	}
	if last, judged := verdictAndJudgement(d.Assessments); last != nil {
		p.Outcome, p.Judged = last.Outcome, judged
		if err := json.Unmarshal([]byte(last.ResultsJSON), &p.Verdict); err != nil {
			app.log.Warn("case page: stored verdict unreadable", "case", d.Case.ID, "err", err)
		}
	}
	if n := len(d.Consents); n > 0 {
		p.Consent = &d.Consents[n-1]
	}
	for _, g := range d.GPRequests {
		if g.Decision == "approved" && !g.PrescriptionExpires.IsZero() {
			p.Expires = g.PrescriptionExpires
		}
	}
	people, err := app.db.People(r.Context(), p.actorIDs())
	if err != nil {
		return View{}, err
	}
	p.Timeline = app.timeline(d, people, rq.Lang)
	if err := app.gpNames(r.Context(), d, p.Timeline, rq.Lang); err != nil {
		return View{}, err
	}
	return View{Title: d.Citizen.Name, Data: p, people: people}, nil
}

// actorIDs lists the actor ids of every row the case page shows, for one
// lookup of the people behind them.
func (p casePage) actorIDs() []string {
	var ids []string
	for _, e := range p.Audit {
		ids = append(ids, e.Actor)
	}
	for _, c := range p.Consents {
		ids = append(ids, c.RecordedBy, c.WithdrawnRecordedBy)
	}
	for _, a := range p.Assessments {
		ids = append(ids, a.AssessedBy)
	}
	for _, g := range p.GPRequests {
		ids = append(ids, g.RequestedBy)
	}
	for _, m := range p.Messages {
		ids = append(ids, m.Actor)
	}
	for _, ps := range [][]workflow.Period{p.Rolls.Periods, p.Rolls.Past} {
		for _, pr := range ps {
			ids = append(ids, pr.ReceivedBy)
		}
	}
	for _, u := range p.Rolls.Urgent {
		for _, e := range u.Events {
			ids = append(ids, e.Actor)
		}
	}
	return ids
}

func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

// caseShow shows the case page.
func (app *App) caseShow(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.caseView(r, rq, r.PathValue("id"))
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "case", v)
}

// caseDone goes back to the case page after an action, with a note, at
// the section the form named (field "section"), so the nurse stays where
// she was.
func (app *App) caseDone(w http.ResponseWriter, r *http.Request, rq *Request, id string) error {
	app.flash(r, app.msgs.get(rq.Lang, "case.done"))
	http.Redirect(w, r, "/cases/"+id+sectionAnchor(r.PostFormValue("section")), http.StatusSeeOther)
	return nil
}

// caseRefused shows the case page again with the refused form, what was
// typed and why (every unmet guard, in plain language). A case that is not
// found (or out of scope) stays a 404.
func (app *App) caseRefused(r *http.Request, rq *Request, id, form string, err error) error {
	if workflow.KindOf(err) == workflow.KindNotFound {
		return err
	}
	v, verr := app.caseView(r, rq, id)
	if verr != nil {
		return verr
	}
	if done := app.alreadyDone(r, rq, v, err); done != nil {
		err = done
	}
	return refuse(err, "case", form, r, v)
}

// reasonForm is the data of the shared form for events with a reason code
// (pause, decline, end).
type reasonForm struct {
	View
	Event   string
	CaseID  string
	Reasons []workflow.Reason
}

// Selected reports whether code was chosen in this form before a refusal.
func (f reasonForm) Selected(code string) bool {
	return f.FormName == f.Event && f.Form.Get("reason") == code
}

// ReasonForm returns the data for the reason-code form of event ev.
func (v View) ReasonForm(ev string) reasonForm {
	f := reasonForm{View: v, Event: ev, Reasons: workflow.Reasons(workflow.Event(ev))}
	if p, ok := v.Data.(casePage); ok {
		f.CaseID = p.Case.ID
	}
	return f
}
