package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/reports"
)

// paramsPage is the model parameters form: the national values and each
// municipality's own values (a blank field falls back to the national
// value), with their units, ranges and sources; the version the form
// started from; the problems of a refused save by field; and the upload.
type paramsPage struct {
	Defaults reports.Params
	Current  reports.Params
	Stored   *data.StoredSetting
	// Base is the version the form was shown with (0: none saved).
	Base int64
	// Text is what the fields hold: the stored file, or what was typed.
	Text reports.ParamsText
	// Codes are the municipalities with a section of their own values.
	Codes          []int
	Municipalities []data.Municipality
	Problems       *reports.ParamsError
}

// paramRow is one field of the form.
type paramRow struct {
	Field string
	reports.Param
	National float64 // the national value a municipality falls back to
	Text     reports.ParamText
	Problem  *reports.ParamProblem
}

// Range writes the allowed range the Danish way: "100–3.000".
func (r paramRow) Range() string { return reports.NumberDA(r.Min) + "–" + reports.NumberDA(r.Max) }

// Unit names a parameter's unit in the reader's language.
func (v View) Unit(u string) string { return v.T("settingsui.unit." + u) }

// NationalText writes the national value a blank field falls back to.
func (r paramRow) NationalText() string { return reports.NumberDA(r.National) }

// National lists the national model parameters and the what-if share.
func (p paramsPage) National() []paramRow {
	var out []paramRow
	for _, prm := range append(p.Defaults.Default.List(), p.Defaults.WhatIfPercent) {
		f := "default." + prm.Key
		if prm.Key == p.Defaults.WhatIfPercent.Key {
			f = prm.Key
		}
		out = append(out, paramRow{Field: f, Param: prm, Text: p.Text[f], Problem: p.Problem(f)})
	}
	return out
}

// Municipal lists a municipality's fields, with the national value each
// falls back to.
func (p paramsPage) Municipal(code int) []paramRow {
	var out []paramRow
	for _, prm := range p.Current.Default.List() {
		f := "municipalities." + strconv.Itoa(code) + "." + prm.Key
		out = append(out, paramRow{Field: f, Param: prm, National: prm.Value, Text: p.Text[f], Problem: p.Problem(f)})
	}
	return out
}

// WhatIfBase returns the what-if base field.
func (p paramsPage) WhatIfBase() reports.ParamText { return p.Text["what_if_base"] }

// Problem returns the refusal's problem at field, if any.
func (p paramsPage) Problem(field string) *reports.ParamProblem {
	if p.Problems == nil {
		return nil
	}
	if pr, ok := p.Problems.For(field); ok {
		return &pr
	}
	return nil
}

// MunicipalityName names a code: "Aalborg (851)".
func (p paramsPage) MunicipalityName(code int) string {
	for _, m := range p.Municipalities {
		if m.Code == code {
			return m.Name + " (" + strconv.Itoa(code) + ")"
		}
	}
	return strconv.Itoa(code)
}

func (app *App) paramsView(r *http.Request, rq *Request, typed reports.ParamsText, problems *reports.ParamsError) (View, error) {
	ctx := r.Context()
	p := paramsPage{Defaults: reports.DefaultParams(), Text: typed, Problems: problems}
	var err error
	if p.Current, err = app.reportParams(ctx); err != nil {
		return View{}, err
	}
	if p.Municipalities, err = app.db.Municipalities(ctx); err != nil {
		return View{}, err
	}
	if p.Base, err = app.db.SettingVersion(ctx, data.SettingReportParams, 0); err != nil {
		return View{}, err
	}
	s, ok, err := app.db.Setting(ctx, data.SettingReportParams, 0)
	if err != nil {
		return View{}, err
	}
	stored := reports.ParamsFile{}
	if ok {
		p.Stored = &s
		if stored, err = reports.DecodeParamsFile(strings.NewReader(s.Body)); err != nil {
			return View{}, err
		}
	}
	if p.Text == nil {
		// The municipalities' own values as stored; the national ones in
		// force (stored or default), so every national field is filled.
		p.Text = stored.Text()
		for _, prm := range append(p.Current.Default.List(), p.Current.WhatIfPercent) {
			f := "default." + prm.Key
			if prm.Key == p.Current.WhatIfPercent.Key {
				f = prm.Key
			}
			p.Text[f] = reports.ParamText{Value: reports.FormatParamNumber(prm.Value), Source: prm.Source}
		}
		p.Text["what_if_base"] = reports.ParamText{Value: p.Current.WhatIfBase.Key, Source: p.Current.WhatIfBase.Source}
	}
	p.Codes = municipalCodes(p.Text)
	if add, _ := strconv.Atoi(r.URL.Query().Get("add")); add > 0 && !slices.Contains(p.Codes, add) {
		p.Codes = append(p.Codes, add)
	}
	return View{Title: app.msgs.get(rq.Lang, "nav.params"), Data: p}, nil
}

