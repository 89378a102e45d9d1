// Package calendar answers the date questions of a Danish pharmacy: when it
// is closed (weekends, public holidays and the pharmacy's own extra closing
// days), working-day arithmetic for dispensing lead times, ISO week numbers
// and the dd-mm-yyyy date format Danish users read.
//
// A civil date (a day in the calendar, with no time of day) is represented
// as a time.Time at 00:00 UTC, as returned by [Date] and [Day]. Functions
// that take a date accept any time.Time and use its own year, month and day
// in its own location, so 23:30 in Copenhagen is that Copenhagen day, not
// the UTC day.
package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Date returns the civil date y-m-d as a time.Time at 00:00 UTC. Out of
// range values are normalised as by time.Date (e.g. 32 January is 1
// February).
func Date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Day truncates t to its civil date: t's own year, month and day (in t's
// location) at 00:00 UTC.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// Format formats the civil date of t as "dd-mm-yyyy".
func Format(t time.Time) string {
	return Day(t).Format("02-01-2006")
}

// FormatWithWeek formats the civil date of t with its ISO week, e.g.
// "27-11-2026 (uge 48)", or "27-11-2026 (week 48)" if lang is English
// (see [WeekLabel]).
func FormatWithWeek(t time.Time, lang string) string {
	return Format(t) + " (" + WeekLabel(t, lang) + ")"
}

// Week returns the ISO 8601 year and week number of the civil date of t.
// The week-numbering year can differ from the calendar year near New Year:
// 31 December 2026 and 1 January 2027 are both in week 53 of 2026, and
// 30 December 2024 is in week 1 of 2025.
func Week(t time.Time) (year, week int) {
	return Day(t).ISOWeek()
}

// WeekLabel returns the ISO week of the civil date of t as "uge 9" (Danish),
// or "week 9" if lang is "en" or starts with "en-" or "en_" (any case). Any
// other lang, including "", gives Danish.
func WeekLabel(t time.Time, lang string) string {
	_, w := Week(t)
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
// space is ignored. The result is at 00:00 UTC. The error quotes the value
// and says what is wrong, e.g. `date "31-04-2026": day 31 is not a day of
// April 2026`.
func ParseDate(s string) (time.Time, error) {
	in := strings.TrimSpace(s)
	fail := func(format string, args ...any) (time.Time, error) {
		return time.Time{}, fmt.Errorf("date %q: "+format, append([]any{in}, args...)...)
	}
	const want = "want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd"
	sep := "-"
	if strings.Contains(in, ".") {
		sep = "."
	}
	parts := strings.Split(in, sep)
	if len(parts) != 3 {
		return fail(want)
	}
	for _, p := range parts {
		if p == "" || len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return fail(want)
		}
	}
	var ys, ms, ds string
	switch {
	case sep == "-" && len(parts[0]) == 4 && len(parts[1]) == 2 && len(parts[2]) == 2:
		ys, ms, ds = parts[0], parts[1], parts[2]
	case len(parts[0]) <= 2 && len(parts[1]) <= 2 && len(parts[2]) == 4:
		ds, ms, ys = parts[0], parts[1], parts[2]
	default:
		return fail(want)
	}
	y, m, d := atoi(ys), atoi(ms), atoi(ds)
	if y < 1 {
		return fail("year %04d is not a year", y)
	}
	if m < 1 || m > 12 {
		return fail("month %d is not a month (1-12)", m)
	}
	if d < 1 || d > Date(y, time.Month(m)+1, 0).Day() {
		return fail("day %d is not a day of %s %d", d, time.Month(m), y)
	}
	return Date(y, time.Month(m), d), nil
}

// atoi converts a short string of ASCII digits to an int.
func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}
