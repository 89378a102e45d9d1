package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/reports"
)

// historyLimit is how many versions a history page shows.
const historyLimit = 100

// historyPage is a setting's version history: who saved what and when,
// each version with its differences to the one before.
type historyPage struct {
	Heading string
	Back    string
	Entries []historyEntry
}

// historyEntry is one saved version.
type historyEntry struct {
	data.StoredSetting
	// Label names the version ("dk-default 2024.1") where it has one.
	Label   string
	Reset   bool
	Changes []historyChange
	// Earlier is set on the oldest version shown when the one it was saved
	// over is beyond the page's limit (no difference is shown then).
	Earlier bool
}

// historyChange is one difference, written in the reader's language.
type historyChange struct{ What, Field, Old, New string }

// Who names the author: "Ada Admin (ada)", or the user name alone.
func (e historyEntry) Who() string {
	if e.SavedByName == "" {
		return e.SavedBy
	}
	return e.SavedByName + " (" + e.SavedBy + ")"
}

// entries pairs each version (newest first) with the one it was saved over
// and lets diff describe the difference; the first version is compared
// with the default (an empty body).
func entries(hist []data.StoredSetting, diff func(old, new string) (string, []historyChange)) []historyEntry {
	out := make([]historyEntry, len(hist))
	for i, s := range hist {
		prev := ""
		if i+1 < len(hist) && hist[i+1].ID == s.BaseID {
			prev = hist[i+1].Body
		}
		label, changes := diff(prev, s.Body)
		out[i] = historyEntry{StoredSetting: s, Label: label, Reset: s.Body == "", Changes: changes}
		if i+1 == len(hist) && s.BaseID != 0 {
			out[i].Changes, out[i].Earlier = nil, true
		}
	}
	return out
}

// adminParamsHistory shows the versions of the model parameters.
func (app *App) adminParamsHistory(w http.ResponseWriter, r *http.Request, rq *Request) error {
	hist, names, err := app.history(r, data.SettingReportParams, 0)
	if err != nil {
		return err
	}
	lang := rq.Lang
	p := historyPage{Heading: app.msgs.get(lang, "settingsui.params_history"), Back: "/admin/params",
		Entries: entries(hist, func(old, new string) (string, []historyChange) {
			return "", paramChanges(old, new, lang, app.msgs, names)
		})}
	return app.page(w, r, rq, "settings_history", View{Title: p.Heading, Data: p})
}

// history loads a setting's versions and the municipalities' names.
func (app *App) history(r *http.Request, name string, code int) ([]data.StoredSetting, map[int]string, error) {
	hist, err := app.db.SettingHistory(r.Context(), name, code, historyLimit)
	if err != nil {
		return nil, nil, err
	}
	names, err := app.municipalityNames(r)
	return hist, names, err
}

// municipalityNames maps codes to "Aalborg (851)".
func (app *App) municipalityNames(r *http.Request) (map[int]string, error) {
	ms, err := app.db.Municipalities(r.Context())
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for _, m := range ms {
		out[m.Code] = m.Name + " (" + strconv.Itoa(m.Code) + ")"
	}
	return out, nil
}

// paramChanges describes the difference of two stored params bodies. Both
// were checked when saved, so a body that no longer decodes (none can) is
// compared as empty rather than failing the whole page.
func paramChanges(old, new string, lang i18n.Lang, msgs catalogue, names map[int]string) []historyChange {
	of, _ := reports.DecodeParamsFile(strings.NewReader(nonEmpty(old)))
	nf, _ := reports.DecodeParamsFile(strings.NewReader(nonEmpty(new)))
	var out []historyChange
	for _, c := range reports.DiffParams(of, nf) {
		what := lang.Pick(c.LabelDA, c.LabelEN)
		unset := msgs.get(lang, "settingsui.default_value")
		if c.Municipality != 0 {
			what += " · " + names[c.Municipality]
			unset = msgs.get(lang, "settingsui.national_value")
		} else {
			what += " · " + msgs.get(lang, "settingsui.national_value")
		}
		show := func(v string) string {
			suffix := ""
			if v == "" {
				if c.DefaultValue == "" {
					return unset
				}
				v, suffix = c.DefaultValue, " ("+unset+")"
			}
			if c.Field == "what_if_base" {
				return reports.WhatIfBase{Key: v}.Label(lang) + suffix
			}
			return v + suffix
		}
		source := func(s string) string {
			if s == "" {
				return c.DefaultSource
			}
			return s
		}
		if c.Old != c.New {
			out = append(out, historyChange{What: what, Field: msgs.get(lang, "reports.value"), Old: show(c.Old), New: show(c.New)})
		}
		// An unset source is the default's: saving the default's own text
		// is no change, and was listed as one (the same text before and after).
		if source(c.OldSource) != source(c.NewSource) {
			out = append(out, historyChange{What: what, Field: msgs.get(lang, "rules.source"), Old: source(c.OldSource), New: source(c.NewSource)})
		}
	}
	return out
}

// nonEmpty makes an empty body (the default) an empty JSON object.
func nonEmpty(body string) string {
	if strings.TrimSpace(body) == "" {
		return "{}"
	}
	return body
}

// adminEligibilityHistory shows the versions of a municipality's rule set.
func (app *App) adminEligibilityHistory(w http.ResponseWriter, r *http.Request, rq *Request) error {
	code, err := app.municipalityOf(r, r.URL.Query().Get("m"))
	if err != nil {
		return err
	}
	hist, names, err := app.history(r, data.SettingEligibility, code)
	if err != nil {
		return err
	}
	lang := rq.Lang
	p := historyPage{Heading: app.msgs.get(lang, "settingsui.rules_history") + " · " + names[code],
		Back: "/admin/eligibility/edit?m=" + strconv.Itoa(code),
		Entries: entries(hist, func(old, new string) (string, []historyChange) {
			o, n := ruleSetOrDefault(old), ruleSetOrDefault(new)
			var out []historyChange
			for _, c := range eligibility.Diff(o, n, lang) {
				out = append(out, ruleChange(c, lang, app.msgs))
			}
			return n.ID + " " + n.Version, out
		})}
	return app.page(w, r, rq, "settings_history", View{Title: p.Heading, Data: p})
}

// ruleSetOrDefault parses a stored body; an empty one is the default.
func ruleSetOrDefault(body string) *eligibility.RuleSet {
	if strings.TrimSpace(body) != "" {
		if rs, err := eligibility.Parse([]byte(body)); err == nil {
			return rs
		}
	}
	return eligibility.Default()
}

// ruleChange writes one rule-set difference for the history.
func ruleChange(c eligibility.Change, lang i18n.Lang, msgs catalogue) historyChange {
	what := msgs.get(lang, "settingsui.ruleset")
	if c.Criterion != "" {
		what = msgs.get(lang, "case.criterion") + " »" + lang.Pick(c.LabelDA, c.LabelEN) + "«"
	}
	switch c.Kind {
	case "added":
		return historyChange{What: what, Field: msgs.get(lang, "settingsui.added"), New: c.New}
	case "removed":
		return historyChange{What: what, Field: msgs.get(lang, "settingsui.removed"), Old: c.Old}
	}
	return historyChange{What: what, Field: msgs.get(lang, "settingsui.field."+c.Field), Old: c.Old, New: c.New}
}
