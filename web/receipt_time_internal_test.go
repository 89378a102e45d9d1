package web

import (
	"testing"
	"time"
)

// TestReceiptTimeDefaults: both fields empty is now (the zero time); a time
// alone is today's Danish date at that time (at 00:30 Danish time, the UTC
// date is still yesterday's).
func TestReceiptTimeDefaults(t *testing.T) {
	now := time.Date(2026, 11, 26, 23, 30, 0, 0, time.UTC) // 27-11-2026 00:30 in Denmark
	if at, err := receiptTime(" ", "", now); err != nil || !at.IsZero() {
		t.Errorf("empty fields: %v %v, want the zero time", at, err)
	}
	at, err := receiptTime("", "00:10", now)
	if want := time.Date(2026, 11, 26, 23, 10, 0, 0, time.UTC); err != nil || !at.Equal(want) {
		t.Errorf("a time alone: %v %v, want %v", at, err, want)
	}
}
