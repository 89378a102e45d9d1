package reports

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// nationalRecording is what the national demo data's report source
// answered for the steering group's report of 12 months
// (testdata/national.json.gz, written by testdata/record): 98
// municipalities, 5 of them under 30 active, 394 pharmacies.
type nationalRecording struct {
	From, To     string
	Adoption     []AdoptionCounts
	Months       []MonthCounts
	Funnel       []FunnelCounts
	StageDays    []Bucket
	Reasons      []ReasonCount
	Pharmacies   []PharmacyCounts
	LeadHours    []Bucket
	PromiseHours []Bucket
	GPs          []GPCounts
	GPDays       []Bucket
	Renewals     []GPCounts
	RenewalDays  []Bucket
	Versions     []VersionCount
	Consents     []ConsentCount
	Openers      []Bucket
}

// nationalSource replays a recording: the adoption honours the filter (so
// BuildSuppressed leaves out the same municipalities), every other answer
// is the one recorded for the municipalities shown.
type nationalSource struct{ rec nationalRecording }

func (s nationalSource) Adoption(_ context.Context, f Filter) ([]AdoptionCounts, error) {
	return in(f, s.rec.Adoption, func(a AdoptionCounts) int { return a.Code }), nil
}
func (s nationalSource) Months(context.Context, Filter) ([]MonthCounts, error) {
	return s.rec.Months, nil
}
func (s nationalSource) Funnel(context.Context, Filter) ([]FunnelCounts, error) {
	return s.rec.Funnel, nil
}
func (s nationalSource) StageDays(context.Context, Filter) ([]Bucket, error) {
	return s.rec.StageDays, nil
}
func (s nationalSource) Reasons(context.Context, Filter) ([]ReasonCount, error) {
	return s.rec.Reasons, nil
}
func (s nationalSource) Pharmacies(context.Context, Filter) ([]PharmacyCounts, error) {
	return s.rec.Pharmacies, nil
}
func (s nationalSource) LeadHours(context.Context, Filter) ([]Bucket, error) {
	return s.rec.LeadHours, nil
}
func (s nationalSource) PromiseHours(context.Context, Filter) ([]Bucket, error) {
	return s.rec.PromiseHours, nil
}
func (s nationalSource) GPs(context.Context, Filter) ([]GPCounts, error) { return s.rec.GPs, nil }
func (s nationalSource) GPDays(context.Context, Filter) ([]Bucket, error) {
	return s.rec.GPDays, nil
}
func (s nationalSource) Renewals(context.Context, Filter) ([]GPCounts, error) {
	return s.rec.Renewals, nil
}
func (s nationalSource) RenewalDays(context.Context, Filter) ([]Bucket, error) {
	return s.rec.RenewalDays, nil
}
func (s nationalSource) AssessmentVersions(context.Context, Filter) ([]VersionCount, error) {
	return s.rec.Versions, nil
}
func (s nationalSource) ConsentRecorders(context.Context, Filter) ([]ConsentCount, error) {
	return s.rec.Consents, nil
}
func (s nationalSource) CaseRecorders(context.Context, Filter) ([]Bucket, error) {
	return s.rec.Openers, nil
}

// loadNational reads testdata/national.json.gz.
func loadNational(tb testing.TB) (nationalSource, Filter) {
	tb.Helper()
	fh, err := os.Open("testdata/national.json.gz")
	if err != nil {
		tb.Fatal(err)
	}
	defer fh.Close()
	z, err := gzip.NewReader(fh)
	if err != nil {
		tb.Fatal(err)
	}
	var rec nationalRecording
	if err := json.NewDecoder(z).Decode(&rec); err != nil {
		tb.Fatal(err)
	}
	day := func(s string) calendar.Date {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			tb.Fatal(err)
		}
		return calendar.NewDate(t.Year(), t.Month(), t.Day())
	}
	return nationalSource{rec}, Filter{From: day(rec.From), To: day(rec.To)}
}

// nationalShown is the national report built over the municipalities
// shown, before Suppress: what BuildSuppressed hands it.
func nationalShown(tb testing.TB) Report {
	tb.Helper()
	src, f := loadNational(tb)
	r, err := buildShown(context.Background(), src, f, DefaultParams())
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// BenchmarkSuppressNational is Suppress on the national demo data's
// report (93 municipalities shown, 394 pharmacies, 12 trend months).
func BenchmarkSuppressNational(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		r := nationalShown(b)
		b.StartTimer()
		Suppress(r)
	}
}
