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
		return nil, notFound(err, "err.case.not_found")
	}
	return periodsOfCase(ctx, db.bun, caseID)
}

// pastPeriod is the one definition of a past period, the ones the case
// page folds away: received or not dispensed, and ended before the day
// bound to it. An active case holds a hundred of them after four years.
const pastPeriod = "rp.status IN (?) AND rp.end_date < ?"

// FoldedPeriods are a case's roll periods as the case page shows them.
type FoldedPeriods struct {
	// Current are the current and coming periods, and any past its end
	// still awaiting receipt control, in order.
	Current []workflow.Period
	// Past are the past periods in order, read only when asked for.
	Past []workflow.Period
	// PastCount is how many past periods the case has, read either way.
	PastCount int
}

// CaseFoldedPeriods reads a case's periods within the actor's scope (not
// found outside it), parted at today into the current and the past ones.
// The past ones are only counted unless withPast is set: a page that
// shows them folded away reads and renders a handful of rows, not a
// hundred.
func (db *DB) CaseFoldedPeriods(ctx context.Context, a workflow.Actor, caseID string, today calendar.Date, withPast bool) (FoldedPeriods, error) {
	var f FoldedPeriods
	var cr caseRow
	if err := scoped(db.bun.NewSelect().Model(&cr).Where("c.id = ?", caseID), a.Scope(), "c").Scan(ctx); err != nil {
		return f, notFound(err, "err.case.not_found")
	}
	done := bun.List([]string{string(workflow.PeriodReceived), string(workflow.PeriodNotDispensed)})
	read := func(where string) ([]workflow.Period, error) {
		var rows []periodRow
		if err := db.bun.NewSelect().Model(&rows).Where("rp.case_id = ?", caseID).Where(where, done, today).
			Order("rp.seq").Scan(ctx); err != nil {
			return nil, fmt.Errorf("load roll periods: %w", err)
		}
		out := make([]workflow.Period, len(rows))
		for i, r := range rows {
			out[i] = r.toPeriod()
		}
		return out, nil
	}
	var err error
	if f.Current, err = read("NOT (" + pastPeriod + ")"); err != nil {
		return f, err
	}
	if withPast {
		f.Past, err = read(pastPeriod)
		f.PastCount = len(f.Past)
		return f, err
	}
	err = db.bun.NewSelect().TableExpr("roll_periods AS rp").ColumnExpr("COUNT(*)").
		Where("rp.case_id = ?", caseID).Where(pastPeriod, done, today).Scan(ctx, &f.PastCount)
	return f, wrap(err, "count past roll periods")
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
