package workflow

import (
	"testing"
	"time"
)

// TestWorklistSortSections: alerts first, then the current work by
// urgency and due time, then everything more than StaleAfter overdue
// (alerts too), oldest first.
func TestWorklistSortSections(t *testing.T) {
	now := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	w := Worklist{Now: now}
	add := func(k WorkKind, ref string, due time.Time) { w.Add(k, "c", ref, due, "", "", "") }
	add(WorkDeliveryToCheck, "2023", time.Date(2023, 9, 12, 0, 0, 0, 0, time.UTC))
	add(WorkDeliveryToCheck, "today", now.Add(3*time.Hour))
	add(WorkUrgentRejected, "old-rejection", now.AddDate(0, -2, 0))
	add(WorkDeliveryToCheck, "last-week", now.AddDate(0, 0, -6))
	add(WorkUrgentLatePromise, "late", now.Add(20*time.Hour))
	add(WorkConsent, "next-month", now.AddDate(0, 1, 0))
	add(WorkUrgentRejected, "rejection", now.Add(-time.Hour))
	add(WorkDeliveryToCheck, "2025", time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC))
	w.Sort()
	want := []string{"rejection", "late", "last-week", "today", "next-month", "2023", "2025", "old-rejection"}
	for i, it := range w.Items {
		if it.RefID != want[i] {
			t.Fatalf("item %d is %s, want %s (order %v)", i, it.RefID, want[i], refs(w.Items))
		}
		if stale := i >= 5; it.Stale != stale {
			t.Errorf("%s: stale %v", it.RefID, it.Stale)
		}
	}
}

func refs(items []WorkItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.RefID
	}
	return out
}
