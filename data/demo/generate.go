package demo

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// historyYears is how far back the generated history reaches before Now
// (cases already on DD when it opens started up to a year earlier).
const historyYears = 3

// Generate fills db, which must be migrated and hold no citizens, with the
// demo data set o describes, one municipality per transaction, and
// returns what it wrote. Progress is reported after each municipality.
// An interrupted run leaves whole municipalities; Options.Resume finishes it.
func Generate(ctx context.Context, db *data.DB, o Options) (Stats, error) {
	began := time.Now() // measures the run only; the data use o.Now
	factor, err := scaleFactor(o.Scale)
	if err != nil {
		return Stats{}, err
	}
	if o.factor > 0 {
		factor = o.factor
	}
	if o.Now.IsZero() {
		return Stats{}, workflow.Invalid("err.demo.needs_now")
	}
	done, err := doneMunicipalities(ctx, db, o.Resume)
	if err != nil {
		return Stats{}, err
	}
	ms, err := db.Municipalities(ctx)
	if err != nil {
		return Stats{}, err
	}
	if len(ms) == 0 {
		return Stats{}, workflow.Invalid("err.demo.municipalities_missing")
	}
	names, err := loadNames()
	if err != nil {
		return Stats{}, err
	}
	var st Stats
	now := o.Now.UTC().Truncate(time.Second)
	sh := &shared{d: db.Bun().Dialect(), names: names, rules: eligibility.Default(),
		verdicts: map[string]verdictRows{}, cprs: map[string]struct{}{}, yders: map[string]struct{}{},
		sched: map[schedKey]workflow.PeriodDates{}, now: now, t0: now.AddDate(-historyYears, 0, 0), stats: &st}
	if err := sh.loadTaken(ctx, db); err != nil {
		return Stats{}, err
	}
	// The data set stands for factor of the country: the report scales the
	// population denominators with it (issue 12 item 10).
	if _, err := db.Bun().NewUpdate().Table("municipalities").Set("population_scale = ?", factor).Where("1 = 1").Exec(ctx); err != nil {
		return Stats{}, fmt.Errorf("record the demo sample's share of the country: %w", err)
	}
	plans := planMunicipalities(ms, factor, newRNG(o.Seed, 0))
	total := 0
	for _, p := range plans {
		total += p.Helped
	}
	// One connection writes every municipality. On SQLite it gets a page
	// cache of 256 MiB: with the default 2 MiB a municipality's
	// transaction spilled its dirty B-tree pages to the write-ahead log
	// and wrote them again when the next rows touched them (a quarter of
	// the load's CPU in system calls on the medium demo). It checkpoints
	// as usual: without checkpoints until the end, the national load's
	// write-ahead log grew to 9.3 GB and 21 % of its CPU went to finding
	// pages in it (walFindFrame; BENCHMARKS.md).
	conn, err := db.Bun().Conn(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("demo data: %w", err)
	}
	defer conn.Close()
	if !db.Postgres {
		if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
			return Stats{}, fmt.Errorf("demo data: %w", err)
		}
		defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000") }()
	}
	progress := 0
	for _, p := range plans {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if done[p.Code] {
			progress += p.Helped
			continue
		}
		err := conn.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			g := &muniGen{sh: sh, p: p, r: newRNG(o.Seed, uint64(p.Code)), t: newTables(sh.d), tx: tx.Tx}
			return g.run(ctx)
		})
		if err != nil {
			return st, fmt.Errorf("demo data for %s (%d): %w", p.Name, p.Code, err)
		}
		st.Municipalities++
		progress += p.Helped
		if o.Progress != nil {
			o.Progress(progress, total, p.Name)
		}
	}
	// The report's rollups, from the rows just written (also after a resume).
	if _, err := db.RebuildRollups(ctx); err != nil {
		return st, fmt.Errorf("demo data: %w", err)
	}
	st.Duration = time.Since(began)
	st.DBBytes, err = databaseBytes(ctx, db)
	return st, err
}

// doneMunicipalities returns the municipalities that already have
// citizens. Unless resuming, any citizen at all is refused.
func doneMunicipalities(ctx context.Context, db *data.DB, resume bool) (map[int]bool, error) {
	var codes []int
	if err := db.Bun().NewSelect().Table("citizens").ColumnExpr("DISTINCT municipality_code").
		Scan(ctx, &codes); err != nil {
		return nil, fmt.Errorf("read existing citizens: %w", err)
	}
	if len(codes) > 0 && !resume {
		return nil, workflow.Invalid(
			"err.demo.database_not_empty", len(codes))
	}
	done := make(map[int]bool, len(codes))
	for _, c := range codes {
		done[c] = true
	}
	return done, nil
}

// loadTaken fills the uniqueness sets with the CPR numbers and ydernumre
// already stored: those of municipalities written before an interruption
// (as an uninterrupted run would have them) and any GPs added by hand.
func (s *shared) loadTaken(ctx context.Context, db *data.DB) error {
	var cprs, yders []string
	if err := db.Bun().NewSelect().Table("citizens").Column("cpr").Scan(ctx, &cprs); err != nil {
		return fmt.Errorf("read existing CPR numbers: %w", err)
	}
	if err := db.Bun().NewSelect().Table("gps").Column("ydernummer").Scan(ctx, &yders); err != nil {
		return fmt.Errorf("read existing ydernumre: %w", err)
	}
	for _, c := range cprs {
		s.cprs[c] = struct{}{}
	}
	for _, y := range yders {
		s.yders[y] = struct{}{}
	}
	return nil
}

// databaseBytes is the size of the database: the SQLite file with its
// write-ahead log, or pg_database_size on PostgreSQL.
func databaseBytes(ctx context.Context, db *data.DB) (int64, error) {
	if db.Postgres {
		var n int64
		if err := db.Bun().QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&n); err != nil {
			return 0, fmt.Errorf("database size: %w", err)
		}
		return n, nil
	}
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		fi, err := os.Stat(db.Path + suffix)
		if err == nil {
			n += fi.Size()
		}
	}
	return n, nil
}
