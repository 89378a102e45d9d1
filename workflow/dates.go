package workflow

import (
	"errors"
	"strings"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// ParseDate reads a date a person typed into the field named fieldDA
// (Danish) and fieldEN (English) with [calendar.ParseDate]. It is the one
// refusal for a typed date, used by the web's forms and the command line's
// flags alike: "Samtykkedato: datoen 31-02-2026 findes ikke" for a date
// that is not a day of the calendar, and "…: datoen "1/2/26" skal skrives
// dd-mm-åååå" for anything else.
func ParseDate(s, fieldDA, fieldEN string) (calendar.Date, error) {
	d, err := calendar.ParseDate(s)
	if err == nil {
		return d, nil
	}
	value := strings.TrimSpace(s)
	if r := []rune(value); len(r) > maxQuotedDate {
		value = string(r[:maxQuotedDate]) + "…" // what was typed is quoted back, not a whole paste
	}
	var de *calendar.DateError
	if errors.As(err, &de) && de.NoSuchDay {
		e := Invalid(prefixField(fieldDA, "datoen "+value+" findes ikke"),
			prefixField(fieldEN, "the date "+value+" does not exist"))
		e.Err = err
		return calendar.Date{}, e
	}
	e := Invalid(prefixField(fieldDA, "datoen \""+value+"\" skal skrives dd-mm-åååå"),
		prefixField(fieldEN, "the date \""+value+"\" must be written dd-mm-yyyy"))
	e.Err = err
	return calendar.Date{}, e
}

// maxQuotedDate is how much of a refused date a message quotes.
const maxQuotedDate = 40

// prefixField puts the field's name before a message, when there is one.
func prefixField(field, msg string) string {
	if field == "" {
		return msg
	}
	return field + ": " + msg
}
