package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// maxCriteria bounds the criteria a rule-set form may hold.
const maxCriteria = 50

// ruleForm is a rule set as its form's fields hold it (text, as typed).
type ruleForm struct {
	ID, Version, Title, Published string
	Criteria                      []criterionForm
}

// criterionForm is one criterion's fields.
type criterionForm struct {
	ID, Fact, NewFact, Op, Value, Severity, LabelDA, LabelEN, Source string
	// Messages holds the explanation templates by field ("messages_da.pass", …).
	Messages map[string]string
}

// messageFields are the explanation template fields in form order.
func messageFields() []string {
	return []string{"messages_da.pass", "messages_da.fail", "messages_da.unknown",
		"messages_en.pass", "messages_en.fail", "messages_en.unknown"}
}

// ruleFormOf writes a rule set into form fields.
func ruleFormOf(rs *eligibility.RuleSet, lang i18n.Lang) ruleForm {
	f := ruleForm{ID: rs.ID, Version: rs.Version, Title: rs.Title}
	if d, err := calendar.ParseDate(rs.Published); err == nil && rs.Published != "" {
		f.Published = d.Format()
	}
	for _, c := range rs.Criteria {
		f.Criteria = append(f.Criteria, criterionForm{ID: c.ID, Fact: c.Fact, Op: c.Op,
			Value: eligibility.FormatRuleValue(c.Value, lang), Severity: c.Severity, LabelDA: c.LabelDA,
			LabelEN: c.LabelEN, Source: c.Source, Messages: map[string]string{
				"messages_da.pass": c.MessagesDA.Pass, "messages_da.fail": c.MessagesDA.Fail, "messages_da.unknown": c.MessagesDA.Unknown,
				"messages_en.pass": c.MessagesEN.Pass, "messages_en.fail": c.MessagesEN.Fail, "messages_en.unknown": c.MessagesEN.Unknown}})
	}
	return f
}

// ruleFormFrom reads the posted fields; criteria ticked "remove" are left
// out. Fields are c.<i>.<name> for i = 0, 1, … while c.<i>.fact is posted.
func ruleFormFrom(r *http.Request) (ruleForm, error) {
	f := ruleForm{ID: r.PostFormValue("rs.id"), Version: r.PostFormValue("rs.version"),
		Title: r.PostFormValue("rs.title"), Published: r.PostFormValue("rs.published")}
	for i := 0; ; i++ {
		p := "c." + strconv.Itoa(i) + "."
		if _, ok := r.PostForm[p+"fact"]; !ok {
			break
		}
		if i >= maxCriteria {
			return f, workflow.Invalid("err.ruleset.too_many_criteria", maxCriteria)
		}
		if r.PostFormValue(p+"remove") == "on" {
			continue
		}
		c := criterionForm{ID: r.PostFormValue(p + "id"), Fact: r.PostFormValue(p + "fact"), NewFact: strings.TrimSpace(r.PostFormValue(p + "newfact")),
			Op: r.PostFormValue(p + "op"), Value: r.PostFormValue(p + "value"), Severity: r.PostFormValue(p + "severity"),
			LabelDA: strings.TrimSpace(r.PostFormValue(p + "label_da")), LabelEN: strings.TrimSpace(r.PostFormValue(p + "label_en")),
			Source: strings.TrimSpace(r.PostFormValue(p + "source")), Messages: map[string]string{}}
		for _, m := range messageFields() {
			c.Messages[m] = strings.TrimSpace(r.PostFormValue(p + m))
		}
		f.Criteria = append(f.Criteria, c)
	}
	return f, nil
}

// ruleSet turns the fields into a rule set for eligibility's checks: the
// threshold read by eligibility.ParseRuleValue for the op, the publication
// date from dd-mm-yyyy (as typed when it is no date, for Validate to
// refuse), and a new criterion's id from its fact.
func (f ruleForm) ruleSet() *eligibility.RuleSet {
	rs := &eligibility.RuleSet{ID: strings.TrimSpace(f.ID), Version: strings.TrimSpace(f.Version), Title: strings.TrimSpace(f.Title)}
	if p := strings.TrimSpace(f.Published); p != "" {
		rs.Published = p
		if d, err := calendar.ParseDate(p); err == nil {
			rs.Published = d.String()
		}
	}
	used := map[string]bool{}
	for _, c := range f.Criteria {
		used[c.ID] = c.ID != ""
	}
	for i := range f.Criteria {
		c := &f.Criteria[i]
		fact := c.Fact
		if c.NewFact != "" {
			fact = c.NewFact
		}
		if c.ID == "" && fact != "" {
			c.ID = fact
			for n := 2; used[c.ID]; n++ {
				c.ID = fact + "_" + strconv.Itoa(n)
			}
			used[c.ID] = true
		}
		rs.Criteria = append(rs.Criteria, eligibility.Criterion{ID: c.ID, Fact: fact, Op: c.Op,
			Value: eligibility.ParseRuleValue(c.Op, c.Value), Severity: c.Severity, LabelDA: c.LabelDA, LabelEN: c.LabelEN,
			Source:     c.Source,
			MessagesDA: eligibility.Messages{Pass: c.Messages["messages_da.pass"], Fail: c.Messages["messages_da.fail"], Unknown: c.Messages["messages_da.unknown"]},
			MessagesEN: eligibility.Messages{Pass: c.Messages["messages_en.pass"], Fail: c.Messages["messages_en.fail"], Unknown: c.Messages["messages_en.unknown"]}})
	}
	return rs
}

