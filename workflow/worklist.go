package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"cmp"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// WorkKind is what a worklist item asks someone to do.
type WorkKind string

// The worklist item kinds.
const (
	// WorkConsent: a case awaits consent (nurse).
	WorkConsent WorkKind = "consent_to_record"
	// WorkGPOverdue: a GP request is past its follow-up (nurse, lead).
	WorkGPOverdue WorkKind = "gp_request_overdue"
	// WorkGPAbsent: an open GP request went to a GP who is absent (nurse).
	WorkGPAbsent WorkKind = "gp_absent"
	// WorkChangeMissesDeadline: a medication change missed the deadline and
	// has no delivered urgent roll yet (nurse).
	WorkChangeMissesDeadline WorkKind = "change_misses_deadline"
	// WorkDeliveryToCheck: a delivered roll period awaits receipt control (nurse).
	WorkDeliveryToCheck WorkKind = "delivery_to_check"
	// WorkUrgentToCheck: a delivered urgent roll awaits receipt control (nurse).
	WorkUrgentToCheck WorkKind = "urgent_to_check"
	// WorkFirstRollLate: approved more than FirstRollDays ago and not started (nurse, lead).
	WorkFirstRollLate WorkKind = "first_roll_late"
	// WorkUrgentRequest: an open urgent roll to handle (pharmacy).
	WorkUrgentRequest WorkKind = "urgent_request"
	// WorkPeriodToPack: a roll period to pack this week (pharmacy).
	WorkPeriodToPack WorkKind = "period_to_pack"
	// WorkUrgentOverdue: an urgent roll past its promised or needed-by time (lead).
	WorkUrgentOverdue WorkKind = "urgent_overdue"
	// WorkReminderOverdue: any other open reminder past due (lead).
	WorkReminderOverdue WorkKind = "reminder_overdue"
	// WorkGPReplied: the GP replied to the request by CareCommunication (nurse).
	WorkGPReplied WorkKind = "gp_replied"
	// WorkHospitalCheck: a hospital notification Dosis did not apply by
	// itself: a discharge of a case paused by hand, a cancelled death (nurse).
	WorkHospitalCheck WorkKind = "hospital_check"
	// WorkUrgentRejected: the pharmacy rejected an urgent roll and no new
	// one has been requested since (nurse): the citizen may be left
	// without medicine.
	WorkUrgentRejected WorkKind = "urgent_rejected"
	// WorkUrgentLatePromise: an open urgent roll is promised later than it
	// is needed (nurse).
	WorkUrgentLatePromise WorkKind = "urgent_late_promise"
	// WorkPauseEnd: a paused case reached its pause's planned end (nurse).
	WorkPauseEnd WorkKind = "pause_end"
)

// Alert reports whether items of the kind are put before everything else
// on the worklist: a citizen may be left without medicine.
func (k WorkKind) Alert() bool {
	return k == WorkUrgentRejected || k == WorkUrgentLatePromise
}

// StaleAfter is how long past due an item may be before the worklist groups
// it below the current work as long overdue.
const StaleAfter = 30 * 24 * time.Hour

// Label returns the kind for users in lang ("da" or "en").
func (k WorkKind) Label(lang i18n.Lang) string {
	return labelIn("workkind.", k, lang)
}

// Urgency orders worklist items: lower is more urgent.
type Urgency int

// The urgency levels.
const (
	// UrgencyOverdue: the due time has passed.
	UrgencyOverdue Urgency = iota
	// UrgencyToday: due within 24 hours.
	UrgencyToday
	// UrgencySoon: due within 7 days.
	UrgencySoon
	// UrgencyLater: due later.
	UrgencyLater
)

// String names the urgency for logs and JSON-minded readers.
func (u Urgency) String() string {
	return [...]string{"overdue", "today", "soon", "later"}[min(max(int(u), 0), 3)]
}

