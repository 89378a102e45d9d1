package cpr

import (
	"errors"
	"strings"
	"testing"
)

// TestParseErrorSaysItInDanish: every refusal of Parse has a Danish detail
// (shown on Danish screens) and an English one, and Error keeps the input.
func TestParseErrorSaysItInDanish(t *testing.T) {
	tests := []struct{ in, da, en string }{
		{"", "tomt; skriv DDMMÅÅ-SSSS eller DDMMÅÅSSSS", "empty"},
		{"010190-123", "med bindestreg skal det være DDMMÅÅ-SSSS (11 tegn), men det er 10 tegn", "with a hyphen"},
		{"0101901234x", "tegn 7 er '1', men skal være '-' (DDMMÅÅ-SSSS)", "character 7"},
		{"12345", "skriv DDMMÅÅ-SSSS eller DDMMÅÅSSSS; det er 5 tegn", "got 5 characters"},
		{"01019O-1234", "tegn 6 er 'O', ikke et ciffer", "not a digit"},
		{"011390-1234", "måned 13 findes ikke (01-12)", "month 13"},
		{"300290-1234", "dag 30 findes ikke i februar 1990", "day 30 is not a day of February 1990"},
		{"610190-1234", "dag 61 findes ikke i januar 1990 (erstatningsnumre, hvor dagen har fået lagt 60 til, kan ikke bruges)", "replacement numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) = %v, want a *ParseError", tt.in, err)
			}
			if pe.Danish() != tt.da {
				t.Errorf("Danish() = %q, want %q", pe.Danish(), tt.da)
			}
			if !strings.Contains(pe.English(), tt.en) || !strings.Contains(err.Error(), tt.en) {
				t.Errorf("English() = %q, Error() = %q, want %q in both", pe.English(), err.Error(), tt.en)
			}
			if pe.Input != strings.TrimSpace(tt.in) || !strings.HasPrefix(err.Error(), "CPR ") {
				t.Errorf("Input %q, Error %q", pe.Input, err.Error())
			}
		})
	}
}
