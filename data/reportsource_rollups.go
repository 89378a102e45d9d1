package data

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// The report source reads the rollups (rollups.go): a handful of GROUP BY
// queries over rows per metric, municipality, key and day, so a report
// costs O(municipalities × days) whatever the number of citizens, and is
// exact the moment a change commits. The same figures computed from the
// source tables (reportsource_adoption.go, _funnel.go, _service.go) are
// what `dosis rollups verify` compares them with.

// rollupSum is one summed rollup group.
type rollupSum struct {
	Metric string `bun:"metric"`
	Muni   int    `bun:"municipality_code"`
	Key    string `bun:"key"`
	Month  int    `bun:"month"`
	N      int64  `bun:"n"`
}

// The day ranges of the rollup queries.
type dayRange int

const (
	// asOf: every day up to the period's last (a state at its end).
	asOf dayRange = iota
	// inPeriod: the period's days.
	inPeriod
	// reachedInPeriod: opened (requested) in the period, reached (decided)
	// by its end: a two-day metric.
	reachedInPeriod
	// allDays: every row (the medicine-help total): the total row.
	allDays
	// asOfTotal is asOf read as the total row less the rows after the
	// period's last day: for the stocks whose rows lie on the days of
	// their events (state, eligible, potential), so after a period that
	// ends near today there are few or none. (The 75th-birthday stocks,
	// active75 and help, have rows decades ahead: they read asOf.)
	asOfTotal
)

// lastDay is after any day a rollup holds.
var lastDay = dateNum(calendar.NewDate(2199, time.December, 31))

// firstDay is before any day a rollup holds (75th birthdays included).
var firstDay = dateNum(calendar.NewDate(1850, time.January, 1))

// rollupPart is one range of rollup rows a sum reads: metric+level, day in
// lo..hi and, for a two-day metric, day2 in lo2..hi2.
type rollupPart struct {
	level    string
	lo, hi   int
	lo2, hi2 int
	twoDay   bool
	// minus: the rows are subtracted (asOfTotal's days after the period).
	minus bool
}

// parts returns the fewest row ranges that add up to the figure over r.
// One-day metrics read the day, month and year rows that cover the days
// (spans): a year's report reads 12 month rows per key instead of 365 day
// rows. Two-day metrics (opened in the period, reached by its end) read
// month-by-month rows for the whole months opened in, day rows for a
// partial month, and when the period ends inside a month the
// month-by-day rows of the cases reached in that month.
func parts(f reports.Filter, r dayRange, byMonth bool) []rollupPart {
	lo, hi := dateNum(f.From), dateNum(f.To)
	switch r {
	case asOf:
		lo = firstDay
	case allDays:
		return []rollupPart{{level: levelTotal, lo: 0, hi: 0}}
	case asOfTotal:
		out := []rollupPart{{level: levelTotal, lo: 0, hi: 0}}
		for _, sp := range spans(hi+1, lastDay, true) {
			out = append(out, rollupPart{level: sp.level, lo: sp.lo, hi: sp.hi, minus: true})
		}
		return out
	}
	var out []rollupPart
	if r != reachedInPeriod {
		for _, sp := range spans(lo, hi, !byMonth && r != inPeriod) { // stocks have year rows
			out = append(out, rollupPart{level: sp.level, lo: sp.lo, hi: sp.hi})
		}
		return out
	}
	toMonth := monthStart(hi)
	monthEnd := dateNum(f.To.AddDays(1)) == dateNum(calendar.NewDate(f.To.Year(), f.To.Month()+1, 1))
	for _, sp := range spans(lo, hi, false) {
		if sp.level == "" {
			out = append(out, rollupPart{level: "", lo: sp.lo, hi: sp.hi, lo2: sp.lo, hi2: hi, twoDay: true})
			continue
		}
		if monthEnd {
			out = append(out, rollupPart{level: levelMonth, lo: sp.lo, hi: sp.hi, lo2: sp.lo, hi2: hi, twoDay: true})
			continue
		}
		out = append(out, rollupPart{level: levelMonth, lo: sp.lo, hi: sp.hi, lo2: sp.lo, hi2: toMonth - 1, twoDay: true},
			rollupPart{level: levelMonthDay, lo: sp.lo, hi: sp.hi, lo2: toMonth, hi2: hi, twoDay: true})
	}
	return out
}

