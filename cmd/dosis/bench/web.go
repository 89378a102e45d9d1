package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
)

// WebOptions configures RunWeb.
type WebOptions struct {
	// DSN is the database the web application serves (the national demo).
	DSN string
	// Users is the number of concurrent virtual users (nurses of several
	// municipalities, pharmacy staff and the steering group).
	Users int
	// Loads, when set, are the user counts of successive timed runs on the
	// same servers (instead of Users alone); the timeline is of the first.
	Loads []int
	// Duration bounds the run; MaxRequests bounds it too (whichever first).
	Duration    time.Duration
	MaxRequests int
	// Think is the mean pause between a user's requests (uniform on
	// [0, 2·Think]); 0 sends the next request at once (saturation). Each
	// user also waits one such pause before its first request, so the
	// users arrive spread over the first 2·Think as they would in use,
	// not all in the same millisecond.
	Think time.Duration
	// Burst starts every user at once (no first pause): the old
	// behaviour, for measuring the server's answer to a thundering herd.
	Burst bool
	// Municipalities are the nurses' municipalities (default: five of the
	// largest and one small).
	Municipalities []int
	// Instances is how many web applications serve the users, each with its
	// own database handle (default 1).
	Instances int
	// ReportCache is the size of the report memo each instance runs with
	// (data.DB.SetReportMemo; 0: off), as `dosis serve --report-cache`.
	ReportCache int
	// CheckpointEvery is how often each instance checkpoints SQLite's
	// log in the background (data.DB.CheckpointInBackground; 0: only
	// SQLite's automatic checkpoint), as `dosis serve --checkpoint-every`.
	CheckpointEvery time.Duration
	// NoDashboard leaves the steering group's users out (the others keep
	// their share), for measuring the worklists and case pages while a
	// dashboard cannot be served (its report outlasting the server's
	// timeouts at national scale before rollups).
	NoDashboard bool
	// SlowQueries, when set, receives one CSV line per query of the first
	// timed load that took SlowOver or longer: its start (ms since the load
	// began), time (ms), instance and SQL, so the slow requests of the
	// timeline can be matched to what they ran.
	SlowQueries io.Writer
	SlowOver    time.Duration
	// Profile, when set, is called as the first timed load starts; the
	// function it returns is called as that load ends (CPU, block and mutex
	// profiles, an execution trace of the load alone).
	Profile func() func() error
	// Log receives progress lines (may be nil).
	Log io.Writer
	// Timeline, when set, receives one CSV line per timed request of the
	// first load: its start (ms since the timed run began), page, latency
	// (ms) and user, so slow requests can be matched to what else ran at
	// that moment.
	Timeline io.Writer
}

// PageResult is one page's latency and throughput under the load.
type PageResult struct {
	Page     string
	Requests int
	Errors   int
	Median   time.Duration
	P99      time.Duration
	Max      time.Duration
	PerSec   float64
}

// WebResult holds the web benchmark's figures.
type WebResult struct {
	Engine  string
	Users   int
	Elapsed time.Duration
	Pages   []PageResult
	// Pool is what the server's database pool did during the timed run.
	Pool PoolStats
	// Machine is the machine with its load average at the end of the run.
	Machine Machine
}

// PoolStats is the change in database/sql pool counters over the timed
// run: connections closed because more than the idle limit were returned
// (each of them is opened again by a later request) and waits for a free
// connection.
type PoolStats struct {
	MaxOpen    int
	IdleClosed int64
	Waits      int64
	WaitTotal  time.Duration
	OpenAtEnd  int
	InUseAtEnd int
}

func poolDelta(before, after sql.DBStats) PoolStats {
	return PoolStats{MaxOpen: after.MaxOpenConnections,
		IdleClosed: after.MaxIdleClosed - before.MaxIdleClosed + after.MaxIdleTimeClosed - before.MaxIdleTimeClosed,
		Waits:      after.WaitCount - before.WaitCount, WaitTotal: after.WaitDuration - before.WaitDuration,
		OpenAtEnd: after.OpenConnections, InUseAtEnd: after.InUse}
}