// municipalCodes lists the municipalities that have a field in t, in order.
func municipalCodes(t reports.ParamsText) []int {
	var codes []int
	for f := range t {
		rest, ok := strings.CutPrefix(f, "municipalities.")
		if !ok || len(rest) < 3 {
			continue
		}
		if c, err := strconv.Atoi(rest[:3]); err == nil && !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	return codes
}

// keepBase keeps the version a refused form was shown with, so that saving
// it again after the refusal is checked against that version, not silently
// against one saved in between.
func keepBase(v View, base int64) View {
	p := v.Data.(paramsPage)
	p.Base = base
	v.Data = p
	return v
}

// adminParams shows the nursing-hours model parameters form.
func (app *App) adminParams(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, err := app.paramsView(r, rq, nil, nil)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_params", v)
}

// adminParamsEdit saves the form as a new version of the params setting:
// the typed values are read by reports.ParamsText.ParseText and checked by
// data.DB.SaveReportParams (reports.LoadParams), the one check the upload
// and the command line use; a refusal shows each problem at its field.
func (app *App) adminParamsEdit(w http.ResponseWriter, r *http.Request, rq *Request) error {
	base, err := formBase(r)
	if err != nil {
		return err
	}
	typed := reports.ParamsText{}
	for name, vals := range r.PostForm {
		field, ok := strings.CutPrefix(name, "value.")
		if !ok || len(vals) == 0 {
			continue
		}
		typed[field] = reports.ParamText{Value: vals[0], Source: r.PostFormValue("source." + field)}
	}
	if len(typed) > 200 {
		return errTooManyFields()
	}
	defaults := reports.DefaultParams()
	file, err := typed.ParseText(defaults)
	if err == nil {
		var body []byte
		if body, err = jsonBody(file.WithoutDefaults(defaults)); err == nil {
			_, err = app.db.SaveReportParams(r.Context(), string(body), rq.User.Username, rq.Now, base)
		}
	}
	if err != nil {
		var pe *reports.ParamsError
		errors.As(err, &pe)
		v, verr := app.paramsView(r, rq, typed, pe)
		if verr != nil {
			return verr
		}
		return refuse(err, "admin_params", "edit", r, keepBase(v, base))
	}
	app.flash(r, app.msgs.get(rq.Lang, "settings.saved"))
	http.Redirect(w, r, "/admin/params", http.StatusSeeOther)
	return nil
}

// adminParamsSave stores an uploaded params file (data.DB.SaveReportParams
// checks it, as for the form) or returns to the defaults with "reset".
func (app *App) adminParamsSave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	text, err := uploadedText(r)
	if err != nil {
		return err
	}
	base, err := formBase(r)
	if err != nil {
		return err
	}
	if r.PostFormValue("reset") == "on" {
		text = ""
	}
	_, err = app.db.SaveReportParams(r.Context(), text, rq.User.Username, rq.Now, base)
	if err != nil {
		v, verr := app.paramsView(r, rq, nil, nil)
		if verr != nil {
			return verr
		}
		r.PostForm.Set("text", text)
		return refuse(err, "admin_params", "upload", r, keepBase(v, base))
	}
	app.flash(r, app.msgs.get(rq.Lang, "settings.saved"))
	http.Redirect(w, r, "/admin/params", http.StatusSeeOther)
	return nil
}
