package reports

import (
	"context"
	"slices"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Filter selects what a report covers: the Danish days From and To (both
// inclusive) and, when not empty, the municipalities by code. An event
// counts in the period when it happens (Danish time) on one of its days:
// from From.Start() up to, not including, To.StartOfNext().
type Filter struct {
	From           calendar.Date
	To             calendar.Date
	Municipalities []int
}

// End is the exclusive end of the period: the day after To.
func (f Filter) End() calendar.Date { return f.To.AddDays(1) }

// Includes reports whether the filter covers municipality code.
func (f Filter) Includes(code int) bool {
	return len(f.Municipalities) == 0 || slices.Contains(f.Municipalities, code)
}

// Source is the aggregate queries a report needs. Every method groups in the
// database and returns at most one row per municipality, month, pharmacy,
// reason or histogram bucket, never one row per citizen. Implementations
// restrict the results to f.Municipalities (all when empty) and to what the
// caller may see.
type Source interface {
	// Adoption returns one row per municipality in the filter, including
	// municipalities with no citizens, with its state at the period end.
	Adoption(ctx context.Context, f Filter) ([]AdoptionCounts, error)
	// Months returns roll and start counts per municipality and month.
	Months(ctx context.Context, f Filter) ([]MonthCounts, error)
	// Funnel returns, per municipality, how far the cases opened in the
	// period had come by its end.
	Funnel(ctx context.Context, f Filter) ([]FunnelCounts, error)
	// StageDays returns histograms of whole days between the first
	// occurrences of two events of the cases opened in the period.
	StageDays(ctx context.Context, f Filter) ([]Bucket, error)
	// Reasons counts the cases declined, rejected or ended in the period by
	// reason code.
	Reasons(ctx context.Context, f Filter) ([]ReasonCount, error)
	// Pharmacies returns roll, urgent-roll and deviation counts per pharmacy.
	Pharmacies(ctx context.Context, f Filter) ([]PharmacyCounts, error)
	// LeadHours returns, per pharmacy (Bucket.Key), a histogram of whole
	// hours from an urgent roll's request to its delivery.
	LeadHours(ctx context.Context, f Filter) ([]Bucket, error)
	// PromiseHours returns, per pharmacy, a histogram of whole clock hours
	// from an urgent roll's request to the time the pharmacy promised it
	// by (the promise is given in working hours; this is the same promise
	// on the clock, comparable with LeadHours).
	PromiseHours(ctx context.Context, f Filter) ([]Bucket, error)
	// GPs returns the counts of first proposals to the GP (requests that
	// are not renewals) per municipality of the case.
	GPs(ctx context.Context, f Filter) ([]GPCounts, error)
	// GPDays returns, per municipality (Bucket.Key as its code), a histogram
	// of whole days from a first proposal to the decision.
	GPDays(ctx context.Context, f Filter) ([]Bucket, error)
	// Renewals returns the counts of prescription renewals (GP requests of
	// a case whose DD prescription an earlier request had approved) per
	// municipality of the case.
	Renewals(ctx context.Context, f Filter) ([]GPCounts, error)
	// RenewalDays is GPDays for renewals.
	RenewalDays(ctx context.Context, f Filter) ([]Bucket, error)
	// AssessmentVersions counts the assessments made in the period per
	// municipality and rule-set version.
	AssessmentVersions(ctx context.Context, f Filter) ([]VersionCount, error)
	// ConsentRecorders counts the consents recorded in the period per
	// municipality, and those recorded by staff not in the citizen's daily
	// care.
	ConsentRecorders(ctx context.Context, f Filter) ([]ConsentCount, error)
	// CaseRecorders returns, per municipality (Bucket.Key as its code), a
	// histogram of the cases opened in the period per recording member of
	// staff: Count staff opened Value cases each.
	CaseRecorders(ctx context.Context, f Filter) ([]Bucket, error)
}

// Prefetcher is a Source that can read everything a Build over a filter
// will ask for at once, ahead of the calls (the database source reads its
// queries on two connections in parallel, from one committed state).
// Build calls Prefetch first; the calls that follow then return what was
// read. A Source need not implement it: the calls read as they come.
type Prefetcher interface {
	Prefetch(ctx context.Context, f Filter) error
}

// VersionCount is the assessments of one municipality under one rule-set
// version ("id vN").
type VersionCount struct {
	Code    int
	Version string
	Count   int
}

// ConsentCount is the consents recorded in one municipality.
type ConsentCount struct {
	Code             int
	Consents         int
	OutsideDailyCare int
}

// AdoptionCounts is one municipality's adoption at the period end.
type AdoptionCounts struct {
	Code       int
	Name       string
	Population int
	// Population75 is the number of inhabitants aged 75 or more.
	Population75 int
	// PopulationScale is the share of the country the data stand for (a
	// demo sample: 0.02 at small scale; real data: 1); Population and
	// Population75 are already multiplied by it.
	PopulationScale float64
	// MedicineHelp counts citizens who get municipal help with medicine.
	MedicineHelp int
	// MedicineHelp75 counts those of them aged 75 or more at the period end.
	MedicineHelp75 int
	// Eligible counts citizens whose case was still open at the period end
	// (not declined, rejected or ended: a citizen who died or moved away
	// has an ended case) and whose latest assessment by then found them
	// eligible.
	Eligible int
	// Active counts citizens whose case was active at the period end.
	Active int
	// Active75 counts those of them aged 75 or more.
	Active75 int
	// Paused counts citizens whose case was paused at the period end.
	Paused int
	// Potential counts eligible citizens whose case was still open and not
	// yet active or paused at the period end.
	Potential int
	// RollDays is the sum of the lengths in days of the roll periods
	// dispensed or received that start in the period.
	RollDays int
	// Rolls counts those roll periods.
	Rolls int
	// Urgent counts urgent rolls requested in the period.
	Urgent int
}

// MonthCounts is one municipality's month: roll periods dispensed or
// received that start in the month, and cases started in it.
type MonthCounts struct {
	Code int
	// Month is "yyyy-mm".
	Month    string
	Citizens int
	Rolls    int
	RollDays int
	Starts   int
}

// FunnelCounts counts the cases opened in the period in one municipality
// that had reached each stage by the period end.
type FunnelCounts struct {
	Code      int
	Opened    int
	Assessed  int
	Eligible  int
	Consented int
	Requested int
	Approved  int
	Started   int
}

// Bucket is one bar of a histogram: Count cases with the whole-number Value
// (days or hours) under Key (a stage pair, a pharmacy id or a municipality
// code).
type Bucket struct {
	Key   string
	Value int
	Count int
}

// ReasonCount counts cases closed in the period in State for Reason.
type ReasonCount struct {
	State  string
	Reason string
	Count  int
}

// PharmacyCounts is one pharmacy's service in the period.
type PharmacyCounts struct {
	ID           string
	Name         string
	Municipality int
	// PromiseHours is the pharmacy's promised urgent-roll lead time.
	PromiseHours int
	Rolls        int
	RollDays     int
	Urgent       int
	Delivered    int
	// OnTime counts urgent rolls delivered no later than promised.
	OnTime     int
	Deviations int
}

// GPCounts is the GP requests of one municipality's cases made in the period.
type GPCounts struct {
	Code      int
	Requests  int
	Approved  int
	Rejected  int
	Undecided int
}

// The stage pairs StageDays reports, as "from>to" event names.
const (
	StageOpenAssess     = "open>assess"
	StageAssessConsent  = "assess>consent"
	StageConsentRequest = "consent>request_gp"
	StageRequestApprove = "request_gp>gp_approve"
	StageApproveStart   = "gp_approve>start"
	StageOpenStart      = "open>start"
)

// StagePairs lists the stage pairs in path order.
func StagePairs() []string {
	return []string{StageOpenAssess, StageAssessConsent, StageConsentRequest, StageRequestApprove, StageApproveStart, StageOpenStart}
}

// DefaultPeriod is the report period when none is given: the last 12
// whole Danish calendar months before the month of today.
func DefaultPeriod(today calendar.Date) (from, to calendar.Date) {
	first := calendar.NewDate(today.Year(), today.Month(), 1)
	return first.AddMonths(-12), first.AddDays(-1)
}
