package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/refdata"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// caseJudge records the nurse's professional assessment of a "needs
// review" verdict: eligible or not (field eligible = yes/no), with a reason.
func (app *App) caseJudge(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	var err error
	switch r.PostFormValue("eligible") {
	case "yes", "no":
		_, err = app.svc.ProfessionalAssessment(r.Context(), rq.Actor, id, r.PostFormValue("eligible") == "yes", r.PostFormValue("reason"))
	default:
		err = workflow.Invalid("err.case.choose_eligibility")
	}
	if err != nil {
		return app.caseRefused(r, rq, id, "judge", err)
	}
	return app.caseDone(w, r, rq, id)
}

// caseRenew records the GP's renewal of the prescription (field expires,
// empty: the default length).
func (app *App) caseRenew(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	exp, err := formDate(r.PostFormValue("expires"), "gp.expires")
	if err == nil {
		_, err = app.svc.RecordRenewal(r.Context(), rq.Actor, id, exp, r.PostFormValue("note"))
	}
	if err != nil {
		return app.caseRefused(r, rq, id, "renew", err)
	}
	return app.caseDone(w, r, rq, id)
}

// verdictAndJudgement picks the latest rule verdict and, when a
// professional assessment came after it, that judgement.
func verdictAndJudgement(as []data.AssessmentRecord) (verdict *data.AssessmentRecord, judged *data.AssessmentRecord) {
	for i := len(as) - 1; i >= 0; i-- {
		a := &as[i]
		if a.RuleSetID == workflow.ProfessionalRuleSet {
			if judged == nil && verdict == nil {
				judged = a
			}
			continue
		}
		verdict = a
		break
	}
	return verdict, judged
}

// gpNames adds the GP's name to the timeline's GP requests and the
// substitute's name to a redirect, so the nurse reads who has the request.
func (app *App) gpNames(ctx context.Context, d data.CaseDetail, items []timelineItem, lang i18n.Lang) error {
	if len(d.GPRequests) == 0 {
		return nil
	}
	from, err := app.db.GPRequestsRedirectedFrom(ctx, d.Case.ID)
	if err != nil {
		return err
	}
	var ids []string
	for _, g := range d.GPRequests {
		ids = append(ids, g.GPID)
	}
	for _, f := range from {
		ids = append(ids, f)
	}
	names, err := app.db.GPNames(ctx, ids)
	if err != nil {
		return err
	}
	requested, redirect := app.msgs.get(lang, "gp.requested"), app.msgs.get(lang, "event."+string(workflow.EventGPRedirect))
	for i := range items {
		it := &items[i]
		for _, g := range d.GPRequests {
			original := g.GPID
			if f, ok := from[g.ID]; ok {
				original = f
			}
			switch {
			case it.What == requested && it.At.Equal(g.RequestedAt):
				it.Text = joinText(it.Text, names[original])
			case it.What == redirect && !it.At.Before(g.RequestedAt) && from[g.ID] != "":
				it.Text = joinText(it.Text, app.msgs.get(lang, "gp.substitute")+": "+names[g.GPID])
			}
		}
	}
	return nil
}

func joinText(a, b string) string {
	switch {
	case b == "":
		return a
	case a == "":
		return b
	}
	return a + " · " + b
}

// movedText names the municipalities of a move's audit reason "851→101".
func movedText(reason string) string {
	from, to, ok := strings.Cut(reason, "→")
	if !ok {
		return reason
	}
	return municipalityName(from) + " → " + municipalityName(to)
}

func municipalityName(code string) string {
	n, err := strconv.Atoi(code)
	if err != nil {
		return code
	}
	m, ok, err := refdata.MunicipalityByCode(n)
	if err != nil || !ok {
		return code
	}
	return m.Name
}

// alreadyDone explains a refusal that a colleague caused: when the case
// changed since the nurse loaded the form (its version field), the refusal
// says who did what at what time, instead of a technical refusal ("already
// done by Nina Nurse at 09:38: Registrér samtykke"). It returns nil when
// the case did not change, or the refusal is of another kind.
func (app *App) alreadyDone(r *http.Request, rq *Request, v View, refused error) error {
	switch workflow.KindOf(refused) {
	case workflow.KindInvalidTransition, workflow.KindConflict, workflow.KindInvalid:
	default:
		return nil
	}
	p, ok := v.Data.(casePage)
	seen, err := strconv.Atoi(r.PostFormValue("version"))
	if !ok || err != nil || seen >= p.Case.Version || len(p.Audit) == 0 {
		return nil
	}
	last := p.Audit[len(p.Audit)-1]
	if last.Seq <= seen || last.Actor == rq.Actor.UserID {
		return nil
	}
	who := last.Actor
	if u, err := app.db.UserByUsername(r.Context(), last.Actor); err == nil {
		who = u.Name
	} else if u, err := app.db.User(r.Context(), last.Actor); err == nil {
		who = u.Name
	}
	what := app.msgs.get(rq.Lang, "event."+string(last.Event))
	at := calendar.FormatClock(last.At)
	return &workflow.Error{Kind: workflow.KindConflict,
		Key: "err.case.already_done", Args: []any{who, at, what}}
}
