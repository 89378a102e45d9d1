package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// UpdatePeriodDates implements workflow.CareTx.
func (t *txStore) UpdatePeriodDates(ctx context.Context, id int64, from workflow.PeriodStatus, d workflow.PeriodDates) error {
	if rolledStatus(string(from)) { // the rollups count a dispensed period's start and length; only planned periods move
		return fmt.Errorf("update roll period dates: period %d is %s", id, from)
	}
	res, err := t.tx.NewUpdate().Table("roll_periods").
		Set("start_date = ?", d.Start).Set("end_date = ?", d.End).Set("deadline = ?", d.Deadline).
		Set("packing_date = ?", d.Packing).Set("expected_delivery = ?", d.ExpectedDelivery).
		Set("length_days = ?", d.LengthDays).Set("extension_reason = ?", d.ExtensionReason).
		Where("id = ? AND status = ?", id, string(from)).Exec(ctx)
	return onePeriodRow(res, err, "update roll period dates", id)
}

// RenewPrescription implements workflow.CareTx.
func (t *txStore) RenewPrescription(ctx context.Context, caseID string, expires calendar.Date) error {
	var id string
	err := t.tx.NewSelect().Table("gp_requests").Column("id").Where("case_id = ? AND decision = 'approved'", caseID).
		OrderExpr("decided_at DESC, id DESC").Limit(1).Scan(ctx, &id)
	if err != nil {
		return notFound(err, "err.gp.approval_not_found")
	}
	_, err = t.tx.NewUpdate().Table("gp_requests").Set("prescription_expires = ?", expires).Where("id = ?", id).Exec(ctx)
	return wrap(err, "renew prescription")
}

// LatestAssessment implements workflow.CareTx.
func (t *txStore) LatestAssessment(ctx context.Context, caseID string) (workflow.Assessment, bool, error) {
	var r assessmentRow
	err := t.tx.NewSelect().Model(&r).Where("case_id = ?", caseID).OrderExpr("assessed_at DESC, id DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.Assessment{}, false, nil
	}
	if err != nil {
		return workflow.Assessment{}, false, fmt.Errorf("load latest assessment: %w", err)
	}
	return workflow.Assessment{ID: r.ID, CaseID: r.CaseID, RuleSetID: r.RuleSetID, Outcome: r.Outcome,
		AssessedAt: r.AssessedAt.UTC()}, true, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// GPRequestsRedirectedFrom maps the case's redirected GP requests to the GP
// each was first sent to (the request's GP is then the substitute).
// Callers check scope first.
func (db *DB) GPRequestsRedirectedFrom(ctx context.Context, caseID string) (map[string]string, error) {
	var rows []struct {
		ID   string `bun:"id"`
		From string `bun:"redirected_from_gp_id"`
	}
	if err := db.bun.NewSelect().Table("gp_requests").Column("id", "redirected_from_gp_id").
		Where("case_id = ? AND redirected_from_gp_id IS NOT NULL", caseID).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("load redirected GP requests: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.From
	}
	return out, nil
}
