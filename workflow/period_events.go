package workflow

import (
	"context"
	"time"
)

// PeriodEvent is one step of a roll period's audit trail: who moved it from
// one status to another, and when (today: the pharmacy's delivery).
type PeriodEvent struct {
	PeriodID   int64
	CaseID     string
	PharmacyID string
	At         time.Time
	Actor      string
	ActorRole  Role
	From, To   PeriodStatus
}

// PeriodEventTx appends to the roll periods' audit trail. It is part of Tx.
type PeriodEventTx interface {
	// InsertPeriodEvent appends a step to a period's audit trail.
	InsertPeriodEvent(ctx context.Context, e PeriodEvent) error
}

// pharmacyOwns refuses, as not found, a pharmacy user's action on a row of
// another pharmacy: the case scope lets pharmacy staff read a citizen with
// any case at their pharmacy, old or current, but they may act only on
// their own pharmacy's rolls.
func pharmacyOwns(a Actor, rowPharmacy string, seq int) error {
	if a.Role == RolePharmacy && rowPharmacy != a.PharmacyID {
		return NotFound("err.period.not_found", seq)
	}
	return nil
}
