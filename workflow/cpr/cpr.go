// Package cpr handles Danish personal identification numbers (CPR numbers,
// "personnummer") of the form DDMMYY-SSSS.
//
// The first six digits are the date of birth. The seventh digit together
// with the two-digit year gives the century, and the last digit gives the
// sex (odd for men, even for women).
//
// The modulus-11 check is not guaranteed for numbers issued since 2007:
// a number that fails it is still a valid CPR number. This package therefore
// never rejects a number for failing modulus-11; it reports a warning
// instead (see [Number.Warnings]).
//
// Replacement numbers ("erstatningspersonnumre", with 60 added to the day)
// are not supported: Parse rejects them with an explanatory error.
package cpr

import (
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// FHIRSystem is the FHIR identifier system URI for Danish CPR numbers.
const FHIRSystem = "urn:oid:1.2.208.176.1.2"

// Number is a syntactically valid CPR number: ten digits whose first six
// form a real date of birth in the century given by the seventh digit.
//
// The zero Number is not a CPR number; see [Number.IsZero]. Numbers are
// comparable with ==.
type Number struct {
	digits string // exactly 10 ASCII digits, or "" for the zero Number
}

// Sex is the legal sex encoded in the last digit of a CPR number.
type Sex string

// The two values of Sex.
const (
	Male   Sex = "male"   // last digit odd
	Female Sex = "female" // last digit even
)

// Parse parses a CPR number written as "DDMMYY-SSSS" or "DDMMYYSSSS".
// Surrounding white space is ignored.
//
// Parse returns an error, quoting the input, if the length is wrong, a
// character is not a digit (or the hyphen is misplaced), or the first six
// digits are not a date in the century given by the seventh digit (for
// example 29 February in a year that is not a leap year). A failed
// modulus-11 check is not an error; see [Number.Warnings].
func Parse(s string) (Number, error) {
	in := strings.TrimSpace(s)
	fail := func(key string, args ...any) (Number, error) {
		return Number{}, &ParseError{Input: in, key: key, args: args}
	}
	if in == "" {
		return fail("err.cpr.empty")
	}
	runes := []rune(in)
	switch len(runes) {
	case 10:
		if strings.ContainsRune(in, '-') {
			return fail("err.cpr.hyphen_length", len(runes))
		}
	case 11:
		if runes[6] != '-' {
			return fail("err.cpr.hyphen_place", runes[6])
		}
	default:
		return fail("err.cpr.length", len(runes))
	}
	var b strings.Builder
	for i, r := range runes {
		if len(runes) == 11 && i == 6 {
			continue
		}
		if r < '0' || r > '9' {
			return fail("err.cpr.not_digit", i+1, r)
		}
		b.WriteRune(r)
	}
	digits := b.String()
	day, month, yy := num(digits[0:2]), num(digits[2:4]), num(digits[4:6])
	year := fullYear(yy, digits[6]-'0')
	if month < 1 || month > 12 {
		return fail("err.cpr.no_such_month", month)
	}
	if day < 1 || day > daysIn(year, time.Month(month)) {
		name := i18n.TextFunc(func(l i18n.Lang) string { return l.Pick(monthDA(month), time.Month(month).String()) })
		if day > 60 && day-60 <= daysIn(year, time.Month(month)) {
			return fail("err.cpr.no_such_day_replacement", day, name, year)
		}
		return fail("err.cpr.no_such_day", day, name, year)
	}
	return Number{digits: digits}, nil
}

// ParseError is Parse's refusal: the input and what is wrong with it, in
// Danish (Danish) and English (Error, and Detail).
type ParseError struct {
	Input string
	key   string // what is wrong: a catalogue key (err.cpr.*) and its values
	args  []any
}

// Error is the refusal in English, with the input: `CPR "…": detail`.
func (e *ParseError) Error() string { return fmt.Sprintf("CPR %q: %s", e.Input, e.English()) }

// Danish is what is wrong, in Danish, without the input.
func (e *ParseError) Danish() string { return e.In(i18n.Danish) }

// English is what is wrong, in English, without the input.
func (e *ParseError) English() string { return e.In(i18n.English) }

// In is what is wrong in l, without the input (an i18n.Text, for an
// error's message).
func (e *ParseError) In(l i18n.Lang) string { return i18n.Tf(l, e.key, e.args...) }

// monthDA is the Danish name of month m (1–12).
func monthDA(m int) string {
	return [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
		"september", "oktober", "november", "december"}[m-1]
}

// String returns the number as "DDMMYY-SSSS", or "" for the zero Number.
func (n Number) String() string {
	if n.IsZero() {
		return ""
	}
	return n.digits[:6] + "-" + n.digits[6:]
}

// Digits returns the ten digits without a hyphen, "DDMMYYSSSS", or "" for
// the zero Number.
func (n Number) Digits() string {
	return n.digits
}

// Masked returns the number with its last four digits hidden,
// "DDMMYY-XXXX", for display in lists. It returns "" for the zero Number.
func (n Number) Masked() string {
	if n.IsZero() {
		return ""
	}
	return Mask(n.digits)
}

// IsZero reports whether n is the zero Number, which is not a CPR number.
func (n Number) IsZero() bool {
	return n.digits == ""
}

// BirthDate returns the date of birth, with the century derived from the
// seventh digit. It returns the zero Date for the zero Number.
func (n Number) BirthDate() calendar.Date {
	if n.IsZero() {
		return calendar.Date{}
	}
	year := fullYear(num(n.digits[4:6]), n.digits[6]-'0')
	return calendar.NewDate(year, time.Month(num(n.digits[2:4])), num(n.digits[0:2]))
}

// Sex returns Male if the last digit is odd and Female if it is even. It
// returns "" for the zero Number.
func (n Number) Sex() Sex {
	if n.IsZero() {
		return ""
	}
	if (n.digits[9]-'0')%2 == 1 {
		return Male
	}
	return Female
}

// Mod11Valid reports whether the number passes the modulus-11 check
// (weights 4,3,2,7,6,5,4,3,2,1). Numbers issued since 2007 need not pass
// it, so a false result never makes a number invalid. It returns false for
// the zero Number.
func (n Number) Mod11Valid() bool {
	if n.IsZero() {
		return false
	}
	return mod11Sum(n.digits)%11 == 0
}

// Warnings returns human-readable remarks about a valid number, each in
// Danish followed by English. Currently the only warning is a failed
// modulus-11 check, which is normal for numbers issued since 2007.
// It returns nil if there is nothing to remark and for the zero Number.
func (n Number) Warnings() []string {
	if n.IsZero() || n.Mod11Valid() {
		return nil
	}
	return []string{
		"Modulus 11-kontrollen går ikke op for CPR-nummeret. Det er normalt for numre udstedt siden 2007, og nummeret er stadig gyldigt. / " +
			"The CPR number does not pass the modulus-11 check. This is normal for numbers issued since 2007, and the number is still valid.",
	}
}

// Age returns the age in completed years on the day on (see
// [calendar.Age]). It returns 0 if on is before the date of birth and for
// the zero Number.
func (n Number) Age(on calendar.Date) int {
	if n.IsZero() {
		return 0
	}
	return max(calendar.Age(n.BirthDate(), on), 0)
}

// fullYear returns the four-digit year for a two-digit year yy and the
// seventh digit d7 of a CPR number.
func fullYear(yy int, d7 byte) int {
	switch {
	case d7 <= 3:
		return 1900 + yy
	case d7 == 4 || d7 == 9:
		if yy <= 36 {
			return 2000 + yy
		}
		return 1900 + yy
	default: // 5-8
		if yy <= 57 {
			return 2000 + yy
		}
		return 1800 + yy
	}
}

// mod11Sum returns the weighted modulus-11 sum of ten ASCII digits.
func mod11Sum(digits string) int {
	weights := [10]int{4, 3, 2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i, w := range weights {
		sum += w * int(digits[i]-'0')
	}
	return sum
}

// num converts a string of ASCII digits to an int.
func num(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// daysIn returns the number of days in the given month.
func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
