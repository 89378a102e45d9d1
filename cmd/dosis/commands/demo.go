package commands

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/demo"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

func (e *env) demoCommand() *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "fill an empty, migrated database with synthetic demo data (dosis db migrate && dosis demo)",
		Description: "Writes pharmacies, GPs, citizens with medicine help and cases with three years of history\n" +
			"for all 98 municipalities. The same --seed and --now give the same data. The database must hold\n" +
			"no citizens: use a new database file, or --resume to finish an interrupted run. See docs/demo.md.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "scale", Value: demo.ScaleSmall, Usage: "small (about 3,000 citizens), medium (about 7,500) or national (about 150,000)"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "the data set: the same seed and --now give the same rows"},
			&cli.StringFlag{Name: "now", Usage: "end of the history, dd-mm-yyyy (default: now)"},
			&cli.BoolFlag{Name: "resume", Usage: "finish an interrupted run (same --scale, --seed and --now)"},
			&cli.BoolFlag{Name: "progress", Usage: "show a progress bar even when stderr is not a terminal"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the run to `FILE`"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			stop, err := e.profileWhole(c)
			if err != nil {
				return err
			}
			defer stop()
			now := e.now().UTC()
			if s := c.String("now"); s != "" {
				d, err := flagDate("now", s)
				if err != nil {
					return err
				}
				now = d.At(12, 0).UTC()
			}
			o := demo.Options{Scale: c.String("scale"), Seed: c.Uint64("seed"), Now: now, Resume: c.Bool("resume")}
			if c.Bool("progress") || isTerminal(e.stderr) {
				var bar *progressbar.ProgressBar
				o.Progress = func(done, total int, stage string) {
					if bar == nil {
						bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
							progressbar.OptionSetDescription("demodata"), progressbar.OptionShowCount(),
							progressbar.OptionSetPredictTime(true), progressbar.OptionSetWidth(30),
							progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish())
					}
					bar.Describe(fmt.Sprintf("%-18.18s", stage))
					_ = bar.Set(done)
				}
				defer func() {
					if bar != nil {
						_ = bar.Finish()
					}
				}()
			}
			st, err := demo.Generate(c.Context, db, o)
			if err != nil {
				return err
			}
			return e.fields(c, st,
				"municipalities", strconv.Itoa(st.Municipalities),
				"pharmacies", strconv.Itoa(st.Pharmacies),
				"GPs", strconv.Itoa(st.GPs),
				"citizens", strconv.Itoa(st.Citizens),
				"cases", strconv.Itoa(st.Cases),
				"roll periods", strconv.Itoa(st.Periods),
				"urgent rolls", strconv.Itoa(st.UrgentRolls),
				"audit events", strconv.Itoa(st.AuditEvents),
				"history until", calendar.DayOf(now).Format(),
				"time", st.Duration.Round(100*time.Millisecond).String(),
				"database size", fmt.Sprintf("%.1f MB", float64(st.DBBytes)/1e6))
		}),
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
