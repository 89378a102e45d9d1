package data

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestCachedLoadOutlivesFirstCaller: when the caller that started a shared
// load goes away, the callers waiting for the same result still get it.
func TestCachedLoadOutlivesFirstCaller(t *testing.T) {
	db := &DB{}
	db.SetReportCacheTTL(time.Minute)
	src := &ReportSource{db: db, scope: workflow.Scope{All: true}}
	release := make(chan struct{})
	load := func(ctx context.Context, _ reports.Filter) (int, error) {
		select {
		case <-release:
			return 42, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	f := reports.Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 12, 31)}
	first, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var firstErr, waiterErr error
	var got int
	wg.Add(2)
	go func() { defer wg.Done(); _, firstErr = cached(first, src, "q", f, load) }()
	time.Sleep(50 * time.Millisecond) // let the first caller start the load
	go func() { defer wg.Done(); got, waiterErr = cached(context.Background(), src, "q", f, load) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if firstErr != nil && !errors.Is(firstErr, context.Canceled) {
		t.Errorf("the first caller: %v, want the result or its own cancellation", firstErr)
	}
	if waiterErr != nil || got != 42 {
		t.Fatalf("the waiting caller got %d, %v; want 42 from the shared load", got, waiterErr)
	}
}
