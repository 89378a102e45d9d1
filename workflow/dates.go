package workflow

import (
	"errors"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// ParseDate reads a date a person typed into the field named field (a
// label's i18n.Key, or i18n.Verbatim for a command-line flag) with
// [calendar.ParseDate]. It is the one refusal for a typed date, used by the
// web's forms and the command line's flags alike: "Samtykkedato: datoen
// 31-02-2026 findes ikke" for a date that is not a day of the calendar, and
// "…: datoen "1/2/26" skal skrives dd-mm-åååå" for anything else. A nil
// field names no field.
func ParseDate(s string, field i18n.Text) (calendar.Date, error) {
	d, err := calendar.ParseDate(s)
	if err == nil {
		return d, nil
	}
	value := strings.TrimSpace(s)
	if r := []rune(value); len(r) > maxQuotedDate {
		value = string(r[:maxQuotedDate]) + "…" // what was typed is quoted back, not a whole paste
	}
	e := Invalid("err.date.format", value)
	var de *calendar.DateError
	if errors.As(err, &de) && de.NoSuchDay {
		e = Invalid("err.date.no_such_day", value)
	}
	e = InField(field, e)
	e.Err = err
	return calendar.Date{}, e
}

// maxQuotedDate is how much of a refused date a message quotes.
const maxQuotedDate = 40

// InField puts the name of the field (a Text) before the message of e:
// "Samtykkedato: datoen 31-02-2026 findes ikke". A nil field returns e.
func InField(field i18n.Text, e *Error) *Error {
	if field == nil {
		return e
	}
	return &Error{Kind: e.Kind, Key: "err.in_field", Args: []any{field, e.bare()}, Unmet: e.Unmet, Err: e.Err}
}
