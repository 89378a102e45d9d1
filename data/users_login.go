package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// LoginThrottle limits failed sign-ins. The counters are in the database,
// so the limit holds across every instance on one database.
//
// Failures are counted per (username, address) and per address, never per
// username alone: a stranger's wrong passwords cannot lock a user out, and
// a user signing in from another address gets in. After the free failures
// in a row on a counter, each further attempt waits BaseDelay, doubling
// with each failure up to MaxDelay. A success clears its own pair's
// counter only; it does not clear the address's.
type LoginThrottle struct {
	// Window is how long a counter must be quiet to start afresh.
	Window time.Duration
	// FreePerPair is how many failures in a row one username may have from
	// one address before the delays start.
	FreePerPair int
	// FreePerIP is the same per address (higher: a care centre may sign in
	// many staff from one address).
	FreePerIP int
	// BaseDelay is the first delay; MaxDelay the longest.
	BaseDelay, MaxDelay time.Duration
	// Checks bounds how many password hashes run at once (each costs
	// 19 MiB); nil means no bound. A *semaphore.Weighted fits.
	Checks PasswordGate
	// QueueWait is how long an attempt waits for a free check before it is
	// refused with ErrLoginBusy.
	QueueWait time.Duration
}

// PasswordGate bounds concurrent password checks; *semaphore.Weighted from
// golang.org/x/sync implements it.
type PasswordGate interface {
	Acquire(ctx context.Context, n int64) error
	Release(n int64)
}

// DefaultLoginThrottle allows 5 failures in a row per username and address
// and 20 per address, then waits 30 s, 1 min, 2 min … up to 15 minutes; a
// counter quiet for an hour starts afresh.
func DefaultLoginThrottle() LoginThrottle {
	return LoginThrottle{Window: time.Hour, FreePerPair: 5, FreePerIP: 20,
		BaseDelay: 30 * time.Second, MaxDelay: 15 * time.Minute, QueueWait: 5 * time.Second}
}

// MaxUsernameLength bounds a username; longer input is never looked up or
// stored as typed.
const MaxUsernameLength = 64

// ErrLoginThrottled is wrapped by the error Authenticate returns while an
// attempt must wait.
var ErrLoginThrottled = errors.New("too many failed sign-ins")

// ErrLoginBusy is wrapped by the error Authenticate returns when no
// password check became free within QueueWait.
var ErrLoginBusy = errors.New("too many sign-ins at once")

// errBadLogin is the one message for an unknown user, a wrong password and
// a disabled user, so the answer does not reveal which usernames exist.
func errBadLogin() error {
	return workflow.Invalid("err.user.wrong_credentials")
}

func errThrottled(wait time.Duration) error {
	n := secs(wait)
	howLong := i18n.TextFunc(func(l i18n.Lang) string { return i18n.Tf(l, "err.user.wait_seconds", n) })
	if wait > 90*time.Second {
		m := int(math.Ceil(wait.Minutes()))
		howLong = func(l i18n.Lang) string { return i18n.Tf(l, "err.user.wait_minutes", m) }
	}
	e := workflow.Forbidden("err.user.throttled", howLong)
	e.Err = ErrLoginThrottled
	return e
}

func secs(d time.Duration) int { return int(math.Ceil(d.Seconds())) }

func errBusy() error {
	return &workflow.Error{Kind: workflow.KindConflict,
		Key: "err.user.login_busy", Err: ErrLoginBusy}
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
// attempt, and returns the user. The attempt is first counted against the
// throttle's counters; while one of them must wait it is refused (an error
// wrapping ErrLoginThrottled) without checking the password. Every other
// refusal gets one message.
func (db *DB) Authenticate(ctx context.Context, username, password, ip string, t LoginThrottle, now time.Time) (User, error) {
	now = now.UTC()
	username = boundUsername(username)
	keys := loginKeys(username, ip, t)
	wait, err := db.reserve(ctx, keys, t, now)
	if err != nil {
		return User{}, err
	}
	if wait > 0 {
		return User{}, errThrottled(wait)
	}
	if t.Checks != nil {
		qctx, cancel := context.WithTimeout(ctx, t.QueueWait)
		err := t.Checks.Acquire(qctx, 1)
		cancel()
		if err != nil {
			if serr := db.settle(context.WithoutCancel(ctx), keys, false, t, now); serr != nil {
				return User{}, serr
			}
			return User{}, errBusy()
		}
		defer t.Checks.Release(1)
	}
	r, found, err := db.loginUser(ctx, username)
	if err != nil {
		return User{}, err
	}
	ok, err := argon2id.ComparePasswordAndHash(password, r.PasswordHash)
	if err != nil {
		return User{}, fmt.Errorf("check password of user %s: %w", r.ID, err)
	}
	success := found && ok && r.DisabledAt == nil
	if _, err := db.bun.NewInsert().Model(&loginAttemptRow{At: now, Username: username, IP: ip, Success: success}).
		ExcludeColumn("id").Exec(ctx); err != nil {
		return User{}, fmt.Errorf("record sign-in attempt: %w", err)
	}
	if !success {
		return User{}, errBadLogin()
	}
	if err := db.settle(ctx, keys, true, t, now); err != nil {
		return User{}, err
	}
	return r.toUser(), nil
}

// loginUser loads the user to check, or the dummy hash when there is none.
func (db *DB) loginUser(ctx context.Context, username string) (userRow, bool, error) {
	var r userRow
	if len(username) <= MaxUsernameLength {
		err := db.bun.NewSelect().Model(&r).Where(whereUsername, username).Scan(ctx)
		if err == nil {
			return r, true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return r, false, fmt.Errorf("load user: %w", err)
		}
	}
	r.PasswordHash = dummyHash
	return r, false, nil
}

// boundUsername keeps a username to what may be stored: an over-long one,
// or one with a NUL byte or invalid UTF-8 (which PostgreSQL refuses), is
// cut to MaxUsernameLength bytes of valid text plus a marker that no real
// username contains (it has a space), so it can never match a user.
func boundUsername(s string) string {
	if len(s) <= MaxUsernameLength && utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	s = strings.ReplaceAll(strings.ToValidUTF8(s[:min(len(s), MaxUsernameLength)], ""), "\x00", "")
	return s + " …"
}
