package demo

import (
	"context"
	"fmt"
	"math"
	"time"
)

// muniGen generates one municipality, in one transaction.
type muniGen struct {
	sh         *shared
	p          muniPlan
	r          rng
	t          *tables
	tx         execer
	pharmacies []*pharmacy
	gps        []string
	gpWeights  []float64
	nurses     []string
	lead       string
	// helpedMade counts the citizens with medicine help written so far.
	helpedMade int
}

// The funnel, relative to the cases that ever reached dose dispensing:
// about 70 % of the assessed are eligible, some decline, about 8 % of the
// GP requests are rejected, and a few cases are in each open state now.
var funnelShares = []struct {
	kind  string
	share float64
}{
	{"not_eligible", 0.55}, {"declined", 0.15}, {"rejected", 0.11}, {"withdrawn_early", 0.03},
	{"funnel_end", 0.02}, {"identified", 0.04}, {"awaiting_consent", 0.03}, {"consented", 0.015},
	{"awaiting_gp", 0.03}, {"approved", 0.012},
}

// DD end reasons and their weights; death and moving take the citizen out
// of the municipality's medicine help.
var endReasons = []choice{{"death", 40}, {"moved", 8}, {"gp_stopped", 15}, {"consent_withdrawn", 12},
	{"not_suitable", 15}, {"prescription_expired", 6}, {"other", 4}}

func departs(reason string) bool { return reason == "death" || reason == "moved" }

// run generates the municipality: places, citizens, cases and rolls.
func (g *muniGen) run(ctx context.Context) error {
	g.makeStaff()
	g.makePharmacies()
	g.makeGPs()
	r, now, t0 := g.r, g.sh.now, g.sh.t0
	helped := g.p.Helped
	active := min(r.count(g.p.Adoption/helpShare75*float64(helped)), int(math.Floor(0.62*float64(helped))))
	ended := r.count(0.5 * float64(active))
	everDD := float64(active + ended)
	endPlans := make([]string, ended)
	stay := active
	for i := range endPlans {
		endPlans[i] = r.pick(endReasons)
		if !departs(endPlans[i]) {
			stay++
		}
	}
	want := 0.0
	for _, f := range funnelShares {
		want += f.share * everDD
	}
	scale := 1.0
	if room := 0.9 * float64(helped-stay); want > room {
		scale = max(0, room) / want
	}
	created := func() time.Time { return t0.Add(-r.daysBetween(30, 700)) }
	newCitizen := func(departed bool) (citizen, error) { return g.makeCitizen(!departed, created()) }
	for range active {
		cit, err := newCitizen(false)
		if err != nil {
			return err
		}
		pl := ddPlan{start: t0.Add(-r.daysBetween(0, 365)), pausedNow: r.chance(0.025)}
		if !r.chance(0.45) {
			pl.start = t0.Add(r.daysBetween(0, now.Sub(t0).Hours()/24-2))
		}
		if pl.pausedNow && pl.start.After(now.AddDate(0, 0, -20)) {
			pl.start = now.AddDate(0, 0, -20-r.IntN(200))
		}
		if err := g.finishDD(ctx, cit, pl); err != nil {
			return err
		}
	}
	for _, reason := range endPlans {
		cit, err := newCitizen(departs(reason))
		if err != nil {
			return err
		}
		pl := ddPlan{start: t0.Add(-r.daysBetween(0, 365)), reason: reason}
		if !r.chance(0.4) {
			pl.start = t0.Add(r.daysBetween(0, now.Sub(t0).Hours()/24-45))
		}
		lo := pl.start.AddDate(0, 0, 30)
		if lo.Before(t0) {
			lo = t0.Add(24 * time.Hour)
		}
		pl.end = lo.Add(time.Duration(r.Int64N(int64(now.Add(-24 * time.Hour).Sub(lo)))))
		if err := g.finishDD(ctx, cit, pl); err != nil {
			return err
		}
	}
	for _, f := range funnelShares {
		for range r.count(f.share * everDD * scale) {
			if err := g.funnelCase(ctx, f.kind, newCitizen); err != nil {
				return err
			}
		}
	}
	for range helped - g.helpedMade {
		if _, err := newCitizen(false); err != nil {
			return err
		}
	}
	return g.t.flush(ctx, g.tx)
}

// finishDD builds a DD case with its rolls and writes it.
func (g *muniGen) finishDD(ctx context.Context, cit citizen, pl ddPlan) error {
	b, err := g.ddCase(cit, pl)
	if err != nil {
		return err
	}
	ph := g.pharmacyByID(b.c.PharmacyID)
	if err := b.finish(); err != nil {
		return err
	}
	ps, err := g.rollPeriods(b, ph)
	if err != nil {
		return err
	}
	g.periodRecords(b, ph, ps)
	g.urgentRolls(b, ph, ps)
	return g.maybeFlush(ctx)
}

func (g *muniGen) pharmacyByID(id string) *pharmacy {
	for _, p := range g.pharmacies {
		if p.ID == id {
			return p
		}
	}
	panic(fmt.Sprintf("demo: pharmacy %s not generated", id))
}

// maybeFlush writes the batches when one is full (between cases, so every
// parent row is in the same or an earlier flush than its children).
func (g *muniGen) maybeFlush(ctx context.Context) error {
	if g.t.full() {
		return g.t.flush(ctx, g.tx)
	}
	return nil
}
