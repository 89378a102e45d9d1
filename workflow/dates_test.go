package workflow

import (
	"errors"
	"strings"
	"testing"
	"time"

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

// TestParseDateTime: a typed date and time in Danish time, as two fields
// or one text; a refusal names the field and what was typed, in Danish and
// English.
func TestParseDateTime(t *testing.T) {
	for _, tc := range []struct {
		name, date, clock, def string
		want                   time.Time
		wantDA, wantEN         string
	}{
		{name: "winter time", date: "27-11-2026", clock: "09:45", want: time.Date(2026, 11, 27, 8, 45, 0, 0, time.UTC)},
		{name: "summer time", date: "01-07-2026", clock: "9.05", want: time.Date(2026, 7, 1, 7, 5, 0, 0, time.UTC)},
		{name: "default clock", date: "27-11-2026", def: "12:00", want: time.Date(2026, 11, 27, 11, 0, 0, 0, time.UTC)},
		{name: "US date", date: "11/27/2026", clock: "09:45",
			wantDA: `Modtaget: datoen "11/27/2026" skal skrives dd-mm-åååå`, wantEN: `Received: the date "11/27/2026" must be written dd-mm-yyyy`},
		{name: "bad clock", date: "27-11-2026", clock: "25:00",
			wantDA: `Modtaget: klokkeslættet "25:00" skal skrives tt:mm`, wantEN: `Received: the time "25:00" must be written hh:mm`},
		{name: "clock required", date: "27-11-2026",
			wantDA: "Modtaget: skriv også klokkeslættet (tt:mm)", wantEN: "Received: give the time as well (hh:mm)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDateTime(tc.date, tc.clock, tc.def, i18n.Key("receipt.at"))
			if tc.wantDA == "" {
				if err != nil || !got.Equal(tc.want) {
					t.Errorf("ParseDateTime = %v, %v; want %v", got, err, tc.want)
				}
				return
			}
			var we *Error
			if !errors.As(err, &we) || we.Kind != KindInvalid || we.Message(i18n.Danish) != tc.wantDA || we.Message(i18n.English) != tc.wantEN {
				t.Errorf("ParseDateTime error = %v, want %q / %q", err, tc.wantDA, tc.wantEN)
			}
		})
	}
	if got, err := ParseDateTimeText(" 27-11-2026 09:45 ", i18n.Verbatim("--at")); err != nil || !got.Equal(time.Date(2026, 11, 27, 8, 45, 0, 0, time.UTC)) {
		t.Errorf("ParseDateTimeText = %v, %v", got, err)
	}
	if _, err := ParseDateTimeText("2026-11-27T09:45", i18n.Verbatim("--at")); err == nil || !strings.Contains(err.Error(), `"2026-11-27T09:45"`) {
		t.Errorf("ParseDateTimeText of an ISO time: %v, want a refusal quoting it", err)
	}
}
