package data

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// ReportSource implements reports.Source with aggregates only: sums of the
// rollups per municipality, month, pharmacy, reason or histogram bucket
// (or, from the source tables, GROUP BY queries), never a row per citizen. It is limited to what the actor may
// read: nurses and project leads get their own municipality, the steering
// group and admins every municipality (aggregates only), pharmacy staff
// nothing.
//
// It reads the rollups (reportsource_rollups.go), or with tables set the
// source tables (what `dosis rollups verify` compares the rollups with).
type ReportSource struct {
	db     *DB
	scope  workflow.Scope
	tables bool
	// shared holds the rollup reads several figures of one report add
	// up (rollSums).
	shared *sharedReads
	// q runs the queries: the report's read transaction (DB.Report,
	// report_snapshot.go), so every figure and the versions come from one
	// snapshot; nil is the database.
	q bun.IDB
	// parallel are more read transactions of the same committed state
	// as q, for Prefetch's readers (report_snapshot.go).
	parallel []bun.IDB
}

var _ reports.Source = (*ReportSource)(nil)

// Reports returns the report source for actor a, or a forbidden error for a
// role that may not read reports.
func (db *DB) Reports(a workflow.Actor) (*ReportSource, error) {
	s := a.Scope()
	switch {
	case a.Role == workflow.RoleSteering:
		s = workflow.Scope{All: true}
	case s.PharmacyID != "" || s.None:
		return nil, workflow.Forbidden("err.report.role_may_not_read")
	}
	return &ReportSource{db: db, scope: s, shared: &sharedReads{}}, nil
}

// ReportsFromTables is Reports computing every figure from the source
// tables instead of the rollups: seconds at national scale, for verifying
// the rollups and for benchmarks.
func (db *DB) ReportsFromTables(a workflow.Actor) (*ReportSource, error) {
	s, err := db.Reports(a)
	if err != nil {
		return nil, err
	}
	s.tables = true
	return s, nil
}

// codes returns the municipality codes the query is restricted to: the
// filter's, narrowed to the actor's municipality; nil means all.
func (s *ReportSource) codes(f reports.Filter) []int {
	if s.scope.All {
		return f.Municipalities
	}
	if len(f.Municipalities) == 0 || slices.Contains(f.Municipalities, s.scope.Municipality) {
		return []int{s.scope.Municipality}
	}
	return []int{-1} // outside the actor's scope: nothing
}

// in returns " AND col IN (...)" for the restricted codes, or "".
func (s *ReportSource) in(f reports.Filter, col string) string {
	cs := s.codes(f)
	if len(cs) == 0 {
		return ""
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprint(c)
	}
	return " AND " + col + " IN (" + strings.Join(parts, ", ") + ")"
}

// month buckets a date or timestamp column by "yyyy-mm".
func (s *ReportSource) month(col string) string {
	if s.db.Postgres {
		return "to_char(" + col + ", 'YYYY-MM')"
	}
	return "strftime('%Y-%m', " + col + ")"
}

// danishMonth is "yyyy-mm" of the Danish month of the instant in the
// TIMESTAMP column col (stored in UTC). SQLite has no zone data, so the
// Danish offset is computed from the EU rule: UTC+2 from 01:00 UTC on the
// last Sunday of March (the Sunday on or after 25 March) to 01:00 UTC on
// the last Sunday of October, UTC+1 otherwise.
func (s *ReportSource) danishMonth(col string) string {
	if s.db.Postgres {
		return "to_char((" + col + " AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM')"
	}
	t := "datetime(" + col + ")"
	edge := func(month string) string {
		return "datetime(strftime('%Y', " + t + ") || '-" + month + "-25', 'weekday 0', '+1 hour')"
	}
	return "strftime('%Y-%m', " + t + ", CASE WHEN " + t + " >= " + edge("03") + " AND " + t + " < " + edge("10") +
		" THEN '+2 hours' ELSE '+1 hour' END)"
}

// days is the whole days from a to b (for b after a), hours the whole
// hours. Both engines count from the instants rounded to the millisecond
// as SQLite's date functions read them (half up, at most .999 of a second;
// julianday arithmetic is a float and lost an hour, whole seconds moved
// 23:59:59.6 into the next hour), so PostgreSQL, SQLite and the rollups
// (sqlMillis) agree to the microsecond.
func (s *ReportSource) days(a, b string) string { return s.wholeUnits(a, b, 86400000) }

func (s *ReportSource) hours(a, b string) string { return s.wholeUnits(a, b, 3600000) }

func (s *ReportSource) wholeUnits(a, b string, ms int) string {
	unit := strconv.Itoa(ms)
	if s.db.Postgres {
		return "CAST(TRUNC((" + pgMillis(b) + " - " + pgMillis(a) + ") / " + unit + ") AS INTEGER)"
	}
	return "(CAST(ROUND((unixepoch(" + b + ", 'subsec') - unixepoch(" + a + ", 'subsec')) * 1000) AS INTEGER) / " + unit + ")"
}

// pgMillis is the TIMESTAMP column x in milliseconds as SQLite reads it
// (sqlMillis), on PostgreSQL.
func pgMillis(x string) string {
	e := "EXTRACT(EPOCH FROM " + x + ")"
	return "(FLOOR(" + e + ") * 1000 + LEAST(999, FLOOR((" + e + " - FLOOR(" + e + ")) * 1000 + 0.5)))"
}

// notAfter compares two timestamps as instants on both engines.
func (s *ReportSource) notAfter(a, b string) string {
	if s.db.Postgres {
		return pgMillis(a) + " <= " + pgMillis(b)
	}
	return "julianday(" + a + ") <= julianday(" + b + ")"
}

// handle is what the report's queries run on: the memo's read
// transaction (one snapshot with the versions), else the database.
func (s *ReportSource) handle() bun.IDB {
	if s.q != nil {
		return s.q
	}
	return s.db.bun
}

// scan runs one aggregate query into dst.
func (s *ReportSource) scan(ctx context.Context, what string, dst any, query string, args ...any) error {
	if err := s.handle().NewRaw(query, args...).Scan(ctx, dst); err != nil {
		return fmt.Errorf("report query %s: %w", what, err)
	}
	return nil
}

// bounds are a report period's query arguments, followed by extra: ?0 and
// ?1 the instants (UTC) at which the Danish days From and To+1 begin, for
// TIMESTAMP columns; ?2 and ?3 the dates From and To+1, for DATE columns.
// So an event at 00:30 Danish time on 1 December is in December.
func bounds(f reports.Filter, extra ...any) []any {
	return append([]any{f.From.Start().UTC(), f.End().Start().UTC(), f.From, f.End()}, extra...)
}

// rolled is the condition for roll periods that count as time on DD.
const rolled = "status IN ('dispensed', 'received')"