// sums adds up the metrics of rd over its day range per metric,
// municipality and key (and month when byMonth), in one statement over
// the row ranges of parts. The national metrics are read under
// municipality 0 when the filter covers every municipality, or most of
// them less the few left out (exact: the rows are sums); their rows then
// come back under municipality 0. The same read twice in one report (the
// GP requests, for first proposals and renewals; readRolls), or read
// ahead by Prefetch, is made once (ReportSource.shared).
func (s *ReportSource) sums(ctx context.Context, f reports.Filter, rd rollupRead) ([]rollupSum, error) {
	key := fmt.Sprintf("%v|%s|%s|%v|%d|%t", s.codes(f), f.From, f.To, rd.metrics, rd.r, rd.byMonth)
	return s.shared.get(key, func() ([]rollupSum, error) { return s.read(ctx, f, rd.metrics, rd.r, rd.byMonth) })
}

// rollRead is the one read of the roll and urgent-roll metrics that the
// adoption (per municipality), the monthly trend (per municipality and
// month) and the pharmacies (per pharmacy) each add up their way: their
// rows are read once per report (ReportSource.shared), not three times.
var rollRead = []string{mRolls, mRollDays, mUrgent, mUrgentDelivered, mUrgentOnTime, mDeviations, mRollCases, mStarts}

// rollSums is the rollRead over the period, by month.
func (s *ReportSource) rollSums(ctx context.Context, f reports.Filter) ([]rollupSum, error) {
	return s.sums(ctx, f, readRolls)
}

// read is sums from the database.
//
// The statement reads the row ranges as they lie in the primary key and
// the sums are made here, not by a GROUP BY: the engine's GROUP BY sorts
// every row read (on SQLite a temporary B-tree, most of a report's query
// time at national scale), while adding them up in a map costs a lookup
// a row (BENCHMARKS.md: the same reads with a GROUP BY per branch cost
// more CPU a report).
func (s *ReportSource) read(ctx context.Context, f reports.Filter, metrics []string, r dayRange, byMonth bool) ([]rollupSum, error) {
	muni, n, where := "municipality_code", "n", s.in(f, "municipality_code")
	if national[metrics[0]] {
		var err error
		if muni, n, where, err = s.nationalRows(ctx, f); err != nil {
			return nil, err
		}
	}
	month := "0"
	if byMonth {
		month = "month"
	}
	// One branch per metric and row range, naming its metric by its
	// index (a metric's text would cost a string a row), and the metric,
	// municipality and month packed into one integer (packedGroup): each
	// column costs the driver calls and a conversion a row.
	if len(metrics) > packedMetrics {
		return nil, fmt.Errorf("report query: %d metrics in one read, at most %d", len(metrics), packedMetrics)
	}
	var q strings.Builder
	var args []any
	for _, p := range parts(f, r, byMonth) {
		for j, m := range metrics {
			if q.Len() > 0 {
				q.WriteString("\nUNION ALL ")
			}
			sign := n
			if p.minus {
				sign = "-(" + n + ")"
			}
			q.WriteString("SELECT (CAST(" + muni + " AS BIGINT) * " + strconv.Itoa(packedMetrics) + " + " + strconv.Itoa(j) + ") * " +
				strconv.Itoa(packedMonths) + " + " + month + " AS g, key, " + sign +
				" AS n FROM rollups WHERE metric = '" + m + p.level + "' AND day >= ? AND day <= ?")
			args = append(args, p.lo, p.hi)
			if p.twoDay {
				q.WriteString(" AND day2 >= ? AND day2 <= ?")
				args = append(args, p.lo2, p.hi2)
			}
			q.WriteString(where)
		}
	}
	what := "rollups " + strings.Join(metrics, ",")
	rows, err := s.handle().QueryContext(ctx, q.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("report query %s: %w", what, err)
	}
	defer rows.Close()
	type group struct {
		packed int64
		key    string
	}
	acc := map[group]int64{}
	// Scanned into interface values: database/sql then hands over the
	// driver's value as it is, where typed destinations go through
	// reflection a column.
	var cols [3]any
	dst := []any{&cols[0], &cols[1], &cols[2]}
	for rows.Next() {
		if err := rows.Scan(dst...); err != nil {
			return nil, fmt.Errorf("report query %s: %w", what, err)
		}
		g, okG := cols[0].(int64)
		key, okKey := asText(cols[1])
		v, okN := cols[2].(int64)
		if !okG || !okKey || !okN || g < 0 || int(g/packedMonths%packedMetrics) >= len(metrics) {
			return nil, fmt.Errorf("report query %s: unexpected row %v", what, cols)
		}
		acc[group{g, key}] += v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("report query %s: %w", what, err)
	}
	out := make([]rollupSum, 0, len(acc))
	for g, v := range acc {
		if v != 0 {
			metric, muni, month := unpackGroup(g.packed)
			out = append(out, rollupSum{Metric: metrics[metric], Muni: muni, Key: g.key, Month: month, N: v})
		}
	}
	return out, nil
}

