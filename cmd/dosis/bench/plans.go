package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// Plan is one report query with the engine's plan for it.
type Plan struct {
	Name  string
	Query string
	Plan  []string
	// Took is how long the query took when it was recorded.
	Took time.Duration
}

// ReportPlans records the queries of the national report for f and returns
// each with its plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on
// PostgreSQL).
func ReportPlans(ctx context.Context, db *data.DB, f reports.Filter) ([]Plan, error) {
	db, rec := db.RecordQueries()
	f.Municipalities = nil
	type step struct {
		name string
		run  func(src *data.ReportSource) error
	}
	steps := []step{
		{"adoption", func(src *data.ReportSource) error { _, err := src.Adoption(ctx, f); return err }},
		{"months", func(src *data.ReportSource) error { _, err := src.Months(ctx, f); return err }},
		{"funnel", func(src *data.ReportSource) error { _, err := src.Funnel(ctx, f); return err }},
		{"stage days", func(src *data.ReportSource) error { _, err := src.StageDays(ctx, f); return err }},
		{"reasons", func(src *data.ReportSource) error { _, err := src.Reasons(ctx, f); return err }},
		{"pharmacies", func(src *data.ReportSource) error { _, err := src.Pharmacies(ctx, f); return err }},
		{"lead hours", func(src *data.ReportSource) error { _, err := src.LeadHours(ctx, f); return err }},
		{"GPs", func(src *data.ReportSource) error { _, err := src.GPs(ctx, f); return err }},
		{"GP days", func(src *data.ReportSource) error { _, err := src.GPDays(ctx, f); return err }},
		{"renewals", func(src *data.ReportSource) error { _, err := src.Renewals(ctx, f); return err }},
		{"renewal days", func(src *data.ReportSource) error { _, err := src.RenewalDays(ctx, f); return err }},
		{"promise hours", func(src *data.ReportSource) error { _, err := src.PromiseHours(ctx, f); return err }},
		{"assessment versions", func(src *data.ReportSource) error { _, err := src.AssessmentVersions(ctx, f); return err }},
		{"consent recorders", func(src *data.ReportSource) error { _, err := src.ConsentRecorders(ctx, f); return err }},
		{"case recorders", func(src *data.ReportSource) error { _, err := src.CaseRecorders(ctx, f); return err }},
	}
	var out []Plan
	for _, s := range steps {
		// A source per figure: one report's source reads rows that several
		// figures add up once, so the second figure would show no query.
		src, err := db.Reports(workflow.System("bench"))
		if err != nil {
			return nil, err
		}
		rec.Start()
		t0 := time.Now()
		err = s.run(src)
		took := time.Since(t0)
		qs := rec.Stop()
		if err != nil {
			return nil, err
		}
		if len(qs) == 0 {
			return nil, fmt.Errorf("plans: %s ran no query", s.name)
		}
		// A figure reads its rollups in a few queries (one per day, month
		// and year span): each gets its plan; the time is the figure's.
		for i, q := range qs {
			plan, err := db.Explain(ctx, q)
			if err != nil {
				return nil, fmt.Errorf("plans: %s: %w", s.name, err)
			}
			p := Plan{Name: fmt.Sprintf("%s %d/%d", s.name, i+1, len(qs)), Query: strings.TrimSpace(q), Plan: plan}
			if i == 0 {
				p.Took = took
			}
			out = append(out, p)
		}
	}
	return out, nil
}
