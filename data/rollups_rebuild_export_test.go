package data

import "context"

// RebuildRollupsSmall is RebuildRollups summing at most limit rows in
// memory and reading page audit events at a time, so a test's small
// database takes the paths a national one does: audit pages, batches
// spilled to the temporary table and summed there.
func (db *DB) RebuildRollupsSmall(ctx context.Context, limit, page int) (int, error) {
	return db.rebuildRollups(ctx, limit, page)
}
