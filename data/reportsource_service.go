package data

import (
	"context"

	"github.com/dosis-dk/dosis/reports"
)

// pharmacies implements reports.Source (uncached): the pharmacies with rolls, urgent
// rolls or receipt deviations for the municipalities in the filter.
func (s *ReportSource) pharmacies(ctx context.Context, f reports.Filter) ([]reports.PharmacyCounts, error) {
	q := `SELECT p.id, p.name, p.municipality_code AS municipality, p.lead_time_hours AS promise_hours,
	COALESCE(r.rolls, 0) AS rolls, CAST(COALESCE(r.days, 0) AS BIGINT) AS roll_days,
	COALESCE(u.urgent, 0) AS urgent, CAST(COALESCE(u.delivered, 0) AS BIGINT) AS delivered,
	CAST(COALESCE(u.on_time, 0) AS BIGINT) AS on_time, COALESCE(d.deviations, 0) AS deviations
FROM pharmacies p
LEFT JOIN (
	SELECT pharmacy_id, COUNT(*) AS rolls, SUM(length_days) AS days FROM roll_periods
	WHERE ` + rolled + ` AND start_date >= ?2 AND start_date < ?3` + s.in(f, "municipality_code") + `
	GROUP BY pharmacy_id) r ON r.pharmacy_id = p.id
LEFT JOIN (
	SELECT pharmacy_id, COUNT(*) AS urgent,
		SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered,
		SUM(CASE WHEN delivered_at IS NOT NULL AND ` + s.notAfter("delivered_at", "promised_by") + ` THEN 1 ELSE 0 END) AS on_time
	FROM urgent_rolls WHERE requested_at >= ?0 AND requested_at < ?1` + s.in(f, "municipality_code") + `
	GROUP BY pharmacy_id) u ON u.pharmacy_id = p.id
LEFT JOIN (
	SELECT d.pharmacy_id, COUNT(*) AS deviations FROM receipt_deviations d JOIN cases c ON c.id = d.case_id
	WHERE d.recorded_at >= ?0 AND d.recorded_at < ?1` + s.in(f, "c.municipality_code") + `
	GROUP BY d.pharmacy_id) d ON d.pharmacy_id = p.id
WHERE r.pharmacy_id IS NOT NULL OR u.pharmacy_id IS NOT NULL OR d.pharmacy_id IS NOT NULL
ORDER BY p.name, p.id`
	var rows []struct {
		ID           string `bun:"id"`
		Name         string `bun:"name"`
		Municipality int    `bun:"municipality"`
		PromiseHours int    `bun:"promise_hours"`
		Rolls        int    `bun:"rolls"`
		RollDays     int    `bun:"roll_days"`
		Urgent       int    `bun:"urgent"`
		Delivered    int    `bun:"delivered"`
		OnTime       int    `bun:"on_time"`
		Deviations   int    `bun:"deviations"`
	}
	if err := s.scan(ctx, "pharmacies", &rows, q, bounds(f)...); err != nil {
		return nil, err
	}
	out := make([]reports.PharmacyCounts, len(rows))
	for i, r := range rows {
		out[i] = reports.PharmacyCounts(r)
	}
	return out, nil
}

// leadHours implements reports.Source (uncached).
func (s *ReportSource) leadHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	h := s.hours("requested_at", "delivered_at")
	q := `SELECT pharmacy_id AS key, ` + h + ` AS value, COUNT(*) AS count
FROM urgent_rolls
WHERE delivered_at IS NOT NULL AND requested_at >= ?0 AND requested_at < ?1` + s.in(f, "municipality_code") + `
GROUP BY pharmacy_id, ` + h + `
ORDER BY 1, 2`
	return s.buckets(ctx, "lead hours", q, bounds(f)...)
}

// promiseHours implements reports.Source (uncached): whole clock hours
// from request to promised_by of the urgent rolls requested in the period.
func (s *ReportSource) promiseHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	h := s.hours("requested_at", "promised_by")
	q := `SELECT pharmacy_id AS key, ` + h + ` AS value, COUNT(*) AS count
FROM urgent_rolls
WHERE requested_at >= ?0 AND requested_at < ?1` + s.in(f, "municipality_code") + `
GROUP BY pharmacy_id, ` + h + `
ORDER BY 1, 2`
	return s.buckets(ctx, "promise hours", q, bounds(f)...)
}

