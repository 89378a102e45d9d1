package data

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"

	"github.com/dosis-dk/dosis/reports"
	"github.com/uptrace/bun"
)

// A report is built in one committed state: every figure and the report
// versions (rollup_versions.go) are read in read-only transactions that
// see the same snapshot. With two or more cores it reads on two
// connections at once (Prefetch): two transactions begun one after the
// other may see different states, so each reads the versions of the
// report's municipalities and the reference data first, which fixes its
// snapshot (on SQLite a deferred transaction's first read, on PostgreSQL
// REPEATABLE READ's first statement). Every transaction that changes what
// a report reads moves one of those versions on, in that transaction, and
// versions only grow: equal versions in both mean no such change
// committed between the two snapshots, so both read the same figures.
// When they differ (a change committed in between) both are dropped and
// begun again; the last of reportReadAttempts reads on one connection,
// one snapshot by construction.

// reportReadAttempts bounds the attempts at two transactions of one state.
const reportReadAttempts = 3

// reportReaders is how many connections a report reads on: two on a
// machine with two cores or more, else one.
func reportReaders() int { return min(2, runtime.GOMAXPROCS(0)) }

// beginReportRead begins one read-only transaction and reads the versions
// of codes in it (which fixes its snapshot).
func (db *DB) beginReportRead(ctx context.Context, codes []int) (bun.Tx, string, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.Postgres {
		opts.Isolation = sql.LevelRepeatableRead // one snapshot for every statement
	}
	tx, err := db.bun.BeginTx(ctx, opts)
	if err != nil {
		return bun.Tx{}, "", fmt.Errorf("report: %w", err)
	}
	vs, err := readVersions(ctx, tx, codes)
	if err != nil {
		_ = tx.Rollback()
		return bun.Tx{}, "", err
	}
	return tx, vs, nil
}

// beginReportReads begins up to n read transactions that see one
// committed state (the versions of codes the same in each) and returns
// them with those versions; the caller rolls them back.
func (db *DB) beginReportReads(ctx context.Context, codes []int, n int) ([]bun.Tx, string, error) {
	for attempt := 1; ; attempt++ {
		first, vs, err := db.beginReportRead(ctx, codes)
		if err != nil {
			return nil, "", err
		}
		txs := []bun.Tx{first}
		same := true
		for len(txs) < n && attempt < reportReadAttempts && same {
			tx, other, err := db.beginReportRead(ctx, codes)
			if err != nil {
				rollbackAll(txs)
				return nil, "", err
			}
			txs, same = append(txs, tx), other == vs
		}
		if same {
			return txs, vs, nil
		}
		rollbackAll(txs)
	}
}

func rollbackAll(txs []bun.Tx) {
	for _, tx := range txs {
		_ = tx.Rollback()
	}
}

// buildInSnapshot builds the report over f with src in one committed state,
// on reportReaders connections, and returns it with the versions of that
// state.
func (db *DB) buildInSnapshot(ctx context.Context, src *ReportSource, f reports.Filter, p reports.Params,
	build func(context.Context, reports.Source, reports.Filter, reports.Params) (reports.Report, error)) (reports.Report, string, error) {
	txs, vs, err := db.beginReportReads(ctx, src.codes(f), reportReaders())
	if err != nil {
		return reports.Report{}, "", err
	}
	defer rollbackAll(txs)
	in := *src
	in.q, in.parallel = txs[0], nil
	for _, tx := range txs[1:] {
		in.parallel = append(in.parallel, tx)
	}
	r, err := build(ctx, &in, f, p)
	return r, vs, err
}
