package data

import (
	"context"
	"time"
)

// writeGate queues this process's writers on SQLite before they ask
// SQLite for its one write lock. Without it, concurrent writers (a page
// view's access-log rows, a session, a transition) each poll the lock
// under the busy timeout, sleeping 1, 2, 5, 10, 15, 20, 25 … 100 ms
// between tries, so a write that could start 1 ms after the previous
// commit waited tens of milliseconds: the web's tail under load
// (BENCHMARKS.md, "Web at 50 and 200 users"). Queued on a channel, the
// next writer starts the moment the previous one is done. Writers of
// other processes (the command line) still meet the busy timeout. nil on
// PostgreSQL, whose row locks need no queue.
type writeGate chan struct{}

// gateWait bounds the wait for the gate: after it the writer goes on to
// SQLite's own busy handling, so no write can hang on the gate.
const gateWait = 10 * time.Second

// gated runs the write fn after the writers of this process queued before
// it have finished.
func (db *DB) gated(ctx context.Context, fn func() error) error {
	if db.gate == nil {
		return fn()
	}
	t := time.NewTimer(gateWait)
	defer t.Stop()
	select {
	case db.gate <- struct{}{}:
		defer func() { <-db.gate }()
	case <-t.C:
	case <-ctx.Done():
		return ctx.Err()
	}
	return fn()
}