// A rollup read's row names its metric (the index in the read's list),
// municipality and month in one integer: (municipality × packedMetrics +
// metric) × packedMonths + month, month being yyyymm (or 0).
const (
	packedMetrics = 100
	packedMonths  = 1000000
)

// unpackGroup returns the metric index, municipality and month of a packed
// group (read).
func unpackGroup(g int64) (metric, muni, month int) {
	return int(g / packedMonths % packedMetrics), int(g / packedMonths / packedMetrics), int(g % packedMonths)
}

// asText reads a text column scanned into an interface value (string,
// or []byte, on both engines' drivers).
func asText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

// nationalRows returns the municipality, count and condition columns of a
// national metric's rows for the filter: municipality 0 when it covers
// every municipality; when it covers more than half, municipality 0 less
// the others; else the filter's own rows.
func (s *ReportSource) nationalRows(ctx context.Context, f reports.Filter) (muni, n, where string, err error) {
	cs := s.codes(f)
	if len(cs) == 0 {
		return "0", "n", " AND municipality_code = 0", nil
	}
	var all []int
	if err := s.scan(ctx, "municipalities", &all, "SELECT code FROM municipalities"); err != nil {
		return "", "", "", err
	}
	var left []string
	for _, c := range all {
		if !slices.Contains(cs, c) {
			left = append(left, strconv.Itoa(c))
		}
	}
	if len(left)*2 >= len(all) {
		return "municipality_code", "n", s.in(f, "municipality_code") + " AND municipality_code <> 0", nil
	}
	w := " AND municipality_code = 0"
	if len(left) > 0 {
		w = " AND (municipality_code = 0 OR municipality_code IN (" + strings.Join(left, ", ") + "))"
	}
	return "0", "CASE WHEN municipality_code = 0 THEN n ELSE -n END", w, nil
}

// byMuni indexes sums by metric and municipality (keys added up), or by
// metric, municipality and key.
type sumIndex map[string]map[int]map[string]int64

func index(rows []rollupSum) sumIndex {
	ix := sumIndex{}
	for _, r := range rows {
		if ix[r.Metric] == nil {
			ix[r.Metric] = map[int]map[string]int64{}
		}
		if ix[r.Metric][r.Muni] == nil {
			ix[r.Metric][r.Muni] = map[string]int64{}
		}
		ix[r.Metric][r.Muni][r.Key] += r.N
	}
	return ix
}

func (ix sumIndex) total(metric string, muni int) int {
	var n int64
	for _, v := range ix[metric][muni] {
		n += v
	}
	return int(n)
}

func (ix sumIndex) key(metric string, muni int, key string) int { return int(ix[metric][muni][key]) }

