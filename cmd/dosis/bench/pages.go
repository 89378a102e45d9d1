package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/web"
)

// PagesOptions configures PageQueries.
type PagesOptions struct {
	// DSN is the database the web application serves.
	DSN string
	// Municipalities are the nurses' municipalities, as in WebOptions.
	Municipalities []int
	// Runs is how many times each page is loaded after its warm-up; the
	// queries of the median load are kept.
	Runs int
	// ReportCache is the size of the report memo (see WebOptions).
	ReportCache int
	// Pages limits the profile to these pages (PageWorklist, PageCase,
	// PageDash; default all).
	Pages []string
}

// PageQuery is one query a page load ran: its SQL, how long it took and,
// for a read, the engine's plan.
type PageQuery struct {
	Query string
	Took  time.Duration
	Plan  []string
}

// PageProfile is what one page load of one user read.
type PageProfile struct {
	Page string
	User string
	// Took is the median load time seen by the client; Runs are all of them.
	Took    time.Duration
	Runs    []time.Duration
	Queries []PageQuery
}

// QueryTime is the sum of the page's query times.
func (p PageProfile) QueryTime() time.Duration {
	var d time.Duration
	for _, q := range p.Queries {
		d += q.Took
	}
	return d
}

// PageQueries loads each page of the benchmark's virtual users (a nurse of
// each municipality, pharmacy staff, the steering group) one request at a
// time against the real web application on 127.0.0.1:0 and records every
// query the load ran, with its time and plan (EXPLAIN QUERY PLAN on
// SQLite, EXPLAIN (ANALYZE, BUFFERS) of the reads on PostgreSQL): what a
// page reads, for finding the slow requests of `bench web`.
func PageQueries(ctx context.Context, o PagesOptions) ([]PageProfile, error) {
	if len(o.Municipalities) == 0 {
		o.Municipalities = []int{101, 751, 461, 851, 147, 825}
	}
	if o.Runs < 1 {
		o.Runs = 3
	}
	db, err := openServed(ctx, o.DSN, o.ReportCache, data.DefaultCheckpointEvery)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rdb, rec := db.RecordQueries()
	app, err := web.New(web.Config{DB: rdb, Addr: "127.0.0.1:0", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	runCtx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- app.Run(runCtx) }()
	defer func() { stop(); <-served }()
	base := "http://" + app.Addr()

	// One nurse per municipality, two pharmacy staff, two steering users.
	n := 10*len(o.Municipalities)/6 + 1
	vus, err := virtualUsers(ctx, db, fmt.Sprintf("bench-pages%d", n), n, o.Municipalities)
	if err != nil {
		return nil, err
	}
	var out []PageProfile
	seen := map[string]bool{} // one profile per role, place and page
	for _, vu := range vus {
		if err := vu.login(ctx, base); err != nil {
			return nil, err
		}
		for n := range 2 {
			// A fixed seed: every run loads the same case page.
			page, path := vu.next(n, rand.New(rand.NewPCG(0, 0)))
			if len(o.Pages) > 0 && !slices.Contains(o.Pages, page) || seen[vu.label(path)] {
				continue
			}
			seen[vu.label(path)] = true
			p, err := vu.profile(ctx, rdb, rec, page, base, path, o.Runs)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// profile loads url once untimed, then runs times with the recorder on.
func (vu *virtualUser) profile(ctx context.Context, db *data.DB, rec *data.QueryRecorder, page, base, path string, runs int) (PageProfile, error) {
	url := base + path
	if _, err := vu.get(ctx, url); err != nil {
		return PageProfile{}, fmt.Errorf("pages: %w", err)
	}
	type run struct {
		took time.Duration
		qs   []data.RecordedQuery
	}
	var rs []run
	for range runs {
		rec.Start()
		d, err := vu.get(ctx, url)
		qs := rec.StopTimed()
		if err != nil {
			return PageProfile{}, fmt.Errorf("pages: %w", err)
		}
		rs = append(rs, run{d, qs})
	}
	slices.SortFunc(rs, func(a, b run) int { return int(a.took - b.took) })
	mid := rs[len(rs)/2]
	p := PageProfile{Page: page, User: vu.label(path), Took: mid.took}
	for _, r := range rs {
		p.Runs = append(p.Runs, r.took)
	}
	for _, q := range mid.qs {
		pq := PageQuery{Query: strings.TrimSpace(q.Query), Took: q.Took}
		if isRead(pq.Query) {
			plan, err := db.Explain(ctx, pq.Query)
			if err != nil {
				return PageProfile{}, fmt.Errorf("pages: %s: %w", page, err)
			}
			pq.Plan = plan
		}
		p.Queries = append(p.Queries, pq)
	}
	return p, nil
}

// label names the user and what it loaded, e.g. "nurse 101 /cases/…".
func (vu *virtualUser) label(path string) string {
	return strings.TrimSpace(fmt.Sprintf("%s %s %s", vu.role, vu.place, path))
}

// isRead reports whether query only reads, so that EXPLAIN ANALYZE (which
// runs it on PostgreSQL) changes nothing.
func isRead(query string) bool {
	q := strings.ToUpper(strings.TrimSpace(query))
	return strings.HasPrefix(q, "SELECT") || (strings.HasPrefix(q, "WITH") && !strings.Contains(q, "INSERT") &&
		!strings.Contains(q, "UPDATE") && !strings.Contains(q, "DELETE"))
}

// openServed opens the database a benchmark's web application serves: its
// schema current, the report memo as `dosis serve --report-cache size`.
func openServed(ctx context.Context, dsn string, memo int, checkpointEvery time.Duration) (*data.DB, error) {
	db, err := data.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.RequireCurrent(ctx); err != nil {
		db.Close()
		return nil, err
	}
	db.SetReportMemo(memo)
	db.CheckpointInBackground(checkpointEvery, nil)
	return db, nil
}
