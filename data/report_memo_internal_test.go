package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/reports"
)

// fixedVersions is a current-versions function that returns v.
func fixedVersions(v string) func(context.Context) (string, error) {
	return func(context.Context) (string, error) { return v, nil }
}

// TestReportMemoSharesOneBuild: concurrent requests for the same report at
// the same versions wait for one build, which outlives the request that
// started it; new versions build again.
func TestReportMemoSharesOneBuild(t *testing.T) {
	db := &DB{}
	db.SetReportMemo(4)
	release := make(chan struct{})
	var builds atomic.Int64
	build := func(ctx context.Context) (reports.Report, string, error) {
		builds.Add(1)
		select {
		case <-release:
			return reports.Report{Omitted: 42}, "v1", nil
		case <-ctx.Done():
			return reports.Report{}, "", ctx.Err()
		}
	}
	first, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make([]error, 5)
	got := make([]int, 5)
	for i := range errs {
		wg.Add(1)
		ctx := context.Background()
		if i == 0 {
			ctx = first
		}
		go func() {
			defer wg.Done()
			r, err := db.memo.report(ctx, "k", fixedVersions("v1"), build)
			got[i], errs[i] = r.Omitted, err
		}()
	}
	time.Sleep(50 * time.Millisecond)
	cancel() // the first caller goes away; the others still get the build
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if errs[0] != nil && !errors.Is(errs[0], context.Canceled) {
		t.Errorf("the first caller: %v, want the report or its own cancellation", errs[0])
	}
	for i := 1; i < len(errs); i++ {
		if errs[i] != nil || got[i] != 42 {
			t.Errorf("caller %d: %d, %v; want 42 from the shared build", i, got[i], errs[i])
		}
	}
	if n := builds.Load(); n != 1 {
		t.Errorf("%d builds for five concurrent requests, want 1", n)
	}
	if r, err := db.memo.report(context.Background(), "k", fixedVersions("v1"), build); err != nil || r.Omitted != 42 || builds.Load() != 1 {
		t.Errorf("same versions: %d, %v after %d builds; want the memo", r.Omitted, err, builds.Load())
	}
	if _, err := db.memo.report(context.Background(), "k", fixedVersions("v2"), build); err != nil || builds.Load() != 2 {
		t.Errorf("new versions: %v after %d builds, want a second build", err, builds.Load())
	}
}

// TestReportMemoPanicStoresNothing: a build that panics is an error for
// its callers (no crash) and stores nothing; the next request builds.
func TestReportMemoPanicStoresNothing(t *testing.T) {
	db := &DB{}
	db.SetReportMemo(4)
	var calls atomic.Int64
	build := func(context.Context) (reports.Report, string, error) {
		if calls.Add(1) == 1 {
			panic("boom")
		}
		return reports.Report{Omitted: 7}, "v", nil
	}
	if _, err := db.memo.report(context.Background(), "k", fixedVersions("v"), build); err == nil || !strings.Contains(err.Error(), "panic: boom") {
		t.Fatalf("panicking build: %v, want the panic as an error", err)
	}
	if r, err := db.memo.report(context.Background(), "k", fixedVersions("v"), build); err != nil || r.Omitted != 7 || calls.Load() != 2 {
		t.Errorf("after the panic: %d, %v after %d builds; want a fresh build giving 7", r.Omitted, err, calls.Load())
	}
}

// TestReportMemoBounded: the memo keeps at most its size, dropping the
// least recently used report.
func TestReportMemoBounded(t *testing.T) {
	db := &DB{}
	db.SetReportMemo(3)
	var builds atomic.Int64
	build := func(context.Context) (reports.Report, string, error) {
		builds.Add(1)
		return reports.Report{}, "v", nil
	}
	get := func(key string) {
		if _, err := db.memo.report(context.Background(), key, fixedVersions("v"), build); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 10 {
		get(fmt.Sprint("k", i))
	}
	if n := db.memo.order.Len(); n != 3 || len(db.memo.entries) != 3 {
		t.Fatalf("%d reports kept (%d indexed), want 3", n, len(db.memo.entries))
	}
	get("k7") // the oldest of the three kept, now the most recent
	get("k10")
	b := builds.Load()
	get("k7")
	get("k9")
	if builds.Load() != b {
		t.Errorf("k7 and k9 were rebuilt; the least recently used (k8) should have gone")
	}
	get("k8")
	if builds.Load() != b+1 {
		t.Errorf("k8 was still kept")
	}
}
