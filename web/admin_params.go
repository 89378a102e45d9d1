package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/reports"
)

// paramsPage shows the model parameters in force with their sources, the
// stored params file and the upload form.
type paramsPage struct {
	Defaults reports.Params
	Current  reports.Params
	Stored   *data.StoredSetting
}

// Overrides lists the municipality overrides in force by code.
func (p paramsPage) Overrides() []paramsOverride {
	var out []paramsOverride
	for code, m := range p.Current.Overrides {
		out = append(out, paramsOverride{Code: code, Model: m})
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Code < out[j-1].Code; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// paramsOverride is one municipality's model.
type paramsOverride struct {
	Code  int
	Model reports.Model
}

func (app *App) paramsView(r *http.Request, rq *Request) (View, error) {
	p := paramsPage{Defaults: reports.DefaultParams()}
	var err error
	if p.Current, err = app.reportParams(r.Context()); err != nil {
		return View{}, err
	}
	s, ok, err := app.db.Setting(r.Context(), data.SettingReportParams, 0)
	if err != nil {
		return View{}, err
	}
	if ok {
		p.Stored = &s
	}
	return View{Title: app.msgs.get(rq.Lang, "nav.params"), Data: p}, nil
}

// adminParams shows the nursing-hours model parameters.
func (app *App) adminParams(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.paramsView(r, rq)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_params", v)
}

// adminParamsSave stores a params file (data.DB.SaveReportParams checks it)
// or returns to the defaults with "reset"; the reports pages use it from
// then on.
func (app *App) adminParamsSave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	text, err := uploadedText(r)
	if err != nil {
		return err
	}
	if r.PostFormValue("reset") == "on" {
		text = ""
	}
	_, err = app.db.SaveReportParams(r.Context(), text, rq.User.Username, rq.Now)
	if err != nil {
		v, verr := app.paramsView(r, rq)
		if verr != nil {
			return verr
		}
		r.PostForm.Set("text", text)
		return refuse(err, "admin_params", "upload", r, v)
	}
	app.flash(r, app.msgs.get(rq.Lang, "settings.saved"))
	http.Redirect(w, r, "/admin/params", http.StatusSeeOther)
	return nil
}
