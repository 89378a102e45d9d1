package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date in Denmark: a year, a month and a day, with no
// clock time and no zone. It is a comparable value: == tells whether two
// dates are the same day, and [Date.Compare], [Date.Before] and
// [Date.After] order them. The zero Date means "no date" ([Date.IsZero]);
// it is stored as SQL NULL.
//
// The one bridge from an instant to a Date is [DayOf] (the Danish day of
// the instant); the bridges back are [Date.Start] and [Date.StartOfNext].
type Date struct {
	y int32
	m uint8
	d uint8
}

// NewDate returns the date y-m-d. Out of range values are normalised as
// by time.Date (e.g. 32 January is 1 February).
func NewDate(y int, m time.Month, d int) Date {
	return wallDate(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
}

// wallDate returns t's own year, month and day, in t's location.
func wallDate(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y: int32(y), m: uint8(m), d: uint8(d)}
}

// DayOf returns the Danish day of the instant t: its civil date in
// Europe/Copenhagen, whatever t's own location. 23:30 UTC on 30 June is
// 1 July in Denmark. The zero instant gives the zero Date.
func DayOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return wallDate(t.In(Copenhagen()))
}

// Today returns the Danish day at the instant now (the injected clock).
func Today(now time.Time) Date { return DayOf(now) }

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// Year returns d's year.
func (d Date) Year() int { return int(d.y) }

// Month returns d's month.
func (d Date) Month() time.Month { return time.Month(d.m) }

// Day returns d's day of the month.
func (d Date) Day() int { return int(d.d) }

// noon returns d at 12:00 UTC, for calendar arithmetic with package time.
func (d Date) noon() time.Time {
	return time.Date(int(d.y), time.Month(d.m), int(d.d), 12, 0, 0, 0, time.UTC)
}

// Date returns d's year, month and day.
func (d Date) Date() (year int, month time.Month, day int) {
	return int(d.y), time.Month(d.m), int(d.d)
}

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday { return d.noon().Weekday() }

// ISOWeek returns the ISO 8601 year and week number of d. The
// week-numbering year can differ from the calendar year near New Year:
// 31 December 2026 and 1 January 2027 are both in week 53 of 2026.
func (d Date) ISOWeek() (year, week int) { return d.noon().ISOWeek() }

// AddDays returns the date n days after d (before it if n is negative).
func (d Date) AddDays(n int) Date { return wallDate(d.noon().AddDate(0, 0, n)) }

// AddMonths returns the same day of the month n months after d. If that
// month is shorter, the result is its last day (clamped, not carried
// over): one month after 31 January 2027 is 28 February 2027.
func (d Date) AddMonths(n int) Date {
	first := time.Date(int(d.y), time.Month(d.m)+time.Month(n), 1, 12, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return NewDate(first.Year(), first.Month(), min(int(d.d), last))
}

// AddYears returns the same day n years after d, with 29 February going
// to 28 February in a year that is not a leap year (see [Date.AddMonths]):
// 2 years from 29-02-2028 ends on 28-02-2030.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// Compare returns -1 if d is before e, 0 if they are the same day and +1
// if d is after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.y != e.y:
		return cmpInt(int(d.y), int(e.y))
	case d.m != e.m:
		return cmpInt(int(d.m), int(e.m))
	default:
		return cmpInt(int(d.d), int(e.d))
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Sub returns the number of days from e to d (negative if d is before e).
func (d Date) Sub(e Date) int {
	return int((d.noon().Unix() - e.noon().Unix()) / (24 * 60 * 60))
}

// Start returns the instant the Danish day d begins: 00:00 in
// Europe/Copenhagen.
func (d Date) Start() time.Time { return d.At(0, 0) }

// StartOfNext returns the instant the Danish day d ends, which is the
// start of the next day: the exclusive upper bound of d as an instant
// range. An instant t is on d exactly when !t.Before(d.Start()) &&
// t.Before(d.StartOfNext()).
func (d Date) StartOfNext() time.Time { return d.AddDays(1).Start() }

// At returns the instant hour:min on the Danish day d, in
// Europe/Copenhagen. A clock time that does not exist on the day (in the
// spring change to summer time) is normalised as by time.Date.
func (d Date) At(hour, min int) time.Time {
	return time.Date(int(d.y), time.Month(d.m), int(d.d), hour, min, 0, 0, Copenhagen())
}

// UTC returns d as 00:00 UTC on its own year, month and day; it is for
// SQL drivers and date arithmetic that need a time.Time, not an instant
// anyone sees.
func (d Date) UTC() time.Time {
	return time.Date(int(d.y), time.Month(d.m), int(d.d), 0, 0, 0, 0, time.UTC)
}

// String returns d in ISO 8601, "yyyy-mm-dd", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
}

// Format returns d as Danish users read it, "dd-mm-yyyy", or "" for the
// zero Date.
func (d Date) Format() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d-%02d-%04d", d.d, d.m, d.y)
}

// FormatWithWeek formats d with its ISO week, e.g. "27-11-2026 (uge 48)",
// or "27-11-2026 (week 48)" if lang is English (see [WeekLabel]).
func (d Date) FormatWithWeek(lang string) string {
	return d.Format() + " (" + WeekLabel(d, lang) + ")"
}

// Age returns the whole years from birth to on: how old a person born on
// birth is on the day on. Someone born on 29 February becomes a year older
// on 1 March in years that are not leap years. Age is negative if on is
// before birth.
func Age(birth, on Date) int {
	y := on.Year() - birth.Year()
	if on.Month() < birth.Month() || (on.Month() == birth.Month() && on.Day() < birth.Day()) {
		y--
	}
	return y
}

// WeekStart returns the Monday of d's ISO week.
func (d Date) WeekStart() Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

// ISOWeekStart returns the Monday of ISO week week of the ISO year year,
// or an error naming the week if that year has no such week (only some
// years have a week 53).
func ISOWeekStart(year, week int) (Date, error) {
	monday := NewDate(year, time.January, 4).WeekStart().AddDays(7 * (week - 1))
	if y, w := monday.ISOWeek(); y != year || w != week || week < 1 {
		return Date{}, fmt.Errorf("week %d-W%02d: %d has no week %d", year, week, year, week)
	}
	return monday, nil
}
