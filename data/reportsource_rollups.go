package data

import (
	"context"
	"fmt"
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

// sums adds up the metrics over the day range per metric, municipality and
// key (and month when byMonth). One-day metrics are read from the fewest
// day, month and year rows that cover the range (spans): a year's report
// reads 12 month rows per key instead of 365 day rows.
func (s *ReportSource) sums(ctx context.Context, f reports.Filter, metrics []string, r dayRange, byMonth bool) ([]rollupSum, error) {
	lo, hi := dateNum(f.From), dateNum(f.To)
	switch r {
	case asOf:
		lo = firstDay
	case allDays:
		lo, hi = firstDay, dateNum(calendar.NewDate(2200, time.January, 1))
	}
	ss := []span{{"", lo, hi}}
	if r != reachedInPeriod {
		ss = spans(lo, hi, !byMonth)
	}
	month, group := "0", "metric, municipality_code, key"
	if byMonth {
		month, group = "month", group+", month"
	}
	var out []rollupSum
	for _, sp := range ss {
		ms := make([]string, len(metrics))
		for i, m := range metrics {
			ms[i] = "'" + m + sp.level + "'"
		}
		cond := "day >= ?0 AND day <= ?1"
		if r == reachedInPeriod {
			cond += " AND day2 <= ?1"
		}
		q := `SELECT metric, municipality_code, key, ` + month + ` AS month, CAST(SUM(n) AS BIGINT) AS n FROM rollups
WHERE metric IN (` + strings.Join(ms, ", ") + `) AND ` + cond + s.in(f, "municipality_code") + `
GROUP BY ` + group
		var rows []rollupSum
		if err := s.scan(ctx, "rollups "+strings.Join(metrics, ","), &rows, q, sp.lo, sp.hi); err != nil {
			return nil, err
		}
		for i := range rows {
			rows[i].Metric = strings.TrimSuffix(strings.TrimSuffix(rows[i].Metric, levelMonth), levelYear)
		}
		out = append(out, rows...)
	}
	return out, nil
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
		Code         int    `bun:"code"`
		Name         string `bun:"name"`
		Population   int    `bun:"population"`
		Population75 int    `bun:"population_75plus"`
	}
	if err := s.scan(ctx, "municipalities", &ms, `SELECT code, name, population, population_75plus FROM municipalities
WHERE 1 = 1`+s.in(f, "code")+` ORDER BY code`); err != nil {
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
		out[i] = reports.AdoptionCounts{Code: m.Code, Name: m.Name, Population: m.Population, Population75: m.Population75,
			MedicineHelp: ax.total(mHelp, m.Code), MedicineHelp75: hx.total(mHelp, m.Code),
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
	sort.Slice(out, func(i, j int) bool {
		if out[i].Key != out[j].Key {
			return out[i].Key < out[j].Key
		}
		return out[i].Value < out[j].Value
	})
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
		n := ix.total(mGPRequests, code)
		if n == 0 {
			continue
		}
		g := reports.GPCounts{Code: code, Requests: n, Approved: ix.key(mGPDecision, code, "approved"),
			Rejected: ix.key(mGPDecision, code, "rejected")}
		g.Undecided = n - ix.total(mGPDecision, code)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

func (s *ReportSource) rollGPDays(ctx context.Context, f reports.Filter) ([]reports.Bucket, error) {
	rows, err := s.sums(ctx, f, []string{mGPDays}, reachedInPeriod, false)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].Key = "|" + rows[i].Key
	}
	return splitBuckets(rows, func(muni int, _ string) string { return strconv.Itoa(muni) })
}
