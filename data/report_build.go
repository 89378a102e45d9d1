package data

import (
	"context"
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
// what a role may see.
func (db *DB) Report(ctx context.Context, a workflow.Actor, f reports.Filter, p reports.Params, suppress bool, now time.Time) (reports.Report, error) {
	src, err := db.Reports(a)
	if err != nil {
		return reports.Report{}, err
	}
	// Disclosure control (always for the steering group) builds over the
	// municipalities shown and suppresses the cells: reports.BuildSuppressed.
	build := reports.Build
	if reports.SuppressFor(a.Role, suppress) {
		build = reports.BuildSuppressed
	}
	r, err := build(ctx, src, f, p)
	if err != nil {
		return reports.Report{}, err
	}
	r.Generated = now
	return r, nil
}
