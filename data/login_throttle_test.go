package data_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"golang.org/x/sync/semaphore"
)

// testThrottle allows 3 failures per (user, address) and 5 per address.
func testThrottle() data.LoginThrottle {
	return data.LoginThrottle{Window: time.Hour, FreePerPair: 3, FreePerIP: 5,
		BaseDelay: 30 * time.Second, MaxDelay: 15 * time.Minute, QueueWait: 50 * time.Millisecond}
}

// attempt is one sign-in of a scripted sequence and what it must give.
type attempt struct {
	user, password, ip string
	at                 time.Duration // after t0
	want               string        // "ok", "bad" (wrong password) or "wait"
}

func outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, data.ErrLoginThrottled):
		return "wait"
	case workflow.KindOf(err) == workflow.KindInvalid:
		return "bad"
	}
	return "error: " + err.Error()
}

// TestLoginThrottleSequences: failures count per (user, address) and per
// address with growing delays; a stranger cannot lock a user out, and
// signing in to one's own account does not clear the address's count.
func TestLoginThrottleSequences(t *testing.T) {
	const pw = "correct horse"
	wrong := func(user, ip string, at time.Duration) attempt { return attempt{user, "wrong", ip, at, "bad"} }
	cases := []struct {
		name  string
		steps []attempt
	}{
		{"three failures make the same address wait, the user gets in from another", []attempt{
			wrong("admin", "10.0.0.1", 0), wrong("admin", "10.0.0.1", time.Second), wrong("admin", "10.0.0.1", 2*time.Second),
			{"admin", pw, "10.0.0.1", 3 * time.Second, "wait"},
			{"admin", pw, "10.0.0.2", 3 * time.Second, "ok"},
			{"nurse", pw, "10.0.0.1", 3 * time.Second, "ok"},
		}},
		{"the delay doubles with each further failure", []attempt{
			wrong("admin", "10.0.0.1", 0), wrong("admin", "10.0.0.1", 0), wrong("admin", "10.0.0.1", 0),
			{"admin", pw, "10.0.0.1", 29 * time.Second, "wait"},
			wrong("admin", "10.0.0.1", 31*time.Second),
			{"admin", pw, "10.0.0.1", 31*time.Second + 59*time.Second, "wait"},
			{"admin", pw, "10.0.0.1", 31*time.Second + 61*time.Second, "ok"},
			// The success cleared the pair, not the address: its fifth
			// failure in a row makes it wait.
			wrong("admin", "10.0.0.1", 2*time.Minute),
			{"admin", pw, "10.0.0.1", 2 * time.Minute, "wait"},
		}},
		{"a stranger's failures never lock the admin out", []attempt{
			wrong("admin", "10.6.6.6", 0), wrong("admin", "10.6.6.6", 0), wrong("admin", "10.6.6.6", 0),
			{"admin", "wrong", "10.6.6.6", 0, "wait"},
			{"admin", "wrong", "10.6.6.6", time.Minute, "bad"},
			{"admin", pw, "10.1.1.1", time.Minute, "ok"},
		}},
		{"signing in to one's own account does not clear the address", []attempt{
			wrong("x1", "10.7.7.7", 0), {"nurse", pw, "10.7.7.7", 0, "ok"},
			wrong("x2", "10.7.7.7", 0), {"nurse", pw, "10.7.7.7", 0, "ok"},
			wrong("x3", "10.7.7.7", 0), {"nurse", pw, "10.7.7.7", 0, "ok"},
			wrong("x4", "10.7.7.7", 0), {"nurse", pw, "10.7.7.7", 0, "ok"},
			wrong("x5", "10.7.7.7", 0),
			{"nurse", pw, "10.7.7.7", 0, "wait"},
			{"nurse", pw, "10.8.8.8", 0, "ok"},
		}},
		{"a quiet hour starts afresh", []attempt{
			wrong("admin", "10.0.0.1", 0), wrong("admin", "10.0.0.1", 0), wrong("admin", "10.0.0.1", 0),
			{"admin", pw, "10.0.0.1", 0, "wait"},
			wrong("admin", "10.0.0.1", 2*time.Hour), wrong("admin", "10.0.0.1", 2*time.Hour),
			{"admin", pw, "10.0.0.1", 2 * time.Hour, "ok"},
		}},
	}
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		for i, c := range cases {
			// Each case gets its own users and addresses (prefixing both).
			p := fmt.Sprintf("c%d", i)
			for _, u := range []string{"admin", "nurse"} {
				dbtest.Must(db.AddUser(ctx, data.NewUser{Username: p + u, Name: u, Role: workflow.RoleAdmin, Password: pw}, t0))(t)
			}
			for j, s := range c.steps {
				_, err := db.Authenticate(ctx, p+s.user, s.password, p+s.ip, testThrottle(), t0.Add(s.at))
				if got := outcome(err); got != s.want {
					t.Errorf("%s, step %d (%s from %s at +%s): %s, want %s", c.name, j+1, s.user, s.ip, s.at, got, s.want)
				}
			}
		}
	})
}

// TestLoginThrottleMessageNamesTheWait: the refusal says how long to wait,
// in Danish.
func TestLoginThrottleMessageNamesTheWait(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	ctx := context.Background()
	var err error
	for range 4 {
		_, err = db.Authenticate(ctx, "nobody", "x", "10.0.0.1", testThrottle(), t0)
	}
	var we *workflow.Error
	if !errors.As(err, &we) || !strings.Contains(we.Message("da"), "vent 30 sekunder") {
		t.Fatalf("4th attempt: %v", err)
	}
}

// TestLoginBusy: when no password check is free within QueueWait, the
// attempt is refused as busy and not counted as a failure.
func TestLoginBusy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "admin", Name: "A", Role: workflow.RoleAdmin, Password: "correct horse"}, t0))(t)
		gate := semaphore.NewWeighted(1)
		if err := gate.Acquire(ctx, 1); err != nil {
			t.Fatal(err)
		}
		th := testThrottle()
		th.Checks = gate
		for range 10 {
			if _, err := db.Authenticate(ctx, "admin", "wrong", "10.0.0.1", th, t0); !errors.Is(err, data.ErrLoginBusy) {
				t.Fatalf("with every check taken: %v, want busy", err)
			}
		}
		gate.Release(1)
		// None of the ten counted: three failures are still free.
		for i := range 3 {
			if _, err := db.Authenticate(ctx, "admin", "wrong", "10.0.0.1", th, t0); outcome(err) != "bad" {
				t.Fatalf("failure %d after the busy refusals: %v", i+1, err)
			}
		}
	})
}

// TestLoginRecordsBounded: an over-long or NUL-laden username is stored
// cut to the limit, and PruneLogins removes old attempts and idle counters.
func TestLoginRecordsBounded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		for _, name := range []string{strings.Repeat("å", 500_000), "nu\x00l", "bad\xffutf8"} {
			if _, err := db.Authenticate(ctx, name, "x", "10.0.0.1", testThrottle(), t0); outcome(err) != "bad" {
				t.Fatalf("username of %d bytes: %v", len(name), err)
			}
		}
		var longest int
		if err := db.Bun().NewSelect().Table("login_attempts").ColumnExpr("MAX(LENGTH(username))").Scan(ctx, &longest); err != nil {
			t.Fatal(err)
		}
		if longest > data.MaxUsernameLength+2 {
			t.Errorf("a stored username has %d characters", longest)
		}
		n, err := db.PruneLogins(ctx, testThrottle(), 24*time.Hour, t0.Add(48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if n != 3+4 { // three attempts; four counters (three pairs, one address)
			t.Errorf("pruned %d rows, want 7", n)
		}
	})
}
