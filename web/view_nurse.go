package web

import (
	"fmt"
	"html/template"
	"regexp"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Today is the request's Danish day, dd-mm-yyyy, for a date field's
// default (date fields are text fields in the users' own format, not
// native date inputs, which show the browser's locale instead).
func (v View) Today() string {
	if v.Req == nil {
		return ""
	}
	return calendar.Today(v.Req.Now).Format()
}

// ChangeValue shows a logged value for users: yes or no for a flag, "—"
// for none.
func (v View) ChangeValue(field, value string) string {
	switch {
	case value == "":
		return "—"
	case value == "true":
		return v.T("fact.yes")
	case value == "false":
		return v.T("fact.no")
	}
	return value
}

// CaseCount says how many cases the list found.
func (v View) CaseCount(p caseListPage) string {
	return v.L(fmt.Sprintf("%d sager", p.Total), fmt.Sprintf("%d cases", p.Total))
}

// PageOf says which page of how many is shown.
func (v View) PageOf(p caseListPage) string {
	return v.L(fmt.Sprintf("Side %d af %d", p.Page, p.Pages()), fmt.Sprintf("Page %d of %d", p.Page, p.Pages()))
}

// periodsPart is a table of periods with the case page they belong to.
type periodsPart struct {
	Periods []workflow.Period
	Page    casePage
}

// PeriodsPart returns the view for the periods table of ps on the case page.
func (v View) PeriodsPart(ps []workflow.Period) View {
	p, _ := v.Data.(casePage)
	return v.With(periodsPart{Periods: ps, Page: p})
}

// PastPeriods names the fold of past periods with their count.
func (v View) PastPeriods(n int) string {
	return v.L(fmt.Sprintf("Tidligere perioder (%d)", n), fmt.Sprintf("Past periods (%d)", n))
}

// ExtendedBy says a period is extended, to how many days and why.
func (v View) ExtendedBy(p workflow.Period) string {
	return v.L(fmt.Sprintf("Forlænget til %d dage: %s", p.LengthDays, p.ExtensionReason),
		fmt.Sprintf("Extended to %d days: %s", p.LengthDays, p.ExtensionReason))
}

// ExtendDays lists the lengths a period may be extended to.
func (v View) ExtendDays() []int {
	out := make([]int, 0, workflow.MaxPeriodDays-workflow.DefaultPeriodDays)
	for d := workflow.DefaultPeriodDays + 1; d <= workflow.MaxPeriodDays; d++ {
		out = append(out, d)
	}
	return out
}

// danishDate matches a date as the pages write it.
var danishDate = regexp.MustCompile(`\d{2}-\d{2}-\d{4}( \d{2}:\d{2})?`)

// NoBreak returns s as HTML (escaped) with every date in it kept on one
// line: a browser may break after the hyphen of "06-11-2028".
func (v View) NoBreak(s string) template.HTML {
	return template.HTML(danishDate.ReplaceAllString(template.HTMLEscapeString(s), `<span class="nobr">$0</span>`))
}

// PackCount says how many rolls the packing list holds.
func (v View) PackCount(n int) string {
	return v.L(fmt.Sprintf("%d ruller at pakke.", n), fmt.Sprintf("%d rolls to pack.", n))
}

// absenceForm is the data of a GP absence form: a new one (Absence nil)
// or an existing one, with what was typed after a refusal.
type absenceForm struct {
	GPID, Key                  string
	Absence                    *data.GPAbsenceItem
	From, To, Substitute, Note string
}

// AbsenceForm returns the view for the absence form of gp: a for an
// existing absence (a data.GPAbsenceItem), nil for a new one.
func (v View) AbsenceForm(gpID string, a any) View {
	f := absenceForm{GPID: gpID, Key: "new"}
	form := "absence-"
	if x, ok := a.(data.GPAbsenceItem); ok {
		f.Absence = &x
		f.Key, f.From, f.To, f.Substitute, f.Note = x.ID, x.From.Format(), x.To.Format(), x.SubstituteYdernummer, x.Note
		form += x.ID
	}
	if v.FormName == form && v.Form != nil {
		f.From, f.To, f.Substitute, f.Note = v.Form.Get("from"), v.Form.Get("to"), v.Form.Get("substitute"), v.Form.Get("note")
	}
	return v.With(f)
}

// CaseVersion is the version of the case the page shows, for the forms'
// version field (0 off a case page).
func (v View) CaseVersion() int {
	switch p := v.Data.(type) {
	case casePage:
		return p.Case.Version
	case periodsPart:
		return p.Page.Case.Version
	}
	return 0
}
