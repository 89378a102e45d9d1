package data

import (
	"context"
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// CasePeriods lists a case's roll periods in order, within the actor's
// scope (not found when the case is outside it).
func (db *DB) CasePeriods(ctx context.Context, a workflow.Actor, caseID string) ([]workflow.Period, error) {
	var cr caseRow
	if err := scoped(db.bun.NewSelect().Model(&cr).Where("c.id = ?", caseID), a.Scope(), "c").Scan(ctx); err != nil {
		return nil, notFound(err, "sagen", "the case")
	}
	return periodsOfCase(ctx, db.bun, caseID)
}

// PackItem is a roll period the pharmacy is to pack, with whose roll it is.
type PackItem struct {
	workflow.Period
	CitizenName string
	// CPR is the citizen's CPR digits; mask it for display.
	CPR string
}

// PeriodsToPack lists the periods of active cases that pharmacyID packs on
// the days from to to (inclusive) and has not packed yet (planned or
// ready), by packing date, within the actor's scope.
func (db *DB) PeriodsToPack(ctx context.Context, a workflow.Actor, pharmacyID string, from, to calendar.Date) ([]PackItem, error) {
	var rows []struct {
		periodRow   `bun:",extend"`
		CitizenName string `bun:"citizen_name"`
		CPR         string `bun:"cpr"`
	}
	q := db.bun.NewSelect().Model(&rows).ModelTableExpr("roll_periods AS rp").
		ColumnExpr("rp.*").ColumnExpr("ci.name AS citizen_name, ci.cpr AS cpr").
		Join("JOIN cases AS c ON c.id = rp.case_id").Join("JOIN citizens AS ci ON ci.id = c.citizen_id").
		Where("rp.pharmacy_id = ?", pharmacyID).
		Where("rp.packing_date >= ? AND rp.packing_date < ?", from, to.AddDays(1)).
		Where("rp.status IN (?)", bun.List([]string{string(workflow.PeriodPlanned), string(workflow.PeriodReady)})).
		Where("c.state = ?", string(workflow.StateActive)).
		OrderExpr("rp.packing_date, ci.name, rp.seq")
	if err := scopedDirect(q, a.Scope(), "rp").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list periods to pack: %w", err)
	}
	out := make([]PackItem, len(rows))
	for i, r := range rows {
		out[i] = PackItem{Period: r.toPeriod(), CitizenName: r.CitizenName, CPR: r.CPR}
	}
	return out, nil
}
