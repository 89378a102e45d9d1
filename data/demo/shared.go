package demo

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
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
	sched    map[schedKey]workflow.PeriodDates
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
// period start and the pharmacy's deadline and period length.
type schedKey struct {
	calendar string
	start    calendar.Date
	deadline int
}

// periodDates returns the period's dates from the canonical
// workflow.PeriodDatesFor (deadline, packing and expected delivery on the
// pharmacy calendar), cached per calendar since many cases share them.
func (s *shared) periodDates(ph *pharmacy, start calendar.Date) (workflow.PeriodDates, error) {
	k := schedKey{ph.calKey, start, ph.DeadlineWorkingDays*100 + ph.PeriodDays}
	if v, ok := s.sched[k]; ok {
		return v, nil
	}
	v, err := workflow.PeriodDatesFor(ph.Pharmacy, start, ph.PeriodDays, "")
	if err != nil {
		return v, fmt.Errorf("demo period at %s: %w", ph.Name, err)
	}
	s.sched[k] = v
	return v, nil
}

// calendarKey names a pharmacy calendar for the schedule cache.
func calendarKey(extra string, closed []calendar.Date) string {
	var b strings.Builder
	b.WriteString(extra)
	for _, d := range closed {
		b.WriteString("|" + d.Format())
	}
	return b.String()
}
