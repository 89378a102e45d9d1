package workflow

import (
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// MedicationChange is a change to a citizen's medicines with the date it
// takes effect and the decision on how it reaches the citizen. The row with
// its recorder and time is its audit record.
type MedicationChange struct {
	ID            string
	CaseID        string
	EffectiveDate calendar.Date
	Description   string
	// Decision is ChangeNextRoll, ChangeUrgentRoll or ChangeBridge.
	Decision string
	// PeriodID is the regular roll that carries the change (0 when no
	// planned roll can yet).
	PeriodID     int64
	UrgentRollID string
	RecordedBy   string
	RecordedAt   time.Time
}

// ChangeInput is a medication change as the nurse records it. Bridge says
// that, if the next roll cannot carry it, the nurse bridges with ordinary
// packs instead of ordering an urgent roll.
type ChangeInput struct {
	Description string
	Effective   calendar.Date
	Bridge      bool
}

// ChangeDecision is how a medication change reaches the citizen.
type ChangeDecision struct {
	// Decision is ChangeNextRoll, ChangeUrgentRoll or ChangeBridge.
	Decision string
	// Missed is the roll in use on the effective date whose deadline the
	// change missed (nil with ChangeNextRoll).
	Missed *Period
	// Carrier is the first regular roll that carries the change (nil when
	// none is planned that can, e.g. while paused).
	Carrier *Period
	// NeededBy is when an urgent roll or bridge must be in place: the start
	// of the effective day (Danish time), or the recording time if later.
	NeededBy time.Time
}

// DecideChange decides how a change effective on the day eff,
// recorded at recordedAt, reaches a citizen with the periods ps (in seq
// order). If the roll in use on the effective date (or the first roll after
// it) is not packed yet and its deadline has not passed (ChangeReaches),
// that roll carries it: ChangeNextRoll. Otherwise an urgent roll is needed
// from the effective date until the first roll that can carry it, or a
// bridge with ordinary packs if bridge is set.
func DecideChange(ps []Period, eff calendar.Date, recordedAt time.Time, bridge bool) ChangeDecision {
	var d ChangeDecision
	live := []PeriodStatus{PeriodPlanned, PeriodReady, PeriodDispensed, PeriodReceived}
	if cover, ok := PeriodCovering(ps, eff, live...); ok {
		if cover.Packable() && ChangeReaches(cover.Deadline, recordedAt) {
			d.Decision, d.Carrier = ChangeNextRoll, &cover
			return d
		}
		d.Missed = &cover
	}
	for _, p := range ps {
		if !p.End.Before(eff) && p.Packable() && ChangeReaches(p.Deadline, recordedAt) {
			d.Carrier = &p
			break
		}
	}
	if d.Missed == nil {
		// Nothing is in use on the date (paused, or not planned that far):
		// the first roll that can carry the change does.
		d.Decision = ChangeNextRoll
		return d
	}
	d.Decision = ChangeUrgentRoll
	if bridge {
		d.Decision = ChangeBridge
	}
	d.NeededBy = eff.Start().UTC()
	if d.NeededBy.Before(recordedAt) {
		d.NeededBy = recordedAt.UTC()
	}
	return d
}

// Explain says in Danish and English what the decision means, naming the
// dates (dd-mm-yyyy).
func (d ChangeDecision) Explain(effective calendar.Date, recordedAt time.Time) (da, en string) {
	f := calendar.Date.Format
	eff, rec := f(effective), f(calendar.DayOf(recordedAt))
	carrierDA, carrierEN := "ingen planlagt rulle kan endnu tage den med", "no planned roll can carry it yet"
	if c := d.Carrier; c != nil {
		carrierDA = "rullen for " + f(c.Start) + "–" + f(c.End) + " (frist " + f(c.Deadline) + ") tager den med"
		carrierEN = "the roll for " + f(c.Start) + "–" + f(c.End) + " (deadline " + f(c.Deadline) + ") carries it"
	}
	if d.Decision == ChangeNextRoll {
		return "Ændringen gælder fra " + eff + " og er registreret " + rec + ": " + carrierDA + ".",
			"The change takes effect on " + eff + " and was recorded on " + rec + ": " + carrierEN + "."
	}
	m := d.Missed
	da = "Ændringen gælder fra " + eff + " men er registreret " + rec + ", efter fristen " + f(m.Deadline) +
		" for rullen " + f(m.Start) + "–" + f(m.End) + "; " + carrierDA + ". "
	en = "The change takes effect on " + eff + " but was recorded on " + rec + ", after the deadline " + f(m.Deadline) +
		" of the roll for " + f(m.Start) + "–" + f(m.End) + "; " + carrierEN + ". "
	untilDA, untilEN := "næste rulle er planlagt", "the next roll is planned"
	if d.Carrier != nil {
		untilDA, untilEN = f(d.Carrier.Start), f(d.Carrier.Start)
	}
	if d.Decision == ChangeBridge {
		return da + "Der brobygges med almindelige pakninger fra " + eff + " til " + untilDA + ".",
			en + "Bridge with ordinary packs from " + eff + " until " + untilEN + "."
	}
	return da + "Der skal bestilles en akutrulle til " + eff + ".",
		en + "An urgent roll is needed by " + eff + "."
}
