package reports

import (
	"context"
	"strconv"
)

// fakeSource returns fixed aggregates.
type fakeSource struct {
	adoption []AdoptionCounts
	months   []MonthCounts
	funnel   []FunnelCounts
	stages   []Bucket
	reasons  []ReasonCount
	pharm    []PharmacyCounts
	lead     []Bucket
	gps      []GPCounts
	gpDays   []Bucket
	renewals []GPCounts
	renDays  []Bucket
	versions []VersionCount
	consents []ConsentCount
	openers  []Bucket
}

// in keeps the rows of the municipalities in f (the national histograms
// and reasons of the fake are not split by municipality).
func in[T any](f Filter, rows []T, code func(T) int) []T {
	var out []T
	for _, r := range rows {
		if f.Includes(code(r)) {
			out = append(out, r)
		}
	}
	return out
}

func (s fakeSource) Adoption(_ context.Context, f Filter) ([]AdoptionCounts, error) {
	return in(f, s.adoption, func(a AdoptionCounts) int { return a.Code }), nil
}
func (s fakeSource) Months(_ context.Context, f Filter) ([]MonthCounts, error) {
	return in(f, s.months, func(m MonthCounts) int { return m.Code }), nil
}
func (s fakeSource) Funnel(_ context.Context, f Filter) ([]FunnelCounts, error) {
	return in(f, s.funnel, func(x FunnelCounts) int { return x.Code }), nil
}
func (s fakeSource) StageDays(context.Context, Filter) ([]Bucket, error)    { return s.stages, nil }
func (s fakeSource) Reasons(context.Context, Filter) ([]ReasonCount, error) { return s.reasons, nil }
func (s fakeSource) Pharmacies(_ context.Context, f Filter) ([]PharmacyCounts, error) {
	return in(f, s.pharm, func(p PharmacyCounts) int { return p.Municipality }), nil
}
func (s fakeSource) LeadHours(context.Context, Filter) ([]Bucket, error) { return s.lead, nil }

// PromiseHours: every urgent roll promised within the pharmacy's hours
// plus a weekend (48 clock hours more).
func (s fakeSource) PromiseHours(context.Context, Filter) ([]Bucket, error) {
	var out []Bucket
	for _, p := range s.pharm {
		out = append(out, Bucket{Key: p.ID, Value: p.PromiseHours + 48, Count: p.Urgent})
	}
	return out, nil
}
func (s fakeSource) GPs(_ context.Context, f Filter) ([]GPCounts, error) {
	return in(f, s.gps, func(g GPCounts) int { return g.Code }), nil
}
func (s fakeSource) Renewals(_ context.Context, f Filter) ([]GPCounts, error) {
	return in(f, s.renewals, func(g GPCounts) int { return g.Code }), nil
}
func (s fakeSource) RenewalDays(_ context.Context, f Filter) ([]Bucket, error) {
	return in(f, s.renDays, func(b Bucket) int { n, _ := strconv.Atoi(b.Key); return n }), nil
}
func (s fakeSource) AssessmentVersions(_ context.Context, f Filter) ([]VersionCount, error) {
	return in(f, s.versions, func(v VersionCount) int { return v.Code }), nil
}
func (s fakeSource) ConsentRecorders(_ context.Context, f Filter) ([]ConsentCount, error) {
	return in(f, s.consents, func(c ConsentCount) int { return c.Code }), nil
}
func (s fakeSource) CaseRecorders(_ context.Context, f Filter) ([]Bucket, error) {
	return in(f, s.openers, func(b Bucket) int { n, _ := strconv.Atoi(b.Key); return n }), nil
}
func (s fakeSource) GPDays(_ context.Context, f Filter) ([]Bucket, error) {
	return in(f, s.gpDays, func(b Bucket) int { n, _ := strconv.Atoi(b.Key); return n }), nil
}

