package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// ReportOptions configures RunReport.
type ReportOptions struct {
	// DSN is the database to report on (the national demo data).
	DSN string
	// Filter is the national report's period; its municipalities are
	// ignored (the national report covers all).
	Filter reports.Filter
	// Municipality is the code of the one-municipality report.
	Municipality int
	// Runs is how many times each timing is taken; the median is kept.
	Runs int
	// Client runs the bare queries: the path of sqlite3 or psql (default:
	// looked up on PATH). Empty and not found: the ratio is not measured.
	Client string
	// Exe is the dosis binary run as a child process for the peak memory
	// (empty: not measured).
	Exe string
	// Dir receives the report files and the SQL file (default: a temp dir).
	Dir string
	// Log receives progress lines (may be nil).
	Log io.Writer
}

// ReportResult holds the report benchmark's figures.
type ReportResult struct {
	Engine  string
	Period  string
	Queries int
	// Build, XLSX and HTML are the medians of the in-process steps; Total
	// is their sum, the report end to end.
	Build, XLSX, HTML, Total time.Duration
	// Bare is the median time the engine's own client took for the same
	// queries; Ratio = Total / Bare (0 when not measured).
	Bare  time.Duration
	Ratio float64
	// Child is the wall time of `dosis report` as a child process and
	// ChildMaxRSS its peak resident memory in bytes (0 when not measured).
	Child       time.Duration
	ChildMaxRSS int64
	// Municipality is the one-municipality report end to end (median).
	MunicipalityCode int
	Municipality     time.Duration
	// SQLFile is where the extracted queries were written.
	SQLFile string
	// RollupRows is how many rollup rows the report's queries return, and
	// RollupGroups the figures they add up to (data.DB.RollupReads).
	RollupRows, RollupGroups int64
}

// RunReport measures the national report end to end (Build, XLSX and HTML
// to files) and, in the same run, the bare aggregate queries it issued, as
// recorded SQL text run by the engine's client over the same data; then
// one municipality's report and, with Exe, the peak memory of `dosis
// report` as a child process.
func RunReport(ctx context.Context, o ReportOptions) (ReportResult, error) {
	if o.Runs < 1 {
		o.Runs = 1
	}
	logf := logger(o.Log)
	if o.Dir == "" {
		dir, err := os.MkdirTemp("", "dosis-bench-report-")
		if err != nil {
			return ReportResult{}, fmt.Errorf("bench report: %w", err)
		}
		defer os.RemoveAll(dir)
		o.Dir = dir
	}
	db, err := data.Open(ctx, o.DSN)
	if err != nil {
		return ReportResult{}, err
	}
	defer db.Close()
	if err := db.RequireCurrent(ctx); err != nil {
		return ReportResult{}, err
	}
	db, rec := db.RecordQueries()
	res := ReportResult{Engine: engineName(db), MunicipalityCode: o.Municipality}
	national := o.Filter
	national.Municipalities = nil

	var builds, xlsxs, htmls, totals, bares []time.Duration
	var client *Client
	for run := 0; run < o.Runs; run++ {
		rec.Start()
		st, r, err := reportOnce(ctx, db, national, o.Dir)
		queries := statements(rec.Stop())
		if err != nil {
			return res, err
		}
		res.Period, res.Queries = r.Period(), len(queries)
		builds, xlsxs, htmls = append(builds, st[0]), append(xlsxs, st[1]), append(htmls, st[2])
		totals = append(totals, st[0]+st[1]+st[2])
		logf("report run %d: build %s, xlsx %s, html %s (%d queries)", run+1, ms(st[0]), ms(st[1]), ms(st[2]), len(queries))
		if run == 0 {
			res.SQLFile = filepath.Join(o.Dir, "report-queries.sql")
			if err := writeQueries(res.SQLFile, queries); err != nil {
				return res, err
			}
			if res.RollupRows, res.RollupGroups, err = db.RollupReads(ctx, queries); err != nil {
				return res, err
			}
			client, err = NewClient(db.Postgres, o.DSN, o.Client)
			if err != nil {
				logf("bare queries not measured: %v", err)
			}
		}
		if client != nil {
			d, err := client.Run(ctx, res.SQLFile)
			if err != nil {
				return res, err
			}
			bares = append(bares, d)
			logf("bare queries run %d by %s: %s", run+1, client.Name(), ms(d))
		}
	}
	res.Build, res.XLSX, res.HTML, res.Total = median(builds), median(xlsxs), median(htmls), median(totals)
	if len(bares) > 0 {
		res.Bare = median(bares)
		res.Ratio = float64(res.Total) / float64(res.Bare)
	}
	if o.Municipality != 0 {
		one := o.Filter
		one.Municipalities = []int{o.Municipality}
		var ds []time.Duration
		for run := 0; run < o.Runs; run++ {
			st, _, err := reportOnce(ctx, db, one, o.Dir)
			if err != nil {
				return res, err
			}
			ds = append(ds, st[0]+st[1]+st[2])
		}
		res.Municipality = median(ds)
		logf("municipality %d: %s", o.Municipality, ms(res.Municipality))
	}
	if o.Exe != "" {
		wall, rss, err := childReport(ctx, o.Exe, o.DSN, national, o.Dir)
		if err != nil {
			return res, err
		}
		res.Child, res.ChildMaxRSS = wall, rss
		logf("dosis report as a child process: %s, max RSS %.0f MB", ms(wall), float64(rss)/1e6)
	}
	return res, nil
}

