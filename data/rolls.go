package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

type periodRow struct {
	bun.BaseModel    `bun:"table:roll_periods,alias:rp"`
	ID               int64         `bun:"id,pk,autoincrement"`
	CaseID           string        `bun:"case_id"`
	PharmacyID       string        `bun:"pharmacy_id"`
	Municipality     int           `bun:"municipality_code"`
	Seq              int           `bun:"seq"`
	StartDate        calendar.Date `bun:"start_date"`
	EndDate          calendar.Date `bun:"end_date"`
	Deadline         calendar.Date `bun:"deadline"`
	PackingDate      calendar.Date `bun:"packing_date"`
	ExpectedDelivery calendar.Date `bun:"expected_delivery"`
	LengthDays       int           `bun:"length_days"`
	ExtensionReason  string        `bun:"extension_reason"`
	Status           string        `bun:"status"`
	DeliveredAt      *time.Time    `bun:"delivered_at"`
	ReceivedAt       *time.Time    `bun:"received_at"`
	ReceivedBy       string        `bun:"received_by"`
	ReceiptNote      string        `bun:"receipt_note"`
}

func periodRowFrom(p workflow.Period) periodRow {
	return periodRow{ID: p.ID, CaseID: p.CaseID, PharmacyID: p.PharmacyID, Municipality: p.Municipality, Seq: p.Seq,
		StartDate: p.Start, EndDate: p.End, Deadline: p.Deadline, PackingDate: p.Packing,
		ExpectedDelivery: p.ExpectedDelivery, LengthDays: p.LengthDays, ExtensionReason: p.ExtensionReason,
		Status: string(p.Status), DeliveredAt: p.DeliveredAt, ReceivedAt: p.ReceivedAt, ReceivedBy: p.ReceivedBy,
		ReceiptNote: p.ReceiptNote}
}

func (r periodRow) toPeriod() workflow.Period {
	return workflow.Period{ID: r.ID, CaseID: r.CaseID, PharmacyID: r.PharmacyID, Municipality: r.Municipality, Seq: r.Seq,
		PeriodDates: workflow.PeriodDates{Start: r.StartDate, End: r.EndDate, Deadline: r.Deadline,
			Packing: r.PackingDate, ExpectedDelivery: r.ExpectedDelivery, LengthDays: r.LengthDays,
			ExtensionReason: r.ExtensionReason},
		Status: workflow.PeriodStatus(r.Status), DeliveredAt: utcPtr(r.DeliveredAt), ReceivedAt: utcPtr(r.ReceivedAt),
		ReceivedBy: r.ReceivedBy, ReceiptNote: r.ReceiptNote}
}

func (t *txStore) RollPeriods(ctx context.Context, caseID string) ([]workflow.Period, error) {
	rows, err := t.sql().query(ctx, qRollPeriods, caseID)
	if err != nil {
		return nil, fmt.Errorf("load roll periods: %w", err)
	}
	var out []workflow.Period
	err = scanEach(rows, func() error {
		var r periodRow
		var delivered, received dbTime
		if err := rows.Scan(&r.ID, &r.CaseID, &r.PharmacyID, &r.Municipality, &r.Seq, &r.StartDate, &r.EndDate, &r.Deadline,
			&r.PackingDate, &r.ExpectedDelivery, &r.LengthDays, &r.ExtensionReason, &r.Status, &delivered, &received,
			&r.ReceivedBy, &r.ReceiptNote); err != nil {
			return err
		}
		r.DeliveredAt, r.ReceivedAt = delivered.ptr(), received.ptr()
		out = append(out, r.toPeriod())
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load roll periods: %w", err)
	}
	return out, nil
}

func periodsOfCase(ctx context.Context, q bun.IDB, caseID string) ([]workflow.Period, error) {
	var rows []periodRow
	if err := q.NewSelect().Model(&rows).Where("rp.case_id = ?", caseID).Order("rp.seq").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load roll periods: %w", err)
	}
	out := make([]workflow.Period, len(rows))
	for i, r := range rows {
		out[i] = r.toPeriod()
	}
	return out, nil
}

