package data

import (
	"context"

	"github.com/uptrace/bun"
)

// BumpVersions, BumpAllVersions and ReadVersions expose the report
// versions to the tests of package data_test, which run on real engines.
func BumpVersions(ctx context.Context, q bun.IDB, codes []int) error {
	return bumpVersions(ctx, q, codes)
}

func BumpAllVersions(ctx context.Context, q bun.IDB) error { return bumpAllVersions(ctx, q) }

func ReadVersions(ctx context.Context, q bun.IDB, codes []int) (string, error) {
	return readVersions(ctx, q, codes)
}

// WithHook returns a handle on the same connections (and report memo)
// whose statements hook sees, for tests that count or interleave them.
func (db *DB) WithHook(hook bun.QueryHook) *DB {
	clone := *db
	clone.bun = db.bun.WithQueryHook(hook)
	return &clone
}
