package workflow_test

import (
	"testing"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestPastRange: the one rule for a typed date of something that has
// happened: not in the future, at most N days back, not before a given
// day; the refusal names the field, the value and the range in dd-mm-yyyy.
func TestPastRange(t *testing.T) {
	today := day("01-12-2026")
	cases := []struct {
		name      string
		back      int
		notBefore string
		date      string
		want      string // "" accepted, else the Danish message
	}{
		{"today", 90, "", "01-12-2026", ""},
		{"the first day of the range", 90, "", "02-09-2026", ""},
		{"a day too far back", 90, "", "01-09-2026", "Flyttedato: 01-09-2026 skal ligge fra 02-09-2026 til 01-12-2026"},
		{"decades back", 90, "", "01-01-1990", "Flyttedato: 01-01-1990 skal ligge fra 02-09-2026 til 01-12-2026"},
		{"tomorrow", 90, "", "02-12-2026", "Flyttedato: 02-12-2026 skal ligge fra 02-09-2026 til 01-12-2026"},
		{"before the case was opened", 30, "20-11-2026", "19-11-2026", "Flyttedato: 19-11-2026 skal ligge fra 20-11-2026 til 01-12-2026"},
		{"the day the case was opened", 30, "20-11-2026", "20-11-2026", ""},
		{"a case older than the window", 30, "01-01-2020", "01-11-2026", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var nb calendar.Date
			if tc.notBefore != "" {
				nb = day(tc.notBefore)
			}
			err := workflow.PastRange(today, tc.back, nb).Check(i18n.Key("err.field.moved_on"), day(tc.date))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (workflow.KindOf(err) != workflow.KindInvalid || err.(*workflow.Error).Message(i18n.Danish) != tc.want):
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	// An instant is judged by its Danish day and quoted with its time.
	at := time.Date(2026, 8, 31, 22, 30, 0, 0, time.UTC) // 01-09-2026 00:30 Danish time
	err := workflow.PastRange(today, 91, calendar.Date{}).CheckTime(i18n.Key("err.field.time"), at)
	if err != nil {
		t.Errorf("00:30 Danish time on the first day refused: %v", err)
	}
	err = workflow.PastRange(today, 90, calendar.Date{}).CheckTime(i18n.Key("err.field.time"), at)
	if we, ok := err.(*workflow.Error); !ok || we.Message(i18n.English) != "Time: 01-09-2026 00:30 must lie from 02-09-2026 to 01-12-2026" {
		t.Errorf("got %v", err)
	}
}
