package data

import (
	"container/list"
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/dosis-dk/dosis/reports"
)

// reportMemo keeps built reports in this process (each instance has its
// own), each with the report versions (rollup_versions.go) of the snapshot
// it was built in. A report is served from memory only while the versions
// read now are the same: one query of at most 99 rows per request, and the
// figures are exactly those a fresh build would give, on every instance.
// Concurrent requests for the same report and versions share one build
// (singleflight); the memo holds at most size reports, dropping the least
// recently used.
type reportMemo struct {
	size    int
	builds  singleflight.Group
	mu      sync.Mutex
	order   *list.List // of *memoEntry, most recently used first
	entries map[string]*list.Element
}

// memoEntry is one built report, its key and the versions it was built at.
type memoEntry struct {
	key, versions string
	report        reports.Report
}

// DefaultReportMemo is how many built reports `dosis serve` keeps: a few
// filters and periods per steering group and municipality (the dashboard
// builds two, the period and the year before).
const DefaultReportMemo = 32

// memoBuildTimeout bounds one shared build; it does not end with the
// request that started it, since others may wait for the same report.
const memoBuildTimeout = 2 * time.Minute

// SetReportMemo makes db keep up to size built reports (0 turns the memo
// off, the default): a server sets it once at start, before serving.
// Command-line reports never set it.
func (db *DB) SetReportMemo(size int) {
	if size <= 0 {
		db.memo = nil
		return
	}
	db.memo = &reportMemo{size: size, order: list.New(), entries: map[string]*list.Element{}}
}

// lookup returns the report under key if it was built at versions.
func (m *reportMemo) lookup(key, versions string) (reports.Report, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.entries[key]
	if !ok || el.Value.(*memoEntry).versions != versions {
		return reports.Report{}, false
	}
	m.order.MoveToFront(el)
	return el.Value.(*memoEntry).report, true
}

// store keeps r under key as built at versions, replacing an older build.
func (m *reportMemo) store(key, versions string, r reports.Report) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		el.Value = &memoEntry{key: key, versions: versions, report: r}
		m.order.MoveToFront(el)
		return
	}
	m.entries[key] = m.order.PushFront(&memoEntry{key: key, versions: versions, report: r})
	for m.order.Len() > m.size {
		last := m.order.Back()
		m.order.Remove(last)
		delete(m.entries, last.Value.(*memoEntry).key)
	}
}

// report returns the report under key: from memory when current (the
// versions as committed now) matches what it was built at, otherwise from
// build, which returns the report and the versions of the snapshot it read.
// Callers asking for the same key at the same versions share one build; a
// build that fails or panics stores nothing. The report returned shares its
// slices with every other caller of the key: read it, never change it (the
// charts and tables sort copies).
func (m *reportMemo) report(ctx context.Context, key string, current func(context.Context) (string, error),
	build func(context.Context) (reports.Report, string, error)) (reports.Report, error) {
	vs, err := current(ctx)
	if err != nil {
		return reports.Report{}, err
	}
	if r, ok := m.lookup(key, vs); ok {
		return r, nil
	}
	ch := m.builds.DoChan(key+"\x00"+vs, func() (val any, err error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), memoBuildTimeout)
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				val, err = nil, fmt.Errorf("report: panic: %v", p)
			}
		}()
		r, built, err := build(ctx)
		if err != nil {
			return nil, err
		}
		m.store(key, built, r)
		return r, nil
	})
	select {
	case res := <-ch:
		if res.Err != nil {
			return reports.Report{}, res.Err
		}
		return res.Val.(reports.Report), nil
	case <-ctx.Done():
		return reports.Report{}, ctx.Err()
	}
}
