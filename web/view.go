package web

import (
	"github.com/dosis-dk/dosis/workflow/cpr"

	"github.com/dosis-dk/dosis/i18n"

	"net/url"
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// View is what every template receives: the request, the page's data, and
// for a refused form its name, what was typed and why it was refused.
type View struct {
	Req   *Request
	Title string
	// Error is the user-safe reason a form or request was refused.
	Error string
	// FormName names the form Error belongs to (a page may have several).
	FormName string
	// Form is what the user typed, shown again after a refusal.
	Form url.Values
	Data any
	msgs catalogue
	// people names the actors of the rows the page shows (Who).
	people workflow.People
}

// T returns the text for key in the request's language.
func (v View) T(key string) string { return v.msgs.get(v.lang(), key) }

// L picks the Danish or the English of a pair, by the request's language.
func (v View) L(da, en string) string { return v.lang().Pick(da, en) }

func (v View) lang() i18n.Lang {
	if v.Req == nil {
		return i18n.Danish
	}
	return v.Req.Lang
}

// Val returns what was typed in the named field, or def when the form was
// not submitted.
func (v View) Val(name, def string) string {
	if v.Form == nil {
		return def
	}
	return v.Form.Get(name)
}

// Checked reports whether a checkbox or radio of the form had value.
func (v View) Checked(name, value string, def bool) bool {
	if v.Form == nil {
		return def
	}
	for _, x := range v.Form[name] {
		if x == value {
			return true
		}
	}
	return false
}

// ErrorFor returns the error when it belongs to the named form.
func (v View) ErrorFor(form string) string {
	if v.FormName == form {
		return v.Error
	}
	return ""
}

// Date formats the day d dd-mm-yyyy, with no clock time.
func (v View) Date(d calendar.Date) string { return d.Format() }

// DateWeek formats the day d with its ISO week, "27-11-2026 (uge 48)".
func (v View) DateWeek(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.FormatWithWeek(v.lang().Code())
}

// Day formats the Danish day of the instant t dd-mm-yyyy.
func (v View) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return calendar.DayOf(t).Format()
}

// DayWeek formats the Danish day of the instant t with its ISO week.
func (v View) DayWeek(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return v.DateWeek(calendar.DayOf(t))
}

// Stamp formats an instant "dd-mm-yyyy hh:mm" in Danish time.
func (v View) Stamp(t time.Time) string {
	return calendar.FormatTime(t)
}

// State is a case state's label.
func (v View) State(s workflow.State) string { return s.Label(v.lang()) }

// Role is a role's label.
func (v View) Role(r workflow.Role) string { return v.T("role." + string(r)) }

// Who names the actor id of a stored row by the person's name and role
// (role when the row kept it, else ""), the command line or a MedCom
// connection as such (workflow.People.Who).
func (v View) Who(id string, role workflow.Role) string { return v.people.Who(id, role, v.lang()) }

// Reason is a reason code's label for an event.
func (v View) Reason(ev workflow.Event, code string) string {
	if r, ok := workflow.ReasonFor(ev, code); ok {
		return v.L(r.LabelDA, r.LabelEN)
	}
	return code
}

// CPR formats ten CPR digits DDMMYY-SSSS.
func (v View) CPR(digits string) string {
	if len(digits) != 10 {
		return digits
	}
	return digits[:6] + "-" + digits[6:]
}

// MaskedCPR shows the birth date part only: DDMMYY-XXXX (cpr.Mask).
func (v View) MaskedCPR(digits string) string { return cpr.Mask(digits) }

// Itoa formats an int for templates.
func (v View) Itoa(n int) string { return strconv.Itoa(n) }