func (t *txStore) InsertPeriods(ctx context.Context, ps []workflow.Period) error {
	if len(ps) == 0 {
		return nil
	}
	for _, p := range ps {
		if rolledStatus(string(p.Status)) { // the rollups count a period when its status changes
			return fmt.Errorf("insert roll periods: period %d is %s; new periods are planned", p.Seq, p.Status)
		}
	}
	for _, p := range ps { // one prepared statement a period: a plan has a handful
		r := periodRowFrom(p)
		if _, err := t.sql().exec(ctx, qInsertPeriod, r.CaseID, r.PharmacyID, r.Municipality, r.Seq, r.StartDate, r.EndDate,
			r.Deadline, r.PackingDate, r.ExpectedDelivery, r.LengthDays, r.ExtensionReason, r.Status, r.DeliveredAt,
			r.ReceivedAt, r.ReceivedBy, r.ReceiptNote); err != nil {
			return fmt.Errorf("insert roll periods: %w", err)
		}
	}
	return nil
}

func (t *txStore) SetPeriodStatus(ctx context.Context, id int64, from, to workflow.PeriodStatus) error {
	q := t.tx.NewUpdate().Table("roll_periods").Set("status = ?", string(to)).
		Where("id = ? AND status = ?", id, string(from))
	return t.updatePeriod(ctx, q, "set roll period status", id, from, to)
}

func (t *txStore) MarkPeriodDelivered(ctx context.Context, id int64, from workflow.PeriodStatus, at time.Time) error {
	q := t.tx.NewUpdate().Table("roll_periods").Set("status = ?", string(workflow.PeriodDispensed)).
		Set("delivered_at = ?", at).Where("id = ? AND status = ?", id, string(from))
	return t.updatePeriod(ctx, q, "mark roll period delivered", id, from, workflow.PeriodDispensed)
}

func (t *txStore) MarkPeriodReceived(ctx context.Context, id int64, at time.Time, by, note string) error {
	q := t.tx.NewUpdate().Table("roll_periods").Set("status = ?", string(workflow.PeriodReceived)).
		Set("received_at = ?", at).Set("received_by = ?", by).Set("receipt_note = ?", note).
		Where("id = ? AND status = ?", id, string(workflow.PeriodDispensed))
	return t.updatePeriod(ctx, q, "mark roll period received", id, workflow.PeriodDispensed, workflow.PeriodReceived)
}

// updatePeriod runs a status update of one roll period, which must change
// exactly that row (none means someone else changed it first), and counts
// the change in the rollups.
func (t *txStore) updatePeriod(ctx context.Context, q *bun.UpdateQuery, what string, id int64, from, to workflow.PeriodStatus) error {
	var ps []periodRollup
	if err := q.Returning("id, case_id, pharmacy_id, municipality_code, start_date, length_days").Scan(ctx, &ps); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if len(ps) != 1 {
		return workflow.Conflict(fmt.Errorf("%s %v: the row changed in the meantime", what, id))
	}
	return t.rollupPeriod(ctx, ps[0], string(from), string(to))
}

// onePeriodRow checks that an update changed exactly one row; none means someone
// else changed the row first.
func onePeriodRow(res interface{ RowsAffected() (int64, error) }, err error, what string, id any) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return workflow.Conflict(fmt.Errorf("%s %v: the row changed in the meantime", what, id))
	}
	return nil
}

func (t *txStore) GPApprovedAt(ctx context.Context, caseID string) (time.Time, error) {
	var at []time.Time
	if err := t.tx.NewSelect().Table("gp_requests").Column("decided_at").
		Where("case_id = ? AND decision = 'approved'", caseID).OrderExpr("decided_at DESC").Limit(1).
		Scan(ctx, &at); err != nil {
		return time.Time{}, fmt.Errorf("load GP approval: %w", err)
	}
	if len(at) == 0 {
		return time.Time{}, nil
	}
	return at[0].UTC(), nil
}

func (t *txStore) CasesToPlan(ctx context.Context, scope workflow.Scope) ([]string, error) {
	var ids []string
	q := t.tx.NewSelect().TableExpr("cases AS c").Column("c.id").
		Where("c.state = ?", string(workflow.StateActive)).Order("c.id")
	if err := scoped(q, scope, "c").Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("list cases to plan: %w", err)
	}
	return ids, nil
}