// adminEligibilityEditForm shows the rule set in force for a municipality
// as a form, with a new version proposed.
func (app *App) adminEligibilityEditForm(w http.ResponseWriter, r *http.Request, rq *Request) error {
	code, err := app.municipalityOf(r, r.URL.Query().Get("m"))
	if err != nil {
		return err
	}
	v, err := app.ruleEditInForce(r, rq, code)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_rules_edit", v)
}

// ruleEditInForce is the form of the rule set in force for a municipality,
// with the next version proposed.
func (app *App) ruleEditInForce(r *http.Request, rq *Request, code int) (View, error) {
	rs, err := app.ruleSet(r.Context(), code)
	if err != nil {
		return View{}, err
	}
	f := ruleFormOf(rs, rq.Lang)
	f.Version = eligibility.SuggestVersion(rs.Version)
	return app.ruleEditView(r, rq, code, f)
}

// municipalityOf reads a municipality code from a form or query value and
// refuses one that is not among the 98.
func (app *App) municipalityOf(r *http.Request, value string) (int, error) {
	code, _ := strconv.Atoi(value)
	return code, app.db.RequireMunicipality(r.Context(), code)
}

// adminEligibilityEdit handles the form's buttons: "add" adds an empty
// criterion, "preview" evaluates the sample facts with the form's rule set
// (eligibility.Evaluate; facts parsed by workflow.ParseFacts) without
// saving, and "save" stores a new version through data.DB.SaveRuleSet (the
// upload's checks) over the version the form was shown with.
func (app *App) adminEligibilityEdit(w http.ResponseWriter, r *http.Request, rq *Request) error {
	code, err := app.municipalityOf(r, r.PostFormValue("m"))
	if err != nil {
		return err
	}
	f, err := ruleFormFrom(r)
	if err != nil {
		return err
	}
	rs := f.ruleSet()
	v, err := app.ruleEditView(r, rq, code, f)
	if err != nil {
		return err
	}
	p := v.Data.(*rulesEditPage)
	if p.Base, err = formBase(r); err != nil {
		return err
	}
	switch r.PostFormValue("action") {
	case "add":
		if len(f.Criteria) >= maxCriteria {
			return workflow.Invalid("err.ruleset.too_many_criteria", maxCriteria)
		}
		p.Form.Criteria = append(p.Form.Criteria, criterionForm{Op: eligibility.OpEq, Severity: eligibility.SeverityRequired, Messages: map[string]string{}})
		p.Focus = len(p.Form.Criteria) - 1
		return app.page(w, r, rq, "admin_rules_edit", v)
	case "preview":
		if err := rs.Validate(); err != nil {
			p.setProblems(err)
			return refuse(data.RuleSetInvalid(err), "admin_rules_edit", "rules", r, v)
		}
		p.Facts = rs.Facts()
		raw := map[string]string{}
		for _, fi := range p.Facts {
			if t := strings.TrimSpace(r.PostFormValue("fact_" + fi.Key)); t != "" {
				raw[fi.Key] = t
			}
		}
		facts, err := workflow.ParseFacts(rs, raw)
		if err != nil {
			return refuse(err, "admin_rules_edit", "preview", r, v)
		}
		verdict := eligibility.Evaluate(rs, facts)
		p.Verdict = &verdict
		return app.page(w, r, rq, "admin_rules_edit", v)
	}
	body, err := jsonBody(rs)
	if err == nil {
		_, err = app.db.SaveRuleSet(r.Context(), code, string(body), rq.User.Username, rq.Now, p.Base)
	}
	if err != nil {
		p.setProblems(err)
		return refuse(err, "admin_rules_edit", "rules", r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "settings.saved"))
	http.Redirect(w, r, "/admin/eligibility/edit?m="+strconv.Itoa(code), http.StatusSeeOther)
	return nil
}

// setProblems keeps a refusal's rule-set problems for their fields.
func (p *rulesEditPage) setProblems(err error) {
	var ve *eligibility.ValidationError
	if errors.As(err, &ve) {
		p.Problems = ve.Problems
	}
}
