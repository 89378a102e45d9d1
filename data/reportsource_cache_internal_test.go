package data

import (
	"context"
	"errors"
	"strings"
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

// TestCachedPanicDoesNotPoisonKey: a first load that panics returns an
// error to its callers (the process does not crash, the waiters are
// released) and stores nothing, so the next caller loads the key again.
func TestCachedPanicDoesNotPoisonKey(t *testing.T) {
	db := &DB{}
	db.SetReportCacheTTL(time.Minute)
	src := &ReportSource{db: db, scope: workflow.Scope{All: true}}
	f := reports.Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 12, 31)}
	release := make(chan struct{})
	var calls int
	var mu sync.Mutex
	load := func(ctx context.Context, _ reports.Filter) (int, error) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			<-release
			panic("boom")
		}
		return 7, nil
	}
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); _, errs[i] = cached(context.Background(), src, "q", f, load) }()
	}
	time.Sleep(50 * time.Millisecond) // let the callers join the one load
	close(release)
	wg.Wait()
	for i, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "panic: boom") {
			t.Errorf("caller %d of the panicking load: %v, want the panic as an error", i, err)
		}
	}
	got, err := cached(context.Background(), src, "q", f, load)
	if err != nil || got != 7 {
		t.Fatalf("after the panic: %d, %v; want a fresh load giving 7", got, err)
	}
	if got, _ := cached(context.Background(), src, "q", f, load); got != 7 || calls != 2 {
		t.Errorf("third call: %d after %d loads, want the cached 7 after 2 loads", got, calls)
	}
}