// UrgencyAt classifies a due time against now.
func UrgencyAt(due, now time.Time) Urgency {
	switch d := due.Sub(now); {
	case d < 0:
		return UrgencyOverdue
	case d <= 24*time.Hour:
		return UrgencyToday
	case d <= 7*24*time.Hour:
		return UrgencySoon
	}
	return UrgencyLater
}

// WorkItem is one thing to do. It never carries a CPR number; CitizenName
// is filled for nurses and pharmacy staff only.
type WorkItem struct {
	Kind   WorkKind
	CaseID string
	// RefID names the record the item is about (urgent roll, GP request,
	// medication change, roll period or reminder id), when there is one.
	RefID string
	// Due is when the item falls due, an instant. For a date-only
	// deadline it is the end of that Danish day (DueDay.StartOfNext), so
	// the item is overdue only once its day has ended in Denmark.
	Due time.Time
	// DueDay is the date-only deadline (zero when the item is due at an
	// instant); it is shown without a clock time.
	DueDay  calendar.Date
	Urgency Urgency
	// Alert marks kinds that come first (Kind.Alert); Stale marks items
	// more than StaleAfter past due, grouped last (even alerts).
	Alert       bool
	Stale       bool
	CitizenName string
	LabelDA     string
	LabelEN     string
}

// Worklist is what one role must do now, most urgent first.
type Worklist struct {
	Role  Role
	Now   time.Time
	Items []WorkItem
	// StaleTotal is how many items of the whole list are long overdue
	// (Stale), whether or not Items holds them all.
	StaleTotal int
}

// Add appends an item of kind, filling its urgency and labels; detailDA
// and detailEN (may be empty) follow the kind's label.
func (w *Worklist) Add(kind WorkKind, caseID, refID string, due time.Time, citizen, detailDA, detailEN string) {
	it := WorkItem{Kind: kind, CaseID: caseID, RefID: refID, Due: due.UTC(), Urgency: UrgencyAt(due, w.Now),
		Alert: kind.Alert(), Stale: due.Before(w.Now.Add(-StaleAfter)),
		CitizenName: citizen, LabelDA: kind.Label(i18n.Danish), LabelEN: kind.Label(i18n.English)}
	if detailDA != "" {
		it.LabelDA += ": " + detailDA
	}
	if detailEN != "" {
		it.LabelEN += ": " + detailEN
	}
	w.Items = append(w.Items, it)
}

// AddDay appends an item of kind due on the Danish day day (a date-only
// deadline): it is due when the day ends, and the day is shown with its
// ISO week after the kind's label.
func (w *Worklist) AddDay(kind WorkKind, caseID, refID string, day calendar.Date, citizen string) {
	w.Add(kind, caseID, refID, day.StartOfNext(), citizen, day.FormatWithWeek("da"), day.FormatWithWeek("en"))
	w.Items[len(w.Items)-1].DueDay = day
}

// Sort puts what is due now first: alerts (a rejected or late urgent
// roll), then the current work by urgency (recently overdue, within 24
// hours, within 7 days, later), then the long-overdue items (alerts
// included); within each, by due time, kind and case.
func (w *Worklist) Sort() {
	section := func(it WorkItem) int {
		switch {
		case it.Stale:
			return 2
		case it.Alert:
			return 0
		}
		return 1
	}
	slices.SortStableFunc(w.Items, func(a, b WorkItem) int {
		return cmp.Or(cmp.Compare(section(a), section(b)), cmp.Compare(a.Urgency, b.Urgency), a.Due.Compare(b.Due),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.CaseID, b.CaseID), cmp.Compare(a.RefID, b.RefID))
	})
}

// ConsentTargetDays is how many days after a case is assessed eligible its
// consent should be recorded; the nurse's worklist item is due then.
const ConsentTargetDays = 14

// ChangeWatchDays is how long (in days after its effective date) a
// medication change that missed its deadline stays on the nurse's worklist
// while no urgent roll for it is delivered.
const ChangeWatchDays = 14
