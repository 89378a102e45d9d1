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
// and messages that may quote what a user typed.
func Redact(text string) string {
	return pattern.ReplaceAllString(text, "XXXXXX-"+Hidden)
}
