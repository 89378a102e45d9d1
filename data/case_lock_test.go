package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestPauseWhileTheCaseMoves: on PostgreSQL a pause, which changes the
// case's roll periods before the case row, and a citizen's move, which
// takes the case row first and its periods after, run at once on one case.
// Before the case row was locked at the snapshot, the pause held the
// periods and waited for the case while the move held the case and waited
// for the periods: PostgreSQL aborted one ("deadlock detected", seen in
// the rollups' property test). Now the pause waits for the case before it
// touches anything, and both finish. The move's side is played by a raw
// transaction taking the same rows in the same order, so the two meet
// exactly there. (SQLite runs one writer at a time: there is no such
// interleaving.)
func TestPauseWhileTheCaseMoves(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		if !db.Postgres {
			t.Skip("SQLite runs one writer at a time")
		}
		ctx := context.Background()
		f := newWLFixture(t, db)
		c := f.cases["active"]
		var planned int
		if err := db.Bun().NewRaw("SELECT count(*) FROM roll_periods WHERE case_id = ? AND status = 'planned'", c.ID).Scan(ctx, &planned); err != nil || planned == 0 {
			t.Fatalf("the active case needs planned periods for the pause to change: %d (%v)", planned, err)
		}

		move, err := db.Bun().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer move.Rollback() //nolint:errcheck // after Commit: a no-op
		if _, err := move.ExecContext(ctx, "UPDATE cases SET updated_at = updated_at WHERE id = ?", c.ID); err != nil {
			t.Fatal(err)
		}

		f.clock = f.now
		paused := make(chan error, 1)
		go func() {
			_, err := f.sv.Pause(ctx, f.nurse, c.ID, "citizen_away", "")
			paused <- err
		}()
		// Until the pause waits for a lock the move holds.
		waitForLock(t, db, "the pause", paused)
		// The move goes on to the case's periods, as MoveCitizen does.
		if _, err := move.ExecContext(ctx, "UPDATE roll_periods SET municipality_code = municipality_code WHERE case_id = ?", c.ID); err != nil {
			t.Fatalf("the move's update of the periods: %v", err)
		}
		if err := move.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-paused; err != nil {
			t.Fatalf("the pause after the move: %v", err)
		}
		var state string
		if err := db.Bun().NewRaw("SELECT state FROM cases WHERE id = ?", c.ID).Scan(ctx, &state); err != nil || state != string(workflow.StatePaused) {
			t.Errorf("case state %q (%v), want paused", state, err)
		}
	})
}

// TestMoveWaitsForTheCaseBeforeCounting: on PostgreSQL a citizen's move
// waits for a transaction holding the open case (a transition between its
// snapshot and its commit) before it counts the case's rollups out, not
// after: counted before the transition commits and again after, the
// transition's rows were counted twice (a stage reached during a move, seen
// in the property test's concurrent writers).
func TestMoveWaitsForTheCaseBeforeCounting(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		if !db.Postgres {
			t.Skip("SQLite runs one writer at a time")
		}
		ctx := context.Background()
		f := newWLFixture(t, db)
		c := f.cases["active"]
		held, err := db.Bun().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer held.Rollback() //nolint:errcheck // after Commit: a no-op
		if _, err := held.ExecContext(ctx, "SELECT 1 FROM cases WHERE id = ? FOR UPDATE", c.ID); err != nil {
			t.Fatal(err)
		}
		moved := make(chan error, 1)
		go func() {
			_, err := db.MoveCitizen(ctx, workflow.System("test"), data.CitizenMove{CitizenID: c.CitizenID, To: 101}, f.now)
			moved <- err
		}()
		waiting := waitForLock(t, db, "the move", moved)
		if !strings.Contains(waiting, "FOR UPDATE") || strings.Contains(waiting, "UPDATE \"cases\"") || strings.Contains(waiting, "UPDATE cases") {
			t.Errorf("the move waits for its case at %q, want its first read of the open case (before the rollups are counted)", waiting)
		}
		if err := held.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-moved; err != nil {
			t.Fatalf("the move: %v", err)
		}
	})
}

// waitForLock waits until a statement of db's database waits for a row
// lock, and returns its text; what (running in the background, its result
// on done) must not finish first.
func waitForLock(t *testing.T, db *data.DB, what string, done <-chan error) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var waiting string
		if err := db.Bun().NewRaw(`SELECT coalesce(max(query), '') FROM pg_stat_activity
WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(context.Background(), &waiting); err != nil {
			t.Fatal(err)
		}
		if waiting != "" {
			return waiting
		}
		select {
		case err := <-done:
			t.Fatalf("%s finished while the row was held: %v", what, err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never waited for the held row", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
