package data

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/dosis-dk/dosis/reports"
	"github.com/uptrace/bun"
)

// rollupRead is one read of the rollups a report makes (ReportSource.sums):
// the metrics, the day range and whether by month.
type rollupRead struct {
	metrics []string
	r       dayRange
	byMonth bool
}

// The rollup reads of a report. Every figure reads through one of them,
// and reportReads lists them all for Prefetch.
var (
	readStocks       = rollupRead{metrics: []string{mState, mEligible, mPotential}, r: asOfTotal}
	readActive75     = rollupRead{metrics: []string{mActive75}, r: asOf}
	readRolls        = rollupRead{metrics: rollRead, r: inPeriod, byMonth: true}
	readHelp         = rollupRead{metrics: []string{mHelp}, r: asOf}
	readHelpTotal    = rollupRead{metrics: []string{mHelp}, r: allDays}
	readOpened       = rollupRead{metrics: []string{mOpened}, r: inPeriod}
	readStages       = rollupRead{metrics: []string{mStage}, r: reachedInPeriod}
	readStageDays    = rollupRead{metrics: []string{mStageDays}, r: reachedInPeriod}
	readReasons      = rollupRead{metrics: []string{mReason}, r: inPeriod}
	readLeadHours    = rollupRead{metrics: []string{mLeadHours}, r: inPeriod}
	readPromiseHours = rollupRead{metrics: []string{mPromiseHours}, r: inPeriod}
	readGPRequests   = rollupRead{metrics: []string{mGPRequests}, r: inPeriod}
	readAssessments  = rollupRead{metrics: []string{mVersions}, r: inPeriod}
	readConsents     = rollupRead{metrics: []string{mConsents}, r: inPeriod}
	readOpenedBy     = rollupRead{metrics: []string{mOpenedBy}, r: inPeriod}
	// The GP decisions and decision days of both kinds of request (first
	// proposals and renewals): each kind's figures keep the rows whose key
	// starts with it, so the rows are read once, not once per kind.
	readGPDecisions = rollupRead{metrics: []string{mGPDecision}, r: reachedInPeriod}
	readGPDays      = rollupRead{metrics: []string{mGPDays}, r: reachedInPeriod}
)

// reportReads is every rollup read of one report, the largest first (rows
// read by the national report, BENCHMARKS.md), so that readers taking the
// next one from the list end at about the same time.
var reportReads = []rollupRead{
	readRolls, readGPDays, readStages, readOpenedBy, readLeadHours,
	readStageDays, readPromiseHours, readGPDecisions, readStocks,
	readActive75, readHelp, readOpened, readGPRequests, readReasons, readAssessments, readConsents, readHelpTotal,
}

// Prefetch implements reports.Prefetcher: when the source has more than
// one read transaction of the same committed state (DB.Report opens them:
// report_snapshot.go), it reads every rollup read of a report over f at
// once, each reader taking the next read from reportReads, and keeps the
// rows for the calls that follow (ReportSource.shared). Otherwise, and for
// the source tables, it does nothing: each call reads as it comes.
func (s *ReportSource) Prefetch(ctx context.Context, f reports.Filter) error {
	if s.tables || len(s.parallel) == 0 {
		return nil
	}
	var next atomic.Int64
	g, ctx := errgroup.WithContext(ctx)
	for _, q := range append([]bun.IDB{s.handle()}, s.parallel...) {
		reader := *s
		reader.q, reader.parallel = q, nil
		g.Go(func() error {
			for i := int(next.Add(1)) - 1; i < len(reportReads); i = int(next.Add(1)) - 1 {
				if _, err := reader.sums(ctx, f, reportReads[i]); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// sharedReads keeps the rollup reads of one ReportSource (one report:
// DB.Report, the benchmark and verify make one per report), so figures of
// the same report that add up the same rows read them once. It is not a
// cache across reports: a new source reads the rollups as committed then.
// Readers in parallel (Prefetch) load different keys at the same time; a
// caller of a key being loaded waits for it.
type sharedReads struct {
	mu   sync.Mutex
	rows map[string]*sharedRead
}

// sharedRead is one key's rows, ready when done is closed.
type sharedRead struct {
	done chan struct{}
	rows []rollupSum
	err  error
}

// get returns the rows stored under key, or loads and stores them (a load
// that fails is not kept: the next call loads again). The slice is shared:
// callers must not change it (appending to it copies: its capacity is its
// length).
func (r *sharedReads) get(key string, load func() ([]rollupSum, error)) ([]rollupSum, error) {
	r.mu.Lock()
	e, loading := r.rows[key]
	if !loading {
		if r.rows == nil {
			r.rows = map[string]*sharedRead{}
		}
		e = &sharedRead{done: make(chan struct{})}
		r.rows[key] = e
	}
	r.mu.Unlock()
	if loading {
		<-e.done
		return e.rows, e.err
	}
	e.err = errReadUnfinished // until load returns (a panic leaves it)
	defer close(e.done)
	rows, err := load()
	if err != nil {
		r.mu.Lock()
		delete(r.rows, key)
		r.mu.Unlock()
		e.err = err
		return nil, err
	}
	e.rows, e.err = slices.Clip(rows), nil
	return e.rows, nil
}

// errReadUnfinished is what waiters for a load that panicked get.
var errReadUnfinished = errors.New("report: a rollup read did not finish")
