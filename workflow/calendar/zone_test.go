package calendar_test

import (
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

func TestCopenhagenIsLoadedOnce(t *testing.T) {
	loc := calendar.Copenhagen()
	if loc.String() != "Europe/Copenhagen" {
		t.Fatalf("Copenhagen() = %s (is the time zone database missing?)", loc)
	}
	if calendar.Copenhagen() != loc {
		t.Errorf("Copenhagen() must return the one loaded location")
	}
	// 23:30 UTC on 30 June is 1 July in Copenhagen (summer time, UTC+2).
	if got := calendar.DayOf(time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC).In(loc)); got != calendar.NewDate(2026, 7, 1) {
		t.Errorf("Danish day of 30-06-2026 23:30 UTC: %s", got.Format())
	}
}
