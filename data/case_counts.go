package data

import (
	"context"
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
)

// CaseStateCounts counts the cases in the actor's scope per state, with
// one GROUP BY query (scoped as ListCases is). States without cases are
// absent from the map. It reads no citizen data, only the case table.
func (db *DB) CaseStateCounts(ctx context.Context, a workflow.Actor) (map[workflow.State]int, error) {
	var rows []struct {
		State string `bun:"state"`
		N     int    `bun:"n"`
	}
	q := db.bun.NewSelect().TableExpr("cases AS c").
		ColumnExpr("c.state AS state, COUNT(*) AS n").GroupExpr("c.state")
	if err := scoped(q, a.Scope(), "c").Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("count cases per state: %w", err)
	}
	out := make(map[workflow.State]int, len(rows))
	for _, r := range rows {
		out[workflow.State(r.State)] = r.N
	}
	return out, nil
}
