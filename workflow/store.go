package workflow

import (
	"context"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Store is what the workflow needs from storage: transactions. The data
// package implements it; tests use it against real databases.
type Store interface {
	// Transact runs fn in one transaction, committing when fn returns nil.
	Transact(ctx context.Context, fn func(ctx context.Context, tx Tx) error) error
}

// Tx is the storage the workflow uses inside one transaction. Every read of
// citizen data is scoped: out-of-scope rows are reported as not found.
type Tx interface {
	RollTx
	UrgentTx
	GPTx
	MessageTx
	PeriodEventTx
	CareTx
	// Snapshot loads the case and the facts its guards need.
	Snapshot(ctx context.Context, scope Scope, caseID string, now time.Time) (Snapshot, error)
	// Citizen loads a citizen within scope.
	Citizen(ctx context.Context, scope Scope, id string) (Citizen, error)
	// InsertCase stores a new case.
	InsertCase(ctx context.Context, c Case) error
	// UpdateCase writes the case's state, reason, GP and pharmacy if its
	// stored version still equals c.Version, and bumps the version; otherwise
	// it returns a conflict error.
	UpdateCase(ctx context.Context, c Case) error
	// InsertAudit appends an audit event.
	InsertAudit(ctx context.Context, e AuditEvent) error
	// InsertAssessment stores an eligibility assessment.
	InsertAssessment(ctx context.Context, a Assessment) error
	// InsertConsent stores a consent record.
	InsertConsent(ctx context.Context, c Consent) error
	// WithdrawConsents marks every active consent of the case withdrawn.
	WithdrawConsents(ctx context.Context, caseID string, at time.Time, by, note string) error
	// InsertGPRequest stores a request to a GP.
	InsertGPRequest(ctx context.Context, r GPRequest) error
	// DecideGPRequest records the decision on the case's open GP request.
	DecideGPRequest(ctx context.Context, caseID string, decidedAt time.Time, decision, reason string, expires calendar.Date) error
	// AddReminder stores a reminder unless the same (case, kind, due) exists.
	AddReminder(ctx context.Context, r Reminder) error
	// CompleteReminders marks the case's open reminders of a kind done.
	CompleteReminders(ctx context.Context, caseID, kind string, at time.Time) error
	// Pharmacy loads a pharmacy with its calendar settings.
	Pharmacy(ctx context.Context, id string) (Pharmacy, error)
}
