package web

import (
	"bytes"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// bytesReader gives http.ServeContent a seekable reader over b.
func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// parseDateField reads a date field with workflow.ParseDate; label names
// the field in the message.
func parseDateField(value string, label i18n.Text) (calendar.Date, error) {
	return workflow.ParseDate(value, label)
}

// parseStampFields reads a date field and an optional hh:mm field
// (default def) as a Danish local time with workflow.ParseDateTime.
func parseStampFields(date, clock, def string, label i18n.Text) (time.Time, error) {
	return workflow.ParseDateTime(date, clock, def, label)
}

// Clock formats the time of day "hh:mm" in Danish time.
func (v View) Clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return calendar.FormatClock(t)
}

// Week is the ISO week label of the day d, "uge 48" or "week 48".
func (v View) Week(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return calendar.WeekLabel(d, v.lang().Code())
}

// WeekOf is the ISO week label of the Danish day of the instant t.
func (v View) WeekOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return v.Week(calendar.DayOf(t))
}

// StampPtr formats an optional instant as Stamp, "" when nil.
func (v View) StampPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return v.Stamp(*t)
}
