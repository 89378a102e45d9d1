package cpr

import (
	"regexp"
	"strings"
)

// Hidden is how a masked part of a CPR number is written.
const Hidden = "XXXX"

// separators are what people write between the two halves of a CPR
// number: nothing, a hyphen, a space, a no-break space, an en or em dash.
const separators = "- \u00a0\u2013\u2014"

// pattern finds CPR-like numbers in free text (ten digits, optionally split
// after six by one separator). Compiled once and never changed: a constant.
var pattern = regexp.MustCompile(`\d{6}[` + separators + `]?\d{4}`)

// Mask shows a CPR number with its last four digits hidden, "DDMMYY-XXXX",
// however it was written (with a hyphen, a space, an en dash or nothing).
// Anything that is not ten digits is hidden completely, "XXXXXX-XXXX". This
// is the one mask of the web, the command line and the imports.
func Mask(s string) string {
	d := strings.Map(func(r rune) rune {
		if strings.ContainsRune(separators, r) {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if len(d) != 10 || strings.Trim(d, "0123456789") != "" || !pattern.MatchString(s) {
		return "XXXXXX-" + Hidden
	}
	return d[:6] + "-" + Hidden
}

// Redact hides every CPR-like number in free text completely, for log lines
// and messages that may quote what a user typed. CPR-like is ten digits,
// optionally split after six by one separator, not part of a longer run of
// digits, whose first six digits could be a birth date: day 01–31 (or
// 61–91, a replacement number), month 01–12. So "1000000000 working hours"
// or an 11-digit order number stay as written, and every real CPR number,
// valid or not by modulus 11, is hidden.
func Redact(text string) string {
	var b strings.Builder
	last := 0
	for _, m := range pattern.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if start > 0 && isDigit(text[start-1]) || end < len(text) && isDigit(text[end]) || !birthLike(text[start:start+6]) {
			continue
		}
		b.WriteString(text[last:start])
		b.WriteString("XXXXXX-" + Hidden)
		last = end
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// birthLike tells whether six digits DDMMYY could be a CPR number's birth
// date (any year; days 61–91 are replacement numbers).
func birthLike(ddmmyy string) bool {
	day, month := num(ddmmyy[0:2]), num(ddmmyy[2:4])
	if day > 60 {
		day -= 60
	}
	return month >= 1 && month <= 12 && day >= 1 && day <= 31
}
