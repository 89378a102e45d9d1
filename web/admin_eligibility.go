package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
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

// adminEligibilitySave stores a municipality's rule set after
// eligibility.Parse accepted it, or returns the municipality to the
// default ("reset"). A refused file is shown again with every problem.
func (app *App) adminEligibilitySave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	text, err := uploadedText(r)
	if err != nil {
		return err
	}
	code, _ := strconv.Atoi(r.PostFormValue("municipality"))
	err = app.checkMunicipality(r, code)
	reset := r.PostFormValue("reset") == "on"
	if err == nil && !reset {
		if _, perr := eligibility.Parse([]byte(text)); perr != nil {
			msg := strings.ReplaceAll(perr.Error(), "\n", "; ")
			err = workflow.Invalid("regelsættet kan ikke bruges: "+msg, "the rule set cannot be used: "+msg)
		}
	}
	if err == nil {
		if reset {
			text = ""
		}
		_, err = app.db.SaveSetting(r.Context(), data.SettingEligibility, code, text, rq.User.Username, rq.Now)
	}
	if err != nil {
		v, verr := app.eligibilityView(r, rq)
		if verr != nil {
			return verr
		}
		r.PostForm.Set("text", text)
		return refuse(err, "admin_eligibility", "upload", r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "settings.saved"))
	http.Redirect(w, r, "/admin/eligibility?m="+strconv.Itoa(code), http.StatusSeeOther)
	return nil
}

// checkMunicipality refuses a code that is not one of the 98 municipalities.
func (app *App) checkMunicipality(r *http.Request, code int) error {
	ms, err := app.db.Municipalities(r.Context())
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Code == code {
			return nil
		}
	}
	return workflow.Invalidf("vælg en kommune (%d er ikke en kommunekode)", "choose a municipality (%d is not a municipality code)", code)
}
