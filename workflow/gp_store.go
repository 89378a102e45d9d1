package workflow

import (
	"context"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// GPTx is the storage GP absences and redirected requests need inside one
// transaction. It is part of Tx.
type GPTx interface {
	// GPAbsenceOn returns the absence of the GP that covers the Danish civil
	// date of on, if any (ok is false when the GP is present).
	GPAbsenceOn(ctx context.Context, gpID string, on calendar.Date) (a GPAbsence, ok bool, err error)
	// MarkGPRequestAbsent records on the case's open GP request that its GP
	// is absent during absenceID.
	MarkGPRequestAbsent(ctx context.Context, caseID, absenceID string) error
	// OpenGPRequest returns the case's open GP request (ok is false when
	// there is none).
	OpenGPRequest(ctx context.Context, caseID string) (r GPRequestInfo, ok bool, err error)
	// RedirectGPRequest sends the case's open GP request to toGPID at at,
	// keeping the original GP in redirected_from_gp_id.
	RedirectGPRequest(ctx context.Context, caseID, toGPID string, at time.Time) error
}
