// Package calendar answers the date questions of a Danish pharmacy: when it
// is closed (weekends, public holidays and the pharmacy's own extra closing
// days), working-day arithmetic for dispensing lead times, ISO week numbers
// and the dd-mm-yyyy date and "dd-mm-yyyy hh:mm" time formats Danish users
// read and write.
//
// A civil date (a day in the calendar, with no clock time) is a [Date]. An
// instant becomes a Danish day in exactly one place, [DayOf], which reads
// it in [Copenhagen], the one zone of the program.
package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Week returns the ISO 8601 year and week number of d (see
// [Date.ISOWeek]).
func Week(d Date) (year, week int) { return d.ISOWeek() }

// WeekLabel returns the ISO week of d as "uge 9" (Danish), or "week 9" if
// lang is "en" or starts with "en-" or "en_" (any case). Any other lang,
// including "", gives Danish.
func WeekLabel(d Date, lang string) string {
	_, w := d.ISOWeek()
	if isEnglish(lang) {
		return fmt.Sprintf("week %d", w)
	}
	return fmt.Sprintf("uge %d", w)
}

func isEnglish(lang string) bool {
	l := strings.ToLower(lang)
	return l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

// ParseDate parses a civil date written "dd-mm-yyyy" (also "d-m-yyyy"),
// "dd.mm.yyyy" (also "d.m.yyyy") or ISO "yyyy-mm-dd". Surrounding white
// space is ignored. The error quotes the value and says what is wrong, e.g. `date "31-04-2026": day 31 is not a day of
// April 2026`.
func ParseDate(s string) (Date, error) {
	in := strings.TrimSpace(s)
	form := func() (Date, error) {
		return Date{}, &DateError{Value: in, msg: "want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd"}
	}
	noDay := func(format string, args ...any) (Date, error) {
		return Date{}, &DateError{Value: in, NoSuchDay: true, msg: fmt.Sprintf(format, args...)}
	}
	sep := "-"
	if strings.Contains(in, ".") {
		sep = "."
	}
	parts := strings.Split(in, sep)
	if len(parts) != 3 {
		return form()
	}
	for _, p := range parts {
		if p == "" || len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return form()
		}
	}
	var ys, ms, ds string
	switch {
	case sep == "-" && len(parts[0]) == 4 && len(parts[1]) == 2 && len(parts[2]) == 2:
		ys, ms, ds = parts[0], parts[1], parts[2]
	case len(parts[0]) <= 2 && len(parts[1]) <= 2 && len(parts[2]) == 4:
		ds, ms, ys = parts[0], parts[1], parts[2]
	default:
		return form()
	}
	y, m, d := atoi(ys), atoi(ms), atoi(ds)
	if y < 1 {
		return noDay("year %04d is not a year", y)
	}
	if m < 1 || m > 12 {
		return noDay("month %d is not a month (1-12)", m)
	}
	if d < 1 || d > NewDate(y, time.Month(m)+1, 0).Day() {
		return noDay("day %d is not a day of %s %d", d, time.Month(m), y)
	}
	return NewDate(y, time.Month(m), d), nil
}

// DateError is [ParseDate]'s refusal: the value, and whether it was
// written as a date that is not a day of the calendar (31-02-2026) rather
// than in a form ParseDate does not read.
type DateError struct {
	Value     string
	NoSuchDay bool
	msg       string
}

// Error quotes the value and says what is wrong with it (in English).
func (e *DateError) Error() string { return fmt.Sprintf("date %q: %s", e.Value, e.msg) }

// atoi converts a short string of ASCII digits to an int.
func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// ParseClock parses a clock time "hh:mm" (also "h:mm" and "hh.mm").
// The error quotes the value.
func ParseClock(s string) (hour, min int, err error) {
	in := strings.TrimSpace(s)
	h, m, ok := strings.Cut(strings.Replace(in, ".", ":", 1), ":")
	if !ok || h == "" || len(h) > 2 || len(m) != 2 || strings.Trim(h+m, "0123456789") != "" ||
		atoi(h) > 23 || atoi(m) > 59 {
		return 0, 0, fmt.Errorf("time %q: want hh:mm (00:00-23:59)", in)
	}
	return atoi(h), atoi(m), nil
}

// ParseDateTime parses a Danish local time given as a date (see
// [ParseDate]) and a clock time "hh:mm" (see [ParseClock]) and returns
// the instant in Europe/Copenhagen. An empty clock means def; an empty def
// with an empty clock is an error.
func ParseDateTime(date, clock, def string) (time.Time, error) {
	d, err := ParseDate(date)
	if err != nil {
		return time.Time{}, err
	}
	if strings.TrimSpace(clock) == "" {
		clock = def
	}
	h, m, err := ParseClock(clock)
	if err != nil {
		return time.Time{}, err
	}
	return d.At(h, m), nil
}

// ParseTime parses "dd-mm-yyyy hh:mm" as Danish time (the date in any
// form [ParseDate] accepts). If dateOnly is true, a date alone is
// accepted and means 00:00 that day.
func ParseTime(s string, dateOnly bool) (time.Time, error) {
	date, clock, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok && !dateOnly {
		return time.Time{}, fmt.Errorf("time %q: want dd-mm-yyyy hh:mm", strings.TrimSpace(s))
	}
	return ParseDateTime(date, clock, "00:00")
}

// FormatClock formats the Danish clock time of the instant t, "hh:mm".
func FormatClock(t time.Time) string { return t.In(Copenhagen()).Format("15:04") }

// FormatTime formats the instant t as Danish users read it,
// "dd-mm-yyyy hh:mm" in Danish time, or "" for the zero time.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return DayOf(t).Format() + " " + FormatClock(t)
}
