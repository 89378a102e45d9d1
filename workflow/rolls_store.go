package workflow

import (
	"context"
	"time"
)

// RollTx is the storage the roll cycle uses inside one transaction: roll
// periods, receipt control, medication changes and hospital notifications.
// Callers check the case's scope (with Snapshot) before they use it.
type RollTx interface {
	// RollPeriods loads a case's roll periods in seq order.
	RollPeriods(ctx context.Context, caseID string) ([]Period, error)
	// InsertPeriods stores new periods; a period whose (case, seq) is
	// already stored is skipped, so planning twice creates nothing twice.
	InsertPeriods(ctx context.Context, ps []Period) error
	// SetPeriodStatus moves period id from status from to status to, or
	// returns a conflict when it is no longer in status from.
	SetPeriodStatus(ctx context.Context, id int64, from, to PeriodStatus) error
	// MarkPeriodDelivered moves period id from status from to dispensed,
	// delivered at at; a conflict when it is no longer in status from.
	MarkPeriodDelivered(ctx context.Context, id int64, from PeriodStatus, at time.Time) error
	// MarkPeriodReceived moves a dispensed period to received with the
	// receipt's time, recorder and note; a conflict when it is not dispensed.
	MarkPeriodReceived(ctx context.Context, id int64, at time.Time, by, note string) error
	// InsertReceiptDeviations stores receipt-control deviations.
	InsertReceiptDeviations(ctx context.Context, ds []Deviation) error
	// UrgentRollForReceipt loads what receipt control needs of an urgent
	// roll of the case (not found when it belongs to another case).
	UrgentRollForReceipt(ctx context.Context, caseID, id string) (UrgentReceiptInfo, error)
	// MarkUrgentRollReceived records the receipt of a delivered urgent roll;
	// a conflict when it is not delivered or already received.
	MarkUrgentRollReceived(ctx context.Context, id string, at time.Time, note string) error
	// InsertMedicationChange stores a medication change with its decision.
	InsertMedicationChange(ctx context.Context, m MedicationChange) error
	// HospitalMessageSeen reports whether a hospital notification with this
	// message id is stored.
	HospitalMessageSeen(ctx context.Context, messageID string) (bool, error)
	// InsertHospitalNotification stores a hospital notification; inserted is
	// false (and nothing written) when its message id is already stored.
	InsertHospitalNotification(ctx context.Context, n HospitalNotification) (inserted bool, err error)
	// GPApprovedAt returns when the GP approved the case (zero when never).
	GPApprovedAt(ctx context.Context, caseID string) (time.Time, error)
	// CasesToPlan lists the ids of the active cases in scope.
	CasesToPlan(ctx context.Context, scope Scope) ([]string, error)
}
