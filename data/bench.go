package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// QueryRecorder collects the SQL text of the queries a DB runs while it is
// recording, exactly as sent to the engine (bun formats the arguments into
// the text). The benchmark harness uses it to run a report's bare aggregate
// queries with the engine's own command-line client over the same data.
type QueryRecorder struct {
	mu      sync.Mutex
	on      bool
	queries []string
	took    []time.Duration
}

// RecordedQuery is one recorded query with how long the engine took for
// it (from bun sending it to the last row read).
type RecordedQuery struct {
	Query string
	Took  time.Duration
}

// RecordQueries returns a handle on the same connections whose queries a
// new recorder sees, and the recorder. It records nothing until Start; db
// itself is not changed.
func (db *DB) RecordQueries() (*DB, *QueryRecorder) {
	r := &QueryRecorder{}
	clone := *db
	clone.bun = db.bun.WithQueryHook(r)
	return &clone, r
}

// Start clears the recorded queries and starts recording.
func (r *QueryRecorder) Start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on, r.queries, r.took = true, nil, nil
}

// Stop stops recording and returns the queries recorded since Start.
func (r *QueryRecorder) Stop() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.queries
}

// StopTimed is Stop with each query's time.
func (r *QueryRecorder) StopTimed() []RecordedQuery {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	out := make([]RecordedQuery, len(r.queries))
	for i, q := range r.queries {
		out[i] = RecordedQuery{Query: q, Took: r.took[i]}
	}
	return out
}

// BeforeQuery implements bun.QueryHook.
func (r *QueryRecorder) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

// AfterQuery implements bun.QueryHook: it keeps the query text when
// recording (a lookup that found no row included).
func (r *QueryRecorder) AfterQuery(_ context.Context, ev *bun.QueryEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.on && (ev.Err == nil || errors.Is(ev.Err, sql.ErrNoRows)) {
		r.queries = append(r.queries, ev.Query)
		r.took = append(r.took, time.Since(ev.StartTime))
	}
}

// Explain returns the engine's plan for query, one line per row:
// EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL
// (which runs the query).
func (db *DB) Explain(ctx context.Context, query string) ([]string, error) {
	if db.Postgres {
		rows, err := db.bun.QueryContext(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+query)
		if err != nil {
			return nil, fmt.Errorf("explain: %w", err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return nil, fmt.Errorf("explain: %w", err)
			}
			out = append(out, line)
		}
		return out, rows.Err()
	}
	rows, err := db.bun.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	depth := map[int]int{}
	var out []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return nil, fmt.Errorf("explain: %w", err)
		}
		depth[id] = depth[parent] + 1
		out = append(out, strings.Repeat("  ", depth[id]-1)+detail)
	}
	return out, rows.Err()
}

// RollupReads counts what the recorded report queries (with their
// arguments written in, QueryRecorder) read from the rollups: the rows the
// engine returns, and the groups they add up to (a municipality, metric,
// month and key with a sum other than 0: what the report keeps). A
// report's read cost follows the rows; the groups are the least any exact
// row-per-figure store would have to return.
func (db *DB) RollupReads(ctx context.Context, queries []string) (rows, groups int64, err error) {
	for _, q := range queries {
		if !strings.Contains(q, "FROM rollups") {
			continue
		}
		q = strings.TrimSuffix(strings.TrimSpace(q), ";")
		var n, g int64
		if err := db.bun.QueryRowContext(ctx, "SELECT count(*) FROM ("+q+") r").Scan(&n); err != nil {
			return 0, 0, fmt.Errorf("count rollup rows: %w", err)
		}
		if err := db.bun.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT g, key FROM ("+q+") r GROUP BY g, key HAVING sum(n) <> 0) s").Scan(&g); err != nil {
			return 0, 0, fmt.Errorf("count rollup groups: %w", err)
		}
		rows, groups = rows+n, groups+g
	}
	return rows, groups, nil
}

// SampleCases returns up to n ids of cases in municipality code that are
// active or paused (the case pages staff open most), in a stable order.
// It is for the benchmark harness and reads ids only.
func (db *DB) SampleCases(ctx context.Context, code, n int) ([]string, error) {
	var ids []string
	err := db.bun.NewSelect().TableExpr("cases AS c").Column("c.id").
		Where("c.municipality_code = ?", code).
		Where("c.state IN (?)", bun.List([]string{string(workflow.StateActive), string(workflow.StatePaused)})).
		OrderExpr("c.id").Limit(int64(n)).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("sample cases of %d: %w", code, err)
	}
	return ids, nil
}

// ScratchPostgres creates an empty PostgreSQL database on the server that
// admin (a postgres:// URL) names and returns its URL and a function that
// drops it. The benchmark harness writes its transitions there, never into
// the database being measured.
func ScratchPostgres(ctx context.Context, admin string) (string, func() error, error) {
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, fmt.Errorf("scratch database: %w", err)
	}
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		return "", nil, fmt.Errorf("scratch database: %w", err)
	}
	name := fmt.Sprintf("dosis_bench_%d", time.Now().UnixNano())
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		_ = conn.Close()
		return "", nil, fmt.Errorf("scratch database on %s: %w", redactDSN(admin), err)
	}
	drop := func() error {
		defer conn.Close()
		if _, err := conn.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop scratch database %s: %w", name, err)
		}
		return nil
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// SlowQuery is a query that took at least the threshold given to
// WithSlowQueries: when it started, how long it took, its SQL and its error.
type SlowQuery struct {
	At    time.Time
	Took  time.Duration
	Query string
	Err   error
}

// WithSlowQueries returns a handle on the same connections that calls fn
// for every query taking min or longer (a write included); db itself is
// not changed. The benchmark harness uses it to name what the slow
// requests of a load did.
func (db *DB) WithSlowQueries(min time.Duration, fn func(SlowQuery)) *DB {
	clone := *db
	h := &slowHook{min: min, fn: fn}
	clone.bun, clone.slow = db.bun.WithQueryHook(h), h
	return &clone
}

type slowHook struct {
	min time.Duration
	fn  func(SlowQuery)
}

func (h *slowHook) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (h *slowHook) AfterQuery(_ context.Context, ev *bun.QueryEvent) {
	h.took(ev.StartTime, ev.Query, ev.Err)
}

// took reports a statement started at start if it took min or longer.
func (h *slowHook) took(start time.Time, query string, err error) {
	if d := time.Since(start); d >= h.min {
		h.fn(SlowQuery{At: start, Took: d, Query: query, Err: err})
	}
}
