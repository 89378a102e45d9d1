package data

import (
	"context"
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
)

// PreparedStatements is how many hot statements the DB holds prepared (0
// until the first transaction, and after Close).
func (db *DB) PreparedStatements() int {
	db.prepared.mu.Lock()
	defer db.prepared.mu.Unlock()
	return len(db.prepared.stmts)
}

// NumHotQueries is how many hot statements there are.
const NumHotQueries = int(numHotQueries)

// UpsertTestRollups adds delta to n rollup rows of metric (municipality
// 851, keys and days 1..n) in one transaction, through the transition
// path's prepared upsert.
func (db *DB) UpsertTestRollups(ctx context.Context, metric string, n int, delta int64) error {
	return db.Transact(ctx, func(ctx context.Context, tx workflow.Tx) error {
		t := tx.(*txStore)
		for i := 1; i <= n; i++ {
			t.rollups().deltas.add1(rollupKey{metric, 851, fmt.Sprint(i), i, 0}, delta)
		}
		return nil
	})
}
