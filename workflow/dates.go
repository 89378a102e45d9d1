package workflow

import (
	"errors"
	"strings"
	"time"

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

// ParseDateTime reads a Danish local time a person typed as a date
// (ParseDate) and a clock time "hh:mm" (an empty clock means def; an
// empty def makes it required), for the field named field; a refusal
// names the field and what was typed. It is the one rule for a typed date
// and time, the web's two fields and the command line's "dd-mm-yyyy
// hh:mm" (ParseDateTimeText) alike.
func ParseDateTime(date, clock, def string, field i18n.Text) (time.Time, error) {
	d, err := ParseDate(date, field)
	if err != nil {
		return time.Time{}, err
	}
	shown := strings.TrimSpace(clock)
	if shown == "" {
		shown = def
	}
	if shown == "" {
		return time.Time{}, InField(field, Invalid("err.time.clock_required"))
	}
	h, m, err := calendar.ParseClock(shown)
	if err != nil {
		if r := []rune(shown); len(r) > maxQuotedDate {
			shown = string(r[:maxQuotedDate]) + "…"
		}
		e := InField(field, Invalid("err.time.format", shown))
		e.Err = err
		return time.Time{}, e
	}
	return d.At(h, m).UTC(), nil
}

// ParseDateTimeText reads "dd-mm-yyyy hh:mm" (Danish time) typed into one
// field with ParseDateTime, the clock required.
func ParseDateTimeText(s string, field i18n.Text) (time.Time, error) {
	date, clock, _ := strings.Cut(strings.TrimSpace(s), " ")
	return ParseDateTime(date, clock, "", field)
}
