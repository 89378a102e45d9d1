package data_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// digest sums the citizens and access-log rows of a database file.
func digest(t *testing.T, path string) (citizens, logged int, sum string) {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	h := sha256.New()
	rows, err := conn.Query("SELECT id, cpr, name FROM citizens ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, number, name string
		if err := rows.Scan(&id, &number, &name); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(h, id, number, name)
		citizens++
	}
	if err := conn.QueryRow("SELECT COUNT(*) FROM access_log WHERE what = 'citizen.add'").Scan(&logged); err != nil {
		t.Fatal(err)
	}
	return citizens, logged, fmt.Sprintf("%x", h.Sum(nil))
}

// TestBackupWhileWritingAndRestore backs up a SQLite database while a
// writer keeps adding citizens, checks that the copy is consistent (every
// citizen has its access-log row: each pair was one transaction), restores
// it into a new path and compares the contents.
func TestBackupWhileWritingAndRestore(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, "sqlite")
	admin := workflow.System("writer")
	var added atomic.Int64
	add := func(i int) error {
		// Valid CPR dates in the 1900s: day 1-28, month 1-12, year 00-99.
		number := fmt.Sprintf("%02d%02d%02d-%04d", i%28+1, i/28%12+1, i/336%100, 1000+i/33600)
		_, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: number, Name: fmt.Sprintf("Borger %d", i), Municipality: 851}, exportNow)
		if err == nil {
			added.Add(1)
		}
		return err
	}
	for i := range 200 {
		if err := add(i); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 200; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := add(i); err != nil {
				writeErr = err
				return
			}
		}
	}()
	time.Sleep(50 * time.Millisecond)
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	info, err := db.Backup(ctx, backup)
	before := added.Load()
	time.Sleep(50 * time.Millisecond)
	close(stop)
	wg.Wait()
	if err != nil || writeErr != nil {
		t.Fatalf("backup: %v; writer: %v", err, writeErr)
	}
	if info.Bytes == 0 || len(info.Migrations) == 0 {
		t.Fatalf("backup info %+v", info)
	}
	citizens, logged, sum := digest(t, backup)
	if citizens != logged || citizens < 200 || int64(citizens) > before {
		t.Fatalf("backup holds %d citizens and %d access rows (%d added before it ended): not one moment", citizens, logged, before)
	}
	t.Logf("backup of %d bytes holds %d citizens; the writer added %d in all", info.Bytes, citizens, added.Load())
	if _, err := db.Backup(ctx, backup); workflow.KindOf(err) != workflow.KindInvalid {
		t.Errorf("backup over an existing file: %v", err)
	}

	// Restore over an existing database: the old one is kept aside.
	target := filepath.Join(dir, "restored.db")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := data.Restore(ctx, backup, target, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pending) != 0 || res.Previous == "" {
		t.Errorf("restore info %+v", res)
	}
	if old, err := os.ReadFile(res.Previous); err != nil || string(old) != "old" {
		t.Errorf("the replaced database was not kept: %v", err)
	}
	if c2, l2, sum2 := digest(t, target); c2 != citizens || l2 != logged || sum2 != sum {
		t.Fatalf("restored %d/%d rows, digest %s; backup had %d/%d, %s", c2, l2, sum2, citizens, logged, sum)
	}
	restored, err := data.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if err := restored.RequireCurrent(ctx); err != nil {
		t.Fatalf("restored schema: %v", err)
	}
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	db := dbtest.Open(t, "sqlite")
	newer := filepath.Join(dir, "newer.db")
	if _, err := db.Backup(ctx, newer); err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("INSERT INTO bun_migrations (name, group_id, migrated_at) VALUES ('29991231000000', 99, CURRENT_TIMESTAMP)"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	cases := []struct{ name, backup, want string }{
		{"missing", filepath.Join(dir, "nope.db"), "cannot be read"},
		{"not a database", junk, "not a usable Dosis backup"},
		{"newer schema", newer, "newer Dosis"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			target := filepath.Join(dir, tc.name+".db")
			_, err := data.Restore(ctx, tc.backup, target, exportNow)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want %q, got %v", tc.want, err)
			}
			if _, err := os.Stat(target); err == nil {
				t.Fatalf("a refused restore created %s", target)
			}
		})
	}
}

func TestBackupRefusesPostgres(t *testing.T) {
	db := dbtest.Open(t, "postgres")
	_, err := db.Backup(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if workflow.KindOf(err) != workflow.KindInvalid || !strings.Contains(err.Error(), "pg_dump -Fc") {
		t.Fatalf("want a refusal naming pg_dump, got %v", err)
	}
}
