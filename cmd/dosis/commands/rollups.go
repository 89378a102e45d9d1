package commands

import (
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) rollupsCommand() *cli.Command {
	return &cli.Command{
		Name:  "rollups",
		Usage: "the report's rollups: recompute them from the source tables, or verify them against a recomputation",
		Subcommands: []*cli.Command{
			{
				Name:  "rebuild",
				Usage: "recompute every rollup from the source tables, in one transaction",
				Flags: []cli.Flag{&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the rebuild to `FILE`"}},
				Action: func(c *cli.Context) error {
					stop, err := e.profileWhole(c)
					if err != nil {
						return err
					}
					defer stop()
					db, err := e.openDB(c, true)
					if err != nil {
						return err
					}
					defer db.Close()
					t0 := time.Now()
					n, err := db.RebuildRollups(c.Context)
					if err != nil {
						return err
					}
					if c.Bool("json") {
						return e.json(map[string]any{"rows": n, "seconds": time.Since(t0).Seconds()})
					}
					fmt.Fprintf(e.stdout, "rollups rebuilt: %d rows in %.1f s\n", n, time.Since(t0).Seconds())
					return nil
				},
			},
			{
				Name: "verify",
				Usage: "recompute every rollup from the source tables and compare with the stored rows, then every " +
					"report figure of the period (default: the last 12 whole months) from both; exit 1 naming each mismatch",
				Flags: benchPeriodFlags(), // the period of the figures compared
				Action: func(c *cli.Context) error {
					f, err := e.reportFilter(c)
					if err != nil {
						return err
					}
					db, err := e.openDB(c, true)
					if err != nil {
						return err
					}
					defer db.Close()
					n, bad, err := db.VerifyRollups(c.Context)
					if err != nil {
						return err
					}
					diffs, err := db.CompareReportFigures(c.Context, f)
					if err != nil {
						return err
					}
					if c.Bool("json") {
						if err := e.json(map[string]any{"rows": n, "mismatches": bad, "figures": diffs}); err != nil {
							return err
						}
					} else {
						for _, m := range bad {
							fmt.Fprintln(e.stdout, m)
						}
						for _, d := range diffs {
							fmt.Fprintln(e.stdout, d)
						}
					}
					if len(bad) > 0 || len(diffs) > 0 {
						return workflow.Invalid("err.rollups.differ", len(bad), len(diffs))
					}
					if !c.Bool("json") {
						fmt.Fprintf(e.stdout, "rollups verified: %d rows and the report's figures for %s – %s equal the recomputation\n",
							n, f.From.Format(), f.To.Format())
					}
					return nil
				},
			},
		},
	}
}
