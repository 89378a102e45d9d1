package data

import (
	"context"

	"github.com/dosis-dk/dosis/reports"
)

// The queries behind the recommendations sheet (reports.Recommendations),
// one per figure. All three read source tables (assessments, consents,
// audit_events) grouped per municipality.

// assessmentVersions implements reports.Source (uncached): the
// assessments made in the period per municipality of the case and rule
// set version (recommendations #2 and #9: uniform assessment).
func (s *ReportSource) assessmentVersions(ctx context.Context, f reports.Filter) ([]reports.VersionCount, error) {
	q := `SELECT c.municipality_code AS code, a.ruleset_id || ' v' || a.ruleset_version AS version, COUNT(*) AS count
FROM assessments a JOIN cases c ON c.id = a.case_id
WHERE a.assessed_at >= ?0 AND a.assessed_at < ?1` + s.in(f, "c.municipality_code") + `
GROUP BY c.municipality_code, a.ruleset_id, a.ruleset_version
ORDER BY 1, 2`
	var rows []struct {
		Code    int    `bun:"code"`
		Version string `bun:"version"`
		Count   int    `bun:"count"`
	}
	if err := s.scan(ctx, "assessment versions", &rows, q, bounds(f)...); err != nil {
		return nil, err
	}
	out := make([]reports.VersionCount, len(rows))
	for i, r := range rows {
		out[i] = reports.VersionCount(r)
	}
	return out, nil
}

// consentRecorders implements reports.Source (uncached): the consents
// recorded in the period per municipality, and of them those recorded by
// staff not in the citizen's daily care (recommendation #14).
func (s *ReportSource) consentRecorders(ctx context.Context, f reports.Filter) ([]reports.ConsentCount, error) {
	q := `SELECT c.municipality_code AS code, COUNT(*) AS consents,
	CAST(SUM(CASE WHEN k.recorder_in_daily_care THEN 0 ELSE 1 END) AS BIGINT) AS outside_daily_care
FROM consents k JOIN cases c ON c.id = k.case_id
WHERE k.recorded_at >= ?0 AND k.recorded_at < ?1` + s.in(f, "c.municipality_code") + `
GROUP BY c.municipality_code
ORDER BY 1`
	var rows []struct {
		Code             int `bun:"code"`
		Consents         int `bun:"consents"`
		OutsideDailyCare int `bun:"outside_daily_care"`
	}
	if err := s.scan(ctx, "consent recorders", &rows, q, bounds(f)...); err != nil {
		return nil, err
	}
	out := make([]reports.ConsentCount, len(rows))
	for i, r := range rows {
		out[i] = reports.ConsentCount(r)
	}
	return out, nil
}

// caseRecorders implements reports.Source (uncached): for the cases opened
// in the period, per municipality, a histogram of how many cases each
// recording member of staff opened — Bucket.Value cases, Bucket.Count
// staff; no staff id leaves the query (recommendation #13:
// centralisation).
func (s *ReportSource) caseRecorders(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	q := `SELECT CAST(x.code AS TEXT) AS key, x.cases AS value, COUNT(*) AS count
FROM (
	SELECT c.municipality_code AS code, e.actor, COUNT(*) AS cases
	FROM audit_events e JOIN cases c ON c.id = e.case_id
	WHERE e.event = 'open' AND e.at >= ?0 AND e.at < ?1` + s.in(f, "c.municipality_code") + `
	GROUP BY c.municipality_code, e.actor) x
GROUP BY x.code, x.cases
ORDER BY x.code, x.cases`
	return s.buckets(ctx, "case recorders", q, bounds(f)...)
}
