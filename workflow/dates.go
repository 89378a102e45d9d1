package workflow

import (
	"errors"
	"strings"
	"time"

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

// ParseDateTime reads a Danish local time a person typed as a date
// (ParseDate) and a clock time "hh:mm" (an empty clock means def; an
// empty def makes it required), for the field named fieldDA and fieldEN;
// a refusal names the field and what was typed. It is the one rule for a
// typed date and time, the web's two fields and the command line's
// "dd-mm-yyyy hh:mm" (ParseDateTimeText) alike.
func ParseDateTime(date, clock, def, fieldDA, fieldEN string) (time.Time, error) {
	d, err := ParseDate(date, fieldDA, fieldEN)
	if err != nil {
		return time.Time{}, err
	}
	shown := strings.TrimSpace(clock)
	if shown == "" {
		shown = def
	}
	if shown == "" {
		return time.Time{}, Invalid(prefixField(fieldDA, "skriv også klokkeslættet (tt:mm)"),
			prefixField(fieldEN, "give the time as well (hh:mm)"))
	}
	h, m, err := calendar.ParseClock(shown)
	if err != nil {
		if r := []rune(shown); len(r) > maxQuotedDate {
			shown = string(r[:maxQuotedDate]) + "…"
		}
		e := Invalid(prefixField(fieldDA, "klokkeslættet \""+shown+"\" skal skrives tt:mm"),
			prefixField(fieldEN, "the time \""+shown+"\" must be written hh:mm"))
		e.Err = err
		return time.Time{}, e
	}
	return d.At(h, m).UTC(), nil
}

// ParseDateTimeText reads "dd-mm-yyyy hh:mm" (Danish time) typed into one
// field with ParseDateTime, the clock required.
func ParseDateTimeText(s, fieldDA, fieldEN string) (time.Time, error) {
	date, clock, _ := strings.Cut(strings.TrimSpace(s), " ")
	return ParseDateTime(date, clock, "", fieldDA, fieldEN)
}
