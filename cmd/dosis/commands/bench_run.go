package commands

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dosis-dk/dosis/cmd/dosis/bench"
	"github.com/dosis-dk/dosis/data"
	"github.com/urfave/cli/v2"
)

func (e *env) benchWebCommand() *cli.Command {
	return &cli.Command{
		Name:  "web",
		Usage: "the web application on 127.0.0.1:0 under concurrent virtual users: worklist, case page, dashboard",
		Description: "Each user signs in, then waits a pause drawn like its think time (uniform on [0, 2·think]) before its\n" +
			"first request and between requests, so the users arrive spread over the first 2·think as they would in\n" +
			"use; --burst starts them all at once. Every request of the timed load is counted.",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "users", Value: 50, Usage: "concurrent virtual users (60 % nurses, 20 % pharmacy, 20 % steering)"},
			&cli.IntSliceFlag{Name: "then", Usage: "after the first load, a timed load with this many other users on the same servers; repeat for more"},
			&cli.DurationFlag{Name: "duration", Value: 30 * time.Second, Usage: "how long the load runs (at most)"},
			&cli.IntFlag{Name: "max-requests", Value: 20000, Usage: "how many requests the load sends (at most)"},
			&cli.DurationFlag{Name: "think", Value: time.Second, Usage: "mean pause between a user's requests, uniform on [0, 2·think], and before its first (0: none)"},
			&cli.IntSliceFlag{Name: "municipality", Usage: "the nurses' municipalities (default 101 751 461 851 147 825)"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the first timed load (server side included) to `FILE`"},
			&cli.StringFlag{Name: "blockprofile", Usage: "write a goroutine blocking profile of the first timed load to `FILE` (every event sampled)"},
			&cli.StringFlag{Name: "mutexprofile", Usage: "write a mutex contention profile of the first timed load to `FILE` (every event sampled)"},
			&cli.IntFlag{Name: "instances", Value: 1, Usage: "web application instances on the database, each with its own pool (users spread over them)"},
			&cli.StringFlag{Name: "trace", Usage: "write a Go execution trace of the first timed load to `FILE` (go tool trace)"},
			&cli.IntFlag{Name: "report-cache", Value: data.DefaultReportMemo, Usage: "reports kept in memory per instance, as `dosis serve --report-cache` (0: none)"},
			&cli.DurationFlag{Name: "checkpoint-every", Value: data.DefaultCheckpointEvery, Usage: "SQLite: checkpoint the log in the background this often, as `dosis serve --checkpoint-every` (0: only SQLite's automatic checkpoint)"},
			&cli.BoolFlag{Name: "burst", Usage: "start every user at once (default: each first waits a pause drawn like its think time)"},
			&cli.BoolFlag{Name: "no-dashboard", Usage: "leave the steering group (the dashboard) out; the other users keep their share"},
			&cli.StringFlag{Name: "slow-queries", Usage: "write one CSV line per query of the first load taking --slow-over or longer to `FILE` (the prepared statements of transitions too, by their text)"},
			&cli.DurationFlag{Name: "slow-over", Value: 20 * time.Millisecond, Usage: "the threshold of --slow-queries"},
			&cli.StringFlag{Name: "timeline", Usage: "write one CSV line per timed request (start, page, latency, user) to `FILE`"},
		},
		Action: func(c *cli.Context) error {
			prof, err := openProfiles(c)
			if err != nil {
				return err
			}
			defer prof.close(e.stderr)
			var timeline *os.File
			if name := c.String("timeline"); name != "" {
				f, err := os.Create(name)
				if err != nil {
					return fmt.Errorf("--timeline: %w", err)
				}
				defer f.Close()
				timeline = f
			}
			var slow *os.File
			if name := c.String("slow-queries"); name != "" {
				f, err := os.Create(name)
				if err != nil {
					return fmt.Errorf("--slow-queries: %w", err)
				}
				defer f.Close()
				slow = f
			}
			loads := append([]int{c.Int("users")}, c.IntSlice("then")...)
			rs, err := bench.RunWeb(c.Context, bench.WebOptions{Timeline: writerOrNil(timeline), DSN: c.String("db"), Loads: loads,
				Duration: c.Duration("duration"), MaxRequests: c.Int("max-requests"), Think: c.Duration("think"),
				Municipalities: c.IntSlice("municipality"), Instances: c.Int("instances"), ReportCache: c.Int("report-cache"), CheckpointEvery: c.Duration("checkpoint-every"),
				SlowQueries: writerOrNil(slow), SlowOver: c.Duration("slow-over"), NoDashboard: c.Bool("no-dashboard"), Burst: c.Bool("burst"), Profile: prof.start, Log: e.stderr})
			if err != nil {
				return err
			}
			m := bench.ThisMachine()
			if c.Bool("json") {
				return e.json(struct {
					Loads   []bench.WebResult
					Machine bench.Machine
				}{rs, m})
			}
			for _, r := range rs {
				var rows [][]string
				for _, p := range r.Pages {
					rows = append(rows, []string{p.Page, fmt.Sprint(p.Requests), fmt.Sprint(p.Errors), msec(p.Median),
						msec(p.P99), msec(p.Max), fmt.Sprintf("%.1f/s", p.PerSec)})
				}
				fmt.Fprintf(e.stdout, "%s, %d users, %d instance(s), %.1f s, think %s, report memo %d; %s\n", r.Engine, r.Users,
					c.Int("instances"), r.Elapsed.Seconds(), c.Duration("think"), c.Int("report-cache"), r.Machine)
				fmt.Fprintf(e.stdout, "pool: max open %d, closed over the idle limit %d, waits %d (%s), open at end %d\n",
					r.Pool.MaxOpen, r.Pool.IdleClosed, r.Pool.Waits, r.Pool.WaitTotal.Round(time.Millisecond), r.Pool.OpenAtEnd)
				if err := e.table(c, r, []string{"PAGE", "REQUESTS", "ERRORS", "MEDIAN", "P99", "MAX", "THROUGHPUT"}, rows); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func (e *env) benchTransitionsCommand() *cli.Command {
	return &cli.Command{
		Name:  "transitions",
		Usage: "audited workflow transitions per second, in a scratch database (never --db's data)",
		Description: "On SQLite (default) a new file in a temporary directory; with --postgres ADMIN-URL a new database\n" +
			"on that server, dropped afterwards. Each case goes open → assess → consent → request_gp → gp_approve → start.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "postgres", Usage: "admin `URL` of a PostgreSQL server to create the scratch database on"},
			&cli.IntFlag{Name: "cases", Value: 2000, Usage: "cases taken through the funnel (6 transitions each)"},
			&cli.IntFlag{Name: "workers", Value: 1, Usage: "goroutines firing transitions (1: sequential)"},
			&cli.DurationFlag{Name: "duration", Value: time.Minute, Usage: "how long the timed part may run (at most)"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the run (fixture included) to `FILE`"},
		},
		Action: func(c *cli.Context) error {
			stop, err := e.profileWhole(c)
			if err != nil {
				return err
			}
			defer stop()
			dsn := ""
			if admin := c.String("postgres"); admin != "" {
				url, drop, err := data.ScratchPostgres(c.Context, admin)
				if err != nil {
					return err
				}
				defer func() {
					if err := drop(); err != nil {
						fmt.Fprintln(e.stderr, err)
					}
				}()
				dsn = url
			} else {
				dir, err := os.MkdirTemp("", "dosis-bench-transitions-")
				if err != nil {
					return fmt.Errorf("bench transitions: %w", err)
				}
				defer os.RemoveAll(dir)
				dsn = filepath.Join(dir, "bench.db")
			}
			r, err := bench.RunTransitions(c.Context, bench.TransitionOptions{DSN: dsn, Cases: c.Int("cases"),
				Workers: c.Int("workers"), Duration: c.Duration("duration"), Log: e.stderr})
			if err != nil {
				return err
			}
			m := bench.ThisMachine()
			return e.fields(c, struct {
				bench.TransitionResult
				Machine bench.Machine
			}{r, m},
				"engine", r.Engine, "workers", fmt.Sprint(r.Workers),
				"transitions", fmt.Sprintf("%d in %.2f s (%d cases failed)", r.Transitions, r.Elapsed.Seconds(), r.Failed),
				"per second (target ≥ 1,000 on SQLite)", fmt.Sprintf("%.0f", r.PerSecond),
				"machine", m.String())
		},
	}
}

// writerOrNil keeps a nil *os.File from becoming a non-nil io.Writer.
func writerOrNil(f *os.File) io.Writer {
	if f == nil {
		return nil
	}
	return f
}
