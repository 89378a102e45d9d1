package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

type deviationRow struct {
	bun.BaseModel `bun:"table:receipt_deviations,alias:rd"`
	ID            int64     `bun:"id,pk,autoincrement"`
	CaseID        string    `bun:"case_id"`
	PeriodID      *int64    `bun:"period_id"`
	UrgentRollID  *string   `bun:"urgent_roll_id"`
	PharmacyID    string    `bun:"pharmacy_id"`
	Kind          string    `bun:"kind"`
	Note          string    `bun:"note"`
	RecordedBy    string    `bun:"recorded_by"`
	RecordedAt    time.Time `bun:"recorded_at"`
}

func (r deviationRow) toDeviation() workflow.Deviation {
	d := workflow.Deviation{CaseID: r.CaseID, UrgentRollID: deref(r.UrgentRollID), PharmacyID: r.PharmacyID,
		Kind: r.Kind, Note: r.Note, RecordedBy: r.RecordedBy, RecordedAt: r.RecordedAt.UTC()}
	if r.PeriodID != nil {
		d.PeriodID = *r.PeriodID
	}
	return d
}

func (t *txStore) InsertReceiptDeviations(ctx context.Context, ds []workflow.Deviation) error {
	if len(ds) == 0 {
		return nil
	}
	rows := make([]deviationRow, len(ds))
	for i, d := range ds {
		rows[i] = deviationRow{CaseID: d.CaseID, UrgentRollID: nullable(d.UrgentRollID), PharmacyID: d.PharmacyID,
			Kind: d.Kind, Note: d.Note, RecordedBy: d.RecordedBy, RecordedAt: d.RecordedAt}
		if d.PeriodID != 0 {
			id := d.PeriodID
			rows[i].PeriodID = &id
		}
	}
	if _, err := t.tx.NewInsert().Model(&rows).ExcludeColumn("id").Exec(ctx); err != nil {
		return wrap(err, "insert receipt deviations")
	}
	return t.rollupDeviations(ctx, ds)
}

func (t *txStore) UrgentRollForReceipt(ctx context.Context, caseID, id string) (workflow.UrgentReceiptInfo, error) {
	var r struct {
		ID         string     `bun:"id"`
		CaseID     string     `bun:"case_id"`
		PharmacyID string     `bun:"pharmacy_id"`
		Status     string     `bun:"status"`
		ReceivedAt *time.Time `bun:"received_at"`
	}
	if err := t.tx.NewSelect().Table("urgent_rolls").Column("id", "case_id", "pharmacy_id", "status", "received_at").
		Where("id = ? AND case_id = ?", id, caseID).Scan(ctx, &r); err != nil {
		return workflow.UrgentReceiptInfo{}, notFound(err, "err.urgent.not_found")
	}
	return workflow.UrgentReceiptInfo{ID: r.ID, CaseID: r.CaseID, PharmacyID: r.PharmacyID,
		Status: workflow.UrgentStatus(r.Status), ReceivedAt: utcPtr(r.ReceivedAt)}, nil
}

func (t *txStore) MarkUrgentRollReceived(ctx context.Context, id string, at time.Time, note string) error {
	res, err := t.tx.NewUpdate().Table("urgent_rolls").Set("received_at = ?", at).Set("receipt_note = ?", note).
		Where("id = ? AND status = ? AND received_at IS NULL", id, string(workflow.UrgentDelivered)).Exec(ctx)
	return onePeriodRow(res, err, "mark urgent roll received", id)
}

// CaseDeviations lists the receipt-control deviations recorded on a case,
// oldest first, within the actor's scope.
func (db *DB) CaseDeviations(ctx context.Context, a workflow.Actor, caseID string) ([]workflow.Deviation, error) {
	var cr caseRow
	if err := scoped(db.bun.NewSelect().Model(&cr).Where("c.id = ?", caseID), a.Scope(), "c").Scan(ctx); err != nil {
		return nil, notFound(err, "err.case.not_found")
	}
	var rows []deviationRow
	if err := db.bun.NewSelect().Model(&rows).Where("rd.case_id = ?", caseID).Order("rd.recorded_at", "rd.id").
		Scan(ctx); err != nil {
		return nil, fmt.Errorf("load receipt deviations: %w", err)
	}
	out := make([]workflow.Deviation, len(rows))
	for i, r := range rows {
		out[i] = r.toDeviation()
	}
	return out, nil
}
