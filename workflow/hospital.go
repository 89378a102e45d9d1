package workflow

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// HospitalNotification is a stored hospital notification (shaped on
// MedCom's HospitalNotification): an admission, a leave or a discharge.
type HospitalNotification struct {
	ID       string
	CaseID   string
	Kind     string
	At       time.Time
	Hospital string
	// MessageID is the sender's message id ("" when entered by hand); a
	// message is recorded once, however often it is imported.
	MessageID string
	// Source is "manual" or "import".
	Source     string
	RecordedBy string
	RecordedAt time.Time
}

// HospitalNotice is a notification to record. Line is its line in an
// import file (0 when entered by hand), used in error messages.
type HospitalNotice struct {
	CaseID    string
	Kind      string
	At        time.Time
	Hospital  string
	MessageID string
	Line      int
}

// HospitalKinds lists the notification kinds.
func HospitalKinds() []string {
	return []string{HospitalAdmission, HospitalLeave, HospitalDischarge}
}

// Validate checks the notice's case, kind and time (not after now).
func (n HospitalNotice) Validate(now time.Time) error {
	switch {
	case strings.TrimSpace(n.CaseID) == "":
		return Invalid("err.case.missing")
	case !slices.Contains(HospitalKinds(), n.Kind):
		return Invalid("err.hospital.unknown_kind", n.Kind)
	case n.At.IsZero():
		return Invalid("err.time.missing")
	case n.At.After(now.Add(time.Hour)):
		return Invalid("err.time.in_future", calendar.DayOf(n.At).Format())
	}
	return CheckText(i18n.Key("err.field.hospital_name"), n.Hospital, TextName)
}

// HospitalOutcome is what recording a notification did.
type HospitalOutcome struct {
	Notification HospitalNotification
	// Duplicate is set when the message id was already recorded: nothing
	// was changed.
	Duplicate bool
	// Action is "paused", "resumed" or "recorded" (recorded only).
	Action string
	Case   Case
	// Urgent is the prefilled urgent-roll request after a discharge.
	Urgent *UrgentRequest
}

// dischargeRequest prefills the urgent roll a discharge needs: from the
// discharge until the first regular roll still to be packed.
func dischargeRequest(caseID string, n HospitalNotice, ps []Period, now time.Time) *UrgentRequest {
	needed := n.At.UTC()
	if needed.Before(now) {
		needed = now
	}
	note := "Udskrevet " + calendar.DayOf(n.At).Format()
	if n.Hospital != "" {
		note += " fra " + n.Hospital
	}
	if next, ok := PeriodCovering(ps, calendar.DayOf(n.At), PeriodPlanned, PeriodReady); ok {
		note += "; næste almindelige rulle starter " + next.Start.FormatWithWeek("da")
	}
	return &UrgentRequest{CaseID: caseID, Reason: UrgentReasonHospitalDischarge, NeededBy: needed, Note: note}
}

// atLine puts an import line number in front of an error's messages.
func atLine(line int, err error) error {
	if line == 0 || err == nil {
		return err
	}
	if e, ok := err.(*Error); ok {
		c := *e
		c.Key, c.Args = "err.at_line", []any{line, e.bare()}
		return &c
	}
	return fmt.Errorf("line %d: %w", line, err)
}