func (s *ReportSource) rollAdoption(ctx context.Context, f reports.Filter) ([]reports.AdoptionCounts, error) {
	var ms []struct {
		Code         int     `bun:"code"`
		Name         string  `bun:"name"`
		Population   int     `bun:"population"`
		Population75 int     `bun:"population75"`
		Scale        float64 `bun:"population_scale"`
	}
	// The populations are scaled as the source-table query scales them (scaled).
	if err := s.scan(ctx, "municipalities", &ms, `SELECT code, name, population, population_75plus AS population75, population_scale
FROM municipalities WHERE 1 = 1`+s.in(f, "code")+` ORDER BY code`); err != nil {
		return nil, err
	}
	at, err := s.sums(ctx, f, readStocks)
	if err != nil {
		return nil, err
	}
	at75, err := s.sums(ctx, f, readActive75)
	if err != nil {
		return nil, err
	}
	at = append(at, at75...)
	in, err := s.rollSums(ctx, f)
	if err != nil {
		return nil, err
	}
	help, err := s.sums(ctx, f, readHelp)
	if err != nil {
		return nil, err
	}
	all, err := s.sums(ctx, f, readHelpTotal)
	if err != nil {
		return nil, err
	}
	ix, hx, ax := index(append(at, in...)), index(help), index(all)
	out := make([]reports.AdoptionCounts, len(ms))
	for i, m := range ms {
		out[i] = reports.AdoptionCounts{Code: m.Code, Name: m.Name, Population: scaled(m.Population, m.Scale), Population75: scaled(m.Population75, m.Scale),
			PopulationScale: m.Scale, MedicineHelp: ax.total(mHelp, m.Code), MedicineHelp75: hx.total(mHelp, m.Code),
			Eligible: ix.total(mEligible, m.Code), Active: ix.key(mState, m.Code, "active"), Active75: ix.total(mActive75, m.Code),
			Paused: ix.key(mState, m.Code, "paused"), Potential: ix.total(mPotential, m.Code),
			RollDays: ix.total(mRollDays, m.Code), Rolls: ix.total(mRolls, m.Code), Urgent: ix.total(mUrgent, m.Code)}
	}
	return out, nil
}

func (s *ReportSource) rollMonths(ctx context.Context, f reports.Filter) ([]reports.MonthCounts, error) {
	rows, err := s.rollSums(ctx, f)
	if err != nil {
		return nil, err
	}
	type mk struct{ month, code int }
	acc := map[mk]*reports.MonthCounts{}
	for _, r := range rows {
		if r.Metric != mRollCases && r.Metric != mRolls && r.Metric != mRollDays && r.Metric != mStarts {
			continue
		}
		k := mk{r.Month, r.Muni}
		m := acc[k]
		if m == nil {
			m = &reports.MonthCounts{Code: r.Muni, Month: fmt.Sprintf("%04d-%02d", r.Month/100, r.Month%100)}
			acc[k] = m
		}
		switch r.Metric {
		case mRollCases:
			m.Citizens += int(r.N)
		case mRolls:
			m.Rolls += int(r.N)
		case mRollDays:
			m.RollDays += int(r.N)
		case mStarts:
			m.Starts += int(r.N)
		}
	}
	out := make([]reports.MonthCounts, 0, len(acc))
	for _, m := range acc {
		if m.Citizens != 0 || m.Rolls != 0 || m.RollDays != 0 || m.Starts != 0 {
			out = append(out, *m)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Month != out[j].Month {
			return out[i].Month < out[j].Month
		}
		return out[i].Code < out[j].Code
	})
	return out, nil
}

