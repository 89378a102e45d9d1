package data

import (
	"context"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

type periodEventRow struct {
	bun.BaseModel `bun:"table:roll_period_events"`
	ID            int64     `bun:"id,pk,autoincrement"`
	PeriodID      int64     `bun:"period_id"`
	CaseID        string    `bun:"case_id"`
	PharmacyID    string    `bun:"pharmacy_id"`
	At            time.Time `bun:"at"`
	Actor         string    `bun:"actor"`
	ActorRole     string    `bun:"actor_role"`
	FromStatus    string    `bun:"from_status"`
	ToStatus      string    `bun:"to_status"`
}

// InsertPeriodEvent implements workflow.PeriodEventTx.
func (t *txStore) InsertPeriodEvent(ctx context.Context, e workflow.PeriodEvent) error {
	r := periodEventRow{PeriodID: e.PeriodID, CaseID: e.CaseID, PharmacyID: e.PharmacyID, At: e.At.UTC(),
		Actor: e.Actor, ActorRole: string(e.ActorRole), FromStatus: string(e.From), ToStatus: string(e.To)}
	_, err := t.tx.NewInsert().Model(&r).ExcludeColumn("id").Exec(ctx)
	return wrap(err, "insert roll period event")
}
