package data

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// The admin's changes to users: disable, enable, reset the password, change
// role and tie. Each is refused for any role but admin, runs in one
// transaction with its line in record_changes (entity "user"), and keeps
// the two rules both front ends share: an admin cannot disable or demote
// themself, and the last active admin cannot be disabled or demoted.

// UserEdit is a user's new role and tie (municipality or pharmacy).
type UserEdit struct {
	Role         workflow.Role
	Municipality int
	PharmacyID   string
}

func requireUserAdmin(a workflow.Actor) error {
	if a.Role != workflow.RoleAdmin {
		return workflow.Forbidden("err.user.admins_only")
	}
	return nil
}

// userTx loads the user to change inside tx and checks the self and
// last-admin rules when the change takes admin rights away (losesAdmin).
// On PostgreSQL the active admins are locked, so two admins disabling each
// other at once cannot leave none; a SQLite transaction is immediate.
func (db *DB) userTx(ctx context.Context, tx bun.Tx, a workflow.Actor, id string, losesAdmin bool) (userRow, error) {
	var r userRow
	if err := tx.NewSelect().Model(&r).Where("u.id = ?", id).Scan(ctx); err != nil {
		return r, notFound(err, "err.user.not_found")
	}
	if !losesAdmin || r.Role != string(workflow.RoleAdmin) || r.DisabledAt != nil {
		return r, nil
	}
	if strings.EqualFold(r.Username, a.UserID) {
		return r, workflow.Invalid("err.user.not_yourself")
	}
	var ids []string
	q := tx.NewSelect().Table("users").Column("id").Where("role = ? AND disabled_at IS NULL", string(workflow.RoleAdmin))
	if db.Postgres {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx, &ids); err != nil {
		return r, fmt.Errorf("count admins: %w", err)
	}
	if len(ids) <= 1 {
		return r, workflow.Invalid("err.user.last_admin")
	}
	return r, nil
}

// changeUser runs fn on the loaded user in one transaction and logs cs.
func (db *DB) changeUser(ctx context.Context, a workflow.Actor, id string, losesAdmin bool, now time.Time,
	fn func(ctx context.Context, tx bun.Tx, r *userRow) ([]RecordChange, error)) error {
	if err := requireUserAdmin(a); err != nil {
		return err
	}
	return db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := db.userTx(ctx, tx, a, id, losesAdmin)
		if err != nil {
			return err
		}
		cs, err := fn(ctx, tx, &r)
		if err != nil {
			return err
		}
		for i := range cs {
			cs[i].Entity, cs[i].EntityID = "user", r.ID
		}
		return insertChanges(ctx, tx, a, now, cs)
	})
}

// DisableUser disables a user: they can no longer sign in, and their open
// sessions stop working at their next request. Users are never deleted, so
// the audit trail keeps naming who acted.
func (db *DB) DisableUser(ctx context.Context, a workflow.Actor, id string, now time.Time) error {
	return db.changeUser(ctx, a, id, true, now, func(ctx context.Context, tx bun.Tx, r *userRow) ([]RecordChange, error) {
		if r.DisabledAt != nil {
			return nil, workflow.Invalid("err.user.already_disabled", r.Username)
		}
		_, err := tx.NewUpdate().Table("users").Set("disabled_at = ?", now.UTC()).Where("id = ?", r.ID).Exec(ctx)
		return []RecordChange{{Field: "disabled", Old: "false", New: "true"}}, wrap(err, "disable user")
	})
}

// EnableUser re-enables a disabled user; the password is unchanged.
func (db *DB) EnableUser(ctx context.Context, a workflow.Actor, id string, now time.Time) error {
	return db.changeUser(ctx, a, id, false, now, func(ctx context.Context, tx bun.Tx, r *userRow) ([]RecordChange, error) {
		if r.DisabledAt == nil {
			return nil, workflow.Invalid("err.user.not_disabled", r.Username)
		}
		_, err := tx.NewUpdate().Table("users").Set("disabled_at = NULL").Where("id = ?", r.ID).Exec(ctx)
		return []RecordChange{{Field: "disabled", Old: "true", New: "false"}}, wrap(err, "enable user")
	})
}

// ResetPassword gives a user a new password (checked by the password rule)
// and ends every session they have (the credentials version moves on).
// The password itself is never logged.
func (db *DB) ResetPassword(ctx context.Context, a workflow.Actor, id, password string, now time.Time) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := argon2id.CreateHash(password, passwordParams())
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	return db.changeUser(ctx, a, id, false, now, func(ctx context.Context, tx bun.Tx, r *userRow) ([]RecordChange, error) {
		_, err := tx.NewUpdate().Table("users").Set("password_hash = ?", hash).
			Set("password_changed_at = ?", now.UTC()).Set("credentials_version = credentials_version + 1").
			Where("id = ?", r.ID).Exec(ctx)
		return []RecordChange{{Field: "password_reset", New: "true"}}, wrap(err, "reset password")
	})
}

// UpdateUser changes a user's role and tie, checked as for a new user.
func (db *DB) UpdateUser(ctx context.Context, a workflow.Actor, id string, in UserEdit, now time.Time) (User, error) {
	var out User
	err := db.changeUser(ctx, a, id, in.Role != workflow.RoleAdmin, now, func(ctx context.Context, tx bun.Tx, r *userRow) ([]RecordChange, error) {
		nu := NewUser{Username: r.Username, Name: r.Name, Role: in.Role, Municipality: in.Municipality,
			PharmacyID: in.PharmacyID}
		if err := nu.validateTie(); err != nil {
			return nil, err
		}
		old := *r
		r.Role, r.PharmacyID, r.Municipality = string(in.Role), nullable(in.PharmacyID), nil
		if in.Municipality != 0 {
			r.Municipality = &in.Municipality
		}
		if _, err := tx.NewUpdate().Model(r).Column("role", "municipality_code", "pharmacy_id").WherePK().Exec(ctx); err != nil {
			if isForeignKeyViolation(err) {
				return nil, workflow.Invalid("err.user.tie_unknown")
			}
			return nil, fmt.Errorf("update user: %w", err)
		}
		out = r.toUser()
		return userChanges(old, *r), nil
	})
	return out, err
}

// userChanges lists the fields of the role and tie that differ.
func userChanges(old, r userRow) []RecordChange {
	var cs []RecordChange
	for _, c := range [][3]string{{"role", old.Role, r.Role},
		{"municipality", intText(old.Municipality), intText(r.Municipality)},
		{"pharmacy", deref(old.PharmacyID), deref(r.PharmacyID)}} {
		if c[1] != c[2] {
			cs = append(cs, RecordChange{Field: c[0], Old: c[1], New: c[2]})
		}
	}
	return cs
}

func intText(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// AddUserAs adds a user as an admin, with its line in record_changes, in
// one transaction (AddUser, without an actor, sets up the demo and tests).
func (db *DB) AddUserAs(ctx context.Context, a workflow.Actor, in NewUser, now time.Time) (User, error) {
	if err := requireUserAdmin(a); err != nil {
		return User{}, err
	}
	var u User
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if u, err = addUser(ctx, tx, in, now); err != nil {
			return err
		}
		r := userRow{Role: string(u.Role), PharmacyID: nullable(u.PharmacyID)}
		if u.Municipality != 0 {
			r.Municipality = &u.Municipality
		}
		cs := append([]RecordChange{{Field: "created", New: "true"}}, userChanges(userRow{}, r)...)
		for i := range cs {
			cs[i].Entity, cs[i].EntityID = "user", u.ID
		}
		return insertChanges(ctx, tx, a, now, cs)
	})
	return u, err
}