func (s *ReportSource) rollFunnel(ctx context.Context, f reports.Filter) ([]reports.FunnelCounts, error) {
	opened, err := s.sums(ctx, f, readOpened)
	if err != nil {
		return nil, err
	}
	stages, err := s.sums(ctx, f, readStages)
	if err != nil {
		return nil, err
	}
	ix := index(append(opened, stages...))
	var out []reports.FunnelCounts
	for code := range ix[mOpened] {
		n := ix.total(mOpened, code)
		if n == 0 {
			continue
		}
		st := func(k string) int { return ix.key(mStage, code, k) }
		out = append(out, reports.FunnelCounts{Code: code, Opened: n, Assessed: st("assessed"), Eligible: st("eligible"),
			Consented: st("consented"), Requested: st("requested"), Approved: st("approved"), Started: st("started")})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// splitBuckets turns summed "name|value" keys into histogram bars under
// keyOf(municipality, name), added up over municipalities.
func splitBuckets(rows []rollupSum, keyOf func(muni int, name string) string) ([]reports.Bucket, error) {
	type bk struct {
		key string
		v   int
	}
	acc := map[bk]int{}
	for _, r := range rows {
		name, val := "", r.Key
		if i := strings.LastIndexByte(r.Key, '|'); i >= 0 {
			name, val = r.Key[:i], r.Key[i+1:]
		}
		v, err := strconv.Atoi(val)
		if err != nil {
			return nil, fmt.Errorf("rollup %s: bad bucket %q", r.Metric, r.Key)
		}
		acc[bk{keyOf(r.Muni, name), v}] += int(r.N)
	}
	out := make([]reports.Bucket, 0, len(acc))
	for k, n := range acc {
		if n != 0 {
			out = append(out, reports.Bucket{Key: k.key, Value: k.v, Count: n})
		}
	}
	sortBuckets(out)
	return out, nil
}

func (s *ReportSource) rollStageDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	rows, err := s.sums(ctx, f, readStageDays)
	if err != nil {
		return nil, err
	}
	return splitBuckets(rows, func(_ int, pair string) string { return pair })
}

func (s *ReportSource) rollReasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	rows, err := s.sums(ctx, f, readReasons)
	if err != nil {
		return nil, err
	}
	acc := map[string]int{}
	for _, r := range rows {
		acc[r.Key] += int(r.N)
	}
	var out []reports.ReasonCount
	for k, n := range acc {
		if n == 0 {
			continue
		}
		st, reason, _ := strings.Cut(k, "|")
		out = append(out, reports.ReasonCount{State: st, Reason: reason, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.State != b.State {
			return a.State < b.State
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Reason < b.Reason
	})
	return out, nil
}

func (s *ReportSource) rollPharmacies(ctx context.Context, f reports.Filter) ([]reports.PharmacyCounts, error) {
	rows, err := s.rollSums(ctx, f)
	if err != nil {
		return nil, err
	}
	per := map[string]map[string]int{}
	for _, r := range rows {
		if r.Metric == mRollCases || r.Metric == mStarts { // per case, no pharmacy
			continue
		}
		if per[r.Key] == nil {
			per[r.Key] = map[string]int{}
		}
		per[r.Key][r.Metric] += int(r.N)
	}
	var ps []struct {
		ID           string `bun:"id"`
		Name         string `bun:"name"`
		Municipality int    `bun:"municipality_code"`
		PromiseHours int    `bun:"lead_time_hours"`
	}
	if err := s.scan(ctx, "pharmacies", &ps, "SELECT id, name, municipality_code, lead_time_hours FROM pharmacies ORDER BY name, id"); err != nil {
		return nil, err
	}
	var out []reports.PharmacyCounts
	for _, p := range ps {
		m := per[p.ID]
		any := false
		for _, v := range m {
			any = any || v != 0
		}
		if !any {
			continue
		}
		out = append(out, reports.PharmacyCounts{ID: p.ID, Name: p.Name, Municipality: p.Municipality, PromiseHours: p.PromiseHours,
			Rolls: m[mRolls], RollDays: m[mRollDays], Urgent: m[mUrgent], Delivered: m[mUrgentDelivered], OnTime: m[mUrgentOnTime],
			Deviations: m[mDeviations]})
	}
	return out, nil
}

func (s *ReportSource) rollLeadHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	rows, err := s.sums(ctx, f, readLeadHours)
	if err != nil {
		return nil, err
	}
	return splitBuckets(rows, func(_ int, pharmacy string) string { return pharmacy })
}

func (s *ReportSource) rollGPs(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	return s.rollGPCounts(ctx, f, gpFirst)
}

func (s *ReportSource) rollRenewals(ctx context.Context, f reports.Filter) ([]reports.GPCounts, error) {
	return s.rollGPCounts(ctx, f, gpRenewal)
}

func (s *ReportSource) rollGPDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return s.rollGPDecisionDays(ctx, f, gpFirst)
}

func (s *ReportSource) rollRenewalDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	return s.rollGPDecisionDays(ctx, f, gpRenewal)
}

