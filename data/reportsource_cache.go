package data

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/dosis-dk/dosis/reports"
)

// reportCache keeps the results of the report's aggregate queries per
// scope, filter and query for a short time, in this process only (each
// instance has its own). It exists for the live dashboard: at national
// scale the nine queries take seconds (BENCHMARKS.md), far beyond what a
// page may take under load. Within the TTL a result is served from memory;
// after it, the stale result is still served while one caller's request
// refreshes it in the background, so only the very first request for a
// key waits for the database. Concurrent callers of a missing key wait for
// one load instead of each running the query.
type reportCache struct {
	ttl     time.Duration
	mu      sync.Mutex
	entries map[string]*cacheEntry
}

// cacheEntry is one query result; ready is closed when the first load ends.
type cacheEntry struct {
	ready      chan struct{}
	val        any
	err        error
	loaded     time.Time
	refreshing bool
}

// SetReportCacheTTL makes report sources of db keep query results for ttl
// (0 turns the cache off, the default). A server that shows the live
// dashboard to many users sets it once at start, before serving; figures
// are then up to ttl old. Command-line reports never set it.
func (db *DB) SetReportCacheTTL(ttl time.Duration) {
	if ttl <= 0 {
		db.reportCache = nil
		return
	}
	db.reportCache = &reportCache{ttl: ttl, entries: map[string]*cacheEntry{}}
}

// cached returns the result of load for the query name under s and f, from
// the cache when the DB has one.
func cached[T any](ctx context.Context, s *ReportSource, name string, f reports.Filter, load func(context.Context, reports.Filter) (T, error)) (T, error) {
	c := s.db.reportCache
	if c == nil {
		return load(ctx, f)
	}
	key := fmt.Sprintf("%s|%v|%v|%s|%s", name, s.scope, s.codes(f), f.From, f.To)
	c.mu.Lock()
	e, ok := c.entries[key]
	switch {
	case !ok:
		c.evictStale()
		e = &cacheEntry{ready: make(chan struct{})}
		c.entries[key] = e
		c.mu.Unlock()
		// The load is shared by every caller waiting for this key: it must
		// not end when the first caller goes away.
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		func() {
			defer cancel()
			defer close(e.ready) // even if load panics, waiters are released
			val, err := load(lctx, f)
			c.mu.Lock()
			defer c.mu.Unlock()
			e.val, e.err, e.loaded = val, err, time.Now()
			if err != nil {
				delete(c.entries, key) // the next caller tries again
			}
		}()
	case e.loaded.IsZero():
		c.mu.Unlock() // the first load is running: wait for it
	default:
		if time.Since(e.loaded) > c.ttl && !e.refreshing {
			e.refreshing = true
			go c.refresh(key, e, func(ctx context.Context) (any, error) { return load(ctx, f) })
		}
		c.mu.Unlock()
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
	c.mu.Lock()
	val, err := e.val, e.err
	c.mu.Unlock()
	if err != nil {
		var zero T
		return zero, err
	}
	return val.(T), nil
}

// evictStale drops entries not refreshed for ten TTLs, so filters asked
// for once do not stay in memory. The caller holds c.mu.
func (c *reportCache) evictStale() {
	for k, e := range c.entries {
		if !e.loaded.IsZero() && !e.refreshing && time.Since(e.loaded) > 10*c.ttl {
			delete(c.entries, k)
		}
	}
}

// refresh reloads a stale entry in the background (at most a minute); on
// failure the stale result stays and the next request past the TTL tries
// again.
func (c *reportCache) refresh(key string, e *cacheEntry, load func(context.Context) (any, error)) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	val, err := load(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	e.refreshing = false
	if err == nil {
		c.entries[key] = &cacheEntry{ready: e.ready, val: val, loaded: time.Now()}
	}
}

// Adoption implements reports.Source.
func (s *ReportSource) Adoption(ctx context.Context, f reports.Filter) ([]reports.AdoptionCounts, error) {
	return cached(ctx, s, "adoption", f, s.adoption)
}

// Months implements reports.Source.
func (s *ReportSource) Months(ctx context.Context, f reports.Filter) ([]reports.MonthCounts, error) {
	return cached(ctx, s, "months", f, s.months)
}

// Funnel implements reports.Source.
func (s *ReportSource) Funnel(ctx context.Context, f reports.Filter) ([]reports.FunnelCounts, error) {
	return cached(ctx, s, "funnel", f, s.funnel)
}

// StageDays implements reports.Source.
func (s *ReportSource) StageDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return cached(ctx, s, "stage days", f, s.stageDays)
}

// Reasons implements reports.Source.
func (s *ReportSource) Reasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	return cached(ctx, s, "reasons", f, s.reasons)
}

// Pharmacies implements reports.Source.
func (s *ReportSource) Pharmacies(ctx context.Context, f reports.Filter) ([]reports.PharmacyCounts, error) {
	return cached(ctx, s, "pharmacies", f, s.pharmacies)
}

// LeadHours implements reports.Source.
func (s *ReportSource) LeadHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return cached(ctx, s, "lead hours", f, s.leadHours)
}

// GPs implements reports.Source.
func (s *ReportSource) GPs(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	return cached(ctx, s, "GPs", f, s.gps)
}

// GPDays implements reports.Source.
func (s *ReportSource) GPDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return cached(ctx, s, "GP days", f, s.gpDays)
}
