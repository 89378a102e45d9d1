package cpr

import (
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	// More seeds are committed in testdata/fuzz/FuzzParse.
	for _, s := range []string{"010100-0001", "2902004001", "320186-1234", "", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			if !n.IsZero() {
				t.Fatalf("Parse(%q) returned %v with error %v", s, n, err)
			}
			if !strings.HasPrefix(err.Error(), "CPR ") {
				t.Fatalf("Parse(%q) error %q does not quote the input", s, err)
			}
			return
		}
		back, err := Parse(n.String())
		if err != nil {
			t.Fatalf("Parse(%q) = %v, but String() does not re-parse: %v", s, n, err)
		}
		if back != n {
			t.Fatalf("Parse(%q) = %v, re-parsed as %v", s, n, back)
		}
		if back2, err := Parse(n.Digits()); err != nil || back2 != n {
			t.Fatalf("Parse(%q) = %v, Digits() re-parsed as %v, %v", s, n, back2, err)
		}
		_ = n.BirthDate()
		_ = n.Sex()
		_ = n.Masked()
		_ = n.Warnings()
	})
}
