package data_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestBusySQLiteWaits: while another connection pool on the same SQLite file
// (as a second process would) holds a write transaction for 1.5 s, workflow
// transitions wait for it (busy timeout, immediate transactions) and
// succeed; none fails the user with "database is locked". The wait is
// logged (docs/reliability.md quotes it).
func TestBusySQLiteWaits(t *testing.T) {
	const hold = 1500 * time.Millisecond
	ctx := context.Background()
	db := dbtest.Open(t, "sqlite")
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	sys := workflow.System("busy-test")
	svc := workflow.NewService(db, func() time.Time { return now }, workflow.DefaultSettings())
	cits := make([]workflow.Citizen, 8)
	for i, cpr := range []string{"010145-1236", "020145-1235", "030145-1234", "040145-1233",
		"050145-1232", "060145-1231", "070145-1230", "080145-1239"} {
		c, _, err := db.AddCitizen(ctx, sys, data.NewCitizen{CPR: cpr, Name: "Busy Borger", Municipality: 851}, now)
		if err != nil {
			t.Fatal(err)
		}
		cits[i] = c
	}
	other, err := data.Open(ctx, db.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = other.Close() })

	// prepare runs before the lock is taken and returns the transition to
	// fire (n at once) while it is held.
	tests := []struct {
		name    string
		n       int
		prepare func(t *testing.T) func(i int) error
	}{
		{"open a case (insert)", 1, func(t *testing.T) func(int) error {
			return func(int) error {
				_, err := svc.OpenCase(ctx, sys, cits[0].ID, "home_care")
				return err
			}
		}},
		{"end a case (read, then write)", 1, func(t *testing.T) func(int) error {
			c := dbtest.Must(svc.OpenCase(ctx, sys, cits[1].ID, "home_care"))(t)
			return func(int) error {
				_, err := svc.End(ctx, sys, c.ID, "duplicate", "")
				return err
			}
		}},
		{"six transitions at once", 6, func(t *testing.T) func(int) error {
			return func(i int) error {
				_, err := svc.OpenCase(ctx, sys, cits[2+i].ID, "home_care")
				return err
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fire := tc.prepare(t)
			release := holdWriteLock(t, other, hold)
			began := time.Now()
			errs := make([]error, tc.n)
			var wg sync.WaitGroup
			for i := range tc.n {
				wg.Go(func() { errs[i] = fire(i) })
			}
			wg.Wait()
			waited := time.Since(began)
			release()
			for i, err := range errs {
				if err != nil {
					t.Errorf("transition %d failed while the database was busy: %v", i, err)
				}
			}
			if waited < hold-200*time.Millisecond {
				t.Errorf("the transitions took %v: they did not wait for the writer holding the lock for %v", waited, hold)
			}
			t.Logf("%d transition(s) waited %v for a write lock held %v, then succeeded", tc.n, waited.Round(time.Millisecond), hold)
		})
	}
}

// holdWriteLock begins a write transaction on db (BEGIN IMMEDIATE, with a
// row written), commits it after d in the background, and returns a
// function that waits for the commit.
func holdWriteLock(t *testing.T, db *data.DB, d time.Duration) func() {
	t.Helper()
	tx, err := db.Bun().BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO access_log (at, actor, actor_role, citizen_id, what) VALUES (?, 'busy-test', 'admin', 'none', 'hold.lock')",
		time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		time.Sleep(d)
		done <- tx.Commit()
	}()
	return func() {
		if err := <-done; err != nil {
			t.Errorf("commit of the lock holder: %v", err)
		}
	}
}