// rollGPCounts counts the GP requests of one kind per municipality.
func (s *ReportSource) rollGPCounts(ctx context.Context, f reports.Filter, kind string) ([]reports.GPCounts, error) {
	req, err := s.sums(ctx, f, readGPRequests)
	if err != nil {
		return nil, err
	}
	dec, err := s.sums(ctx, f, readGPDecisions)
	if err != nil {
		return nil, err
	}
	ix := index(append(req, dec...))
	var out []reports.GPCounts
	for code := range ix[mGPRequests] {
		n := ix.key(mGPRequests, code, kind)
		if n == 0 {
			continue
		}
		g := reports.GPCounts{Code: code, Requests: n, Approved: ix.key(mGPDecision, code, kind+"|approved"),
			Rejected: ix.key(mGPDecision, code, kind+"|rejected"), Undecided: n}
		for k, v := range ix[mGPDecision][code] {
			if strings.HasPrefix(k, kind+"|") {
				g.Undecided -= int(v)
			}
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// rollGPDecisionDays is the histogram of whole days to the decision of
// the GP requests of one kind, per municipality.
func (s *ReportSource) rollGPDecisionDays(ctx context.Context, f reports.Filter, kind string) ([]reports.Bucket, error) {
	rows, err := s.sums(ctx, f, readGPDays)
	if err != nil {
		return nil, err
	}
	var ofKind []rollupSum
	for _, r := range rows {
		if strings.HasPrefix(r.Key, kind+"|") {
			ofKind = append(ofKind, r)
		}
	}
	return splitBuckets(ofKind, func(muni int, _ string) string { return strconv.Itoa(muni) })
}

func (s *ReportSource) rollPromiseHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	rows, err := s.sums(ctx, f, readPromiseHours)
	if err != nil {
		return nil, err
	}
	return splitBuckets(rows, func(_ int, pharmacy string) string { return pharmacy })
}

func (s *ReportSource) rollAssessmentVersions(ctx context.Context, f reports.Filter) ([]reports.VersionCount, error) {
	rows, err := s.sums(ctx, f, readAssessments)
	if err != nil {
		return nil, err
	}
	var out []reports.VersionCount
	for _, r := range rows {
		if r.N != 0 {
			out = append(out, reports.VersionCount{Code: r.Muni, Version: r.Key, Count: int(r.N)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Code != out[j].Code {
			return out[i].Code < out[j].Code
		}
		return out[i].Version < out[j].Version
	})
	return out, nil
}

func (s *ReportSource) rollConsentRecorders(ctx context.Context, f reports.Filter) ([]reports.ConsentCount, error) {
	rows, err := s.sums(ctx, f, readConsents)
	if err != nil {
		return nil, err
	}
	ix := index(rows)
	var out []reports.ConsentCount
	for code := range ix[mConsents] {
		if n := ix.total(mConsents, code); n != 0 {
			out = append(out, reports.ConsentCount{Code: code, Consents: n, OutsideDailyCare: ix.key(mConsents, code, consentOut)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// rollCaseRecorders turns the cases opened per municipality and recorder
// into a histogram per municipality: Count recorders opened Value cases.
func (s *ReportSource) rollCaseRecorders(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	rows, err := s.sums(ctx, f, readOpenedBy)
	if err != nil {
		return nil, err
	}
	type bk struct{ code, cases int }
	acc := map[bk]int{}
	for _, r := range rows {
		if r.N != 0 {
			acc[bk{r.Muni, int(r.N)}]++
		}
	}
	out := make([]reports.Bucket, 0, len(acc))
	for k, n := range acc {
		out = append(out, reports.Bucket{Key: strconv.Itoa(k.code), Value: k.cases, Count: n})
	}
	sortBuckets(out)
	return out, nil
}

// sortBuckets orders histogram bars by key, then value, as the source-table
// queries do.
func sortBuckets(out []reports.Bucket) {
	sort.Slice(out, func(i, j int) bool {
		if out[i].Key != out[j].Key {
			return out[i].Key < out[j].Key
		}
		return out[i].Value < out[j].Value
	})
}
