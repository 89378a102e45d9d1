package data

import (
	"context"
	"fmt"

	"github.com/uptrace/bun/migrate"
)

// MigrateBefore applies the embedded migrations whose names sort before
// name, and the reference data, so a test can write rows as an older
// schema held them and then check what a later migration makes of them.
func (db *DB) MigrateBefore(ctx context.Context, name string) error {
	all := migrate.NewMigrations()
	if err := all.Discover(migrationFiles); err != nil {
		return err
	}
	older := migrate.NewMigrations()
	for _, m := range all.Sorted() {
		if m.Name < name {
			older.Add(m)
		}
	}
	m := db.migratorFor(older)
	if err := m.Init(ctx); err != nil {
		return err
	}
	if _, err := m.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate before %s: %w", name, err)
	}
	return db.loadReferenceData(ctx)
}
