package commands

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/urfave/cli/v2"
)

func (e *env) reportCommand() *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "adoption and nursing hours freed, as an Excel workbook and an offline HTML dashboard",
		Description: "Computes the report for a period (default: the last 12 whole months) in the database with aggregate queries.\n" +
			"--suppress applies the statistics practice: counts under 5 hidden, municipalities under 30 active citizens left out.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "first day, dd-mm-yyyy (default: 12 whole months back)"},
			&cli.StringFlag{Name: "to", Usage: "last day, dd-mm-yyyy (default: the end of the last whole month)"},
			&cli.IntSliceFlag{Name: "municipality", Usage: "3-digit municipality code; repeat for more (default: all)"},
			&cli.StringFlag{Name: "xlsx", Usage: "write the Excel workbook to `FILE`"},
			&cli.StringFlag{Name: "html", Usage: "write the HTML dashboard to `FILE`"},
			&cli.BoolFlag{Name: "suppress", Usage: "apply the statistics practice for reports shared outside the municipality"},
			&cli.StringFlag{Name: "params", Usage: "JSON `FILE` overriding the nursing-hours parameters in force (see docs/reports.md)"},
		},
		Action: e.withDB(e.runReport),
	}
}

func (e *env) runReport(c *cli.Context, db *data.DB) error {
	f, err := e.reportFilter(c)
	if err != nil {
		return err
	}
	// The parameters in force (stored by an admin, or the defaults), with
	// --params on top, so the command line and the web report agree.
	p, err := db.ReportParams(c.Context)
	if err != nil {
		return err
	}
	if name := c.String("params"); name != "" {
		raw, err := os.ReadFile(name)
		if err != nil {
			return usagef("--params: %v", err)
		}
		if p, err = reports.LoadParams(bytes.NewReader(raw), p); err != nil {
			return err
		}
	}
	step := e.reportProgress()
	step("henter tal for %s – %s", f.From.Format(), f.To.Format())
	r, err := db.Report(c.Context, e.actor(c), f, p, c.Bool("suppress"), e.now())
	if err != nil {
		return err
	}
	var written []string
	if name := c.String("xlsx"); name != "" {
		step("skriver %s", name)
		if err := writeReportFile(name, func(b *bytes.Buffer) error { return reports.WriteXLSX(b, r) }); err != nil {
			return err
		}
		written = append(written, name)
	}
	if name := c.String("html"); name != "" {
		step("skriver %s", name)
		if err := writeReportFile(name, func(b *bytes.Buffer) error { return reports.RenderHTML(b, r, reports.HTMLOptions{}) }); err != nil {
			return err
		}
		written = append(written, name)
	}
	step("færdig")
	return e.reportSummary(c, r, written)
}

// reportFilter reads --from, --to and --municipality.
func (e *env) reportFilter(c *cli.Context) (reports.Filter, error) {
	from, to := reports.DefaultPeriod(calendar.Today(e.now()))
	var err error
	if s := c.String("from"); s != "" {
		if from, err = flagDate("from", s); err != nil {
			return reports.Filter{}, err
		}
	}
	if s := c.String("to"); s != "" {
		if to, err = flagDate("to", s); err != nil {
			return reports.Filter{}, err
		}
	}
	if to.Before(from) {
		return reports.Filter{}, workflow.Invalid("err.report.flags_reversed", from.Format(), to.Format())
	}
	// db.Report refuses a code that is no municipality's, for the web too.
	return reports.Filter{From: from, To: to, Municipalities: c.IntSlice("municipality")}, nil
}

// reportProgress returns a function that prints a step with the time since the
// start on stderr.
func (e *env) reportProgress() func(format string, args ...any) {
	start := time.Now()
	return func(format string, args ...any) {
		fmt.Fprintf(e.stderr, "[%5.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}
}

// writeReportFile renders into memory and writes the file only when rendering
// succeeded, creating its directory. The bytes go to NAME.partial beside the
// target, are synced and then renamed over it, so a process killed or a disk
// filling up half-way never leaves a truncated report at NAME: it holds the
// previous complete report or the new one (faulttest.TestKillReport). A
// NAME.partial left by a killed run is overwritten by the next one.
func writeReportFile(name string, render func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return err
	}
	if dir := filepath.Dir(name); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	partial := name + ".partial"
	if err := writeSynced(partial, b.Bytes()); err != nil {
		_ = os.Remove(partial)
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(partial, name); err != nil {
		_ = os.Remove(partial)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// writeSynced writes b to a new or truncated file and syncs it to disk
// before closing, so that a rename after it never exposes a short file.
func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

func (e *env) reportSummary(c *cli.Context, r reports.Report, written []string) error {
	fte := reports.FormatDA(r.Total.Hours.FTE.V, reports.KindDecimal)
	if r.Total.Hours.FTE.Hidden {
		fte = reports.HiddenText
	}
	active := reports.FormatDA(r.Total.Active.N, reports.KindInt)
	if r.Total.Active.Hidden {
		active = reports.HiddenText
	}
	summary := struct {
		Period         string   `json:"period"`
		Municipalities int      `json:"municipalities"`
		Omitted        int      `json:"omitted"`
		Primary        int      `json:"suppressed_primary"`
		Secondary      int      `json:"suppressed_secondary"`
		Active         int      `json:"active"`
		FTE            float64  `json:"fte"`
		Files          []string `json:"files"`
	}{r.Period(), len(r.Municipalities), r.Omitted, r.Primary, r.Secondary, r.Total.Active.N, r.Total.Hours.FTE.V, written}
	files := "(none; use --xlsx FILE and/or --html FILE)"
	if len(written) > 0 {
		files = fmt.Sprint(written)
	}
	return e.fields(c, summary,
		"period", r.Period(),
		"municipalities", fmt.Sprintf("%d (%d left out by suppression)", len(r.Municipalities), r.Omitted),
		"cells suppressed", fmt.Sprintf("%d primary (1–4), %d secondary", r.Primary, r.Secondary),
		"active citizens", active,
		"FTE freed", fte,
		"files", files)
}
