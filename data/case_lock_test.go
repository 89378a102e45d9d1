package data_test

import (
	"context"
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
		deadline := time.Now().Add(10 * time.Second)
		for {
			var waiting int
			if err := db.Bun().NewRaw(`SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(ctx, &waiting); err != nil {
				t.Fatal(err)
			}
			if waiting > 0 {
				break
			}
			select {
			case err := <-paused:
				t.Fatalf("the pause finished while the case row was held: %v", err)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatal("the pause never waited for the case row")
			}
			time.Sleep(10 * time.Millisecond)
		}
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
