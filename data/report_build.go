package data

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// Report builds the report for f with parameters p as actor a may see it:
// the figures of a's scope only (a nurse's or project lead's own
// municipality, everything for the steering group and admins; Reports
// refuses other roles), and suppressed by statistics practice when asked
// or, for the steering group, always (reports.SuppressFor). The web pages
// and `dosis report` both build their report here, so no front end decides
// what a role may see. With the memo on (SetReportMemo) a report built at
// the report versions committed now is served from memory, shared by the
// callers: they read it and do not change it (the writers copy before
// they sort).
func (db *DB) Report(ctx context.Context, a workflow.Actor, f reports.Filter, p reports.Params, suppress bool, now time.Time) (reports.Report, error) {
	src, err := db.Reports(a)
	if err != nil {
		return reports.Report{}, err
	}
	// A code that is no municipality is refused, for every role: it gave an
	// empty report ("0 municipalities") that looked like one without data.
	if err := knownMunicipalities(f.Municipalities); err != nil {
		return reports.Report{}, err
	}
	// Disclosure control (always for the steering group) builds over the
	// municipalities shown and suppresses the cells: reports.BuildSuppressed.
	build := reports.Build
	suppressed := reports.SuppressFor(a.Role, suppress)
	if suppressed {
		build = reports.BuildSuppressed
	}
	var r reports.Report
	if db.memo == nil {
		r, _, err = db.buildInSnapshot(ctx, src, f, p, build)
	} else {
		r, err = db.memoReport(ctx, src, f, p, suppressed, build)
	}
	if err != nil {
		return reports.Report{}, err
	}
	r.Generated = now
	return r, nil
}

// memoReport is the report from the memo: keyed by what the report depends
// on besides the data (scope, filter, parameters, suppression) and valid
// while the versions of the municipalities in the filter (and of the
// reference data) are those it was built at. The build reads the versions
// and every figure in one committed state (buildInSnapshot): a change
// committed meanwhile has moved a version on, so the next request builds
// again instead of serving figures older than their versions say.
func (db *DB) memoReport(ctx context.Context, src *ReportSource, f reports.Filter, p reports.Params, suppressed bool,
	build func(context.Context, reports.Source, reports.Filter, reports.Params) (reports.Report, error)) (reports.Report, error) {
	params, err := json.Marshal(p)
	if err != nil {
		return reports.Report{}, fmt.Errorf("report: %w", err)
	}
	codes := src.codes(f)
	key := fmt.Sprintf("%+v|%v|%v|%s|%s|%t|%s", src.scope, codes, f.Municipalities, f.From, f.To, suppressed, params)
	current := func(ctx context.Context) (string, error) { return readVersions(ctx, db.bun, codes) }
	return db.memo.report(ctx, key, current, func(ctx context.Context) (reports.Report, string, error) {
		return db.buildInSnapshot(ctx, src, f, p, build)
	})
}
