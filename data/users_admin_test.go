package data_test

import (
	"context"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestUserAdminRules: the admin's user changes keep the two rules the web
// and the CLI share (no disabling or demoting oneself, never the last
// active admin), are refused for other roles, and each lands in the
// change log.
func TestUserAdminRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		add := func(username string, role workflow.Role, mun int) data.User {
			return dbtest.Must(db.AddUser(ctx, data.NewUser{Username: username, Name: username, Role: role,
				Municipality: mun, Password: "long enough pw"}, t0))(t)
		}
		ada := add("ada", workflow.RoleAdmin, 0)
		nurse := add("nina", workflow.RoleNurse, 851)
		asAda := ada.Actor()
		cli := workflow.System("ops")
		kind := func(err error) workflow.Kind {
			if err == nil {
				return workflow.KindInternal
			}
			return workflow.KindOf(err)
		}
		for _, c := range []struct {
			name string
			err  error
			want workflow.Kind // KindInternal: success
		}{
			{"a nurse may not disable a user", db.DisableUser(ctx, nurse.Actor(), ada.ID, t0), workflow.KindForbidden},
			{"an admin may not disable themself", db.DisableUser(ctx, asAda, ada.ID, t0), workflow.KindInvalid},
			{"the CLI may not disable the last admin", db.DisableUser(ctx, cli, ada.ID, t0), workflow.KindInvalid},
			{"nor demote the last admin", errOf(db.UpdateUser(ctx, cli, ada.ID, data.UserEdit{Role: workflow.RoleSteering}, t0)), workflow.KindInvalid},
			{"an admin may not demote themself", errOf(db.UpdateUser(ctx, asAda, ada.ID, data.UserEdit{Role: workflow.RoleSteering}, t0)), workflow.KindInvalid},
			{"a nurse needs a municipality", errOf(db.UpdateUser(ctx, asAda, nurse.ID, data.UserEdit{Role: workflow.RoleLead}, t0)), workflow.KindInvalid},
			{"a nurse becomes a lead", errOf(db.UpdateUser(ctx, asAda, nurse.ID, data.UserEdit{Role: workflow.RoleLead, Municipality: 101}, t0)), workflow.KindInternal},
			{"a short password is refused", db.ResetPassword(ctx, asAda, nurse.ID, "short", t0), workflow.KindInvalid},
			{"a password is reset", db.ResetPassword(ctx, asAda, nurse.ID, "a new long password", t0), workflow.KindInternal},
			{"a user is disabled", db.DisableUser(ctx, asAda, nurse.ID, t0), workflow.KindInternal},
			{"not twice", db.DisableUser(ctx, asAda, nurse.ID, t0), workflow.KindInvalid},
			{"and re-enabled", db.EnableUser(ctx, asAda, nurse.ID, t0), workflow.KindInternal},
			{"an unknown user", db.EnableUser(ctx, asAda, "nobody", t0), workflow.KindNotFound},
		} {
			if got := kind(c.err); got != c.want {
				t.Errorf("%s: %v (kind %v), want kind %v", c.name, c.err, got, c.want)
			}
		}
		u := dbtest.Must(db.User(ctx, nurse.ID))(t)
		if u.Role != workflow.RoleLead || u.Municipality != 101 || u.Disabled || u.CredentialsVersion != nurse.CredentialsVersion+1 {
			t.Errorf("after the changes: %+v", u)
		}
		var fields []string
		for _, c := range dbtest.Must(db.RecordChanges(ctx, "user", nurse.ID))(t) {
			if c.Actor != "ada" {
				t.Errorf("change %s by %q, want ada", c.Field, c.Actor)
			}
			fields = append(fields, c.Field+":"+c.Old+">"+c.New)
		}
		want := []string{"role:nurse>lead", "municipality:851>101", "password_reset:>true", "disabled:false>true", "disabled:true>false"}
		if len(fields) != len(want) {
			t.Fatalf("change log %v, want %v", fields, want)
		}
		for i := range want {
			if fields[i] != want[i] {
				t.Errorf("change %d = %s, want %s", i, fields[i], want[i])
			}
		}

		// With a second admin, one may disable the other, and then that
		// one is the last.
		bo := dbtest.Must(db.AddUserAs(ctx, asAda, data.NewUser{Username: "bo", Name: "Bo", Role: workflow.RoleAdmin, Password: "long enough pw"}, t0))(t)
		if cs := dbtest.Must(db.RecordChanges(ctx, "user", bo.ID))(t); len(cs) != 2 || cs[0].Field != "created" || cs[1].New != "admin" {
			t.Errorf("the added admin's log: %+v", cs)
		}
		if err := db.DisableUser(ctx, bo.Actor(), ada.ID, t0); err != nil {
			t.Fatalf("one admin disables another: %v", err)
		}
		if err := db.DisableUser(ctx, cli, bo.ID, t0); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("the last admin was disabled: %v", err)
		}
		if _, err := db.AddUserAs(ctx, nurse.Actor(), data.NewUser{Username: "x", Name: "X", Role: workflow.RoleAdmin, Password: "long enough pw"}, t0); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse added a user: %v", err)
		}
	})
}

func errOf[T any](_ T, err error) error { return err }
