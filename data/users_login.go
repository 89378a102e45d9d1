package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// LoginThrottle limits failed sign-ins. Attempts are stored in the
// database, so the limit holds across every instance on one database.
type LoginThrottle struct {
	// Window is how far back failures count.
	Window time.Duration
	// MaxPerUser is how many failures for one username within Window lock
	// that username until the oldest failure leaves the window.
	MaxPerUser int
	// MaxPerIP is the same limit per client address (higher: a care centre
	// may sign in many staff from one address).
	MaxPerIP int
}

// DefaultLoginThrottle allows 5 failures per username and 20 per address in
// 15 minutes.
func DefaultLoginThrottle() LoginThrottle {
	return LoginThrottle{Window: 15 * time.Minute, MaxPerUser: 5, MaxPerIP: 20}
}

// ErrLoginThrottled is wrapped by the error Authenticate returns while a
// username or address is locked.
var ErrLoginThrottled = errors.New("too many failed sign-ins")

// errBadLogin is the one message for an unknown user, a wrong password and
// a disabled user, so the answer does not reveal which usernames exist.
func errBadLogin() error {
	return workflow.Invalid("forkert brugernavn eller adgangskode", "wrong username or password")
}

type loginAttemptRow struct {
	bun.BaseModel `bun:"table:login_attempts"`
	ID            int64     `bun:"id,pk,autoincrement"`
	At            time.Time `bun:"at"`
	Username      string    `bun:"username"`
	IP            string    `bun:"ip"`
	Success       bool      `bun:"success"`
}

// dummyHash is compared against when the username is unknown, so that a
// miss takes as long as a wrong password.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$r0+Dti+vtZZhjy79NOvSJQ$KeDxl/w4QWEqsWqYOhi3YNZFpkKurUQ3CVvsfflizmk"

// Authenticate checks a username and password from address ip, records the
// attempt, and returns the user. It refuses while the username or the
// address has too many recent failures (an error wrapping
// ErrLoginThrottled), and gives one message for every other refusal.
func (db *DB) Authenticate(ctx context.Context, username, password, ip string, t LoginThrottle, now time.Time) (User, error) {
	now = now.UTC()
	since := now.Add(-t.Window)
	byUser, err := db.failures(ctx, "username", username, since)
	if err != nil {
		return User{}, err
	}
	byIP, err := db.failures(ctx, "ip", ip, since)
	if err != nil {
		return User{}, err
	}
	if byUser >= t.MaxPerUser || byIP >= t.MaxPerIP {
		minutes := int(t.Window.Minutes())
		return User{}, &workflow.Error{Kind: workflow.KindForbidden,
			MsgDA: fmt.Sprintf("for mange mislykkede forsøg; vent op til %d minutter og prøv igen", minutes),
			MsgEN: fmt.Sprintf("too many failed attempts; wait up to %d minutes and try again", minutes),
			Err:   ErrLoginThrottled}
	}
	var r userRow
	found := true
	if err := db.bun.NewSelect().Model(&r).Where("u.username = ?", username).Scan(ctx); err != nil {
		if !errors.Is(err, sql.ErrNoRows) {
			return User{}, fmt.Errorf("load user: %w", err)
		}
		found, r.PasswordHash = false, dummyHash
	}
	ok, err := argon2id.ComparePasswordAndHash(password, r.PasswordHash)
	if err != nil {
		return User{}, fmt.Errorf("check password of %s: %w", username, err)
	}
	success := found && ok && r.DisabledAt == nil
	if _, err := db.bun.NewInsert().Model(&loginAttemptRow{At: now, Username: username, IP: ip, Success: success}).
		ExcludeColumn("id").Exec(ctx); err != nil {
		return User{}, fmt.Errorf("record sign-in attempt: %w", err)
	}
	if !success {
		return User{}, errBadLogin()
	}
	return r.toUser(), nil
}

// failures counts failed attempts by col (username or ip) since a time,
// after the last success of that username or address.
func (db *DB) failures(ctx context.Context, col, value string, since time.Time) (int, error) {
	var last []time.Time
	if err := db.bun.NewSelect().Table("login_attempts").ColumnExpr("at").
		Where("? = ? AND success AND at >= ?", bun.Ident(col), value, since).
		OrderExpr("at DESC").Limit(1).Scan(ctx, &last); err != nil {
		return 0, fmt.Errorf("count sign-in failures: %w", err)
	}
	if len(last) > 0 {
		since = last[0]
	}
	n, err := db.bun.NewSelect().Table("login_attempts").
		Where("? = ? AND NOT success AND at >= ?", bun.Ident(col), value, since).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count sign-in failures: %w", err)
	}
	return int(n), nil
}
