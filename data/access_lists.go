package data

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// LogListAccess writes one access-log row per citizen whose data a list
// page showed (a name on the worklist, the case list, the pharmacy's
// queue), given the cases on the list; what names the page. Lists are
// scoped before they are shown, so the cases are the actor's own; the
// rows are written in one statement.
func (db *DB) LogListAccess(ctx context.Context, a workflow.Actor, what string, caseIDs []string, now time.Time) error {
	caseIDs = slices.Compact(slices.Sorted(slices.Values(caseIDs)))
	if len(caseIDs) == 0 {
		return nil
	}
	var citizens []string
	for chunk := range slices.Chunk(caseIDs, 500) {
		var ids []string
		if err := db.bun.NewSelect().Table("cases").ColumnExpr("DISTINCT citizen_id").
			Where("id IN (?)", bun.List(chunk)).Scan(ctx, &ids); err != nil {
			return fmt.Errorf("log list access: %w", err)
		}
		citizens = append(citizens, ids...)
	}
	citizens = slices.Compact(slices.Sorted(slices.Values(citizens)))
	rows := make([]accessRow, len(citizens))
	for i, id := range citizens {
		rows[i] = accessRow{At: now.UTC(), Actor: a.UserID, ActorRole: string(a.Role), CitizenID: id, What: what}
	}
	return wrap(db.gated(ctx, func() error {
		_, err := db.bun.NewInsert().Model(&rows).ExcludeColumn("id").Exec(ctx)
		return err
	}), "log list access")
}
