package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Period is one stored roll period of a case (FMK's dose-dispensing
// period): its dates, its status and, once delivered and checked, when.
type Period struct {
	ID           int64
	CaseID       string
	PharmacyID   string
	Municipality int
	// Seq numbers the case's periods from 1.
	Seq int
	PeriodDates
	Status      PeriodStatus
	DeliveredAt *time.Time
	ReceivedAt  *time.Time
	ReceivedBy  string
	ReceiptNote string
}

// Label returns the period status for users in lang ("da" or "en"), with
// FMK's Danish names.
func (s PeriodStatus) Label(lang i18n.Lang) string {
	return labelIn("period.", s, lang)
}

// Packable reports whether the pharmacy still has to pack the period.
func (p Period) Packable() bool {
	return p.Status == PeriodPlanned || p.Status == PeriodReady
}

// Deliverable reports whether the pharmacy may record the period's roll
// delivered on today: it is ready for packing, or planned and its deadline
// has passed (the deadline job may not have run yet). The pharmacy page
// offers its button on exactly these periods and RecordDelivered refuses
// the rest, so the two never disagree.
func (p Period) Deliverable(today calendar.Date) bool {
	return p.Status == PeriodReady || (p.Status == PeriodPlanned && p.Deadline.Before(today))
}

// NextPeriods returns the periods that extend a case's schedule, numbered
// after existing (in seq order), until a period covers until. With no
// periods, the first starts at FirstPeriodStart(p, today).
func NextPeriods(p Pharmacy, c Case, existing []Period, today, until calendar.Date) ([]Period, error) {
	start, seq := FirstPeriodStart(p, today), 1
	if n := len(existing); n > 0 {
		start, seq = existing[n-1].End.AddDays(1), existing[n-1].Seq+1
	}
	var out []Period
	for !start.After(until) {
		d, err := PeriodDatesFor(p, start, periodDays(p), "")
		if err != nil {
			return nil, err
		}
		out = append(out, Period{CaseID: c.ID, PharmacyID: p.ID, Municipality: c.Municipality, Seq: seq,
			PeriodDates: d, Status: PeriodPlanned})
		start, seq = d.End.AddDays(1), seq+1
	}
	return out, nil
}

// PeriodsNowReady returns the planned periods whose deadline has passed on
// today: their rolls are ready for packing.
func PeriodsNowReady(ps []Period, today calendar.Date) []Period {
	var out []Period
	for _, p := range ps {
		if p.Status == PeriodPlanned && p.Deadline.Before(today) {
			out = append(out, p)
		}
	}
	return out
}

// PeriodsToPause returns the periods a pause from the day day stops:
// those not yet packed whose deadline is on or after day (the pharmacy
// packs the day after the deadline, so a pause on the deadline day still
// stops that roll).
func PeriodsToPause(ps []Period, day calendar.Date) []Period {
	var out []Period
	for _, p := range ps {
		if p.Packable() && !p.Deadline.Before(day) {
			out = append(out, p)
		}
	}
	return out
}

// PeriodsToResume returns the periods a resumption on the day day
// brings back: those not dispensed whose deadline is on or after day.
// Together with PeriodsToPause, exactly the periods whose deadline falls
// inside the pause [pause day, resume day) stay not dispensed.
func PeriodsToResume(ps []Period, day calendar.Date) []Period {
	var out []Period
	for _, p := range ps {
		if p.Status == PeriodNotDispensed && !p.Deadline.Before(day) {
			out = append(out, p)
		}
	}
	return out
}

// PeriodCovering returns the first period in ps with one of the statuses
// that covers the day d or starts after it.
func PeriodCovering(ps []Period, d calendar.Date, statuses ...PeriodStatus) (Period, bool) {
	for _, p := range ps {
		if !p.End.Before(d) && hasStatus(p, statuses) {
			return p, true
		}
	}
	return Period{}, false
}

func hasStatus(p Period, statuses []PeriodStatus) bool {
	if len(statuses) == 0 {
		return true
	}
	for _, s := range statuses {
		if p.Status == s {
			return true
		}
	}
	return false
}
