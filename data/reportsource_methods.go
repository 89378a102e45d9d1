package data

import (
	"context"

	"github.com/dosis-dk/dosis/reports"
)

// The reports.Source methods: from the rollups, or from the source tables
// for a source made by ReportsFromTables (what verify compares with).

// Adoption implements reports.Source.
func (s *ReportSource) Adoption(ctx context.Context, f reports.Filter) ([]reports.AdoptionCounts, error) {
	if s.tables {
		return s.adoption(ctx, f)
	}
	return s.rollAdoption(ctx, f)
}

// Months implements reports.Source.
func (s *ReportSource) Months(ctx context.Context, f reports.Filter) ([]reports.MonthCounts, error) {
	if s.tables {
		return s.months(ctx, f)
	}
	return s.rollMonths(ctx, f)
}

// Funnel implements reports.Source.
func (s *ReportSource) Funnel(ctx context.Context, f reports.Filter) ([]reports.FunnelCounts, error) {
	if s.tables {
		return s.funnel(ctx, f)
	}
	return s.rollFunnel(ctx, f)
}

// StageDays implements reports.Source.
func (s *ReportSource) StageDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	if s.tables {
		return s.stageDays(ctx, f)
	}
	return s.rollStageDays(ctx, f)
}

// Reasons implements reports.Source.
func (s *ReportSource) Reasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	if s.tables {
		return s.reasons(ctx, f)
	}
	return s.rollReasons(ctx, f)
}

// Pharmacies implements reports.Source.
func (s *ReportSource) Pharmacies(ctx context.Context, f reports.Filter) ([]reports.PharmacyCounts, error) {
	if s.tables {
		return s.pharmacies(ctx, f)
	}
	return s.rollPharmacies(ctx, f)
}

// LeadHours implements reports.Source.
func (s *ReportSource) LeadHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	if s.tables {
		return s.leadHours(ctx, f)
	}
	return s.rollLeadHours(ctx, f)
}

// GPs implements reports.Source.
func (s *ReportSource) GPs(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	if s.tables {
		return s.gps(ctx, f)
	}
	return s.rollGPs(ctx, f)
}

// GPDays implements reports.Source.
func (s *ReportSource) GPDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	if s.tables {
		return s.gpDays(ctx, f)
	}
	return s.rollGPDays(ctx, f)
}
