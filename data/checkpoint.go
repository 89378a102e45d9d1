package data

import (
	"context"
	"time"
)

// DefaultCheckpointEvery is how often a server checkpoints SQLite's
// write-ahead log in the background (dosis serve --checkpoint-every). At
// 50 users on the national data, 300 ms gave 8–13 statements over 15 ms in
// 30 s against 35–38 at 1 s and 5 s (smaller checkpoints, shorter fsyncs of
// the database file for the log's writes to queue behind; BENCHMARKS.md).
const DefaultCheckpointEvery = 300 * time.Millisecond

// checkpointer is a server's background WAL checkpoint loop.
type checkpointer struct {
	stop context.CancelFunc
	done chan struct{}
}

// CheckpointInBackground makes db copy SQLite's write-ahead log back into
// the database file every `every`, on a goroutine of its own, until Close.
//
// Without it the checkpoint runs inside whichever commit takes the log past
// 1,000 pages (SQLite's automatic checkpoint): that request copies the pages
// and waits for two fsyncs while holding the write gate, so every writer
// queued behind it waits too (the web's tail on SQLite; BENCHMARKS.md). A
// PASSIVE checkpoint blocks no reader and no writer; with nothing new in the
// log it returns without a sync. The automatic checkpoint stays on as a
// backstop for a burst that outruns the loop, and durability is unchanged
// (synchronous NORMAL: a commit is durable at the log's next sync, which a
// checkpoint performs, now at least every `every`). A no-op on PostgreSQL,
// for every <= 0, or when already running. report, when not nil, receives
// a failed checkpoint's error (it holds no personal data).
func (db *DB) CheckpointInBackground(every time.Duration, report func(error)) {
	if db.Postgres || every <= 0 || db.ckpt != nil {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{stop: stop, done: make(chan struct{})}
	db.ckpt = c
	go func() {
		defer close(c.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			if _, err := db.Checkpoint(ctx); err != nil && ctx.Err() == nil && report != nil {
				report(err)
			}
		}
	}()
}

// WALState is what one checkpoint found: the log's pages and how many of
// them are now in the database file.
type WALState struct {
	Busy                bool
	Pages, Checkpointed int
}

// Checkpoint runs one PASSIVE checkpoint of SQLite's write-ahead log (zero
// on PostgreSQL).
func (db *DB) Checkpoint(ctx context.Context) (WALState, error) {
	var s WALState
	if db.Postgres {
		return s, nil
	}
	var busy int
	if err := db.bun.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &s.Pages, &s.Checkpointed); err != nil {
		return s, wrap(err, "checkpoint the write-ahead log")
	}
	s.Busy = busy != 0
	return s, nil
}

// stopCheckpoints ends the background loop and waits for it.
func (db *DB) stopCheckpoints() {
	if db.ckpt != nil {
		db.ckpt.stop()
		<-db.ckpt.done
	}
}
