package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
)

// SettingDemoDatabase marks a database as a demo database (one settings
// row, installation-wide). Only a demo database may have its demo users'
// passwords reset by `dosis serve --demo`.
const SettingDemoDatabase = "demo_database"

// ClaimDemo makes db a demo database or refuses: a database already marked
// is one; a database without users is marked now (no one can sign in to
// it, so no password is lost); a database that holds users and is not
// marked holds real users, and ClaimDemo refuses it with KindInvalid, so
// `serve --demo` never resets or prints the password of a real admin.
func (db *DB) ClaimDemo(ctx context.Context, by string, now time.Time) error {
	if ok, err := db.IsDemo(ctx); err != nil || ok {
		return err
	}
	n, err := db.bun.NewSelect().Table("users").Count(ctx)
	if err != nil {
		return fmt.Errorf("count users: %w", err)
	}
	if n > 0 {
		return workflow.Invalid(
			"err.demo.real_users", n)
	}
	_, err = db.saveSetting(ctx, SettingDemoDatabase, 0, "synthetic demo data; demo logins may be reset", by, now, AnyVersion, nil)
	return err
}

// IsDemo reports whether db was claimed as a demo database (ClaimDemo).
func (db *DB) IsDemo(ctx context.Context) (bool, error) {
	_, ok, err := db.Setting(ctx, SettingDemoDatabase, 0)
	return ok, err
}
