package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// TestUsernamesIgnoreCase: "Anna" could be added beside "anna"; a username
// that differs only in case is refused, naming the existing user, and every
// lookup by a typed username (sign-in, the CLI's user commands, a password
// change) finds "anna" however it is cased.
func TestUsernamesIgnoreCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		anna := dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "anna", Name: "Anna", Role: workflow.RoleSteering, Password: "correct horse"}, t0))(t)
		for _, name := range []string{"Anna", "ANNA", "aNNa"} {
			_, err := db.AddUser(ctx, data.NewUser{Username: name, Name: "Anden Anna", Role: workflow.RoleSteering, Password: "correct horse"}, t0)
			var we *workflow.Error
			if !errors.As(err, &we) || we.Kind != workflow.KindInvalid ||
				!strings.Contains(we.Message(i18n.Danish), `brugernavnet "`+name+`" er optaget`) || !strings.Contains(we.Message(i18n.Danish), `brugeren "anna"`) {
				t.Errorf("add %q: %v, want refused in Danish naming anna", name, err)
			}
			if u, err := db.UserByUsername(ctx, name); err != nil || u.ID != anna.ID {
				t.Errorf("UserByUsername(%q) = %v, %v; want anna", name, u.Username, err)
			}
			u, err := db.Authenticate(ctx, name, "correct horse", "10.0.0.1", data.DefaultLoginThrottle(), t0)
			if err != nil || u.ID != anna.ID || u.Actor().UserID != "anna" {
				t.Errorf("sign in as %q: %v, %v; want anna as she is stored", name, u.Username, err)
			}
		}
		if err := db.SetPassword(ctx, "ANNA", "another horse", t0); err != nil {
			t.Fatalf("set password for ANNA: %v", err)
		}
		if _, err := db.Authenticate(ctx, "anna", "another horse", "10.0.0.2", data.DefaultLoginThrottle(), t0); err != nil {
			t.Errorf("anna's new password: %v", err)
		}
		// The index holds however the row is written.
		if _, err := db.Bun().ExecContext(ctx, `INSERT INTO users (id, username, name, role, password_hash, password_changed_at, created_at)
			VALUES ('u-x', 'ANNA', 'X', 'steering', 'x', ?, ?)`, t0, t0); err == nil {
			t.Error("the database stored ANNA beside anna")
		}
	})
}

// TestLoginThrottleIgnoresCase: the (username, address) counter counted
// "admin", "Admin" and "ADMIN" apart, so varying the case bought three
// guesses at admin's password per variant.
func TestLoginThrottleIgnoresCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "admin", Name: "Admin", Role: workflow.RoleSteering, Password: "correct horse"}, t0))(t)
		th := testThrottle()
		th.FreePerIP = 100 // only the pair counter is under test
		for i, name := range []string{"admin", "Admin", "ADMIN"} {
			_, err := db.Authenticate(ctx, name, "wrong", "10.0.0.1", th, t0.Add(time.Duration(i)*time.Second))
			if got := outcome(err); got != "bad" {
				t.Fatalf("failure %d as %q: %s", i+1, name, got)
			}
		}
		if _, err := db.Authenticate(ctx, "aDmIn", "correct horse", "10.0.0.1", th, t0.Add(3*time.Second)); !errors.Is(err, data.ErrLoginThrottled) {
			t.Errorf("a fourth try in another case: %v, want it to wait", err)
		}
	})
}

// TestMigrateRefusesUsernamesDifferingInCase: an existing database with
// "Anna" and "anna" is not migrated; the error names the pair and nothing
// of the migration is applied. With one renamed, it migrates.
func TestMigrateRefusesUsernamesDifferingInCase(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.OpenEmpty(t, engine)
			if err := db.MigrateBefore(ctx, "20261206100000"); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"Anna", "anna", "bo"} {
				if _, err := db.Bun().ExecContext(ctx, `INSERT INTO users (id, username, name, role, password_hash, password_changed_at, created_at)
					VALUES (?, ?, 'X', 'steering', 'x', ?, ?)`, "id-"+name, name, t0, t0); err != nil {
					t.Fatal(err)
				}
			}
			_, err := db.Migrate(ctx)
			var uc *data.ErrUsernameCase
			if !errors.As(err, &uc) || len(uc.Pairs) != 1 || uc.Pairs[0] != [2]string{"Anna", "anna"} ||
				!strings.Contains(err.Error(), `differ only in case: "Anna" and "anna"; rename`) {
				t.Fatalf("migrate: %v, want refused naming Anna and anna", err)
			}
			if err := db.RequireCurrent(ctx); err == nil {
				t.Error("the refused migration was applied")
			}
			if _, err := db.Bun().ExecContext(ctx, `UPDATE users SET username = 'anna.b' WHERE username = 'Anna'`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate after the rename: %v", err)
			}
		})
	}
}