// sample is a small national picture for rendering and suppression tests:
// four municipalities, one of them (147) under 30 active citizens.
func sample() fakeSource {
	return fakeSource{
		adoption: []AdoptionCounts{
			{Code: 101, Name: "København", Population: 650000, Population75: 40000, MedicineHelp: 5200, MedicineHelp75: 3900,
				Eligible: 1300, Active: 800, Active75: 640, Paused: 12, Potential: 400, RollDays: 800 * 90, Rolls: 800 * 6, Urgent: 210},
			{Code: 147, Name: "Frederiksberg", Population: 105000, Population75: 7000, MedicineHelp: 700, MedicineHelp75: 500,
				Eligible: 60, Active: 29, Active75: 20, Paused: 3, Potential: 20, RollDays: 29 * 90, Rolls: 29 * 6, Urgent: 4},
			{Code: 461, Name: "Odense", Population: 210000, Population75: 15000, MedicineHelp: 2100, MedicineHelp75: 1600,
				Eligible: 700, Active: 30, Active75: 4, Paused: 0, Potential: 300, RollDays: 30 * 90, Rolls: 30 * 6, Urgent: 9},
			{Code: 851, Name: "Aalborg", Population: 220000, Population75: 16000, MedicineHelp: 2300, MedicineHelp75: 1800,
				Eligible: 900, Active: 600, Active75: 480, Paused: 5, Potential: 150, RollDays: 600 * 90, Rolls: 600 * 6, Urgent: 120},
		},
		months: []MonthCounts{
			{Code: 101, Month: "2026-01", Citizens: 790, Rolls: 1580, RollDays: 22120, Starts: 20},
			{Code: 461, Month: "2026-01", Citizens: 28, Rolls: 56, RollDays: 784, Starts: 3},
			{Code: 851, Month: "2026-01", Citizens: 590, Rolls: 1180, RollDays: 16520, Starts: 15},
			{Code: 101, Month: "2026-02", Citizens: 800, Rolls: 1600, RollDays: 22400, Starts: 10},
			{Code: 461, Month: "2026-02", Citizens: 30, Rolls: 60, RollDays: 840, Starts: 2},
			{Code: 851, Month: "2026-02", Citizens: 600, Rolls: 1200, RollDays: 16800, Starts: 10},
		},
		funnel: []FunnelCounts{
			{Code: 101, Opened: 300, Assessed: 280, Eligible: 200, Consented: 150, Requested: 140, Approved: 120, Started: 100},
			{Code: 147, Opened: 10, Assessed: 9, Eligible: 6, Consented: 5, Requested: 4, Approved: 3, Started: 2},
			{Code: 461, Opened: 40, Assessed: 38, Eligible: 30, Consented: 20, Requested: 12, Approved: 6, Started: 3},
			{Code: 851, Opened: 200, Assessed: 190, Eligible: 150, Consented: 110, Requested: 100, Approved: 90, Started: 80},
		},
		// The stage times of the municipalities shown (all but 147).
		stages: []Bucket{{Key: StageOpenAssess, Value: 3, Count: 300}, {Key: StageOpenAssess, Value: 9, Count: 208},
			{Key: StageRequestApprove, Value: 6, Count: 216}, {Key: StageOpenStart, Value: 40, Count: 183}},
		reasons: []ReasonCount{{State: "declined", Reason: "citizen_declined", Count: 40}, {State: "ended", Reason: "death", Count: 3},
			{State: "rejected", Reason: "unstable_treatment", Count: 12}},
		pharm: []PharmacyCounts{
			{ID: "p1", Name: "Aalborg Apotek", Municipality: 851, PromiseHours: 24, Rolls: 3600, RollDays: 54000, Urgent: 120, Delivered: 118, OnTime: 100, Deviations: 7},
			{ID: "p2", Name: "Nørrebro Apotek", Municipality: 101, PromiseHours: 48, Rolls: 30, RollDays: 420, Urgent: 3, Delivered: 3, OnTime: 3, Deviations: 0},
		},
		lead: []Bucket{{Key: "p1", Value: 20, Count: 60}, {Key: "p1", Value: 30, Count: 50}, {Key: "p1", Value: 50, Count: 8},
			{Key: "p2", Value: 10, Count: 3}},
		gps:      []GPCounts{{Code: 101, Requests: 140, Approved: 120, Rejected: 15, Undecided: 5}, {Code: 461, Requests: 12, Approved: 6, Rejected: 2, Undecided: 4}, {Code: 851, Requests: 100, Approved: 90, Rejected: 6, Undecided: 4}},
		gpDays:   []Bucket{{Key: "101", Value: 5, Count: 135}, {Key: "461", Value: 9, Count: 8}, {Key: "851", Value: 4, Count: 96}},
		renewals: []GPCounts{{Code: 101, Requests: 60, Approved: 58, Undecided: 2}, {Code: 851, Requests: 40, Approved: 40}},
		renDays:  []Bucket{{Key: "101", Value: 2, Count: 58}, {Key: "851", Value: 3, Count: 40}},
		versions: []VersionCount{{Code: 101, Version: "default v2", Count: 250}, {Code: 101, Version: "default v1", Count: 30},
			{Code: 461, Version: "default v2", Count: 38}, {Code: 851, Version: "default v2", Count: 170}, {Code: 851, Version: "default v1", Count: 20}},
		consents: []ConsentCount{{Code: 101, Consents: 150, OutsideDailyCare: 60}, {Code: 461, Consents: 20, OutsideDailyCare: 3},
			{Code: 851, Consents: 110, OutsideDailyCare: 90}},
		// Opened cases by recording member of staff (they add up to the funnel's opened).
		openers: []Bucket{{Key: "101", Value: 100, Count: 2}, {Key: "101", Value: 50, Count: 2}, {Key: "461", Value: 40, Count: 1},
			{Key: "851", Value: 20, Count: 10}},
	}
}