// RunWeb starts the real web application on 127.0.0.1:0 against the
// database, signs in the virtual users and drives them for the bounded
// time: nurses alternate their worklist (the home page) and a case page of
// their municipality, pharmacy staff load their worklist, the steering group
// the dashboard. With Loads it runs one timed load per entry, one after the
// other on the same servers (so the report cache is filled once), each with
// its own users. Traffic goes to 127.0.0.1 only.
func RunWeb(ctx context.Context, o WebOptions) ([]WebResult, error) {
	logf := logger(o.Log)
	if len(o.Municipalities) == 0 {
		o.Municipalities = []int{101, 751, 461, 851, 147, 825}
	}
	if o.Instances < 1 {
		o.Instances = 1
	}
	if len(o.Loads) == 0 {
		o.Loads = []int{o.Users}
	}
	// Each instance is a web.App with its own database handle and pool, as
	// a separate `dosis serve` process has; user i is served by instance
	// i mod Instances (sessions live in the instance that signed it in).
	var bases []string
	var dbs []*data.DB
	slow := &slowLog{}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	for inst := range o.Instances {
		idb, err := openServed(ctx, o.DSN, o.ReportCache, o.CheckpointEvery)
		if err != nil {
			return nil, err
		}
		defer idb.Close()
		served := idb
		if o.SlowQueries != nil {
			served = idb.WithSlowQueries(o.SlowOver, func(q data.SlowQuery) { slow.add(inst, q) })
		}
		app, err := web.New(web.Config{DB: served, Addr: "127.0.0.1:0",
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			return nil, err
		}
		done := make(chan error, 1)
		go func() { done <- app.Run(runCtx) }()
		defer func() { stop(); <-done }()
		bases = append(bases, "http://"+app.Addr())
		dbs = append(dbs, idb)
	}
	var out []WebResult
	for i, users := range o.Loads {
		vus, err := virtualUsers(ctx, dbs[0], fmt.Sprintf("bench%d", users), users, o.Municipalities)
		if err != nil {
			return nil, err
		}
		if o.NoDashboard {
			vus = slices.DeleteFunc(vus, func(vu *virtualUser) bool { return vu.role == workflow.RoleSteering })
		}
		if err := warmUp(ctx, vus, bases, logf); err != nil {
			return nil, err
		}
		logf("%d users signed in to %s (%d instances); load for at most %s or %d requests",
			len(vus), bases[0], len(bases), o.Duration, o.MaxRequests)
		var tl io.Writer
		stopProfile := func() error { return nil }
		if i == 0 {
			tl = o.Timeline
			if o.Profile != nil {
				stopProfile = o.Profile()
			}
			slow.start(o.SlowQueries != nil)
		}
		r := timedLoad(ctx, o, vus, dbs, tl, logf)
		if err := stopProfile(); err != nil {
			return nil, fmt.Errorf("bench web: profile: %w", err)
		}
		if i == 0 && o.SlowQueries != nil {
			slow.write(o.SlowQueries)
		}
		out = append(out, r)
	}
	return out, nil
}

// warmUp signs the users in, each to its instance, and loads each of their
// pages once, untimed (with the report cache on, this fills it, as the first
// visitor would). A page that fails is tried once more: at national scale
// the first dashboard's report outlasts the server's write timeout, and its
// result is in the cache for the second try.
func warmUp(ctx context.Context, vus []*virtualUser, bases []string, logf func(string, ...any)) error {
	for i, vu := range vus {
		vu.base = bases[i%len(bases)]
		if err := vu.login(ctx, vu.base); err != nil {
			return err
		}
	}
	for _, vu := range vus {
		for n := range 2 {
			_, path := vu.next(n, rand.New(rand.NewPCG(0, 0)))
			t0 := time.Now()
			if _, err := vu.get(ctx, vu.base+path); err != nil {
				logf("warm-up: %s failed after %.1f s (%v); once more", path, time.Since(t0).Seconds(), err)
				t0 = time.Now()
				if _, err := vu.get(ctx, vu.base+path); err != nil {
					return fmt.Errorf("warm-up: %w", err)
				}
			}
			if d := time.Since(t0); d > 5*time.Second {
				logf("warm-up: %s took %.1f s", path, d.Seconds())
			}
		}
	}
	return nil
}

// timedLoad drives the signed-in users for o.Duration (at most
// o.MaxRequests requests) and measures each page.
func timedLoad(ctx context.Context, o WebOptions, vus []*virtualUser, dbs []*data.DB, timeline io.Writer, logf func(string, ...any)) WebResult {
	db := dbs[0]
	lctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	var mu sync.Mutex
	lat := map[string][]time.Duration{}
	var tl []timed
	errs := map[string]int{}
	budget := make(chan struct{}, o.MaxRequests)
	for range o.MaxRequests {
		budget <- struct{}{}
	}
	close(budget)
	var wg sync.WaitGroup
	pool0 := db.Bun().Stats() // the first instance's pool
	t0 := time.Now()
	logf("timed run starts at %s", t0.Format("15:04:05.000"))
	for i, vu := range vus {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 42))
			think := func() bool { // false when the load has ended
				if o.Think <= 0 {
					return true
				}
				select {
				case <-time.After(time.Duration(rng.Int64N(int64(2*o.Think) + 1))):
					return true
				case <-lctx.Done():
					return false
				}
			}
			if !o.Burst && !think() { // arrive like a user who was thinking
				return
			}
			for n := 0; ; n++ {
				if _, ok := <-budget; !ok || lctx.Err() != nil {
					return
				}
				page, path := vu.next(n, rng)
				start := time.Since(t0)
				d, err := vu.get(lctx, vu.base+path)
				if lctx.Err() != nil {
					return // cut off by the deadline: not counted
				}
				mu.Lock()
				if err != nil {
					errs[page]++
				} else {
					lat[page] = append(lat[page], d)
					tl = append(tl, timed{start, page, d, i})
				}
				mu.Unlock()
				if !think() {
					return
				}
			}
		}()
	}
	wg.Wait()
	res := WebResult{Engine: engineName(db), Users: len(vus), Elapsed: time.Since(t0),
		Pool: poolDelta(pool0, db.Bun().Stats()), Machine: ThisMachine()}
	for page, ds := range lat {
		res.Pages = append(res.Pages, PageResult{Page: page, Requests: len(ds), Errors: errs[page],
			Median: median(ds), P99: percentile(ds, 99), Max: percentile(ds, 100),
			PerSec: float64(len(ds)) / res.Elapsed.Seconds()})
	}
	for page, n := range errs {
		if _, ok := lat[page]; !ok {
			res.Pages = append(res.Pages, PageResult{Page: page, Errors: n})
		}
	}
	sort.Slice(res.Pages, func(i, j int) bool { return res.Pages[i].Page < res.Pages[j].Page })
	if timeline != nil {
		sort.Slice(tl, func(i, j int) bool { return tl[i].start < tl[j].start })
		fmt.Fprintln(timeline, "start_ms,page,latency_ms,user")
		for _, t := range tl {
			fmt.Fprintf(timeline, "%.1f,%s,%.2f,%d\n", t.start.Seconds()*1000, t.page, t.d.Seconds()*1000, t.user)
		}
	}
	return res
}

