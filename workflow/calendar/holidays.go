package calendar

import (
	"slices"
	"time"
)

// Holiday is a Danish public holiday, on which pharmacies are closed.
type Holiday struct {
	Date   Date
	NameDA string // Danish name, e.g. "Langfredag"
	NameEN string // English name, e.g. "Good Friday"
}

// Easter returns the date of Easter Sunday in the Gregorian calendar for
// year, computed with the anonymous Gregorian algorithm
// (Meeus/Jones/Butcher).
func Easter(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return NewDate(year, time.Month(month), day)
}

// lastGreatPrayerDay is the last year in which Great Prayer Day (Store
// bededag) was a public holiday; it was abolished from 2024.
const lastGreatPrayerDay = 2023

// Holidays returns the Danish public holidays of year, sorted by date:
// New Year's Day, Maundy Thursday, Good Friday, Easter Sunday, Easter
// Monday, Great Prayer Day (up to and including 2023), Ascension Day,
// Whit Sunday, Whit Monday, Christmas Day and Boxing Day.
//
// Christmas Eve, New Year's Eve and Constitution Day are not public
// holidays; see [DefaultExtraClosingDays].
func Holidays(year int) []Holiday {
	hs := appendHolidays(make([]Holiday, 0, maxHolidays), year)
	slices.SortFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// maxHolidays is how many public holidays a year can have: 3 fixed and
// 8 that move with Easter.
const maxHolidays = 3 + 8

// appendHolidays appends the public holidays of year to hs, unsorted.
func appendHolidays(hs []Holiday, year int) []Holiday {
	easter := Easter(year)
	hs = append(hs,
		Holiday{NewDate(year, time.January, 1), "Nytårsdag", "New Year's Day"},
		Holiday{NewDate(year, time.December, 25), "Juledag", "Christmas Day"},
		Holiday{NewDate(year, time.December, 26), "2. juledag", "Boxing Day"},
	)
	for _, m := range movableHolidays() {
		if m.offset == greatPrayerDayOffset && year > lastGreatPrayerDay {
			continue
		}
		hs = append(hs, Holiday{easter.AddDays(m.offset), m.nameDA, m.nameEN})
	}
	return hs
}

// greatPrayerDayOffset is the distance of Great Prayer Day (the fourth
// Friday after Easter) from Easter Sunday.
const greatPrayerDayOffset = 26

type movable struct {
	offset         int // days after Easter Sunday
	nameDA, nameEN string
}

// movableHolidays returns the holidays that move with Easter.
func movableHolidays() [8]movable {
	return [8]movable{
		{-3, "Skærtorsdag", "Maundy Thursday"},
		{-2, "Langfredag", "Good Friday"},
		{0, "Påskedag", "Easter Sunday"},
		{1, "2. påskedag", "Easter Monday"},
		{greatPrayerDayOffset, "Store bededag", "Great Prayer Day"},
		{39, "Kristi himmelfartsdag", "Ascension Day"},
		{49, "Pinsedag", "Whit Sunday"},
		{50, "2. pinsedag", "Whit Monday"},
	}
}

// holidayOn returns the public holiday on d, if any.
// Performance: every working-day step asks it, so it neither sorts nor
// allocates (the buffer stays on the stack); Holidays sorts the same list.
func holidayOn(d Date) (Holiday, bool) {
	var buf [maxHolidays]Holiday
	for _, h := range appendHolidays(buf[:0], d.Year()) {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// ClosingDay is a recurring yearly closing day that is not a public
// holiday, such as Christmas Eve. Whether a pharmacy closes on such days
// is a pharmacy setting.
type ClosingDay struct {
	Month  time.Month
	Day    int
	NameDA string // Danish name, given as the reason by Calendar.IsClosed
	NameEN string
}

// DefaultExtraClosingDays returns the closing days that many Danish
// pharmacies observe besides public holidays: Christmas Eve (24 December),
// New Year's Eve (31 December) and Constitution Day (5 June). It returns a
// new slice on each call.
func DefaultExtraClosingDays() []ClosingDay {
	return []ClosingDay{
		{time.June, 5, "Grundlovsdag", "Constitution Day"},
		{time.December, 24, "Juleaften", "Christmas Eve"},
		{time.December, 31, "Nytårsaften", "New Year's Eve"},
	}
}
