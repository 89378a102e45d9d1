package data

import (
	"context"

	"github.com/dosis-dk/dosis/reports"
)

// months implements reports.Source (uncached): roll periods by the month they start in
// and case starts by the month of the start event (Danish months).
func (s *ReportSource) months(ctx context.Context, f reports.Filter) ([]reports.MonthCounts, error) {
	q := `SELECT x.code, x.month, CAST(SUM(x.citizens) AS BIGINT) AS citizens, CAST(SUM(x.rolls) AS BIGINT) AS rolls,
	CAST(SUM(x.days) AS BIGINT) AS roll_days, CAST(SUM(x.starts) AS BIGINT) AS starts
FROM (
	SELECT municipality_code AS code, ` + s.month("start_date") + ` AS month, COUNT(DISTINCT case_id) AS citizens,
		COUNT(*) AS rolls, SUM(length_days) AS days, 0 AS starts
	FROM roll_periods WHERE ` + rolled + ` AND start_date >= ?2 AND start_date < ?3` + s.in(f, "municipality_code") + `
	GROUP BY municipality_code, ` + s.month("start_date") + `
	UNION ALL
	SELECT c.municipality_code AS code, ` + s.danishMonth("e.at") + ` AS month, 0, 0, 0, COUNT(*)
	FROM audit_events e JOIN cases c ON c.id = e.case_id
	WHERE e.event = 'start' AND e.at >= ?0 AND e.at < ?1` + s.in(f, "c.municipality_code") + `
	GROUP BY c.municipality_code, ` + s.danishMonth("e.at") + `
) x
GROUP BY x.code, x.month
ORDER BY x.month, x.code`
	var rows []struct {
		Code     int    `bun:"code"`
		Month    string `bun:"month"`
		Citizens int    `bun:"citizens"`
		Rolls    int    `bun:"rolls"`
		RollDays int    `bun:"roll_days"`
		Starts   int    `bun:"starts"`
	}
	if err := s.scan(ctx, "months", &rows, q, bounds(f)...); err != nil {
		return nil, err
	}
	out := make([]reports.MonthCounts, len(rows))
	for i, r := range rows {
		out[i] = reports.MonthCounts(r)
	}
	return out, nil
}

// funnel implements reports.Source (uncached): the cases opened in the period and the
// stages they reached before its end, from the audit trail.
func (s *ReportSource) funnel(ctx context.Context, f reports.Filter) ([]reports.FunnelCounts, error) {
	reached := func(cond string) string {
		return "COUNT(DISTINCT CASE WHEN " + cond + " THEN c.id END)"
	}
	q := `SELECT c.municipality_code AS code, COUNT(DISTINCT c.id) AS opened,
	` + reached("e.event = 'assess'") + ` AS assessed,
	` + reached("e.event = 'assess' AND e.to_state = 'awaiting_consent'") + ` AS eligible,
	` + reached("e.event = 'consent'") + ` AS consented,
	` + reached("e.event = 'request_gp'") + ` AS requested,
	` + reached("e.event = 'gp_approve'") + ` AS approved,
	` + reached("e.event = 'start'") + ` AS started
FROM cases c LEFT JOIN audit_events e ON e.case_id = c.id AND e.at < ?1
WHERE c.opened_at >= ?0 AND c.opened_at < ?1` + s.in(f, "c.municipality_code") + `
GROUP BY c.municipality_code
ORDER BY c.municipality_code`
	var rows []struct {
		Code      int `bun:"code"`
		Opened    int `bun:"opened"`
		Assessed  int `bun:"assessed"`
		Eligible  int `bun:"eligible"`
		Consented int `bun:"consented"`
		Requested int `bun:"requested"`
		Approved  int `bun:"approved"`
		Started   int `bun:"started"`
	}
	if err := s.scan(ctx, "funnel", &rows, q, bounds(f)...); err != nil {
		return nil, err
	}
	out := make([]reports.FunnelCounts, len(rows))
	for i, r := range rows {
		out[i] = reports.FunnelCounts(r)
	}
	return out, nil
}

// stageDays implements reports.Source (uncached): for the cases opened in the period,
// the first time of each event, paired along the path, as a histogram of
// whole days. Performance: CROSS JOIN is an inner join that makes SQLite
// start from the cases opened in the period (index cases_opened) and read
// their events by case; left to itself it scanned every event of the kinds
// in the period and looked up each case (BENCHMARKS.md). PostgreSQL plans
// it as any join.
func (s *ReportSource) stageDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	q := `WITH fe AS (
	SELECT e.case_id, e.event, MIN(e.at) AS at
	FROM cases c CROSS JOIN audit_events e
	WHERE e.case_id = c.id AND c.opened_at >= ?0 AND c.opened_at < ?1 AND e.at < ?1` + s.in(f, "c.municipality_code") + `
		AND e.event IN ('open', 'assess', 'consent', 'request_gp', 'gp_approve', 'start')
	GROUP BY e.case_id, e.event)
SELECT a.event || '>' || b.event AS key, ` + s.days("a.at", "b.at") + ` AS value, COUNT(*) AS count
FROM fe a JOIN fe b ON b.case_id = a.case_id
WHERE (a.event = 'open' AND b.event IN ('assess', 'start'))
	OR (a.event = 'assess' AND b.event = 'consent')
	OR (a.event = 'consent' AND b.event = 'request_gp')
	OR (a.event = 'request_gp' AND b.event = 'gp_approve')
	OR (a.event = 'gp_approve' AND b.event = 'start')
GROUP BY a.event, b.event, ` + s.days("a.at", "b.at") + `
ORDER BY 1, 2`
	return s.buckets(ctx, "stage days", q, bounds(f)...)
}

func (s *ReportSource) buckets(ctx context.Context, what, q string, args ...any) ([]reports.Bucket, error) {
	var rows []struct {
		Key   string `bun:"key"`
		Value int    `bun:"value"`
		Count int    `bun:"count"`
	}
	if err := s.scan(ctx, what, &rows, q, args...); err != nil {
		return nil, err
	}
	out := make([]reports.Bucket, len(rows))
	for i, r := range rows {
		out[i] = reports.Bucket(r)
	}
	return out, nil
}

// reasons implements reports.Source (uncached).
func (s *ReportSource) reasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	q := `SELECT c.state, c.state_reason AS reason, COUNT(*) AS count
FROM cases c
WHERE c.closed_at >= ?0 AND c.closed_at < ?1 AND c.state IN ('declined', 'rejected', 'ended')` + s.in(f, "c.municipality_code") + `
GROUP BY c.state, c.state_reason
ORDER BY c.state, count DESC, c.state_reason`
	var rows []struct {
		State  string `bun:"state"`
		Reason string `bun:"reason"`
		Count  int    `bun:"count"`
	}
	if err := s.scan(ctx, "reasons", &rows, q, bounds(f)...); err != nil {
		return nil, err
	}
	out := make([]reports.ReasonCount, len(rows))
	for i, r := range rows {
		out[i] = reports.ReasonCount(r)
	}
	return out, nil
}
