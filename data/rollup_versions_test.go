package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestReportVersionsLockPerMunicipality (PostgreSQL): a transaction that
// has moved on one municipality's version (holding its row until the
// commit) does not hold up one in another municipality; one in the same
// municipality waits for the commit.
func TestReportVersionsLockPerMunicipality(t *testing.T) {
	db := dbtest.Open(t, "postgres")
	ctx := context.Background()
	tx1, err := db.Bun().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx1.Rollback() }()
	if err := data.BumpVersions(ctx, tx1, []int{101}); err != nil {
		t.Fatal(err)
	}
	bumpIn := func(code int, wait time.Duration) error {
		ctx, cancel := context.WithTimeout(ctx, wait)
		defer cancel()
		tx, err := db.Bun().BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }()
		if err := data.BumpVersions(ctx, tx, []int{code}); err != nil {
			return err
		}
		return tx.Commit()
	}
	if err := bumpIn(851, 5*time.Second); err != nil {
		t.Errorf("Aalborg while København's row is held: %v, want no wait", err)
	}
	if err := bumpIn(101, 300*time.Millisecond); err == nil {
		t.Errorf("København while its row is held: committed, want to wait for the holder's commit")
	}
	if err := tx1.Commit(); err != nil {
		t.Fatal(err)
	}
	vs, err := data.ReadVersions(ctx, db.Bun(), []int{101, 851})
	if err != nil {
		t.Fatal(err)
	}
	if vs != "0:1 101:2 851:2 " {
		t.Errorf("versions %q, want 0:1 101:2 851:2 (migrated at 1; the waiting bump gave up)", vs)
	}
}

// TestBumpAllVersions: every municipality and the reference data move on
// together, each by one, on both engines (the INSERT … SELECT upsert);
// migrate puts them at 1.
func TestBumpAllVersions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		read := func(codes []int) string {
			vs, err := data.ReadVersions(ctx, db.Bun(), codes)
			if err != nil {
				t.Fatal(err)
			}
			return vs
		}
		before := read([]int{101, 851})
		if err := data.BumpVersions(ctx, db.Bun(), []int{851, 851}); err != nil {
			t.Fatal(err)
		}
		if err := data.BumpAllVersions(ctx, db.Bun()); err != nil {
			t.Fatal(err)
		}
		if after := read([]int{101, 851}); before != "0:1 101:1 851:1 " || after != "0:2 101:2 851:3 " {
			t.Errorf("versions %q then %q, want 0:1 101:1 851:1 then 0:2 101:2 851:3", before, after)
		}
		if n := len(strings.Fields(read(nil))); n != 99 {
			t.Errorf("%d versions for all municipalities, want 98 and the reference data", n)
		}
	})
}
