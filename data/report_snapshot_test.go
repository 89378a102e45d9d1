package data_test

import (
	"context"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// twoCores makes the report read on two connections (reportReaders) on a
// machine with one core too.
func twoCores(t *testing.T) {
	if n := runtime.GOMAXPROCS(0); n < 2 {
		runtime.GOMAXPROCS(2)
		t.Cleanup(func() { runtime.GOMAXPROCS(n) })
	}
}

// rollupReads returns the rollup statements of queries, in order.
func rollupReads(queries []string) []string {
	var out []string
	for _, q := range queries {
		if strings.Contains(q, "FROM rollups") {
			out = append(out, q)
		}
	}
	return out
}

// The report read on two connections (DB.Report) is the report read on
// one, and reads the same rollup statements, each once: Prefetch reads
// what Build asks for, no more (plain, over every municipality, and the
// suppressed report, which builds over the municipalities shown).
func TestReportOnTwoConnectionsIsTheSequentialReport(t *testing.T) {
	twoCores(t)
	tests := []struct {
		name     string
		f        reports.Filter
		suppress bool
	}{
		{"two municipalities", q1(851, 101), false},
		{"every municipality", q1(), false},
		{"suppressed", q1(), true},
	}
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		loadReportFixture(t, db)
		rdb, rec := db.RecordQueries()
		admin := workflow.System("test")
		now := time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				build := reports.Build
				if tt.suppress {
					build = reports.BuildSuppressed
				}
				src := dbtest.Must(rdb.Reports(admin))(t)
				rec.Start()
				want := dbtest.Must(build(ctx, src, tt.f, reports.DefaultParams()))(t)
				one := rollupReads(rec.Stop())
				want.Generated = now

				rec.Start()
				got := dbtest.Must(rdb.Report(ctx, admin, tt.f, reports.DefaultParams(), tt.suppress, now))(t)
				two := rollupReads(rec.Stop())
				if !reflect.DeepEqual(got, want) {
					t.Errorf("the report on two connections differs:\n got %+v\nwant %+v", got, want)
				}
				if len(one) == 0 {
					t.Fatal("no rollup statement recorded")
				}
				slices.Sort(one)
				slices.Sort(two)
				if !slices.Equal(one, two) {
					t.Errorf("two connections read %d rollup statements, one connection %d: %v\nagainst %v", len(two), len(one), two, one)
				}
			})
		}
	})
}

// Prefetch reads every rollup statement of a report on the source's read
// transactions before Build asks: the calls that follow read no rollups.
func TestPrefetchReadsEveryRollupRead(t *testing.T) {
	twoCores(t)
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		loadReportFixture(t, db)
		rdb, rec := db.RecordQueries()
		src := dbtest.Must(rdb.Reports(workflow.System("test")))(t)
		var after []string
		_, _, err := rdb.BuildInSnapshot(ctx, src, q1(851, 101), reports.DefaultParams(),
			func(ctx context.Context, in reports.Source, f reports.Filter, p reports.Params) (reports.Report, error) {
				if n := in.(*data.ReportSource).Readers(); n != 2 {
					t.Errorf("the report reads on %d transactions, want 2", n)
				}
				rec.Start()
				if err := in.(reports.Prefetcher).Prefetch(ctx, f); err != nil {
					return reports.Report{}, err
				}
				if n := len(rollupReads(rec.Stop())); n == 0 {
					t.Error("Prefetch read no rollups")
				}
				rec.Start()
				r, err := reports.Build(ctx, in, f, p)
				after = rollupReads(rec.Stop())
				return r, err
			})
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != 0 {
			t.Errorf("after Prefetch the build still read %d rollup statements, e.g.\n%s", len(after), after[0])
		}
	})
}

// A change committed between two read transactions shows as different
// versions (what beginReportReads checks), and the transactions it
// returns while changes commit all the time read one state.
func TestReportReadsSeeOneState(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		loadReportFixture(t, db)
		codes := []int{101, 851}
		if err := data.BumpVersions(ctx, db.Bun(), codes); err != nil {
			t.Fatal(err)
		}
		a, va, err := db.BeginReportRead(ctx, codes)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = a.Rollback() }()
		if err := data.BumpVersions(ctx, db.Bun(), []int{851}); err != nil {
			t.Fatal(err)
		}
		b, vb, err := db.BeginReportRead(ctx, codes)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = b.Rollback() }()
		if va == vb {
			t.Fatalf("a change committed between two read transactions left the versions at %q", va)
		}
		if again := dbtest.Must(data.ReadVersions(ctx, a, codes))(t); again != va {
			t.Errorf("the first transaction's versions moved from %q to %q: not one snapshot", va, again)
		}

		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // a writer moving 851 on all the time
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := data.BumpVersions(ctx, db.Bun(), []int{851}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
		for range 30 {
			txs, vs, err := db.BeginReportReads(ctx, codes, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(txs) < 1 || len(txs) > 2 {
				t.Fatalf("%d transactions, want 1 or 2", len(txs))
			}
			for i, tx := range txs {
				if got := dbtest.Must(data.ReadVersions(ctx, tx, codes))(t); got != vs {
					t.Errorf("transaction %d reads versions %q, the others %q", i, got, vs)
				}
				_ = tx.Rollback()
			}
		}
		close(stop)
		wg.Wait()
	})
}
