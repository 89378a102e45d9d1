package commands

import (
	"fmt"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/data"

	"github.com/dosis-dk/dosis/cmd/dosis/bench"
	"github.com/urfave/cli/v2"
)

func (e *env) benchPagesCommand() *cli.Command {
	return &cli.Command{
		Name:  "pages",
		Usage: "what each page of the web benchmark reads: every query of one load, its time and its plan",
		Description: "Loads the worklist and a case page of a nurse of each municipality, the pharmacy worklist and the\n" +
			"dashboard one request at a time on 127.0.0.1:0, and prints each page's queries, slowest first.",
		Flags: []cli.Flag{
			&cli.IntSliceFlag{Name: "municipality", Usage: "the nurses' municipalities (default 101 751 461 851 147 825)"},
			&cli.StringSliceFlag{Name: "page", Usage: "only this page: worklist, case or dashboard; repeat for more (default all)"},
			&cli.IntFlag{Name: "runs", Value: 3, Usage: "loads per page after the warm-up; the queries of the median load are printed"},
			&cli.IntFlag{Name: "plans", Value: 3, Usage: "print the plans of this many slowest queries per page"},
			&cli.IntFlag{Name: "report-cache", Value: data.DefaultReportMemo, Usage: "reports kept in memory, as `dosis serve --report-cache`"},
		},
		Action: func(c *cli.Context) error {
			ps, err := bench.PageQueries(c.Context, bench.PagesOptions{DSN: c.String("db"), Municipalities: c.IntSlice("municipality"),
				Runs: c.Int("runs"), ReportCache: c.Int("report-cache"), Pages: c.StringSlice("page")})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return e.json(ps)
			}
			fmt.Fprintln(e.stdout, bench.ThisMachine())
			for _, p := range ps {
				fmt.Fprintf(e.stdout, "== %s: %s (runs %v), %d queries, %s in queries\n", p.User, msec(p.Took),
					roundAll(p.Runs), len(p.Queries), msec(p.QueryTime()))
				qs := slices.Clone(p.Queries)
				slices.SortStableFunc(qs, func(a, b bench.PageQuery) int { return int(b.Took - a.Took) })
				for i, q := range qs {
					fmt.Fprintf(e.stdout, "  %8s  %s\n", msec(q.Took), oneLine(q.Query, 160))
					if i < c.Int("plans") {
						for _, line := range q.Plan {
							fmt.Fprintf(e.stdout, "            %s\n", line)
						}
					}
				}
			}
			return nil
		},
	}
}

func roundAll(ds []time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d.Round(100 * time.Microsecond)
	}
	return out
}

// oneLine shortens a query to its first n characters on one line.
func oneLine(q string, n int) string {
	b := []rune{}
	space := false
	for _, r := range q {
		if r == '\n' || r == '\t' || r == ' ' {
			if !space {
				b = append(b, ' ')
			}
			space = true
			continue
		}
		space = false
		b = append(b, r)
		if len(b) >= n {
			return string(b) + "…"
		}
	}
	return string(b)
}
