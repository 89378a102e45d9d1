package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// ReminderUrgentOverdue is the reminder kind of an urgent roll past its
// promised or needed-by time.
const ReminderUrgentOverdue = "urgent_roll_overdue"

// ReminderKinds lists the reminder kinds in the order `dosis remind`
// computes them.
func ReminderKinds() []string {
	return []string{ReminderGPFollowUp, ReminderRenewal, ReminderFirstRoll, ReminderUrgentOverdue}
}

// ReminderLabel names a reminder kind for users in lang ("da" or "en").
func ReminderLabel(kind string, lang i18n.Lang) string {
	return labelIn("reminder.", kind, lang)
}

// GPCalendar is the calendar GP follow-ups are counted on: weekends,
// Danish public holidays and the default extra closing days (Christmas
// Eve, New Year's Eve, Constitution Day).
func GPCalendar() calendar.Calendar {
	return calendar.New(calendar.DefaultExtraClosingDays(), nil)
}

// GPFollowUpDue is when the follow-up on a GP request sent at requestedAt
// is due: GPReminderDays working days later on GPCalendar, at the same
// Danish clock time, truncated to the second (so the time is the same
// whether computed from the request or re-read from either database).
func (s Settings) GPFollowUpDue(requestedAt time.Time) time.Time {
	local := requestedAt.In(calendar.Copenhagen())
	day := GPCalendar().AddWorkingDays(calendar.DayOf(local), s.GPReminderDays)
	due := time.Date(day.Year(), day.Month(), day.Day(), local.Hour(), local.Minute(), local.Second(), 0, local.Location())
	return due.UTC()
}

// RenewalDue is when the renewal reminder of a prescription expiring on
// expires is due: at the start (Danish time) of the day RenewalNoticeDays
// days before (a month by default, as FMK sends its renewal request).
func (s Settings) RenewalDue(expires calendar.Date) time.Time {
	return expires.AddDays(-s.RenewalNoticeDays).Start().UTC()
}

// FirstRollDue is when the first roll of a case approved at approvedAt must
// be ready: FirstRollDays days later, truncated to the second.
func (s Settings) FirstRollDue(approvedAt time.Time) time.Time {
	return approvedAt.UTC().Truncate(time.Second).AddDate(0, 0, s.FirstRollDays)
}

// UrgentOverdueDue is the due time of an urgent roll's overdue reminder:
// the moment it became overdue, truncated to the second.
func UrgentOverdueDue(u UrgentRoll) time.Time {
	return u.DueAt().UTC().Truncate(time.Second)
}