// reportOnce builds the report for f and writes both files, returning the
// duration of each step.
func reportOnce(ctx context.Context, db *data.DB, f reports.Filter, dir string) ([3]time.Duration, reports.Report, error) {
	var st [3]time.Duration
	t0 := time.Now()
	// As `dosis report` builds it (unsuppressed): in one committed state,
	// read on two connections with two cores (data/report_snapshot.go).
	r, err := db.Report(ctx, workflow.System("bench"), f, reports.DefaultParams(), false, time.Now())
	if err != nil {
		return st, r, fmt.Errorf("bench report: %w", err)
	}
	st[0] = time.Since(t0)
	t0 = time.Now()
	if err := writeFile(filepath.Join(dir, "report.xlsx"), func(w io.Writer) error { return reports.WriteXLSX(w, r) }); err != nil {
		return st, r, err
	}
	st[1] = time.Since(t0)
	t0 = time.Now()
	if err := writeFile(filepath.Join(dir, "report.html"), func(w io.Writer) error {
		return reports.RenderHTML(w, r, reports.HTMLOptions{})
	}); err != nil {
		return st, r, err
	}
	st[2] = time.Since(t0)
	return st, r, nil
}

// writeFile renders into memory (as `dosis report` does) and writes name.
func writeFile(name string, render func(io.Writer) error) error {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return fmt.Errorf("bench report %s: %w", filepath.Base(name), err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("bench report: %w", err)
	}
	return nil
}

// statements drops the transaction statements from the recorded queries:
// the report reads in read transactions on two connections at once,
// and the bare queries run one after another in autocommit.
func statements(queries []string) []string {
	var out []string
	for _, q := range queries {
		switch w, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(q)), " "); w {
		case "BEGIN", "START", "COMMIT", "ROLLBACK":
		default:
			out = append(out, q)
		}
	}
	return out
}

// writeQueries writes the recorded queries as one SQL script.
func writeQueries(name string, queries []string) error {
	var b bytes.Buffer
	for _, q := range queries {
		b.WriteString(q)
		b.WriteString(";\n")
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("bench report: write queries: %w", err)
	}
	return nil
}

func engineName(db *data.DB) string {
	if db.Postgres {
		return "postgres"
	}
	return "sqlite"
}
