package data

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/dosis-dk/dosis/reports"
)

// reportCache keeps the results of the report's aggregate queries per
// scope, filter and query for a short time, in this process only (each
// instance has its own). It exists for the live dashboard: at national
// scale the report queries take seconds (BENCHMARKS.md), far beyond what a
// page may take under load. Within the TTL a result is served from memory;
// after it, the stale result is still served while one background load
// refreshes it, so only the very first request for a key waits for the
// database. Concurrent callers of a missing key share one load
// (singleflight) instead of each running the query. A load that fails or
// panics stores nothing: the next caller loads again.
type reportCache struct {
	ttl     time.Duration
	loads   singleflight.Group
	mu      sync.Mutex
	entries map[string]cacheEntry
}

// cacheEntry is one loaded query result and when it was loaded.
type cacheEntry struct {
	val    any
	loaded time.Time
}

// cacheLoadTimeout bounds one shared load; it does not end with the caller
// that started it, since other callers may wait for the same result.
const cacheLoadTimeout = 2 * time.Minute

// SetReportCacheTTL makes report sources of db keep query results for ttl
// (0 turns the cache off, the default). A server that shows the live
// dashboard to many users sets it once at start, before serving; figures
// are then up to ttl old. Command-line reports never set it.
func (db *DB) SetReportCacheTTL(ttl time.Duration) {
	if ttl <= 0 {
		db.reportCache = nil
		return
	}
	db.reportCache = &reportCache{ttl: ttl, entries: map[string]cacheEntry{}}
}

// cached returns the result of load for the query name under s and f, from
// the cache when the DB has one.
func cached[T any](ctx context.Context, s *ReportSource, name string, f reports.Filter, load func(context.Context, reports.Filter) (T, error)) (T, error) {
	c := s.db.reportCache
	if c == nil {
		return load(ctx, f)
	}
	key := fmt.Sprintf("%s|%v|%v|%s|%s", name, s.scope, s.codes(f), f.From, f.To)
	run := func() (any, error) {
		return c.load(key, func(ctx context.Context) (any, error) { return load(ctx, f) })
	}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok {
		if time.Since(e.loaded) > c.ttl {
			c.loads.DoChan(key, run) // refresh in the background; serve the stale result now
		}
		return e.val.(T), nil
	}
	select {
	case r := <-c.loads.DoChan(key, run):
		if r.Err != nil {
			var zero T
			return zero, r.Err
		}
		return r.Val.(T), nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// load runs one shared load under its own timeout and stores a successful
// result. A panic in the query becomes an error: singleflight would
// otherwise crash the process (it re-panics on a fresh goroutine when
// others wait), and nothing is stored, so the key is not poisoned.
func (c *reportCache) load(key string, load func(context.Context) (any, error)) (val any, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), cacheLoadTimeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			val, err = nil, fmt.Errorf("report query %s: panic: %v", key, p)
		}
	}()
	val, err = load(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evictStale()
	c.entries[key] = cacheEntry{val: val, loaded: time.Now()}
	return val, nil
}

// evictStale drops entries not refreshed for ten TTLs, so filters asked
// for once do not stay in memory. The caller holds c.mu.
func (c *reportCache) evictStale() {
	for k, e := range c.entries {
		if time.Since(e.loaded) > 10*c.ttl {
			delete(c.entries, k)
		}
	}
}