// slowLog collects the slow queries of the first timed load.
type slowLog struct {
	mu sync.Mutex
	on bool
	t0 time.Time
	qs []slowEntry
}

type slowEntry struct {
	inst int
	q    data.SlowQuery
}

func (l *slowLog) start(on bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.on, l.t0 = on, time.Now()
}

func (l *slowLog) add(inst int, q data.SlowQuery) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.on {
		l.qs = append(l.qs, slowEntry{inst, q})
	}
}

// write stops the log and writes it as CSV, in start order.
func (l *slowLog) write(w io.Writer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.on = false
	sort.Slice(l.qs, func(i, j int) bool { return l.qs[i].q.At.Before(l.qs[j].q.At) })
	fmt.Fprintln(w, "start_ms,took_ms,instance,error,query")
	for _, e := range l.qs {
		q := strings.Join(strings.Fields(e.q.Query), " ")
		if len(q) > 300 {
			q = q[:300]
		}
		errText := ""
		if e.q.Err != nil {
			errText = strings.ReplaceAll(e.q.Err.Error(), ",", ";")
		}
		fmt.Fprintf(w, "%.1f,%.2f,%d,%s,%q\n", e.q.At.Sub(l.t0).Seconds()*1000, e.q.Took.Seconds()*1000, e.inst, errText, q)
	}
}

// timed is one timed request, for WebOptions.Timeline.
type timed struct {
	start time.Duration
	page  string
	d     time.Duration
	user  int
}

// Pages the virtual users load.
const (
	PageWorklist = "worklist"
	PageCase     = "case"
	PageDash     = "dashboard"
)

// next picks the user's next page.
func (vu *virtualUser) next(n int, rng *rand.Rand) (string, string) {
	switch vu.role {
	case workflow.RoleSteering:
		return PageDash, "/dashboard"
	case workflow.RoleNurse:
		if n%2 == 1 && len(vu.cases) > 0 {
			return PageCase, "/cases/" + vu.cases[rng.IntN(len(vu.cases))]
		}
	}
	return PageWorklist, "/"
}

// get loads url and reads the whole body; a status other than 200 is an error.
func (vu *virtualUser) get(ctx context.Context, url string) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	t0 := time.Now()
	resp, err := vu.client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: status %d", req.URL.Path, resp.StatusCode)
	}
	return d, nil
}
