package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
)

// caseAssess evaluates the facts typed in against the municipality's rule
// set (the default unless an admin stored one) and stores the explained
// verdict; an empty field is an unknown fact.
func (app *App) caseAssess(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		return err
	}
	d, err := app.db.CaseDetail(r.Context(), rq.Actor, id, "web.case.assess", rq.Now)
	if err != nil {
		return err
	}
	rs, err := app.ruleSet(r.Context(), d.Case.Municipality)
	if err != nil {
		return err
	}
	facts, err := factsFromForm(r, rs)
	if err != nil {
		return app.caseRefused(r, rq, id, "assess", err)
	}
	if _, _, err := app.svc.Assess(r.Context(), rq.Actor, id, rs, facts, r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "assess", err)
	}
	return app.caseDone(w, r, rq, id)
}

// factsFromForm collects the fields fact_<key> of the rule set's facts as
// text; workflow.ParseFacts reads them as the command line's --fact does.
func factsFromForm(r *http.Request, rs *eligibility.RuleSet) (eligibility.Facts, error) {
	raw := map[string]string{}
	for _, fi := range rs.Facts() {
		raw[fi.Key] = r.PostFormValue("fact_" + fi.Key)
	}
	return workflow.ParseFacts(rs, raw)
}
