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
	r, err := reports.Build(ctx, src, f, p)
	if err != nil {
		return reports.Report{}, err
	}
	r.Generated = now
	if reports.SuppressFor(a.Role, suppress) {
		r = reports.Suppress(r)
	}
	return r, nil
}
