package web

import (
	"net/http"
	"strconv"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/i18n"
)

// rulesEditPage is the rule-set form of one municipality: the fields, the
// version the form started from, the facts a criterion can read, the
// problems of a refused save or preview by field, and a preview verdict.
type rulesEditPage struct {
	Code         int
	Municipality string
	Form         ruleForm
	Base         int64
	// KnownFacts are the facts of the default rule set and of the one in
	// force, for the fact picker.
	KnownFacts []eligibility.FactInfo
	Problems   []eligibility.Problem
	// Facts are the preview's fact fields (the form's rule set's facts).
	Facts   []eligibility.FactInfo
	Verdict *eligibility.Verdict
	// Focus is the criterion just added (-1: none).
	Focus int
}

// Ops and Severities list the choices of the form.
func (rulesEditPage) Ops() []string {
	return []string{eligibility.OpEq, eligibility.OpGte, eligibility.OpLte, eligibility.OpIn}
}

// Severities lists the severities.
func (rulesEditPage) Severities() []string {
	return []string{eligibility.SeverityRequired, eligibility.SeverityAdvisory}
}

// MessageFields lists the explanation fields.
func (rulesEditPage) MessageFields() []string { return messageFields() }

// Problem returns the problem of criterion i's field (i = -1: the rule
// set's own field), if any.
func (p rulesEditPage) Problem(i int, field string) *eligibility.Problem {
	for k := range p.Problems {
		if p.Problems[k].Criterion == i && p.Problems[k].Field == field {
			return &p.Problems[k]
		}
	}
	return nil
}

// Num is criterion i's number for people (from 1).
func (rulesEditPage) Num(i int) int { return i + 1 }

// SummaryDA and SummaryEN are the preview verdict's one-line summary.
func (p rulesEditPage) SummaryDA() string { return p.summary(i18n.Danish) }

// SummaryEN is the English summary.
func (p rulesEditPage) SummaryEN() string { return p.summary(i18n.English) }

func (p rulesEditPage) summary(l i18n.Lang) string {
	if p.Verdict == nil {
		return ""
	}
	return p.Verdict.Summary(l)
}

// Name is a field's form name, "c.3.op".
func (rulesEditPage) Name(i int, field string) string { return "c." + strconv.Itoa(i) + "." + field }

// FactKnown reports whether key is one of the picker's facts.
func (p rulesEditPage) FactKnown(key string) bool {
	for _, f := range p.KnownFacts {
		if f.Key == key {
			return true
		}
	}
	return false
}

func (app *App) ruleEditView(r *http.Request, rq *Request, code int, f ruleForm) (View, error) {
	ctx := r.Context()
	p := &rulesEditPage{Code: code, Form: f, Focus: -1}
	names, err := app.municipalityNames(r)
	if err != nil {
		return View{}, err
	}
	p.Municipality = names[code]
	if p.Base, err = app.db.SettingVersion(ctx, data.SettingEligibility, code); err != nil {
		return View{}, err
	}
	inForce, err := app.ruleSet(ctx, code)
	if err != nil {
		return View{}, err
	}
	p.KnownFacts = eligibility.KnownFacts()
	for _, fi := range inForce.Facts() {
		if !p.FactKnown(fi.Key) {
			p.KnownFacts = append(p.KnownFacts, fi)
		}
	}
	p.Facts = f.ruleSet().Facts()
	return View{Title: app.msgs.get(rq.Lang, "settingsui.rules_edit") + " · " + p.Municipality, Data: p}, nil
}
