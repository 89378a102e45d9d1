package workflow

import (
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// How far back a person may date, by hand, something that has happened
// when they record it. The limits follow the domain; a date before them is
// a typing error (a year off, 2000 for 2026), not a late entry:
const (
	// MoveBackDays bounds a citizen's moving date: a move must be reported
	// to the CPR register within 5 days (CPR-loven § 12) and reaches the
	// municipality soon after; a quarter covers a late notice and the
	// reports' periods still open, and a move further back would rewrite
	// figures already reported for both municipalities.
	MoveBackDays = 90
	// HospitalBackDays bounds a hospital notice recorded by hand
	// (admission, leave, discharge): it pauses or resumes the roll cycle,
	// whose periods are 14 days (at most 4 weeks); a stay that ended longer
	// ago than that no longer touches a roll to be packed. The notice may
	// not lie before the case was opened either.
	HospitalBackDays = 30
	// ConsentBackDays bounds a consent's date: consent is recorded when the
	// case reaches it, shortly after it is given; a consent a season old
	// is to be confirmed with the citizen again, not back-dated.
	ConsentBackDays = 90
)

// ChangeRange is the days a medication change may take effect, typed on
// today: at most a year ahead, and at most MaxPeriodDays (the longest roll
// period) back: a change effective before the roll now in use began is in
// every roll since, and is recorded as effective from that roll, not from
// a year that cannot be right.
func ChangeRange(today calendar.Date) DateRange {
	return DateRange{From: today.AddDays(-MaxPeriodDays), To: today.AddYears(1)}
}

// MedicineHelpRange is the days since which a citizen born on birth may
// have had municipal help with medicine, typed on today: from the birth
// date (zero: no lower bound) to today. The web's and the command line's
// citizen edit and the medicine-help import share it.
func MedicineHelpRange(birth, today calendar.Date) DateRange {
	return DateRange{From: birth, To: today}
}

// DateRange is the days a typed date may take, both ends included.
type DateRange struct{ From, To calendar.Date }

// PastRange is the range of a date of something that has happened, typed
// on today: at most back days ago, not in the future, and not before
// notBefore (the day the case was opened; zero: no such limit).
func PastRange(today calendar.Date, back int, notBefore calendar.Date) DateRange {
	r := DateRange{From: today.AddDays(-back), To: today}
	if notBefore.After(r.From) && !notBefore.After(today) {
		r.From = notBefore
	}
	return r
}

// Check is the one refusal of a date outside the range, naming the field
// (nil: no field), the date and the range in dd-mm-yyyy:
// "Flyttedato: 01-01-1990 skal ligge fra 02-09-2026 til 01-12-2026".
func (r DateRange) Check(field i18n.Text, d calendar.Date) error {
	if d.Before(r.From) || d.After(r.To) {
		return r.refuse(field, d.Format())
	}
	return nil
}

// CheckTime is Check for an instant, judged by its Danish day and quoted
// as "dd-mm-yyyy hh:mm".
func (r DateRange) CheckTime(field i18n.Text, t time.Time) error {
	if d := calendar.DayOf(t); d.Before(r.From) || d.After(r.To) {
		return r.refuse(field, calendar.FormatTime(t))
	}
	return nil
}

func (r DateRange) refuse(field i18n.Text, value string) error {
	return InField(field, Invalid("err.date.out_of_range", value, r.From.Format(), r.To.Format()))
}