// renewalOf is the condition that GP request g renews a DD prescription:
// an earlier request of its case was approved before g was made. A
// renewal (FMK asks for one before the 2-year expiry) is not a proposal to
// start, so the GP figures count the two apart.
const renewalOf = `EXISTS (SELECT 1 FROM gp_requests g0 WHERE g0.case_id = g.case_id AND g0.id <> g.id
	AND g0.decision = 'approved' AND g0.decided_at IS NOT NULL AND g0.decided_at <= g.requested_at)`

// gps implements reports.Source (uncached): first proposals made in the
// period and the decisions made on them before its end.
func (s *ReportSource) gps(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	return s.gpCounts(ctx, "GPs", f, "NOT "+renewalOf)
}

// renewals implements reports.Source (uncached): prescription renewals
// requested in the period and their decisions before its end.
func (s *ReportSource) renewals(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	return s.gpCounts(ctx, "renewals", f, renewalOf)
}

// gpDays implements reports.Source (uncached): first proposals.
func (s *ReportSource) gpDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return s.gpDecisionDays(ctx, "GP days", f, "NOT "+renewalOf)
}

// renewalDays implements reports.Source (uncached): renewals.
func (s *ReportSource) renewalDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return s.gpDecisionDays(ctx, "renewal days", f, renewalOf)
}

// gpCounts counts the GP requests of the kind cond selects per
// municipality of the case.
func (s *ReportSource) gpCounts(ctx context.Context, what string, f reports.Filter, cond string) ([]reports.GPCounts, error) {
	q := `SELECT c.municipality_code AS code, COUNT(*) AS requests,
	CAST(SUM(CASE WHEN g.decision = 'approved' AND g.decided_at < ?1 THEN 1 ELSE 0 END) AS BIGINT) AS approved,
	CAST(SUM(CASE WHEN g.decision = 'rejected' AND g.decided_at < ?1 THEN 1 ELSE 0 END) AS BIGINT) AS rejected,
	CAST(SUM(CASE WHEN g.decided_at IS NULL OR g.decided_at >= ?1 THEN 1 ELSE 0 END) AS BIGINT) AS undecided
FROM gp_requests g JOIN cases c ON c.id = g.case_id
WHERE g.requested_at >= ?0 AND g.requested_at < ?1 AND ` + cond + s.in(f, "c.municipality_code") + `
GROUP BY c.municipality_code
ORDER BY c.municipality_code`
	var rows []struct {
		Code      int `bun:"code"`
		Requests  int `bun:"requests"`
		Approved  int `bun:"approved"`
		Rejected  int `bun:"rejected"`
		Undecided int `bun:"undecided"`
	}
	if err := s.scan(ctx, what, &rows, q, bounds(f)...); err != nil {
		return nil, err
	}
	out := make([]reports.GPCounts, len(rows))
	for i, r := range rows {
		out[i] = reports.GPCounts(r)
	}
	return out, nil
}

// gpDecisionDays is the histogram of whole days from request to decision
// of the GP requests of the kind cond selects, per municipality.
func (s *ReportSource) gpDecisionDays(ctx context.Context, what string, f reports.Filter, cond string) ([]reports.Bucket, error) {
	d := s.days("g.requested_at", "g.decided_at")
	q := `SELECT CAST(c.municipality_code AS TEXT) AS key, ` + d + ` AS value, COUNT(*) AS count
FROM gp_requests g JOIN cases c ON c.id = g.case_id
WHERE g.decided_at IS NOT NULL AND g.decided_at < ?1 AND g.requested_at >= ?0 AND g.requested_at < ?1 AND ` + cond + s.in(f, "c.municipality_code") + `
GROUP BY c.municipality_code, ` + d + `
ORDER BY 1, 2`
	return s.buckets(ctx, what, q, bounds(f)...)
}
