package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Calendar is a pharmacy's opening calendar: it is closed on Saturdays,
// Sundays, Danish public holidays, its extra recurring closing days and
// its one-off closed dates, and open on all other days.
//
// A Calendar is an immutable value, safe for concurrent use. The zero
// Calendar has no extra closing days.
type Calendar struct {
	extra      []ClosingDay // recurring extra closing days, never modified
	extraDates []Date       // sorted one-off closed dates, never modified
}

// New returns a Calendar with the recurring extra closing days extra (for
// example [DefaultExtraClosingDays]) and the one-off closed dates
// extraDates. Both slices are
// copied. A ClosingDay that names no date (e.g. 31 April) never matches;
// one on 29 February matches only in leap years.
func New(extra []ClosingDay, extraDates []Date) Calendar {
	dates := slices.Clone(extraDates)
	slices.SortFunc(dates, Date.Compare)
	return Calendar{extra: slices.Clone(extra), extraDates: slices.Compact(dates)}
}

// IsClosed reports whether the pharmacy is closed on day,
// and if so why, in Danish: the name of the public holiday (e.g.
// "Langfredag"), of the extra closing day (e.g. "Juleaften"), "lukkedag"
// for a one-off closed date, or the weekday ("lørdag", "søndag"). A
// holiday or closing day that falls on a weekend is reported by its name.
func (c Calendar) IsClosed(day Date) (bool, string) {
	if h, ok := holidayOn(day); ok {
		return true, h.NameDA
	}
	for _, x := range c.extra {
		if day.Month() == x.Month && day.Day() == x.Day {
			return true, x.NameDA
		}
	}
	if _, ok := slices.BinarySearchFunc(c.extraDates, day, Date.Compare); ok {
		return true, "lukkedag"
	}
	switch day.Weekday() {
	case time.Saturday:
		return true, "lørdag"
	case time.Sunday:
		return true, "søndag"
	}
	return false, ""
}

// IsOpen reports whether the pharmacy is open on d.
func (c Calendar) IsOpen(d Date) bool {
	closed, _ := c.IsClosed(d)
	return !closed
}

// NextOpen returns the first open date on or after d (so d itself if it
// is open).
//
// NextOpen, PrevOpen and the working-day functions panic if the calendar
// has no open day within the search limit, which happens only if the extra
// closing days close every day of the year.
func (c Calendar) NextOpen(d Date) Date {
	return c.step(d, 1)
}

// PrevOpen returns the last open date on or before d (so d itself if it
// is open).
func (c Calendar) PrevOpen(d Date) Date {
	return c.step(d, -1)
}

// step returns the first open day from day in direction dir (+1 or -1),
// including day itself.
func (c Calendar) step(day Date, dir int) Date {
	// A closing day pattern repeats at least every 28 years (weekday and
	// leap year), except for the one-off dates; the limit is generous.
	limit := 30*366 + len(c.extraDates)
	for range limit {
		if c.IsOpen(day) {
			return day
		}
		day = day.AddDays(dir)
	}
	panic(fmt.Sprintf("calendar: no open day within %d days of %s", limit, day.Format()))
}

// AddWorkingDays returns the date n open days after d (before it if n is
// negative). d itself is not counted, so the
// result is always an open day, even if d is closed: adding 1 to a
// Thursday before Easter gives the Tuesday after. If n is 0, AddWorkingDays
// returns d, open or not.
func (c Calendar) AddWorkingDays(d Date, n int) Date {
	day := d
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	for range n {
		day = c.step(day.AddDays(dir), dir)
	}
	return day
}

// WorkingDaysBetween returns the number of open days in the half-open
// range (a, b] of dates: a is not counted, b is. If b is before a,
// the result is minus the number of open days in (b, a], so that
// AddWorkingDays(a, WorkingDaysBetween(a, b)) is b whenever b is open.
func (c Calendar) WorkingDaysBetween(a, b Date) int {
	from, to := a, b
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for day := from.AddDays(1); !day.After(to); day = day.AddDays(1) {
		if c.IsOpen(day) {
			n++
		}
	}
	return sign * n
}

// AddWorkingHours adds a lead time of hours working hours to t (subtracts
// if hours is negative).
//
// The model is deliberately simple: every open day has 24 working hours
// and closed days have none, regardless of opening hours. So a promise of
// 24 hours means the next open day at the same clock time, 48 hours the
// open day after that, and 30 hours the next open day six hours later in
// the day (continuing into the following open day if it passes midnight).
// If t falls on a closed day, counting starts at 00:00 of the next open
// day (for negative hours: at the end of the previous open day), so an
// order on Saturday afternoon with a 24-hour promise is due at 00:00 on
// the Tuesday.
//
// Days and clock times are Danish (Europe/Copenhagen) wall clock times;
// the result is in t's location. More than MaxWorkingHours either way is
// an error wrapping ErrTooFar: the count walks day by day, and a lead time
// of 99,999,999,999 hours used to spin a request at full CPU for ever.
func (c Calendar) AddWorkingHours(t time.Time, hours int) (time.Time, error) {
	if hours > MaxWorkingHours || hours < -MaxWorkingHours {
		return time.Time{}, fmt.Errorf("%w: %d working hours (at most %d)", ErrTooFar, hours, MaxWorkingHours)
	}
	loc := t.Location()
	t = t.In(Copenhagen())
	day := DayOf(t)
	offset := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
		time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond())
	if !c.IsOpen(day) {
		if hours >= 0 {
			day, offset = c.NextOpen(day), 0
		} else {
			day, offset = c.PrevOpen(day), 24*time.Hour
		}
	}
	const full = 24 * time.Hour
	total := offset + time.Duration(hours%24)*time.Hour // within (-24h, 48h)
	days := hours/24 + int(total/full)
	rest := total % full
	if rest < 0 {
		days--
		rest += full
	}
	day = c.AddWorkingDays(day, days)
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, int(rest), Copenhagen()).In(loc), nil
}

// MaxWorkingHours bounds AddWorkingHours: ten years of working days, far
// beyond any pharmacy's lead time (settings keep it within a week), and
// still counted in well under a millisecond.
const MaxWorkingHours = 3660 * 24

// ErrTooFar is wrapped by the error of working-time arithmetic asked to
// count further than its bound.
var ErrTooFar = errors.New("calendar: too many working days to count")
