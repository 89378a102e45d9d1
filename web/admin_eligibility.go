package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
)

// eligibilityPage shows the default rule set, the municipalities' own rule
// sets and the upload form.
type eligibilityPage struct {
	Default        *eligibility.RuleSet
	DefaultJSON    string
	Stored         []data.StoredSetting
	Shown          *eligibility.RuleSet
	ShownCode      int
	Municipalities []data.Municipality
}

// Value formats a criterion's threshold for the table.
func (eligibilityPage) Value(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

func (app *App) eligibilityView(r *http.Request, rq *Request) (View, error) {
	ctx := r.Context()
	p := eligibilityPage{Default: eligibility.Default()}
	b, err := json.MarshalIndent(p.Default, "", "  ")
	if err != nil {
		return View{}, err
	}
	p.DefaultJSON = string(b)
	if p.Stored, err = app.db.CurrentSettings(ctx, data.SettingEligibility); err != nil {
		return View{}, err
	}
	if p.Municipalities, err = app.db.Municipalities(ctx); err != nil {
		return View{}, err
	}
	if code, _ := strconv.Atoi(r.URL.Query().Get("m")); code > 0 {
		if p.Shown, err = app.ruleSet(ctx, code); err != nil {
			return View{}, err
		}
		p.ShownCode = code
	}
	return View{Title: app.msgs.get(rq.Lang, "nav.eligibility"), Data: p}, nil
}

// adminEligibility shows the rule sets.
func (app *App) adminEligibility(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.eligibilityView(r, rq)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_eligibility", v)
}

// adminEligibilitySave stores an uploaded or pasted rule set for a
// municipality (data.DB.SaveRuleSet checks it, as for the form) over the
// version the page was shown with, or returns the municipality to the
// default ("reset"). A refused file is shown again on the municipality's
// rule-set page with every problem.
func (app *App) adminEligibilitySave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	text, err := uploadedText(r)
	if err != nil {
		return err
	}
	code, err := app.municipalityOf(r, r.PostFormValue("m"))
	if err != nil {
		return err
	}
	base, err := formBase(r)
	if err != nil {
		return err
	}
	body := text
	if r.PostFormValue("reset") == "on" {
		body = ""
	}
	_, err = app.db.SaveRuleSet(r.Context(), code, body, rq.User.Username, rq.Now, base)
	if err != nil {
		v, verr := app.ruleEditInForce(r, rq, code)
		if verr != nil {
			return verr
		}
		v.Data.(*rulesEditPage).Base = base
		r.PostForm.Set("text", text)
		return refuse(err, "admin_rules_edit", "upload", r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "settings.saved"))
	http.Redirect(w, r, "/admin/eligibility/edit?m="+strconv.Itoa(code), http.StatusSeeOther)
	return nil
}

// RuleValue writes a criterion's threshold in plain language ("ja", "3").
func (v View) RuleValue(x any) string { return eligibility.FormatRuleValue(x, v.lang()) }
