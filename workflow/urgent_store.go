package workflow

import "context"

// UrgentTx is the storage urgent rolls need inside one transaction. It is
// part of Tx.
type UrgentTx interface {
	// InsertUrgentRoll stores a new urgent roll request. A request key
	// already stored is a conflict.
	InsertUrgentRoll(ctx context.Context, u UrgentRoll) error
	// OpenUrgentRolls locks the case against concurrent urgent-roll
	// requests until the transaction ends and returns its open rolls
	// (requested, accepted, packed) and the roll with the key, if any.
	OpenUrgentRolls(ctx context.Context, caseID, key string) ([]UrgentRoll, error)
	// UrgentRoll loads an urgent roll within scope: pharmacy staff see their
	// pharmacy's, nurses and project leads their municipality's. Out-of-scope
	// rolls are reported as not found.
	UrgentRoll(ctx context.Context, scope Scope, id string) (UrgentRoll, error)
	// UpdateUrgentRoll writes the roll's status, step times and rejection
	// reason if its stored version still equals u.Version, and bumps the
	// version; otherwise it returns a conflict error.
	UpdateUrgentRoll(ctx context.Context, u UrgentRoll) error
	// InsertUrgentEvent appends a step to the roll's audit trail; a
	// duplicate (roll, seq) is a conflict.
	InsertUrgentEvent(ctx context.Context, e UrgentEvent) error
}
