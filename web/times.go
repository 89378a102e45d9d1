package web

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// bytesReader gives http.ServeContent a seekable reader over b.
func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// parseDateField reads a dd-mm-yyyy field; labelDA and labelEN name the
// field in the message.
func parseDateField(value, labelDA, labelEN string) (time.Time, error) {
	value = strings.TrimSpace(value)
	d, err := calendar.ParseDate(value)
	if err != nil {
		return time.Time{}, workflow.Invalid(fmt.Sprintf("%s: datoen %q skal skrives dd-mm-åååå", labelDA, value),
			fmt.Sprintf("%s: the date %q must be written dd-mm-yyyy", labelEN, value))
	}
	return d, nil
}

// parseStampFields reads a dd-mm-yyyy date and an optional hh:mm time
// (default def) as Danish time.
func parseStampFields(date, clock, def, labelDA, labelEN string) (time.Time, error) {
	d, err := parseDateField(date, labelDA, labelEN)
	if err != nil {
		return time.Time{}, err
	}
	clock = strings.TrimSpace(clock)
	if clock == "" {
		clock = def
	}
	hm, err := time.Parse("15:04", strings.Replace(clock, ".", ":", 1))
	if err != nil {
		return time.Time{}, workflow.Invalid(fmt.Sprintf("%s: klokkeslættet %q skal skrives tt:mm", labelDA, clock),
			fmt.Sprintf("%s: the time %q must be written hh:mm", labelEN, clock))
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hm.Hour(), hm.Minute(), 0, 0, copenhagen()).UTC(), nil
}

// Clock formats the time of day "hh:mm" in Danish time.
func (v View) Clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(copenhagen()).Format("15:04")
}

// Week is the ISO week label of t, "uge 48" or "week 48".
func (v View) Week(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return calendar.WeekLabel(t.In(copenhagen()), v.lang())
}

// DatePtr formats an optional time as Stamp, "" when nil.
func (v View) DatePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return v.Stamp(*t)
}
