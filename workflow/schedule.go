package workflow

import (
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Roll period lengths and the planning horizon.
const (
	// DefaultPeriodDays is the normal roll period.
	DefaultPeriodDays = 14
	// ShortPeriodDays is the allowed short roll period.
	ShortPeriodDays = 7
	// MaxPeriodDays is the longest period a pharmacy may pack with a
	// recorded reason (holidays); longer needs a dispensation.
	MaxPeriodDays = 28
	// DefaultPlanWeeks is how far ahead a case's periods are stored when it
	// starts or resumes, and what `dosis rolls plan` extends to by default.
	DefaultPlanWeeks = 8
)

// PeriodDates are the computed dates of one roll period, all days on the
// pharmacy's calendar:
//
//   - Start and End: the days the roll covers (End = Start + LengthDays − 1).
//   - Deadline: DeadlineWorkingDays open days before Start. Changes recorded
//     up to the end of the deadline day (Danish time) reach the roll.
//   - Packing: the first open day after the deadline, but never after the
//     expected delivery (with a 1-day deadline both fall on the same day).
//   - ExpectedDelivery: the last open day before Start.
//
// Weekends, public holidays and the pharmacy's closing days are never
// deadline, packing or delivery days.
type PeriodDates struct {
	Start            calendar.Date
	End              calendar.Date
	Deadline         calendar.Date
	Packing          calendar.Date
	ExpectedDelivery calendar.Date
	LengthDays       int
	// ExtensionReason is why a period is longer than 14 days.
	ExtensionReason string
}

// ValidatePeriodLength checks a period length: 7 or 14 days as they are,
// 15–28 days only with a reason (an extension, e.g. over Christmas), and
// never more than 28 days (that needs a dispensation).
func ValidatePeriodLength(days int, reason string) error {
	switch {
	case days == ShortPeriodDays || days == DefaultPeriodDays:
		return nil
	case days > MaxPeriodDays:
		return Invalid("err.period.needs_dispensation", days)
	case days > DefaultPeriodDays:
		if strings.TrimSpace(reason) == "" {
			return Invalid("err.period.extension_needs_reason", days)
		}
		return nil
	}
	return Invalid("err.period.length", days)
}

// PeriodDatesFor computes the dates of a period of days days starting on
// start at pharmacy p.
func PeriodDatesFor(p Pharmacy, start calendar.Date, days int, reason string) (PeriodDates, error) {
	if err := ValidatePeriodLength(days, reason); err != nil {
		return PeriodDates{}, err
	}
	cal := p.Calendar()
	s := start
	deadline := cal.AddWorkingDays(s, -deadlineDays(p))
	delivery := cal.AddWorkingDays(s, -1)
	packing := cal.AddWorkingDays(deadline, 1)
	if packing.After(delivery) {
		packing = delivery
	}
	if days <= DefaultPeriodDays {
		reason = ""
	}
	return PeriodDates{Start: s, End: s.AddDays(days - 1), Deadline: deadline, Packing: packing,
		ExpectedDelivery: delivery, LengthDays: days, ExtensionReason: reason}, nil
}

// Schedule computes count consecutive periods of the pharmacy's normal
// length (PeriodDays, 14 when unset), the first starting on first.
func Schedule(p Pharmacy, first calendar.Date, count int) ([]PeriodDates, error) {
	out := make([]PeriodDates, 0, count)
	start := first
	for range count {
		d, err := PeriodDatesFor(p, start, periodDays(p), "")
		if err != nil {
			return nil, err
		}
		out = append(out, d)
		start = d.End.AddDays(1)
	}
	return out, nil
}

// FirstPeriodStart is the start of a case's first period when dispensing
// starts on today: the earliest day after today whose
// deadline is today or later, so the pharmacy can still pack the roll and
// it arrives as early as the calendar allows.
func FirstPeriodStart(p Pharmacy, today calendar.Date) calendar.Date {
	cal, day := p.Calendar(), today
	s := day.AddDays(1)
	for cal.AddWorkingDays(s, -deadlineDays(p)).Before(day) {
		s = s.AddDays(1)
	}
	return s
}

// ChangeReaches reports whether a change recorded at recordedAt reaches a
// roll with deadline: it does up to the end of the deadline day, Danish time.
func ChangeReaches(deadline calendar.Date, recordedAt time.Time) bool {
	return recordedAt.Before(deadline.StartOfNext())
}

func deadlineDays(p Pharmacy) int {
	if p.DeadlineWorkingDays < 1 {
		return 1
	}
	return p.DeadlineWorkingDays
}

func periodDays(p Pharmacy) int {
	if p.PeriodDays == 0 {
		return DefaultPeriodDays
	}
	return p.PeriodDays
}
