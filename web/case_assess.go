package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/eligibility"
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
	facts := factsFromForm(r, rs)
	if _, _, err := app.svc.Assess(r.Context(), rq.Actor, id, rs, facts, r.PostFormValue("note")); err != nil {
		return app.caseRefused(r, rq, id, "assess", err)
	}
	return app.caseDone(w, r, rq, id)
}

// factsFromForm reads the fields fact_<key> of the known facts: "true" and
// "false" for yes/no facts, numbers with a decimal comma or point, text.
func factsFromForm(r *http.Request, rs *eligibility.RuleSet) eligibility.Facts {
	f := eligibility.Facts{}
	for _, fi := range rs.Facts() {
		v := strings.TrimSpace(r.PostFormValue("fact_" + fi.Key))
		if v == "" {
			continue
		}
		switch fi.Type {
		case "bool":
			f[fi.Key] = v == "true"
		case "number":
			if n, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err == nil {
				f[fi.Key] = n
			} else {
				f[fi.Key] = v // the rule set reports it as not understood
			}
		default:
			f[fi.Key] = v
		}
	}
	return f
}
