package data_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestCheckpointInBackground: pages committed to SQLite's log reach the
// database file without a checkpoint by the writer (fewer pages than the
// automatic checkpoint's 1,000) once the server's loop runs, and Close
// stops the loop. On PostgreSQL it is a no-op.
func TestCheckpointInBackground(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, "sqlite")
	exec := func(q string) {
		t.Helper()
		if _, err := db.Bun().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Checkpoint(ctx); err != nil { // the migrations' pages
		t.Fatal(err)
	}
	size := func() int64 {
		t.Helper()
		st, err := os.Stat(db.Path)
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	before := size()
	exec("CREATE TABLE ckpt_probe (b BLOB)")
	exec("INSERT INTO ckpt_probe SELECT zeroblob(4000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 200) SELECT i FROM n)")
	if got := size(); got != before {
		t.Fatalf("the database file grew without a checkpoint (%d → %d bytes): the test cannot tell the loop's work", before, got)
	}
	db.CheckpointInBackground(20*time.Millisecond, func(err error) { t.Errorf("background checkpoint: %v", err) })
	deadline := time.Now().Add(5 * time.Second)
	for size() < before+200*4000 {
		if time.Now().After(deadline) {
			t.Fatalf("after 5 s the database file is %d bytes, want the 200 rows' pages checkpointed into it", size())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Checkpoint(ctx); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("checkpoint after Close: %v, want the closed database's error", err)
	}
}

func TestCheckpointOnPostgresIsANoop(t *testing.T) {
	db := dbtest.Open(t, "postgres")
	db.CheckpointInBackground(time.Millisecond, func(err error) { t.Errorf("background checkpoint: %v", err) })
	if s, err := db.Checkpoint(context.Background()); err != nil || s.Pages != 0 {
		t.Errorf("checkpoint on PostgreSQL = %+v, %v; want nothing done", s, err)
	}
}
