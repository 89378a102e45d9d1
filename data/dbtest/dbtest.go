// Package dbtest opens real, migrated, throwaway databases for tests: SQLite
// always, PostgreSQL when DOSIS_TEST_POSTGRES names a server. Nothing here is
// a mock: the tests run the same code on both engines.
//
// DOSIS_TEST_POSTGRES is an admin URL such as
// postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable; each test gets
// a database of its own, dropped when it ends. With DOSIS_REQUIRE_POSTGRES=1
// (set by CI) a missing PostgreSQL fails the tests instead of skipping them.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver for creating test databases
)

// Engines names the engines Each runs on.
func Engines() []string { return []string{"sqlite", "postgres"} }

// Each runs fn once per engine as a subtest named after it, each with a
// fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *data.DB)) {
	t.Helper()
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			fn(t, Open(t, engine))
		})
	}
}

// Open returns a fresh migrated database on engine ("sqlite" or "postgres"),
// closed and removed when the test ends. It skips (or, under
// DOSIS_REQUIRE_POSTGRES=1, fails) when PostgreSQL is not configured.
func Open(t testing.TB, engine string) *data.DB {
	t.Helper()
	db, _ := OpenDSN(t, engine)
	return db
}

// OpenDSN is Open that also returns the database's DSN, for a test that
// runs the real command line (`dosis --db DSN ...`) beside the web server
// on the same database.
func OpenDSN(t testing.TB, engine string) (*data.DB, string) {
	t.Helper()
	db, dsn := openEmpty(t, engine)
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db, dsn
}

// OpenEmpty is Open without the migrations, for tests of a migration.
func OpenEmpty(t testing.TB, engine string) *data.DB {
	t.Helper()
	db, _ := openEmpty(t, engine)
	return db
}

// openEmpty opens a fresh, unmigrated database on engine and returns its DSN.
func openEmpty(t testing.TB, engine string) (*data.DB, string) {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch engine {
	case "sqlite":
		dsn = filepath.Join(t.TempDir(), "dosis-test.db")
	case "postgres":
		dsn = postgresDatabase(t)
	default:
		t.Fatalf("unknown engine %q", engine)
	}
	db, err := data.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db, dsn
}

// postgresDatabase creates a database for the test and returns its URL.
func postgresDatabase(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("DOSIS_TEST_POSTGRES")
	if admin == "" {
		if os.Getenv("DOSIS_REQUIRE_POSTGRES") == "1" {
			t.Fatal("DOSIS_REQUIRE_POSTGRES=1 but DOSIS_TEST_POSTGRES is not set")
		}
		t.Skip("PostgreSQL tests skipped: set DOSIS_TEST_POSTGRES to an admin URL to run them (see README)")
	}
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("DOSIS_TEST_POSTGRES: %v", err)
	}
	defer conn.Close()
	name := "dosis_test_" + strings.ToLower(rand.Text()[:12])
	if _, err := conn.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database on DOSIS_TEST_POSTGRES: %v", err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer c.Close()
		if _, err := c.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("DOSIS_TEST_POSTGRES is no URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// Must takes a (value, error) result and returns a function that fails the
// test on the error or returns the value: dbtest.Must(db.AddGP(...))(t).
func Must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(fmt.Errorf("fixture: %w", err))
		}
		return v
	}
}
