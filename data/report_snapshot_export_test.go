package data

import (
	"context"

	"github.com/dosis-dk/dosis/reports"
	"github.com/uptrace/bun"
)

// BeginReportRead, BeginReportReads and BuildInSnapshot expose the report's
// read transactions to the tests of package data_test (real engines).
func (db *DB) BeginReportRead(ctx context.Context, codes []int) (bun.Tx, string, error) {
	return db.beginReportRead(ctx, codes)
}

func (db *DB) BeginReportReads(ctx context.Context, codes []int, n int) ([]bun.Tx, string, error) {
	return db.beginReportReads(ctx, codes, n)
}

func (db *DB) BuildInSnapshot(ctx context.Context, src *ReportSource, f reports.Filter, p reports.Params,
	build func(context.Context, reports.Source, reports.Filter, reports.Params) (reports.Report, error)) (reports.Report, string, error) {
	return db.buildInSnapshot(ctx, src, f, p, build)
}

// Readers is how many read transactions the source reads on.
func (s *ReportSource) Readers() int { return 1 + len(s.parallel) }
