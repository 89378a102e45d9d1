package demo

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun/schema"
)

// shared is the state one run carries across municipalities: lookup
// tables, caches, and the sets that keep CPR numbers and ydernumre unique.
// It lives for one Generate call (no package-level mutable state).
type shared struct {
	d        schema.Dialect
	names    nameLists
	rules    *eligibility.RuleSet
	verdicts map[string]verdictRows
	cprs     map[string]struct{}
	yders    map[string]struct{}
	sched    map[schedKey]schedule
	now, t0  time.Time
	stats    *Stats
}

// verdictRows is a stored verdict: its outcome and JSON columns.
type verdictRows struct {
	outcome, facts, results string
}

// verdict evaluates facts with the default rule set, as the workflow's
// Assess does, caching the JSON by the facts (the evaluation is pure).
func (s *shared) verdict(f eligibility.Facts) (verdictRows, error) {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var key strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&key, "%s=%v;", k, f[k])
	}
	if v, ok := s.verdicts[key.String()]; ok {
		return v, nil
	}
	v := eligibility.Evaluate(s.rules, f)
	facts, err := json.Marshal(f)
	if err != nil {
		return verdictRows{}, fmt.Errorf("demo facts: %w", err)
	}
	results, err := json.Marshal(v.Results)
	if err != nil {
		return verdictRows{}, fmt.Errorf("demo verdict: %w", err)
	}
	out := verdictRows{outcome: string(v.Outcome), facts: string(facts), results: string(results)}
	s.verdicts[key.String()] = out
	return out, nil
}

// schedKey identifies one roll period's dates: the pharmacy calendar, the
// period start and the pharmacy's deadline in working days.
type schedKey struct {
	calendar string
	start    int64
	deadline int
}

// schedule is a roll period's pharmacy dates.
type schedule struct {
	deadline, packing, delivery time.Time
}

// periodDates returns the deadline (deadline working days before start),
// the packing date (the first open day after the deadline) and the
// expected delivery (the last open day before start), cached per calendar.
func (s *shared) periodDates(ph *pharmacy, start time.Time) schedule {
	k := schedKey{ph.calKey, start.Unix(), ph.DeadlineWorkingDays}
	if v, ok := s.sched[k]; ok {
		return v
	}
	cal := ph.cal
	dl := cal.AddWorkingDays(start, -ph.DeadlineWorkingDays)
	v := schedule{deadline: dl, packing: cal.AddWorkingDays(dl, 1), delivery: cal.AddWorkingDays(start, -1)}
	s.sched[k] = v
	return v
}

// calendarKey names a pharmacy calendar for the schedule cache.
func calendarKey(extra string, closed []time.Time) string {
	var b strings.Builder
	b.WriteString(extra)
	for _, d := range closed {
		b.WriteString("|" + calendar.Format(d))
	}
	return b.String()
}
