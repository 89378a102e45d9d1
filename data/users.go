package data

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// User is a person who signs in to the web application. A nurse and a
// project lead belong to a municipality, pharmacy staff to a pharmacy.
type User struct {
	ID           string
	Username     string
	Name         string
	Role         workflow.Role
	Municipality int
	PharmacyID   string
	Disabled     bool
	CreatedAt    time.Time
	// CredentialsVersion counts password changes; a session signed in
	// under an older version is no longer valid.
	CredentialsVersion int
}

// Actor returns the user as the workflow's actor. The username is the
// actor id written to the audit trail and the access log.
func (u User) Actor() workflow.Actor {
	return workflow.Actor{UserID: u.Username, Name: u.Name, Role: u.Role,
		Municipality: u.Municipality, PharmacyID: u.PharmacyID}
}

// NewUser is a user to create.
type NewUser struct {
	Username     string
	Name         string
	Role         workflow.Role
	Municipality int
	PharmacyID   string
	Password     string
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// passwordParams are argon2id's settings (OWASP's recommendation: 19 MiB,
// two passes, one lane).
func passwordParams() *argon2id.Params {
	return &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}
}

type userRow struct {
	bun.BaseModel     `bun:"table:users,alias:u"`
	ID                string     `bun:"id,pk"`
	Username          string     `bun:"username"`
	Name              string     `bun:"name"`
	Role              string     `bun:"role"`
	Municipality      *int       `bun:"municipality_code"`
	PharmacyID        *string    `bun:"pharmacy_id"`
	PasswordHash      string     `bun:"password_hash"`
	PasswordChangedAt time.Time  `bun:"password_changed_at"`
	DisabledAt        *time.Time `bun:"disabled_at"`
	CreatedAt         time.Time  `bun:"created_at"`
	// CredentialsVersion is incremented by every password change.
	CredentialsVersion int `bun:"credentials_version"`
}

func (r userRow) toUser() User {
	u := User{ID: r.ID, Username: r.Username, Name: r.Name, Role: workflow.Role(r.Role),
		PharmacyID: deref(r.PharmacyID), Disabled: r.DisabledAt != nil, CreatedAt: r.CreatedAt.UTC(),
		CredentialsVersion: r.CredentialsVersion}
	if r.Municipality != nil {
		u.Municipality = *r.Municipality
	}
	return u
}

// validate checks the user's fields, ties and password.
func (in NewUser) validate() error {
	if err := in.validateTie(); err != nil {
		return err
	}
	return checkPassword(in.Password)
}

// validateTie checks the user's username, name, role and tie: a nurse and
// a project lead need a municipality, pharmacy staff a pharmacy, the
// others neither.
func (in NewUser) validateTie() error {
	if in.Username == "" || strings.ContainsAny(in.Username, " \t\r\n") || utf8.RuneCountInString(in.Username) > 64 {
		return workflow.Invalid("err.user.username_invalid")
	}
	if strings.TrimSpace(in.Name) == "" {
		return workflow.Invalid("err.name.missing")
	}
	if err := workflow.CheckText(i18n.Key("err.field.name"), in.Name, workflow.TextName); err != nil {
		return err
	}
	if _, err := workflow.ParseRole(string(in.Role)); err != nil {
		return err
	}
	switch in.Role {
	case workflow.RoleNurse, workflow.RoleLead:
		if in.Municipality == 0 || in.PharmacyID != "" {
			return workflow.Invalid("err.user.needs_municipality")
		}
	case workflow.RolePharmacy:
		if in.PharmacyID == "" || in.Municipality != 0 {
			return workflow.Invalid("err.user.needs_pharmacy")
		}
	default:
		if in.Municipality != 0 || in.PharmacyID != "" {
			return workflow.Invalid("err.user.needs_no_tie")
		}
	}
	return nil
}

func checkPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return workflow.Invalid("err.user.password_too_short", MinPasswordLength)
	}
	return nil
}

// AddUser validates and stores a user with an argon2id hash of the password.
func (db *DB) AddUser(ctx context.Context, in NewUser, now time.Time) (User, error) {
	return addUser(ctx, db.bun, in, now)
}

func addUser(ctx context.Context, q bun.IDB, in NewUser, now time.Time) (User, error) {
	if err := in.validate(); err != nil {
		return User{}, err
	}
	if err := usernameTaken(ctx, q, in.Username); err != nil {
		return User{}, err
	}
	hash, err := argon2id.CreateHash(in.Password, passwordParams())
	if err != nil {
		return User{}, fmt.Errorf("hash password: %w", err)
	}
	r := userRow{ID: workflow.NewID(), Username: in.Username, Name: strings.TrimSpace(in.Name), Role: string(in.Role),
		PharmacyID: nullable(in.PharmacyID), PasswordHash: hash, PasswordChangedAt: now.UTC(), CreatedAt: now.UTC()}
	if in.Municipality != 0 {
		r.Municipality = &in.Municipality
	}
	if _, err := q.NewInsert().Model(&r).Exec(ctx); err != nil {
		switch {
		case isUniqueViolation(err):
			// added at the same moment by someone else
			if terr := usernameTaken(ctx, q, in.Username); terr != nil {
				return User{}, terr
			}
			return User{}, workflow.Invalid("err.user.username_taken", in.Username)
		case isForeignKeyViolation(err):
			return User{}, workflow.Invalid("err.user.tie_unknown")
		}
		return User{}, fmt.Errorf("insert user: %w", err)
	}
	return r.toUser(), nil
}

// Users lists every user by username.
func (db *DB) Users(ctx context.Context) ([]User, error) {
	var rows []userRow
	if err := db.bun.NewSelect().Model(&rows).Order("username").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.toUser()
	}
	return out, nil
}

// User loads a user by id (disabled users too; callers check Disabled).
func (db *DB) User(ctx context.Context, id string) (User, error) {
	var r userRow
	if err := db.bun.NewSelect().Model(&r).Where("u.id = ?", id).Scan(ctx); err != nil {
		return User{}, notFound(err, "err.user.not_found")
	}
	return r.toUser(), nil
}

// UserByUsername loads a user by username, without regard to case.
func (db *DB) UserByUsername(ctx context.Context, username string) (User, error) {
	var r userRow
	if err := db.bun.NewSelect().Model(&r).Where(whereUsername, username).Scan(ctx); err != nil {
		return User{}, notFound(err, "err.user.not_found")
	}
	return r.toUser(), nil
}

// SetPassword replaces a user's password and increments the user's
// credentials version, which ends every session signed in before.
func (db *DB) SetPassword(ctx context.Context, username, password string, now time.Time) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := argon2id.CreateHash(password, passwordParams())
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	res, err := db.bun.NewUpdate().Table("users").Set("password_hash = ?", hash).
		Set("password_changed_at = ?", now.UTC()).Set("credentials_version = credentials_version + 1").
		Where("lower(username) = lower(?)", username).Exec(ctx)
	return oneRow(res, err, "set password")
}

// oneRow turns an update that touched no row into a not-found error.
func oneRow(res interface{ RowsAffected() (int64, error) }, err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return workflow.NotFound("err.user.not_found")
	}
	return nil
}
