package workflow_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestDateOnlyDeadlineOverdueAfterItsDay: a packing job due on a day is
// not overdue during that Danish day (01:00 or 23:30), only once it has
// ended (00:30 the next day), in winter and summer; its label shows the
// day without a clock time.
func TestDateOnlyDeadlineOverdueAfterItsDay(t *testing.T) {
	tests := []struct {
		name string
		day  calendar.Date
		now  time.Time // UTC
		want workflow.Urgency
	}{
		{"winter 01:00 on the day", calendar.NewDate(2026, 3, 12), time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC), workflow.UrgencyToday},
		{"winter 23:30 on the day", calendar.NewDate(2026, 3, 12), time.Date(2026, 3, 12, 22, 30, 0, 0, time.UTC), workflow.UrgencyToday},
		{"winter 00:30 the day after", calendar.NewDate(2026, 3, 12), time.Date(2026, 3, 12, 23, 30, 0, 0, time.UTC), workflow.UrgencyOverdue},
		{"summer 01:00 on the day", calendar.NewDate(2026, 7, 1), time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC), workflow.UrgencyToday},
		{"summer 23:30 on the day", calendar.NewDate(2026, 7, 1), time.Date(2026, 7, 1, 21, 30, 0, 0, time.UTC), workflow.UrgencyToday},
		{"summer 00:30 the day after", calendar.NewDate(2026, 7, 1), time.Date(2026, 7, 1, 22, 30, 0, 0, time.UTC), workflow.UrgencyOverdue},
		{"the day before", calendar.NewDate(2026, 7, 1), time.Date(2026, 6, 29, 10, 0, 0, 0, time.UTC), workflow.UrgencySoon},
	}
	for _, tt := range tests {
		w := workflow.Worklist{Role: workflow.RolePharmacy, Now: tt.now}
		w.AddDay(workflow.WorkPeriodToPack, "c1", "1", tt.day, "Karen")
		it := w.Items[0]
		if it.Urgency != tt.want || it.DueDay != tt.day || !it.Due.Equal(tt.day.StartOfNext()) {
			t.Errorf("%s: %+v, want urgency %v", tt.name, it, tt.want)
		}
		if want := tt.day.Format() + " (uge "; !strings.Contains(it.LabelDA, want) || strings.Contains(it.LabelDA, ":00") {
			t.Errorf("%s: label %q should name the day without a clock time", tt.name, it.LabelDA)
		}
	}
}
