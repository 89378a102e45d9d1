package demo

import (
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// period is one generated roll period.
type period struct {
	seq        int
	start, end calendar.Date
	status     workflow.PeriodStatus
	received   *time.Time
}

// notDispensed reports whether a period with the deadline day is not
// dispensed: the case was paused on or before its deadline and resumed
// after it (workflow.PeriodsToPause and PeriodsToResume), or it ended on or
// before its deadline.
func (b *caseBuild) notDispensed(deadline calendar.Date) bool {
	if b.c.ClosedAt != nil && !deadline.Before(calendar.DayOf(*b.c.ClosedAt)) {
		return true
	}
	for _, p := range b.pauses {
		if !deadline.Before(calendar.DayOf(p.from)) && (p.to.IsZero() || deadline.Before(calendar.DayOf(p.to))) {
			return true
		}
	}
	return false
}

// rollPeriods writes the case's roll periods at its pharmacy: consecutive
// periods of the pharmacy's length from workflow.FirstPeriodStart until up
// to workflow.DefaultPlanWeeks past now or the end (as the service plans
// them ahead), each with the canonical deadline, packing date and expected
// delivery. Past periods were received (a few of the last uncheckedWindow
// only dispensed), those whose
// deadline fell in a pause or after the end were not dispensed, and future ones are planned
// or, past their deadline, ready.
func (g *muniGen) rollPeriods(b *caseBuild, ph *pharmacy) ([]period, error) {
	r, now := g.r, g.sh.now
	first := workflow.FirstPeriodStart(ph.Pharmacy, calendar.DayOf(b.startedAt))
	last := calendar.Today(now).AddDays(7 * workflow.DefaultPlanWeeks)
	if b.c.ClosedAt != nil { // periods planned ahead when it ended stay, not dispensed
		if ahead := calendar.DayOf(*b.c.ClosedAt).AddDays(7 * (1 + r.IntN(workflow.DefaultPlanWeeks))); ahead.Before(last) {
			last = ahead
		}
	}
	var out []period
	for start, seq := first, 1; !start.After(last); start, seq = start.AddDays(ph.PeriodDays), seq+1 {
		s, err := g.sh.periodDates(ph, start)
		if err != nil {
			return nil, err
		}
		p := period{seq: seq, start: start, end: s.End}
		var delivered, received *time.Time
		receivedBy := ""
		switch {
		case b.notDispensed(s.Deadline):
			p.status = workflow.PeriodNotDispensed
		case now.Before(s.Deadline.StartOfNext()):
			p.status = workflow.PeriodPlanned
		case now.Before(s.ExpectedDelivery.At(17, 0)):
			p.status = workflow.PeriodReady
		default:
			d := s.ExpectedDelivery.At(8, 0).Add(time.Duration(r.IntN(6*60)) * time.Minute).UTC()
			delivered = &d
			p.status = workflow.PeriodDispensed
			rc := d.Add(time.Duration(30+r.IntN(30*60)) * time.Minute)
			// A few recent deliveries still await their receipt control;
			// older ones were all checked (no years-old work on the lists).
			if rc.Before(now) && !(r.chance(0.02) && now.Sub(d) < uncheckedWindow) {
				received, receivedBy = &rc, g.nurses[r.IntN(len(g.nurses))]
				p.status = workflow.PeriodReceived
				p.received = received
			}
		}
		g.t.periods.add(b.c.ID, ph.ID, g.p.Code, seq, s.Start, s.End, s.Deadline, s.Packing, s.ExpectedDelivery,
			s.LengthDays, string(p.status), delivered, received, receivedBy)
		g.sh.stats.Periods++
		out = append(out, p)
	}
	return out, nil
}

var (
	deviationKinds = []choice{{"missing_pouch", 25}, {"wrong_strength", 15}, {"wrong_drug", 10},
		{"wrong_citizen", 5}, {"damaged", 25}, {"late", 20}}
	deviationNotes = map[string]string{
		"missing_pouch": "En pose mangler i rullen", "wrong_strength": "Forkert styrke på et præparat",
		"wrong_drug": "Præparat stemmer ikke med medicinkortet", "wrong_citizen": "Rullen var mærket med en anden borger",
		"damaged": "Rullen var beskadiget ved levering", "late": "Rullen kom efter periodens start"}
	changeTexts = []string{"Dosis for metoprolol ændret", "Furosemid seponeret", "Nyt præparat: amlodipin 5 mg",
		"Dosis for levothyroxin øget", "Warfarin erstattet af apixaban", "Simvastatin pauseret",
		"Paracetamol ændret fra fast til efter behov", "Ny dosis prednisolon (aftrapning)"}
)

// periodRecords writes the receipt deviations found at receipt control
// (at the pharmacy's rate, 2–6 per 1,000 rolls) and the medication changes
// that reached the next roll in time, or were bridged.
func (g *muniGen) periodRecords(b *caseBuild, ph *pharmacy, ps []period) {
	r := g.r
	for i, p := range ps {
		if p.received == nil {
			continue
		}
		if r.chance(ph.deviationRate) {
			kind := r.pick(deviationKinds)
			g.t.deviations.add(b.c.ID, periodRef(g.sh.d, b.c.ID, p.seq), nil, ph.ID, kind, deviationNotes[kind],
				g.nurses[r.IntN(len(g.nurses))], *p.received)
		}
		if i+1 < len(ps) && r.chance(0.02) {
			at := r.workTime(p.start.Start().Add(r.daysBetween(0, 3)))
			if at.Before(g.sh.now) {
				g.t.changes.add(r.id(), b.c.ID, g.p.Code, calendar.DayOf(at), changeTexts[r.IntN(len(changeTexts))], workflow.ChangeNextRoll,
					periodRef(g.sh.d, b.c.ID, ps[i+1].seq), nil, g.nurses[r.IntN(len(g.nurses))], at)
			}
		} else if r.chance(0.003) {
			at := r.workTime(p.start.Start().Add(r.daysBetween(0, 10)))
			if at.Before(g.sh.now) {
				g.t.changes.add(r.id(), b.c.ID, g.p.Code, calendar.DayOf(at), changeTexts[r.IntN(len(changeTexts))], workflow.ChangeBridge,
					nil, nil, g.nurses[r.IntN(len(g.nurses))], at)
			}
		}
	}
}

// uncheckedWindow is how far back a demo delivery may still await its
// receipt control.
const uncheckedWindow = 21 * 24 * time.Hour
