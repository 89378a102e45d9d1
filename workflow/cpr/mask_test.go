package cpr

import "testing"

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"0102031234":       "010203-XXXX",
		"010203-1234":      "010203-XXXX",
		"010203 1234":      "010203-XXXX",
		"010203–1234":      "010203-XXXX", // en dash
		"010203—1234":      "010203-XXXX", // em dash
		"010203\u00a01234": "010203-XXXX", // no-break space
		" 010203-1234 ":    "010203-XXXX",
		"010203--1234":     "XXXXXX-XXXX",
		"01020-31234":      "XXXXXX-XXXX",
		"12345":            "XXXXXX-XXXX",
		"":                 "XXXXXX-XXXX",
		"01020312345":      "XXXXXX-XXXX",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"borger 010203-1234 findes ikke":    "borger XXXXXX-XXXX findes ikke",
		"cpr 010203 1234 og 0102031234":     "cpr XXXXXX-XXXX og XXXXXX-XXXX",
		"cpr 010203–1234.":                  "cpr XXXXXX-XXXX.",
		"ydernummer 012345, 2026":           "ydernummer 012345, 2026",
		"erstatning 710203-1234":            "erstatning XXXXXX-XXXX",
		"ugyldig mod 11: 0101451237":        "ugyldig mod 11: XXXXXX-XXXX",
		"x0102031234y":                      "xXXXXXX-XXXXy",
		"lead time 1000000000 hours":        "lead time 1000000000 hours",
		"9999999999 and 3213001234":         "9999999999 and 3213001234",
		"order 01020312345 and 10102031234": "order 01020312345 and 10102031234",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
