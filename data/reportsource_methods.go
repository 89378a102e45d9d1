package data

import (
	"context"

	"github.com/dosis-dk/dosis/reports"
)

// The reports.Source methods: from the rollups (reportsource_rollups.go),
// or from the source tables for a source made by ReportsFromTables (what
// verify compares with). A server keeps whole built reports, not query
// results (report_memo.go).

// from runs the rollup query, or the source-table query when s.tables.
func from[T any](ctx context.Context, s *ReportSource, f reports.Filter, rollups, tables func(context.Context, reports.Filter) (T, error)) (T, error) {
	if s.tables {
		return tables(ctx, f)
	}
	return rollups(ctx, f)
}

// Adoption implements reports.Source.
func (s *ReportSource) Adoption(ctx context.Context, f reports.Filter) ([]reports.AdoptionCounts, error) {
	return from(ctx, s, f, s.rollAdoption, s.adoption)
}

// Months implements reports.Source.
func (s *ReportSource) Months(ctx context.Context, f reports.Filter) ([]reports.MonthCounts, error) {
	return from(ctx, s, f, s.rollMonths, s.months)
}

// Funnel implements reports.Source.
func (s *ReportSource) Funnel(ctx context.Context, f reports.Filter) ([]reports.FunnelCounts, error) {
	return from(ctx, s, f, s.rollFunnel, s.funnel)
}

// StageDays implements reports.Source.
func (s *ReportSource) StageDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return from(ctx, s, f, s.rollStageDays, s.stageDays)
}

// Reasons implements reports.Source.
func (s *ReportSource) Reasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	return from(ctx, s, f, s.rollReasons, s.reasons)
}

// Pharmacies implements reports.Source.
func (s *ReportSource) Pharmacies(ctx context.Context, f reports.Filter) ([]reports.PharmacyCounts, error) {
	return from(ctx, s, f, s.rollPharmacies, s.pharmacies)
}

// LeadHours implements reports.Source.
func (s *ReportSource) LeadHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return from(ctx, s, f, s.rollLeadHours, s.leadHours)
}

// PromiseHours implements reports.Source.
func (s *ReportSource) PromiseHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return from(ctx, s, f, s.rollPromiseHours, s.promiseHours)
}

// GPs implements reports.Source.
func (s *ReportSource) GPs(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	return from(ctx, s, f, s.rollGPs, s.gps)
}

// GPDays implements reports.Source.
func (s *ReportSource) GPDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return from(ctx, s, f, s.rollGPDays, s.gpDays)
}

// Renewals implements reports.Source.
func (s *ReportSource) Renewals(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	return from(ctx, s, f, s.rollRenewals, s.renewals)
}

// RenewalDays implements reports.Source.
func (s *ReportSource) RenewalDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return from(ctx, s, f, s.rollRenewalDays, s.renewalDays)
}

// AssessmentVersions implements reports.Source.
func (s *ReportSource) AssessmentVersions(ctx context.Context, f reports.Filter) ([]reports.VersionCount, error) {
	return from(ctx, s, f, s.rollAssessmentVersions, s.assessmentVersions)
}

// ConsentRecorders implements reports.Source.
func (s *ReportSource) ConsentRecorders(ctx context.Context, f reports.Filter) ([]reports.ConsentCount, error) {
	return from(ctx, s, f, s.rollConsentRecorders, s.consentRecorders)
}

// CaseRecorders implements reports.Source.
func (s *ReportSource) CaseRecorders(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return from(ctx, s, f, s.rollCaseRecorders, s.caseRecorders)
}
