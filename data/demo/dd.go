package demo

import (
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// ddPlan is a case that reaches dose dispensing: when it starts, and when
// and why it ends (zero end: still on DD now).
type ddPlan struct {
	start     time.Time
	end       time.Time
	reason    string
	pausedNow bool
}

// Pause rates per citizen-year on DD: hospital admissions (which pause
// dispensing, "i bero") and the other pause reasons.
const (
	admissionsPerYear  = 0.25
	otherPausesPerYear = 0.06
)

// ddCase builds a case that starts dispensing at pl.start, with GP
// approval before it, pauses (mostly hospital admissions) and resumes,
// prescription renewals, and its end if it has one.
func (g *muniGen) ddCase(cit citizen, pl ddPlan) (*caseBuild, error) {
	r := g.r
	months := 24
	if pl.reason == "prescription_expired" || r.chance(0.2) {
		months = 12
	}
	approveAt := pl.start.Add(-r.daysBetween(0.3, 7))
	if r.chance(0.12) {
		approveAt = pl.start.Add(-r.daysBetween(7, 25)) // a late first roll
	}
	b := g.funnel(cit, stageDecided, approveAt, months, "")
	b.noRenew = pl.reason == "prescription_expired"
	ph := g.pharmacies[r.IntN(len(g.pharmacies))]
	b.start(g.when(pl.start), ph)
	if b.err != nil {
		return b, b.err
	}
	if b.noRenew {
		exp := b.snap.PrescriptionExpires
		if e := exp.UTC().Add(r.daysBetween(0, 3)); e.Before(g.sh.now.Add(-time.Hour)) {
			pl.end = e
		} else {
			pl.reason = "gp_stopped"
			b.noRenew = false
		}
	}
	horizon := g.sh.now
	if !pl.end.IsZero() {
		horizon = pl.end
	}
	limit := horizon
	var pausedAt time.Time
	if pl.pausedNow && pl.end.IsZero() {
		pausedAt = g.sh.now.Add(-r.daysBetween(0.5, 12))
		limit = pausedAt.Add(-24 * time.Hour)
	}
	for {
		gap := days(r.ExpFloat64() * 365 / (admissionsPerYear + otherPausesPerYear))
		tp := b.last.Add(gap)
		if !tp.Before(limit) {
			break
		}
		reason, dur := "hospital_admission", days(min(45, max(1, r.lognormal(6, 0.7))))
		if r.chance(otherPausesPerYear / (admissionsPerYear + otherPausesPerYear)) {
			reason, dur = r.pick(pauseReasons), r.daysBetween(3, 21)
		}
		b.renewBefore(tp)
		tp = b.pause(g.when(tp), reason)
		tr := b.renewBefore(tp.Add(dur))
		expired := b.snap.GPRequestOpen || !calendar.DayOf(tr).Before(b.snap.PrescriptionExpires)
		if expired || !tr.Before(horizon) || (!pausedAt.IsZero() && !tr.Before(pausedAt)) {
			pausedAt = time.Time{} // still paused at the end or now
			break
		}
		b.resume(tr)
		if b.err != nil {
			return b, b.err
		}
	}
	if !pausedAt.IsZero() && b.c.State == workflow.StateActive {
		b.renewBefore(pausedAt)
		b.pause(pausedAt, "hospital_admission")
	}
	if !pl.end.IsZero() {
		b.renewBefore(pl.end)
		b.end(pl.end, pl.reason)
	} else {
		b.renewBefore(g.sh.now)
	}
	return b, b.err
}

// renewBefore renews the DD prescription about a month before each expiry
// that falls before x (unless the case is to end by expiry). It returns x,
// moved after the GP's answer when a renewal is still undecided at x, so a
// resume at the result finds a valid prescription.
func (b *caseBuild) renewBefore(x time.Time) time.Time {
	r := b.g.r
	for !b.noRenew && !b.snap.PrescriptionExpires.IsZero() &&
		renewalDue(b.snap.PrescriptionExpires).Before(x) {
		req := r.workTime(b.snap.PrescriptionExpires.UTC().Add(-r.daysBetween(15, 35)))
		if req.After(b.g.sh.now) {
			break
		}
		dec := r.workTime(req.Add(r.daysBetween(1, 12)))
		b.renew(req, dec)
		if dec.After(x) {
			x = dec.Add(time.Hour)
		}
	}
	return x
}
