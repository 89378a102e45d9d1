package workflow

import (
	"context"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// CareTx is the storage the day's case actions need inside one
// transaction (period extensions, prescription renewals, professional
// assessments). It is part of Tx.
type CareTx interface {
	// UpdatePeriodDates rewrites the dates, length and extension reason of
	// period id while it is still in status from; a conflict otherwise.
	UpdatePeriodDates(ctx context.Context, id int64, from PeriodStatus, d PeriodDates) error
	// RenewPrescription sets the expiry of the case's latest approved GP
	// request; not found when the case has none.
	RenewPrescription(ctx context.Context, caseID string, expires calendar.Date) error
	// LatestAssessment returns the case's latest assessment (ok is false
	// when it has none).
	LatestAssessment(ctx context.Context, caseID string) (a Assessment, ok bool, err error)
}
