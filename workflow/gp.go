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
	From           calendar.Date
	To             calendar.Date
	SubstituteGPID string
	Note           string
}

// Covers reports whether the absence includes the day d.
func (a GPAbsence) Covers(d calendar.Date) bool {
	return !d.Before(a.From) && !d.After(a.To)
}

// Validate checks the period and the substitute.
func (a GPAbsence) Validate() error {
	if a.GPID == "" {
		return Invalid("err.gp.missing")
	}
	if a.From.IsZero() || a.To.IsZero() {
		return Invalid("err.gp.absence_needs_dates")
	}
	if a.To.Before(a.From) {
		return Invalid("err.gp.absence_reversed", a.To.Format(), a.From.Format())
	}
	if a.SubstituteGPID != "" && a.SubstituteGPID == a.GPID {
		return Invalid("err.gp.own_substitute")
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
