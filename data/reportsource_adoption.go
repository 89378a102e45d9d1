package data

import (
	"context"
	"math"

	"github.com/dosis-dk/dosis/reports"
)

// stateAtEnd is a CTE: each case's state after its last audit event before
// ?1 (the period end).
const stateAtEnd = `st AS (
	SELECT e.case_id, e.to_state AS state FROM audit_events e
	WHERE e.at < ?1 AND NOT EXISTS (SELECT 1 FROM audit_events e2
		WHERE e2.case_id = e.case_id AND e2.at < ?1 AND e2.seq > e.seq))`

// eligibleAtEnd is a CTE: the cases whose latest assessment before ?1 found
// the citizen eligible.
const eligibleAtEnd = `el AS (
	SELECT a.case_id FROM assessments a
	WHERE a.assessed_at < ?1 AND a.outcome = 'eligible' AND NOT EXISTS (SELECT 1 FROM assessments a2
		WHERE a2.case_id = a.case_id AND a2.assessed_at < ?1
		AND (a2.assessed_at > a.assessed_at OR (a2.assessed_at = a.assessed_at AND a2.id > a.id))))`

// adoption implements reports.Source (uncached). Arguments: the bounds of
// f (?0 to ?3) and ?4 the latest birth date of a citizen aged 75 on the
// last day of the period.
func (s *ReportSource) adoption(ctx context.Context, f reports.Filter) ([]reports.AdoptionCounts, error) {
	q := `WITH ` + stateAtEnd + `, ` + eligibleAtEnd + `,
cs AS (
	SELECT c.municipality_code AS code,
		COUNT(DISTINCT CASE WHEN el.case_id IS NOT NULL
			AND st.state NOT IN ('declined', 'rejected', 'ended') THEN c.citizen_id END) AS eligible,
		COUNT(DISTINCT CASE WHEN st.state = 'active' THEN c.citizen_id END) AS active,
		COUNT(DISTINCT CASE WHEN st.state = 'active' AND ci.birth_date <= ?4 THEN c.citizen_id END) AS active75,
		COUNT(DISTINCT CASE WHEN st.state = 'paused' THEN c.citizen_id END) AS paused,
		COUNT(DISTINCT CASE WHEN el.case_id IS NOT NULL
			AND st.state NOT IN ('active', 'paused', 'declined', 'rejected', 'ended') THEN c.citizen_id END) AS potential
	FROM cases c
	JOIN citizens ci ON ci.id = c.citizen_id
	JOIN st ON st.case_id = c.id
	LEFT JOIN el ON el.case_id = c.id
	WHERE c.opened_at < ?1` + s.in(f, "c.municipality_code") + `
	GROUP BY c.municipality_code),
hp AS (
	SELECT municipality_code AS code, COUNT(*) AS help,
		SUM(CASE WHEN birth_date <= ?4 THEN 1 ELSE 0 END) AS help75
	FROM citizens WHERE medicine_help` + s.in(f, "municipality_code") + `
	GROUP BY municipality_code),
rp AS (
	SELECT municipality_code AS code, COUNT(*) AS rolls, SUM(length_days) AS days
	FROM roll_periods WHERE ` + rolled + ` AND start_date >= ?2 AND start_date < ?3` + s.in(f, "municipality_code") + `
	GROUP BY municipality_code),
ur AS (
	SELECT municipality_code AS code, COUNT(*) AS urgent
	FROM urgent_rolls WHERE requested_at >= ?0 AND requested_at < ?1` + s.in(f, "municipality_code") + `
	GROUP BY municipality_code)
SELECT m.code, m.name, m.population, m.population_75plus AS population75, m.population_scale,
	CAST(COALESCE(hp.help, 0) AS BIGINT) AS medicine_help, CAST(COALESCE(hp.help75, 0) AS BIGINT) AS medicine_help75,
	COALESCE(cs.eligible, 0) AS eligible, COALESCE(cs.active, 0) AS active, COALESCE(cs.active75, 0) AS active75,
	COALESCE(cs.paused, 0) AS paused, COALESCE(cs.potential, 0) AS potential,
	CAST(COALESCE(rp.days, 0) AS BIGINT) AS roll_days, COALESCE(rp.rolls, 0) AS rolls, COALESCE(ur.urgent, 0) AS urgent
FROM municipalities m
LEFT JOIN cs ON cs.code = m.code
LEFT JOIN hp ON hp.code = m.code
LEFT JOIN rp ON rp.code = m.code
LEFT JOIN ur ON ur.code = m.code
WHERE 1 = 1` + s.in(f, "m.code") + `
ORDER BY m.code`
	var rows []struct {
		Code           int     `bun:"code"`
		Name           string  `bun:"name"`
		Population     int     `bun:"population"`
		Population75   int     `bun:"population75"`
		MedicineHelp   int     `bun:"medicine_help"`
		MedicineHelp75 int     `bun:"medicine_help75"`
		Eligible       int     `bun:"eligible"`
		Active         int     `bun:"active"`
		Active75       int     `bun:"active75"`
		Paused         int     `bun:"paused"`
		Potential      int     `bun:"potential"`
		RollDays       int     `bun:"roll_days"`
		Rolls          int     `bun:"rolls"`
		Urgent         int     `bun:"urgent"`
		Scale          float64 `bun:"population_scale"`
	}
	// The latest birthday that makes a citizen 75 on f.To: 75 years before,
	// with 29 February going to 28 February (calendar.Age agrees: born
	// 01-03-1953 is 75 from 01-03-2028, not on 29-02-2028).
	born75 := f.To.AddYears(-75)
	if err := s.scan(ctx, "adoption", &rows, q, bounds(f, born75)...); err != nil {
		return nil, err
	}
	out := make([]reports.AdoptionCounts, len(rows))
	for i, r := range rows {
		out[i] = reports.AdoptionCounts{Code: r.Code, Name: r.Name, Population: scaled(r.Population, r.Scale),
			Population75:    scaled(r.Population75, r.Scale),
			PopulationScale: r.Scale, MedicineHelp: r.MedicineHelp, MedicineHelp75: r.MedicineHelp75, Eligible: r.Eligible,
			Active: r.Active, Active75: r.Active75, Paused: r.Paused, Potential: r.Potential, RollDays: r.RollDays,
			Rolls: r.Rolls, Urgent: r.Urgent}
	}
	return out, nil
}

// scaled is a population scaled by the data set's share of the country
// (municipalities.population_scale), rounded half away from zero. It is
// rounded here, not by the SQL: PostgreSQL's ROUND of a double rounds a
// half to even and SQLite's away from zero, so a small demo's 2,500
// inhabitants aged 75+ at a share of 0.005 were 12 on one engine and 13
// on the other (TestGenerateSameOnBothEngines).
func scaled(n int, scale float64) int { return int(math.Round(float64(n) * scale)) }
