package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

type changeRow struct {
	bun.BaseModel `bun:"table:medication_changes,alias:mc"`
	ID            string        `bun:"id,pk"`
	CaseID        string        `bun:"case_id"`
	EffectiveDate calendar.Date `bun:"effective_date"`
	Description   string        `bun:"description"`
	Decision      string        `bun:"decision"`
	PeriodID      *int64        `bun:"period_id"`
	UrgentRollID  *string       `bun:"urgent_roll_id"`
	RecordedBy    string        `bun:"recorded_by"`
	RecordedAt    time.Time     `bun:"recorded_at"`
}

func (t *txStore) InsertMedicationChange(ctx context.Context, m workflow.MedicationChange) error {
	r := changeRow{ID: m.ID, CaseID: m.CaseID, EffectiveDate: m.EffectiveDate, Description: m.Description,
		Decision: m.Decision, UrgentRollID: nullable(m.UrgentRollID), RecordedBy: m.RecordedBy, RecordedAt: m.RecordedAt}
	if m.PeriodID != 0 {
		id := m.PeriodID
		r.PeriodID = &id
	}
	// The case's municipality is copied onto the row (and moved with the
	// case, citizen_move.go), so the worklist reads one municipality's
	// watched changes from its index (migration 20261204120000).
	_, err := t.tx.NewInsert().Model(&r).Value("municipality_code", "(SELECT municipality_code FROM cases WHERE id = ?)", m.CaseID).Exec(ctx)
	return wrap(err, "insert medication change")
}

// CaseChanges lists a case's medication changes by effective date, within
// the actor's scope.
func (db *DB) CaseChanges(ctx context.Context, a workflow.Actor, caseID string) ([]workflow.MedicationChange, error) {
	var cr caseRow
	if err := scoped(db.bun.NewSelect().Model(&cr).Where("c.id = ?", caseID), a.Scope(), "c").Scan(ctx); err != nil {
		return nil, notFound(err, "err.case.not_found")
	}
	var rows []changeRow
	if err := db.bun.NewSelect().Model(&rows).Where("mc.case_id = ?", caseID).
		Order("mc.effective_date", "mc.recorded_at").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load medication changes: %w", err)
	}
	out := make([]workflow.MedicationChange, len(rows))
	for i, r := range rows {
		out[i] = workflow.MedicationChange{ID: r.ID, CaseID: r.CaseID, EffectiveDate: r.EffectiveDate,
			Description: r.Description, Decision: r.Decision, UrgentRollID: deref(r.UrgentRollID),
			RecordedBy: r.RecordedBy, RecordedAt: r.RecordedAt.UTC()}
		if r.PeriodID != nil {
			out[i].PeriodID = *r.PeriodID
		}
	}
	return out, nil
}
