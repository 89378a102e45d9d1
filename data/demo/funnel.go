package demo

import (
	"time"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
)

// The stages a funnel path runs to.
const (
	stageOpened    = iota // identified
	stageEligible         // assessed eligible: awaiting consent
	stageConsented        // consent recorded
	stageRequested        // awaiting the GP
	stageDecided          // the GP approved or rejected
)

// funnelGaps are the waits between a case's steps.
type funnelGaps struct {
	preAssess                              bool
	assess, reassess, consent, request, gp time.Duration
}

// drawGaps draws the waits: assessment within a month of opening, consent
// within three weeks, the GP's answer after a median of 10 days with a
// long tail (log-normal, capped at 150 days).
func (g *muniGen) drawGaps() funnelGaps {
	r := g.r
	return funnelGaps{preAssess: r.chance(0.12),
		assess: r.daysBetween(1, 30), reassess: r.daysBetween(14, 90), consent: r.daysBetween(1, 20),
		request: r.daysBetween(0.1, 7), gp: days(min(150, max(1, r.lognormal(10, 0.7))))}
}

func (f funnelGaps) until(stage int) time.Duration {
	var d time.Duration
	steps := []time.Duration{0, f.assess, f.consent, f.request, f.gp}
	for i := 1; i <= stage; i++ {
		d += steps[i]
	}
	if f.preAssess && stage >= stageEligible {
		d += f.reassess
	}
	return d
}

var sources = []choice{{"home_care", 45}, {"nursing_home", 20}, {"gp", 12}, {"hospital", 10}, {"pharmacy", 8}, {"other", 5}}

// when moves t into office hours unless that would pass now.
func (g *muniGen) when(t time.Time) time.Time {
	if w := g.r.workTime(t); !w.After(g.sh.now) {
		return w
	}
	return t
}

// funnel opens a case for cit and runs it to stage so that the stage is
// reached at about lastAt. At stageDecided the GP approves (with an expiry
// of expiryMonths) or, when rejectReason is set, rejects.
func (g *muniGen) funnel(cit citizen, stage int, lastAt time.Time, expiryMonths int, rejectReason string) *caseBuild {
	gp := g.drawGaps()
	t := lastAt.Add(-gp.until(stage))
	b := g.newCase(cit, g.r.pick(sources), g.when(t))
	if stage == stageOpened {
		return b
	}
	if gp.preAssess {
		t = t.Add(gp.assess)
		b.assess(g.when(t), g.reviewFacts())
		t = t.Add(gp.reassess)
	} else {
		t = t.Add(gp.assess)
	}
	b.assess(g.when(t), g.eligibleFacts())
	if stage == stageEligible {
		return b
	}
	t = t.Add(gp.consent)
	b.consent(g.when(t))
	if stage == stageConsented {
		return b
	}
	t = t.Add(gp.request)
	b.requestGP(g.when(t))
	if stage == stageRequested {
		return b
	}
	t = t.Add(gp.gp)
	b.decideGP(g.when(t), rejectReason == "", expiryMonths, rejectReason)
	return b
}

// eligibleFacts are facts that pass every criterion of the default rules.
func (g *muniGen) eligibleFacts() eligibility.Facts {
	return eligibility.Facts{"receives_medicine_help": true, "months_without_change": 3 + g.r.IntN(34),
		"no_change_expected": true, "packable_medicine_count": 3 + g.r.IntN(10), "can_handle_roll": true}
}

// notEligibleFacts fail one required criterion.
func (g *muniGen) notEligibleFacts() eligibility.Facts {
	f := g.eligibleFacts()
	switch g.r.weighted([]float64{35, 35, 20, 10}) {
	case 0:
		f["no_change_expected"] = false
	case 1:
		f["packable_medicine_count"] = g.r.IntN(3)
	case 2:
		f["can_handle_roll"] = false
	default:
		f["no_change_expected"] = false
		f["months_without_change"] = g.r.IntN(3)
	}
	return f
}

// reviewFacts leave the verdict at needs review: an advisory criterion
// fails or a fact is unknown.
func (g *muniGen) reviewFacts() eligibility.Facts {
	f := g.eligibleFacts()
	if g.r.chance(0.5) {
		f["months_without_change"] = g.r.IntN(3)
	} else {
		delete(f, []string{"can_handle_roll", "packable_medicine_count", "no_change_expected"}[g.r.IntN(3)])
	}
	return f
}

// The reason codes with their weights, from workflow.Reasons.
var (
	declineReasons = []choice{{"citizen_declined", 55}, {"guardian_declined", 15}, {"prefers_own_dispensing", 25}, {"other", 5}}
	rejectReasons  = []choice{{"unstable_treatment", 40}, {"not_suitable", 30}, {"medicine_not_packable", 25}, {"other", 5}}
	pauseReasons   = []choice{{"citizen_away", 40}, {"gp_paused", 20}, {"medication_review", 30}, {"other", 10}}
)

// decline records a decline with a weighted reason code.
func (b *caseBuild) decline(t time.Time) {
	reason := b.g.r.pick(declineReasons)
	in := workflow.Input{Reason: reason}
	if reason == "other" {
		in.Note = "Borgeren vil vente til efter næste lægesamtale"
	}
	b.fire(t, workflow.EventDecline, in)
}
