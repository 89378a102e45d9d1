package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// reportForm is the report filter as the user chose it: the period, the
// municipalities (fixed to their own for project leads) and suppression
// (always on for the steering group).
type reportForm struct {
	From, To       string
	Codes          []int
	Suppress       bool
	FixedCode      int
	ForceSuppress  bool
	Municipalities []data.Municipality
}

// URL is the filter as a link to path (the downloads, the dashboard):
// the query is built with net/url and the whole URL handed to the
// template, whose URL context keeps "&" and "=" as separators. (A query
// written after a literal "?" in the template is escaped as one value:
// the links used to lose the filter that way.)
func (f reportForm) URL(path string) string {
	q := url.Values{"from": {f.From}, "to": {f.To}}
	for _, c := range f.Codes {
		q.Add("m", strconv.Itoa(c))
	}
	if f.Suppress {
		q.Set("suppress", "on")
	}
	return (&url.URL{Path: path, RawQuery: q.Encode()}).String()
}

// Chosen reports whether municipality code is in the filter.
func (f reportForm) Chosen(code int) bool { return slices.Contains(f.Codes, code) }

// reportFilter reads from, to, m (repeatable) and suppress from the query.
// The default period is the last 12 whole months. A project lead's
// municipality is fixed; the data layer scopes the figures as well.
func (app *App) reportFilter(r *http.Request, rq *Request) (reports.Filter, reportForm, error) {
	q := r.URL.Query()
	from, to := reports.DefaultPeriod(calendar.Today(rq.Now))
	var err error
	if s := q.Get("from"); s != "" {
		if from, err = parseDateField(s, i18n.Key("err.field.from_cap")); err != nil {
			return reports.Filter{}, reportForm{}, err
		}
	}
	if s := q.Get("to"); s != "" {
		if to, err = parseDateField(s, i18n.Key("err.field.to_cap")); err != nil {
			return reports.Filter{}, reportForm{}, err
		}
	}
	if to.Before(from) {
		return reports.Filter{}, reportForm{}, workflow.Invalid("err.report.period_reversed", from.Format(), to.Format())
	}
	form := reportForm{From: from.Format(), To: to.Format()}
	switch rq.User.Role {
	case workflow.RoleNurse, workflow.RoleLead:
		form.FixedCode = rq.User.Municipality
		form.Codes = []int{rq.User.Municipality}
	default:
		for _, s := range q["m"] {
			code, err := strconv.Atoi(s)
			if err != nil || code < 100 || code > 999 {
				return reports.Filter{}, reportForm{}, workflow.Invalid("err.report.municipality_code_format", s)
			}
			if !slices.Contains(form.Codes, code) {
				form.Codes = append(form.Codes, code)
			}
		}
	}
	form.ForceSuppress = reports.SuppressFor(rq.User.Role, false)
	form.Suppress = reports.SuppressFor(rq.User.Role, q.Get("suppress") == "on")
	return reports.Filter{From: from, To: to, Municipalities: form.Codes}, form, nil
}

// filteredReport reads the report filter from the query and builds the
// report it asks for. withMunicipalities also loads the municipalities to
// choose from, for the pages that show the picker (not for a project lead,
// whose municipality is fixed).
func (app *App) filteredReport(r *http.Request, rq *Request, withMunicipalities bool) (reportForm, reports.Report, error) {
	f, form, err := app.reportFilter(r, rq)
	if err != nil {
		return reportForm{}, reports.Report{}, err
	}
	if withMunicipalities && form.FixedCode == 0 {
		if form.Municipalities, err = app.db.Municipalities(r.Context()); err != nil {
			return reportForm{}, reports.Report{}, err
		}
	}
	rep, err := app.buildReport(r.Context(), rq, f, form.Suppress)
	if err != nil {
		return reportForm{}, reports.Report{}, err
	}
	return form, rep, nil
}

// buildReport computes the report for f with the stored model parameters,
// as the user's role may see it (data.DB.Report decides scope and
// suppression).
func (app *App) buildReport(ctx context.Context, rq *Request, f reports.Filter, suppress bool) (reports.Report, error) {
	p, err := app.reportParams(ctx)
	if err != nil {
		return reports.Report{}, err
	}
	return app.db.Report(ctx, rq.Actor, f, p, suppress, rq.Now)
}

// figure is a key figure formatted the Danish way.
type figure struct{ Label, Value, Heading string }

// figures formats a report's key figures.
func figures(r reports.Report, l i18n.Lang) []figure {
	var out []figure
	for _, k := range r.KeyFigures() {
		out = append(out, figure{k.Label(l), k.Format(l), k.HeadingIn(l)})
	}
	return out
}
