package workflow

import (
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in         string
		want       calendar.Date
		wantDA, en string
	}{
		{"05.01.2026", calendar.NewDate(2026, 1, 5), "", ""},
		{"31-02-2026", calendar.Date{}, "Samtykke: datoen 31-02-2026 findes ikke", "Consent: the date 31-02-2026 does not exist"},
		{" 1/2/2026 ", calendar.Date{}, `Samtykke: datoen "1/2/2026" skal skrives dd-mm-åååå`, `Consent: the date "1/2/2026" must be written dd-mm-yyyy`},
		{strings.Repeat("9", 100), calendar.Date{}, `Samtykke: datoen "` + strings.Repeat("9", 40) + `…" skal skrives dd-mm-åååå`,
			`Consent: the date "` + strings.Repeat("9", 40) + `…" must be written dd-mm-yyyy`},
	} {
		got, err := ParseDate(tc.in, i18n.Message{DA: "Samtykke", EN: "Consent"})
		if tc.wantDA == "" {
			if err != nil || got != tc.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Kind != KindInvalid || e.Message(i18n.Danish) != tc.wantDA || e.Message(i18n.English) != tc.en {
			t.Errorf("ParseDate(%q) error %v; want %q / %q", tc.in, err, tc.wantDA, tc.en)
		}
	}
}
