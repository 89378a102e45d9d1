package workflow

import (
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// GPAbsence is a period a GP is away, with the substitute GP who covers
// the practice. From and To are civil dates, both included.
type GPAbsence struct {
	ID             string
	GPID           string
	From           time.Time
	To             time.Time
	SubstituteGPID string
	Note           string
}

// Covers reports whether the absence includes the Danish civil date of t.
func (a GPAbsence) Covers(t time.Time) bool {
	d := calendar.Day(t.In(calendar.Copenhagen()))
	return !d.Before(calendar.Day(a.From)) && !d.After(calendar.Day(a.To))
}

// Validate checks the period and the substitute.
func (a GPAbsence) Validate() error {
	if a.GPID == "" {
		return Invalid("lægen mangler", "the GP is missing")
	}
	if a.From.IsZero() || a.To.IsZero() {
		return Invalid("fravær skal have en fra- og en til-dato", "an absence needs a from and a to date")
	}
	if calendar.Day(a.To).Before(calendar.Day(a.From)) {
		return Invalidf("til-datoen %s ligger før fra-datoen %s", "the to date %s is before the from date %s",
			calendar.Format(a.To), calendar.Format(a.From))
	}
	if a.SubstituteGPID != "" && a.SubstituteGPID == a.GPID {
		return Invalid("en læge kan ikke være sin egen vikar", "a GP cannot be their own substitute")
	}
	return nil
}

// GPRequestInfo is a GP request with what the absence rules add: the GP it
// was redirected from, and the absence of its GP when the request is made
// to an absent GP.
type GPRequestInfo struct {
	GPRequest
	RedirectedFromGPID string
	RedirectedAt       *time.Time
	// AbsenceID is the absence recorded when the request was sent.
	AbsenceID string
	// Absent is set when the request's GP is absent now (filled by
	// Service.GPRequestStatus), with the substitute to redirect to.
	Absent *GPAbsence
}

// EventGPRedirect is the audit event of a GP request sent on to the
// absent GP's substitute; it leaves the case in awaiting_gp.
const EventGPRedirect Event = "gp_redirect"
