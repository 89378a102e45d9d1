package commands

import (
	"fmt"
	"os"
	"time"

	"github.com/dosis-dk/dosis/cmd/dosis/bench"
	"github.com/dosis-dk/dosis/data"
	"github.com/urfave/cli/v2"
)

func (e *env) benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "benchmarks at national scale: report, web, transitions, plans, pages (see BENCHMARKS.md)",
		Description: "Measures against the targets of BENCHMARKS.md on the database given by --db (the national demo:\n" +
			"dosis db migrate && dosis demo --scale national). Every run is bounded and stops by itself;\n" +
			"the web load goes to 127.0.0.1 only. The load average is printed with every figure.",
		Subcommands: []*cli.Command{e.benchReportCommand(), e.benchWebCommand(), e.benchTransitionsCommand(), e.benchPlansCommand(), e.benchPagesCommand()},
	}
}

// benchPeriodFlags are the report period flags (default: the last 12
// whole months, as `dosis report`).
func benchPeriodFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "from", Usage: "first day, dd-mm-yyyy (default: 12 whole months back)"},
		&cli.StringFlag{Name: "to", Usage: "last day, dd-mm-yyyy (default: the end of the last whole month)"},
	}
}

func (e *env) benchReportCommand() *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "the national report end to end against its bare queries run by sqlite3/psql; peak memory; one municipality",
		Flags: append(benchPeriodFlags(),
			&cli.IntFlag{Name: "municipality", Value: 101, Usage: "the municipality of the one-municipality report"},
			&cli.IntFlag{Name: "runs", Value: 3, Usage: "timings per figure; the median is kept"},
			&cli.StringFlag{Name: "client", Usage: "path of sqlite3 or psql (default: on PATH)"},
			&cli.BoolFlag{Name: "no-child", Usage: "skip the peak-memory run of `dosis report` as a child process"},
			&cli.StringFlag{Name: "keep", Usage: "keep the report files and the extracted SQL in `DIR`"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the whole run (bare queries by the client excluded: another process) to `FILE`"}),
		Action: func(c *cli.Context) error {
			stop, err := e.profileWhole(c)
			if err != nil {
				return err
			}
			defer stop()
			f, err := e.reportFilter(c)
			if err != nil {
				return err
			}
			o := bench.ReportOptions{DSN: c.String("db"), Filter: f, Municipality: c.Int("municipality"),
				Runs: c.Int("runs"), Client: c.String("client"), Dir: c.String("keep"), Log: e.stderr}
			if o.Dir != "" {
				if err := os.MkdirAll(o.Dir, 0o755); err != nil {
					return fmt.Errorf("--keep: %w", err)
				}
			}
			if !c.Bool("no-child") {
				if o.Exe, err = os.Executable(); err != nil {
					return fmt.Errorf("bench report: %w", err)
				}
			}
			r, err := bench.RunReport(c.Context, o)
			if err != nil {
				return err
			}
			m := bench.ThisMachine()
			return e.fields(c, struct {
				bench.ReportResult
				Machine bench.Machine
			}{r, m},
				"engine", r.Engine, "period", r.Period, "queries", fmt.Sprint(r.Queries),
				"report end to end (median)", fmt.Sprintf("%s (build %s, xlsx %s, html %s)", msec(r.Total), msec(r.Build), msec(r.XLSX), msec(r.HTML)),
				"rollup rows read", fmt.Sprintf("%d, adding up to %d figures", r.RollupRows, r.RollupGroups),
				"bare queries by the client", msec(r.Bare),
				"ratio (target ≤ 1.5)", fmt.Sprintf("%.2f", r.Ratio),
				"dosis report as a process", fmt.Sprintf("%s, peak RSS %.0f MB (target < 300 MB)", msec(r.Child), float64(r.ChildMaxRSS)/1e6),
				fmt.Sprintf("municipality %d (target < 1 s)", r.MunicipalityCode), msec(r.Municipality),
				"queries written to", r.SQLFile,
				"machine", m.String())
		},
	}
}

func (e *env) benchPlansCommand() *cli.Command {
	return &cli.Command{
		Name:  "plans",
		Usage: "the query plan of each aggregate query of the national report (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE)",
		Flags: benchPeriodFlags(),
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			f, err := e.reportFilter(c)
			if err != nil {
				return err
			}
			plans, err := bench.ReportPlans(c.Context, db, f)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return e.json(plans)
			}
			for _, p := range plans {
				fmt.Fprintf(e.stdout, "-- %s (%s)\n%s\n", p.Name, msec(p.Took), p.Query)
				for _, line := range p.Plan {
					fmt.Fprintln(e.stdout, line)
				}
				fmt.Fprintln(e.stdout)
			}
			return nil
		}),
	}
}

// msec formats a duration in milliseconds for the bench output.
func msec(d time.Duration) string {
	if d == 0 {
		return "not measured"
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}
