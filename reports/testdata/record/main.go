// Command record writes the answers a report source gives for the
// steering group's suppressed report, as JSON, so the suppression
// benchmark and tests run on a real national-scale input without a
// database (reports/testdata/national.json.gz):
//
//	go run ./reports/testdata/record --db national.db --to 2026-11-30 | gzip -9 > reports/testdata/national.json.gz
//
// It records what reports.BuildSuppressed asks for: the adoption of every
// municipality, then every other answer for the municipalities shown.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// recording mirrors nationalRecording in reports/national_test.go.
type recording struct {
	From, To     string
	Adoption     []reports.AdoptionCounts
	Months       []reports.MonthCounts
	Funnel       []reports.FunnelCounts
	StageDays    []reports.Bucket
	Reasons      []reports.ReasonCount
	Pharmacies   []reports.PharmacyCounts
	LeadHours    []reports.Bucket
	PromiseHours []reports.Bucket
	GPs          []reports.GPCounts
	GPDays       []reports.Bucket
	Renewals     []reports.GPCounts
	RenewalDays  []reports.Bucket
	Versions     []reports.VersionCount
	Consents     []reports.ConsentCount
	Openers      []reports.Bucket
}

// recorder keeps the last answer of every method: BuildSuppressed asks
// for the adoption of all municipalities first, then builds over those
// shown.
type recorder struct {
	src reports.Source
	rec recording
}

func keep[T any](dst *[]T, got []T, err error) ([]T, error) {
	if err == nil {
		*dst = got
	}
	return got, err
}

func (r *recorder) Adoption(ctx context.Context, f reports.Filter) ([]reports.AdoptionCounts, error) {
	got, err := r.src.Adoption(ctx, f)
	if err == nil && len(f.Municipalities) == 0 {
		r.rec.Adoption = got
	}
	return got, err
}
func (r *recorder) Months(ctx context.Context, f reports.Filter) ([]reports.MonthCounts, error) {
	got, err := r.src.Months(ctx, f)
	return keep(&r.rec.Months, got, err)
}
func (r *recorder) Funnel(ctx context.Context, f reports.Filter) ([]reports.FunnelCounts, error) {
	got, err := r.src.Funnel(ctx, f)
	return keep(&r.rec.Funnel, got, err)
}
func (r *recorder) StageDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	got, err := r.src.StageDays(ctx, f)
	return keep(&r.rec.StageDays, got, err)
}
func (r *recorder) Reasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	got, err := r.src.Reasons(ctx, f)
	return keep(&r.rec.Reasons, got, err)
}
func (r *recorder) Pharmacies(ctx context.Context, f reports.Filter) ([]reports.PharmacyCounts, error) {
	got, err := r.src.Pharmacies(ctx, f)
	return keep(&r.rec.Pharmacies, got, err)
}
func (r *recorder) LeadHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	got, err := r.src.LeadHours(ctx, f)
	return keep(&r.rec.LeadHours, got, err)
}
func (r *recorder) PromiseHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	got, err := r.src.PromiseHours(ctx, f)
	return keep(&r.rec.PromiseHours, got, err)
}
func (r *recorder) GPs(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	got, err := r.src.GPs(ctx, f)
	return keep(&r.rec.GPs, got, err)
}
func (r *recorder) GPDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	got, err := r.src.GPDays(ctx, f)
	return keep(&r.rec.GPDays, got, err)
}
func (r *recorder) Renewals(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	got, err := r.src.Renewals(ctx, f)
	return keep(&r.rec.Renewals, got, err)
}
func (r *recorder) RenewalDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	got, err := r.src.RenewalDays(ctx, f)
	return keep(&r.rec.RenewalDays, got, err)
}
func (r *recorder) AssessmentVersions(ctx context.Context, f reports.Filter) ([]reports.VersionCount, error) {
	got, err := r.src.AssessmentVersions(ctx, f)
	return keep(&r.rec.Versions, got, err)
}
func (r *recorder) ConsentRecorders(ctx context.Context, f reports.Filter) ([]reports.ConsentCount, error) {
	got, err := r.src.ConsentRecorders(ctx, f)
	return keep(&r.rec.Consents, got, err)
}
func (r *recorder) CaseRecorders(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	got, err := r.src.CaseRecorders(ctx, f)
	return keep(&r.rec.Openers, got, err)
}

func main() {
	dsn := flag.String("db", "", "database (SQLite file or postgres:// URL)")
	to := flag.String("to", "", "last day of the period, yyyy-mm-dd (default: the end of the last whole month)")
	flag.Parse()
	if err := run(*dsn, *to); err != nil {
		fmt.Fprintln(os.Stderr, "record:", err)
		os.Exit(1)
	}
}

func run(dsn, to string) error {
	ctx := context.Background()
	db, err := data.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	day := calendar.Today(time.Now())
	if to != "" {
		t, err := time.Parse(time.DateOnly, to)
		if err != nil {
			return err
		}
		day = calendar.DayOf(t).AddDays(1)
	}
	from, end := reports.DefaultPeriod(day)
	src, err := db.Reports(workflow.Actor{Role: workflow.RoleSteering})
	if err != nil {
		return err
	}
	rec := &recorder{src: src}
	r, err := reports.BuildSuppressed(ctx, rec, reports.Filter{From: from, To: end}, reports.DefaultParams())
	if err != nil {
		return err
	}
	rec.rec.From, rec.rec.To = from.String(), end.String()
	fmt.Fprintf(os.Stderr, "%s – %s: %d municipalities (%d left out), %d pharmacies, %d primary, %d secondary\n",
		from, end, len(r.Municipalities), r.Omitted, len(r.Pharmacies), r.Primary, r.Secondary)
	enc := json.NewEncoder(os.Stdout)
	return enc.Encode(rec.rec)
}
