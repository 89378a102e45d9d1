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
	// allDays: every row (the medicine-help total).
	allDays
)

// firstDay is before any day a rollup holds (75th birthdays included).
var firstDay = dateNum(calendar.NewDate(1850, time.January, 1))

// rollupPart is one range of rollup rows a sum reads: metric+level, day in
// lo..hi and, for a two-day metric, day2 in lo2..hi2.
type rollupPart struct {
	level    string
	lo, hi   int
	lo2, hi2 int
	twoDay   bool
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
		lo, hi = firstDay, dateNum(calendar.NewDate(2200, time.January, 1))
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

// sums adds up the metrics over the day range per metric, municipality and
// key (and month when byMonth), in one statement over the row ranges of
// parts. The national metrics are read under municipality 0 when the
// filter covers every municipality, or most of them less the few left out
// (exact: the rows are sums); their rows then come back under
// municipality 0.
func (s *ReportSource) sums(ctx context.Context, f reports.Filter, metrics []string, r dayRange, byMonth bool) ([]rollupSum, error) {
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
	var q strings.Builder
	var args []any
	q.WriteString("SELECT metric, municipality_code, key, month, CAST(SUM(n) AS BIGINT) AS n FROM (")
	for i, p := range parts(f, r, byMonth) {
		if i > 0 {
			q.WriteString("\nUNION ALL ")
		}
		ms := make([]string, len(metrics))
		for j, m := range metrics {
			ms[j] = "'" + m + p.level + "'"
		}
		q.WriteString("SELECT substr(metric, 1, length(metric) - " + strconv.Itoa(len(p.level)) + ") AS metric, " + muni +
			" AS municipality_code, key, " + month + " AS month, " + n + " AS n FROM rollups WHERE metric IN (" + strings.Join(ms, ", ") +
			") AND day >= ? AND day <= ?")
		args = append(args, p.lo, p.hi)
		if p.twoDay {
			q.WriteString(" AND day2 >= ? AND day2 <= ?")
			args = append(args, p.lo2, p.hi2)
		}
		q.WriteString(where)
	}
	q.WriteString(") x GROUP BY metric, municipality_code, key, month")
	var rows []rollupSum
	if err := s.scan(ctx, "rollups "+strings.Join(metrics, ","), &rows, q.String(), args...); err != nil {
		return nil, err
	}
	return rows, nil
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
	at, err := s.sums(ctx, f, []string{mState, mActive75, mEligible, mPotential}, asOf, false)
	if err != nil {
		return nil, err
	}
	in, err := s.sums(ctx, f, []string{mRolls, mRollDays, mUrgent}, inPeriod, false)
	if err != nil {
		return nil, err
	}
	help, err := s.sums(ctx, f, []string{mHelp}, asOf, false)
	if err != nil {
		return nil, err
	}
	all, err := s.sums(ctx, f, []string{mHelp}, allDays, false)
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
	rows, err := s.sums(ctx, f, []string{mRollCases, mRolls, mRollDays, mStarts}, inPeriod, true)
	if err != nil {
		return nil, err
	}
	type mk struct{ month, code int }
	acc := map[mk]*reports.MonthCounts{}
	for _, r := range rows {
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
	opened, err := s.sums(ctx, f, []string{mOpened}, inPeriod, false)
	if err != nil {
		return nil, err
	}
	stages, err := s.sums(ctx, f, []string{mStage}, reachedInPeriod, false)
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
	rows, err := s.sums(ctx, f, []string{mStageDays}, reachedInPeriod, false)
	if err != nil {
		return nil, err
	}
	return splitBuckets(rows, func(_ int, pair string) string { return pair })
}

func (s *ReportSource) rollReasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	rows, err := s.sums(ctx, f, []string{mReason}, inPeriod, false)
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
	rows, err := s.sums(ctx, f, []string{mRolls, mRollDays, mUrgent, mUrgentDelivered, mUrgentOnTime, mDeviations}, inPeriod, false)
	if err != nil {
		return nil, err
	}
	per := map[string]map[string]int{}
	for _, r := range rows {
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
	rows, err := s.sums(ctx, f, []string{mLeadHours}, inPeriod, false)
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
	req, err := s.sums(ctx, f, []string{mGPRequests}, inPeriod, false)
	if err != nil {
		return nil, err
	}
	dec, err := s.sums(ctx, f, []string{mGPDecision}, reachedInPeriod, false)
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
	rows, err := s.sums(ctx, f, []string{mGPDays}, reachedInPeriod, false)
	if err != nil {
		return nil, err
	}
	rows = slices.DeleteFunc(rows, func(r rollupSum) bool { return !strings.HasPrefix(r.Key, kind+"|") })
	return splitBuckets(rows, func(muni int, _ string) string { return strconv.Itoa(muni) })
}

func (s *ReportSource) rollPromiseHours(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	rows, err := s.sums(ctx, f, []string{mPromiseHours}, inPeriod, false)
	if err != nil {
		return nil, err
	}
	return splitBuckets(rows, func(_ int, pharmacy string) string { return pharmacy })
}

func (s *ReportSource) rollAssessmentVersions(ctx context.Context, f reports.Filter) ([]reports.VersionCount, error) {
	rows, err := s.sums(ctx, f, []string{mVersions}, inPeriod, false)
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
	rows, err := s.sums(ctx, f, []string{mConsents}, inPeriod, false)
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
	rows, err := s.sums(ctx, f, []string{mOpenedBy}, inPeriod, false)
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
