package demo

import (
	"context"
	"time"
)

// funnelCase writes one case that never reached dose dispensing (or has
// not yet): kind is one of funnelShares' kinds.
func (g *muniGen) funnelCase(ctx context.Context, kind string, newCitizen func(departed bool) (citizen, error)) error {
	r, now, t0 := g.r, g.sh.now, g.sh.t0
	// recent returns a time between lo and hi days before now.
	recent := func(lo, hi float64) time.Time { return now.Add(-r.daysBetween(lo, hi)) }
	// past returns a time in the window, at least lo days before now.
	past := func(lo float64) time.Time {
		return t0.Add(r.daysBetween(0, now.Sub(t0).Hours()/24-lo))
	}
	endReason := ""
	if kind == "funnel_end" {
		endReason = r.pick([]choice{{"death", 60}, {"moved", 20}, {"duplicate", 10}, {"other", 10}})
	}
	cit, err := newCitizen(departs(endReason))
	if err != nil {
		return err
	}
	var b *caseBuild
	switch kind {
	case "identified":
		b = g.funnel(cit, stageOpened, recent(0.2, 60), 0, "")
	case "awaiting_consent":
		b = g.funnel(cit, stageEligible, recent(0.2, 45), 0, "")
	case "consented":
		b = g.funnel(cit, stageConsented, recent(0.2, 10), 0, "")
	case "awaiting_gp":
		b = g.funnel(cit, stageRequested, recent(0.2, min(120, 0.2+r.lognormal(8, 0.9))), 0, "")
	case "approved":
		at := recent(0.2, 7)
		if r.chance(0.15) {
			at = recent(7, 20) // a late start
		}
		b = g.funnel(cit, stageDecided, at, 24, "")
	case "rejected":
		b = g.funnel(cit, stageDecided, past(0.2), 0, r.pick(rejectReasons))
	case "declined":
		at := past(0.2)
		if r.chance(0.2) {
			b = g.funnel(cit, stageOpened, at.Add(-r.daysBetween(1, 20)), 0, "")
		} else {
			b = g.funnel(cit, stageEligible, at.Add(-r.daysBetween(2, 40)), 0, "")
		}
		b.decline(at)
	case "withdrawn_early", "funnel_end":
		at := past(0.2)
		stage := stageConsented + r.IntN(3)
		if kind == "funnel_end" {
			stage = r.IntN(stageDecided + 1)
		} else {
			endReason = "consent_withdrawn"
		}
		b = g.funnel(cit, stage, at.Add(-r.daysBetween(1, 30)), 24, "")
		b.end(at, endReason)
	default: // not_eligible
		open := past(3)
		b = g.newCase(cit, r.pick(sources), g.when(open))
		facts := g.notEligibleFacts
		if r.chance(0.3) {
			facts = g.reviewFacts
		}
		at := open.Add(r.daysBetween(1, 30))
		if at.After(now.Add(-2 * time.Hour)) {
			at = now.Add(-2 * time.Hour)
		}
		b.assess(g.when(at), facts())
		if again := at.Add(r.daysBetween(30, 120)); r.chance(0.1) && again.Before(now) {
			b.assess(g.when(again), facts())
			at = again
		}
		if end := at.Add(r.daysBetween(1, 60)); at.Before(now.AddDate(0, 0, -180)) && r.chance(0.45) {
			b.end(end, "not_eligible")
		}
	}
	if err := b.finish(); err != nil {
		return err
	}
	return g.maybeFlush(ctx)
}
