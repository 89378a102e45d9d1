package data

import (
	"context"
	"embed"
	"fmt"
	"strings"

	"github.com/uptrace/bun/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationTemplate fills the engine-specific parts of the SQL migrations.
type migrationTemplate struct {
	PG     bool
	Serial string
}

func (db *DB) migrator() (*migrate.Migrator, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(migrationFiles); err != nil {
		return nil, fmt.Errorf("read embedded migrations: %w", err)
	}
	return db.migratorFor(ms), nil
}

// migratorFor returns a migrator of ms with the engine's template data.
func (db *DB) migratorFor(ms *migrate.Migrations) *migrate.Migrator {
	t := migrationTemplate{Serial: "INTEGER PRIMARY KEY AUTOINCREMENT"}
	if db.Postgres {
		t = migrationTemplate{PG: true, Serial: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"}
	}
	return migrate.NewMigrator(db.bun, ms, migrate.WithTemplateData(t), migrate.WithMarkAppliedOnSuccess(true))
}

// MigrationStatus is one migration and whether it has been applied.
type MigrationStatus struct {
	Name    string
	Comment string
	Applied bool
}

// Migrate applies every pending migration and loads the reference data. It
// is safe to run again, and from several machines at once.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	m, err := db.migrator()
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("prepare migration tables: %w", err)
	}
	if err := m.Lock(ctx); err != nil {
		return nil, fmt.Errorf("lock migrations (is another migrate running?): %w", err)
	}
	defer func() { _ = m.Unlock(ctx) }()
	if err := db.checkUsernameCase(ctx); err != nil {
		return nil, err
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	if len(group.Migrations) > 0 {
		// prepared on the old schema: the next transaction prepares them anew
		if err := db.prepared.close(); err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
	}
	var names []string
	for _, mg := range group.Migrations {
		names = append(names, mg.Name+"_"+mg.Comment)
	}
	if err := db.loadReferenceData(ctx); err != nil {
		return names, err
	}
	// The municipalities' names and populations are in every report, and a
	// migration may have changed what a report reads.
	return names, bumpAllVersions(ctx, db.bun)
}

// Status lists every embedded migration with whether it is applied.
func (db *DB) Status(ctx context.Context) ([]MigrationStatus, error) {
	m, err := db.migrator()
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("prepare migration tables: %w", err)
	}
	ms, err := m.MigrationsWithStatus(ctx)
	if err != nil {
		return nil, fmt.Errorf("read migration status: %w", err)
	}
	out := make([]MigrationStatus, len(ms))
	for i, mg := range ms {
		out[i] = MigrationStatus{Name: mg.Name, Comment: mg.Comment, Applied: mg.IsApplied()}
	}
	return out, nil
}

// ErrSchemaOutOfDate is returned by RequireCurrent; its message names the fix.
type ErrSchemaOutOfDate struct{ Pending []string }

// Error says which migrations are missing and which command applies them.
func (e *ErrSchemaOutOfDate) Error() string {
	return fmt.Sprintf("the database schema is out of date (%d pending: %s); run `dosis db migrate` first",
		len(e.Pending), strings.Join(e.Pending, ", "))
}

// RequireCurrent returns an *ErrSchemaOutOfDate unless every migration is applied.
func (db *DB) RequireCurrent(ctx context.Context) error {
	st, err := db.Status(ctx)
	if err != nil {
		return err
	}
	var pending []string
	for _, s := range st {
		if !s.Applied {
			pending = append(pending, s.Name+"_"+s.Comment)
		}
	}
	if len(pending) > 0 {
		return &ErrSchemaOutOfDate{Pending: pending}
	}
	return nil
}
