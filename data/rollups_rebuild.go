package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// assessRec is an assessment as the recomputation reads it.
type assessRec struct {
	CaseID  string    `bun:"case_id"`
	At      time.Time `bun:"assessed_at"`
	Outcome string    `bun:"outcome"`
	RuleSet string    `bun:"ruleset_id"`
	Version string    `bun:"ruleset_version"`
}

// recomputeBatch is how many rows recompute collects before it hands them
// to its sink (bounded memory at national scale).
const recomputeBatch = 200_000

// recompute derives every rollup row from the source tables (cases, audit
// events, assessments, consents, GP requests, roll periods, urgent rolls,
// receipt deviations, citizens) and hands them to sink in batches whose
// sums add up to the rollups. The case history is replayed through the
// same caseTrack rules the write path uses; the rest are per-row sums.
// Memory: one small record per case and per assessment and one batch;
// audit events are read a page at a time, roll periods grouped in the database.
// With caseID set it derives the rows of that one case only (no medicine
// help): what a citizen's move takes from one municipality to another.
func recompute(ctx context.Context, q bun.IDB, pg bool, caseID string, sink func(rollupDeltas) error) error {
	return recomputeIn(ctx, q, pg, caseID, recomputeBatch, auditPage, sink)
}

// recomputeIn is recompute handing over batches of about batch rows and
// reading the audit trail page events at a time.
func recomputeIn(ctx context.Context, q bun.IDB, pg bool, caseID string, batch, page int, sink func(rollupDeltas) error) error {
	d := rollupDeltas{}
	spill := func() error {
		if len(d) < batch {
			return nil
		}
		err := sink(d)
		d = rollupDeltas{}
		return err
	}
	// of restricts a query to the one case (col its case id column).
	of := func(col string) (string, []any) {
		if caseID == "" {
			return "", nil
		}
		return " WHERE " + col + " = ?", []any{caseID}
	}
	type caseRec struct {
		caseRow   `bun:",extend"`
		BirthDate calendar.Date `bun:"birth_date"`
	}
	var cs []caseRec
	sel := q.NewSelect().Model(&cs).ColumnExpr("c.*, ci.birth_date").Join("JOIN citizens AS ci ON ci.id = c.citizen_id")
	if caseID != "" {
		sel = sel.Where("c.id = ?", caseID)
	}
	if err := sel.Scan(ctx); err != nil {
		return fmt.Errorf("rollups: read cases: %w", err)
	}
	tracks := make(map[string]*caseTrack, len(cs))
	for _, c := range cs {
		tracks[c.ID] = &caseTrack{muni: c.Municipality, citizen: c.CitizenID, opened: dayOf(c.OpenedAt), b75: turns75(c.BirthDate),
			first: map[string]time.Time{}, firstLoaded: true}
		d.add(mOpened, c.Municipality, "", dayOf(c.OpenedAt), 0, 1)
		reasonOf(d, c.caseRow, 1)
	}
	w, args := of("case_id")
	var as []assessRec
	if err := q.NewRaw("SELECT case_id, assessed_at, outcome, ruleset_id, ruleset_version FROM assessments"+w+" ORDER BY case_id, assessed_at, id",
		args...).Scan(ctx, &as); err != nil {
		return fmt.Errorf("rollups: read assessments: %w", err)
	}
	byCase := map[string][]assessRec{}
	for _, a := range as {
		tr, ok := tracks[a.CaseID]
		if !ok {
			return fmt.Errorf("rollups: assessment of unknown case %s", a.CaseID)
		}
		d.add(mVersions, tr.muni, versionKey(a.RuleSet, a.Version), dayOf(a.At.UTC()), 0, 1)
		byCase[a.CaseID] = append(byCase[a.CaseID], a)
	}
	// The audit trail in case and sequence order, a page at a time: the
	// page's rows are read and closed before the batch spills, since a
	// PostgreSQL connection cannot run the sink's statements while a
	// result set is still streaming on it.
	if err := auditPages(ctx, q, caseID, page, func(e auditRec) error {
		tr, ok := tracks[e.CaseID]
		if !ok {
			return fmt.Errorf("rollups: audit event of unknown case %s", e.CaseID)
		}
		at := e.At.UTC()
		pending := byCase[e.CaseID]
		for len(pending) > 0 && !pending[0].At.UTC().After(at) {
			tr.onAssessment(d, pending[0].At.UTC(), pending[0].Outcome)
			pending = pending[1:]
		}
		byCase[e.CaseID] = pending
		if e.Event == "open" {
			d.add(mOpenedBy, tr.muni, e.Actor, dayOf(at), 0, 1)
		}
		tr.onAudit(d, at, e.Event, e.From, e.To)
		return nil
	}, spill); err != nil {
		return err
	}
	for id, pending := range byCase { // assessments after the case's last event
		for _, a := range pending {
			tracks[id].onAssessment(d, a.At.UTC(), a.Outcome)
		}
	}
	if err := spill(); err != nil {
		return err
	}

	var ks []struct {
		Muni  int       `bun:"municipality_code"`
		InDC  bool      `bun:"recorder_in_daily_care"`
		At    time.Time `bun:"recorded_at"`
		Count int64     `bun:"n"`
	}
	w, args = of("k.case_id")
	if err := q.NewRaw(`SELECT c.municipality_code, k.recorder_in_daily_care, k.recorded_at, 1 AS n
FROM consents k JOIN cases c ON c.id = k.case_id`+w, args...).Scan(ctx, &ks); err != nil {
		return fmt.Errorf("rollups: read consents: %w", err)
	}
	for _, k := range ks {
		d.add(mConsents, k.Muni, consentKey(k.InDC), dayOf(k.At.UTC()), 0, k.Count)
	}

	var gs []gpRec
	w, args = of("case_id")
	if err := q.NewRaw("SELECT id, case_id, requested_at, decided_at, decision FROM gp_requests"+w+" ORDER BY case_id", args...).
		Scan(ctx, &gs); err != nil {
		return fmt.Errorf("rollups: read GP requests: %w", err)
	}
	for i := 0; i < len(gs); {
		j := i
		for j < len(gs) && gs[j].CaseID == gs[i].CaseID {
			j++
		}
		tr, ok := tracks[gs[i].CaseID]
		if !ok {
			return fmt.Errorf("rollups: GP request of unknown case %s", gs[i].CaseID)
		}
		gpCaseOf(d, tr.muni, gs[i:j], 1)
		i = j
	}
	if err := spill(); err != nil {
		return err
	}

	var us []urgentRollRow
	sel = q.NewSelect().Model(&us).Column("municipality_code", "pharmacy_id", "requested_at", "promised_by", "delivered_at")
	if caseID != "" {
		sel = sel.Where("u.case_id = ?", caseID)
	}
	if err := sel.Scan(ctx); err != nil {
		return fmt.Errorf("rollups: read urgent rolls: %w", err)
	}
	for _, u := range us {
		urgentOf(d, u.Municipality, u.PharmacyID, u.RequestedAt.UTC(), u.PromisedBy.UTC(), utcPtr(u.DeliveredAt), 1)
	}

	var ds []struct {
		Muni     int       `bun:"municipality_code"`
		Pharmacy string    `bun:"pharmacy_id"`
		At       time.Time `bun:"recorded_at"`
	}
	w, args = of("d.case_id")
	if err := q.NewRaw(`SELECT c.municipality_code, d.pharmacy_id, d.recorded_at
FROM receipt_deviations d JOIN cases c ON c.id = d.case_id`+w, args...).Scan(ctx, &ds); err != nil {
		return fmt.Errorf("rollups: read receipt deviations: %w", err)
	}
	for _, x := range ds {
		d.add(mDeviations, x.Muni, x.Pharmacy, dayOf(x.At), 0, 1)
	}

	var rs []struct {
		Muni     int           `bun:"municipality_code"`
		Pharmacy string        `bun:"pharmacy_id"`
		Start    calendar.Date `bun:"start_date"`
		Rolls    int64         `bun:"rolls"`
		Days     int64         `bun:"days"`
	}
	rolledOf := " WHERE " + rolled
	if caseID != "" {
		rolledOf += " AND case_id = ?"
	}
	if err := q.NewRaw(`SELECT municipality_code, pharmacy_id, start_date, COUNT(*) AS rolls, SUM(length_days) AS days
FROM roll_periods`+rolledOf+` GROUP BY municipality_code, pharmacy_id, start_date`, args...).Scan(ctx, &rs); err != nil {
		return fmt.Errorf("rollups: read roll periods: %w", err)
	}
	for _, r := range rs {
		day := dateNum(r.Start)
		d.add(mRolls, r.Muni, r.Pharmacy, day, 0, r.Rolls)
		d.add(mRollDays, r.Muni, r.Pharmacy, day, 0, r.Days)
	}
	if err := spill(); err != nil {
		return err
	}
	month := "strftime('%Y-%m', start_date)"
	if pg {
		month = "to_char(start_date, 'YYYY-MM')"
	}
	var firsts []struct {
		Muni  int           `bun:"municipality_code"`
		First calendar.Date `bun:"first"`
	}
	if err := q.NewRaw(`SELECT municipality_code, MIN(start_date) AS first FROM roll_periods`+rolledOf+`
GROUP BY case_id, municipality_code, `+month, args...).Scan(ctx, &firsts); err != nil {
		return fmt.Errorf("rollups: read roll periods per case and month: %w", err)
	}
	for _, f := range firsts {
		d.add(mRollCases, f.Muni, "", dateNum(f.First), 0, 1)
	}
	if caseID == "" {
		if err := helpOf(ctx, q, d); err != nil {
			return err
		}
	}
	return sink(d)
}

// auditRec is an audit event as the recomputation reads it.
type auditRec struct {
	CaseID string    `bun:"case_id"`
	Seq    int       `bun:"seq"`
	At     time.Time `bun:"at"`
	Event  string    `bun:"event"`
	From   string    `bun:"from_state"`
	To     string    `bun:"to_state"`
	Actor  string    `bun:"actor"`
}

// auditPage is how many audit events one page of auditPages reads.
const auditPage = 50_000

// auditPages calls each for every audit event (of caseID, or all) in case
// and sequence order, reading them size at a time by the (case_id, seq)
// key, and calls after when a page is done.
func auditPages(ctx context.Context, q bun.IDB, caseID string, size int, each func(auditRec) error, after func() error) error {
	const cols = "SELECT case_id, seq, at, event, from_state, to_state, actor FROM audit_events"
	var last *auditRec // the last event of the previous (full) page
	for {
		var page []auditRec
		var err error
		switch {
		case caseID != "":
			err = q.NewRaw(cols+" WHERE case_id = ? ORDER BY case_id, seq", caseID).Scan(ctx, &page)
		case last == nil:
			err = q.NewRaw(cols+" ORDER BY case_id, seq LIMIT ?", size).Scan(ctx, &page)
		default:
			err = q.NewRaw(cols+" WHERE (case_id, seq) > (?, ?) ORDER BY case_id, seq LIMIT ?",
				last.CaseID, last.Seq, size).Scan(ctx, &page)
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("rollups: read audit events: %w", err)
		}
		for _, e := range page {
			if err := each(e); err != nil {
				return err
			}
		}
		if err := after(); err != nil {
			return err
		}
		if caseID != "" || len(page) < size {
			return nil
		}
		last = &page[len(page)-1]
	}
}

// helpOf adds the citizens with medicine help, by municipality and the day
// they turn 75.
func helpOf(ctx context.Context, q bun.IDB, d rollupDeltas) error {
	var hs []struct {
		Muni  int           `bun:"municipality_code"`
		Birth calendar.Date `bun:"birth_date"`
		N     int64         `bun:"n"`
	}
	if err := q.NewRaw(`SELECT municipality_code, birth_date, COUNT(*) AS n FROM citizens WHERE medicine_help
GROUP BY municipality_code, birth_date`).Scan(ctx, &hs); err != nil {
		return fmt.Errorf("rollups: read citizens with medicine help: %w", err)
	}
	for _, h := range hs {
		d.add(mHelp, h.Muni, "", turns75(h.Birth), 0, h.N)
	}
	return nil
}

// RefreshHelpRollups recomputes the medicine-help counts in q's
// transaction; the citizen imports call it after writing, since an import
// can change any number of citizens' medicine help or municipality.
func RefreshHelpRollups(ctx context.Context, q bun.IDB) error {
	if _, err := q.NewRaw("DELETE FROM rollups WHERE metric = ?", mHelp).Exec(ctx); err != nil {
		return fmt.Errorf("rollups: clear medicine help: %w", err)
	}
	d := rollupDeltas{}
	if err := helpOf(ctx, q, d); err != nil {
		return err
	}
	if err := d.apply(ctx, q); err != nil {
		return err
	}
	return bumpAllVersions(ctx, q) // the cleared rows were everywhere
}

// RebuildRollups recomputes every rollup from the source tables in one
// transaction (dosis rollups rebuild, the demo loader). It returns the
// number of rows written.
//
// The table is emptied first and written once, in the primary key's
// order, with plain INSERTs (writeRecomputed), instead of upserting each
// batch of the recomputation all over its B-tree (two thirds of the
// rebuild's CPU when it did).
func (db *DB) RebuildRollups(ctx context.Context) (int, error) {
	return db.rebuildRollups(ctx, rebuildInMemory, auditPage)
}

// rebuildRollups is RebuildRollups summing at most limit rows in memory
// and reading page audit events at a time.
func (db *DB) rebuildRollups(ctx context.Context, limit, page int) (int, error) {
	n := 0
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if !db.Postgres {
			// Millions of rows in one transaction: a page cache of 256 MiB
			// for this connection keeps the dirty B-tree pages in memory
			// instead of spilling them to the WAL again and again.
			if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
				return fmt.Errorf("rollups: %w", err)
			}
			defer func() { _, _ = tx.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000") }()
		}
		clear := "DELETE FROM rollups"
		if db.Postgres {
			// An empty table, not millions of dead rows that every unique
			// check of the inserts below would visit (9.7 s of 16 s on the
			// medium demo). TRUNCATE also makes readers of the rollups wait
			// for the rebuild to commit, where DELETE let them read the old
			// rows: a rebuild is maintenance, not a live operation.
			clear = "TRUNCATE rollups"
		}
		if _, err := tx.ExecContext(ctx, clear); err != nil {
			return fmt.Errorf("rollups: clear: %w", err)
		}
		var err error
		if n, err = writeRecomputed(ctx, tx, db.Postgres, limit, page); err != nil {
			return err
		}
		return bumpAllVersions(ctx, tx) // every report's figures may have changed
	})
	return n, err
}

// rebuildInMemory is how many rollup rows a rebuild sums in memory before
// it spills them to a temporary table (the national demo's 5.1 million
// rows fit: the PostgreSQL load's peak was 2.2 GB, about 400 bytes a row).
const rebuildInMemory = 8_000_000

// writeRecomputed recomputes every rollup into the empty rollups table.
// The recomputation's batches are summed in one map of at most limit rows,
// then written in the primary key's order with plain INSERTs, so the
// B-tree grows at its right edge. Past limit the sums so far go to a
// temporary table without keys, and one INSERT … SELECT … GROUP BY in key
// order sums them at the end (bounded memory at any size).
// It returns the number of rows written.
func writeRecomputed(ctx context.Context, tx bun.Tx, pg bool, limit, page int) (int, error) {
	var all rollupDeltas
	staged := false
	spill := func() error {
		if !staged {
			if _, err := tx.ExecContext(ctx, `CREATE TEMPORARY TABLE rollups_stage (metric TEXT NOT NULL,
	municipality_code INTEGER NOT NULL, key TEXT NOT NULL, day INTEGER NOT NULL, day2 INTEGER NOT NULL,
	month INTEGER NOT NULL, n BIGINT NOT NULL)`); err != nil {
				return fmt.Errorf("rollups: %w", err)
			}
			staged = true
		}
		err := insertRollups(ctx, tx.Tx, pg, "rollups_stage", all, all.keys())
		all = nil
		return err
	}
	// The recomputation's batches are of limit rows: a database whose
	// rollups fit comes as one batch, summed once, with no merging.
	err := recomputeIn(ctx, tx, pg, "", limit, page, func(d rollupDeltas) error {
		if all == nil {
			all = d
		} else {
			for k, n := range d {
				all.add1(k, n)
			}
		}
		if len(all) >= limit {
			return spill()
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if !staged {
		return len(all), insertRollups(ctx, tx.Tx, pg, "rollups", all, all.sorted())
	}
	if err := spill(); err != nil {
		return 0, err
	}
	if pg {
		// Sort the staged rows in memory rather than in temporary files.
		if _, err := tx.ExecContext(ctx, "SET LOCAL work_mem = '256MB'"); err != nil {
			return 0, fmt.Errorf("rollups: %w", err)
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO rollups (metric, municipality_code, key, day, day2, month, n)
SELECT metric, municipality_code, key, day, day2, MIN(month), SUM(n) FROM rollups_stage
GROUP BY metric, day, municipality_code, key, day2 HAVING SUM(n) <> 0
ORDER BY metric, day, municipality_code, key, day2`)
	if err != nil {
		return 0, fmt.Errorf("rollups: sum the spilled rows: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("rollups: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DROP TABLE rollups_stage"); err != nil {
		return 0, fmt.Errorf("rollups: %w", err)
	}
	return int(n), nil
}

// keys returns the keys of d in no particular order.
func (d rollupDeltas) keys() []rollupKey {
	ks := make([]rollupKey, 0, len(d))
	for k := range d {
		ks = append(ks, k)
	}
	return ks
}

// insertRowsPerStatement is how many rows one prepared INSERT of
// insertRollups carries (7 parameters a row).
const insertRowsPerStatement = 500

// insertRollups writes the rows ks of d into table with plain INSERTs
// (no conflict is possible: table is empty of these keys), through one
// prepared statement of insertRowsPerStatement rows and one for the rest,
// so the engine parses the statement once, not once a batch.
func insertRollups(ctx context.Context, tx *sql.Tx, pg bool, table string, d rollupDeltas, ks []rollupKey) error {
	prepare := func(rows int) (*sql.Stmt, error) {
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " (metric, municipality_code, key, day, day2, month, n) VALUES ")
		for i := range rows {
			if i > 0 {
				sb.WriteString(", ")
			}
			if pg {
				b := 7 * i
				fmt.Fprintf(&sb, "($%d, $%d, $%d, $%d, $%d, $%d, $%d)", b+1, b+2, b+3, b+4, b+5, b+6, b+7)
			} else {
				sb.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			}
		}
		st, err := tx.PrepareContext(ctx, sb.String())
		if err != nil {
			return nil, fmt.Errorf("rollups: prepare the insert: %w", err)
		}
		return st, nil
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			_ = full.Close()
		}
	}()
	args := make([]any, 0, 7*insertRowsPerStatement)
	for len(ks) > 0 {
		rows := min(len(ks), insertRowsPerStatement)
		st := full
		if rows < insertRowsPerStatement || full == nil {
			var err error
			if st, err = prepare(rows); err != nil {
				return err
			}
			if rows == insertRowsPerStatement {
				full = st
			} else {
				defer st.Close()
			}
		}
		args = args[:0]
		for _, k := range ks[:rows] {
			args = append(args, k.Metric, k.Municipality, k.Key, k.Day, k.Day2, monthOf(k.Day), d[k])
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("rollups: write %s: %w", table, err)
		}
		ks = ks[rows:]
	}
	return nil
}

// RollupMismatch is one rollup row whose stored sum differs from the
// recomputation.
type RollupMismatch struct {
	Metric       string
	Municipality int
	Key          string
	Day, Day2    calendar.Date // Day2 is zero for a one-day metric
	Stored, Want int64
}

func (m RollupMismatch) String() string {
	day := m.Day.Format()
	if !m.Day2.IsZero() {
		day += "/" + m.Day2.Format()
	}
	return fmt.Sprintf("%s kommune %d %q %s: gemt %d, genberegnet %d", m.Metric, m.Municipality, m.Key, day, m.Stored, m.Want)
}

// VerifyRollups recomputes every rollup from the source tables into a
// temporary table and compares it with the stored rows (sums per row; rows
// summing to zero are no figure). It returns the rows compared and every
// mismatch, in order.
func (db *DB) VerifyRollups(ctx context.Context) (int, []RollupMismatch, error) {
	var compared int
	var out []RollupMismatch
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var stored int
		if err := tx.NewRaw("SELECT COUNT(*) FROM rollups").Scan(ctx, &stored); err != nil {
			return fmt.Errorf("rollups verify: %w", err)
		}
		if stored < recomputeBatch/4 { // a small database: compare in memory, no temporary table
			var err error
			compared, out, err = verifyInMemory(ctx, tx, db.Postgres)
			return err
		}
		if _, err := tx.NewRaw(`CREATE TEMPORARY TABLE rollups_check (metric TEXT NOT NULL, municipality_code INTEGER NOT NULL,
	key TEXT NOT NULL, day INTEGER NOT NULL, day2 INTEGER NOT NULL, month INTEGER NOT NULL, n BIGINT NOT NULL,
	PRIMARY KEY (metric, day, municipality_code, key, day2))`).Exec(ctx); err != nil {
			return fmt.Errorf("rollups verify: %w", err)
		}
		defer func() { _, _ = tx.NewRaw("DROP TABLE rollups_check").Exec(context.WithoutCancel(ctx)) }()
		if err := recompute(ctx, tx, db.Postgres, "", func(d rollupDeltas) error { return d.applyTo(ctx, tx, "rollups_check") }); err != nil {
			return err
		}
		if err := tx.NewRaw(`SELECT COUNT(*) FROM (SELECT metric, municipality_code, key, day, day2 FROM rollups WHERE n <> 0
	UNION SELECT metric, municipality_code, key, day, day2 FROM rollups_check WHERE n <> 0) x`).Scan(ctx, &compared); err != nil {
			return fmt.Errorf("rollups verify: %w", err)
		}
		var rows []struct {
			rollupKey
			Stored int64 `bun:"stored"`
			Want   int64 `bun:"want"`
		}
		err := tx.NewRaw(`SELECT a.metric, a.municipality_code AS municipality, a.key, a.day, a.day2, a.n AS stored, COALESCE(b.n, 0) AS want
FROM rollups a LEFT JOIN rollups_check b ON b.metric = a.metric AND b.municipality_code = a.municipality_code
	AND b.key = a.key AND b.day = a.day AND b.day2 = a.day2
WHERE a.n <> COALESCE(b.n, 0)
UNION ALL
SELECT b.metric, b.municipality_code, b.key, b.day, b.day2, 0, b.n
FROM rollups_check b LEFT JOIN rollups a ON a.metric = b.metric AND a.municipality_code = b.municipality_code
	AND a.key = b.key AND a.day = b.day AND a.day2 = b.day2
WHERE a.metric IS NULL AND b.n <> 0
ORDER BY 1, 2, 3, 4, 5`).Scan(ctx, &rows)
		if err != nil {
			return fmt.Errorf("rollups verify: %w", err)
		}
		for _, r := range rows {
			m := RollupMismatch{Metric: r.Metric, Municipality: r.Municipality, Key: r.Key, Day: numDate(r.Day),
				Stored: r.Stored, Want: r.Want}
			if r.Day2 != 0 {
				m.Day2 = numDate(r.Day2)
			}
			out = append(out, m)
		}
		return nil
	})
	return compared, out, err
}

// verifyInMemory is VerifyRollups for a database whose rollups fit in memory.
func verifyInMemory(ctx context.Context, tx bun.Tx, pg bool) (int, []RollupMismatch, error) {
	want := rollupDeltas{}
	if err := recompute(ctx, tx, pg, "", func(d rollupDeltas) error {
		for k, n := range d {
			want.add1(k, n)
		}
		return nil
	}); err != nil {
		return 0, nil, err
	}
	var rows []struct {
		rollupKey
		N int64 `bun:"n"`
	}
	if err := tx.NewRaw("SELECT metric, municipality_code AS municipality, key, day, day2, n FROM rollups WHERE n <> 0").Scan(ctx, &rows); err != nil {
		return 0, nil, fmt.Errorf("rollups verify: %w", err)
	}
	stored := rollupDeltas{}
	for _, r := range rows {
		stored.add1(r.rollupKey, r.N)
	}
	keys := rollupDeltas{}
	for k := range want {
		keys[k] = 1
	}
	for k := range stored {
		keys[k] = 1
	}
	var out []RollupMismatch
	for _, k := range keys.sorted() {
		if stored[k] != want[k] {
			m := RollupMismatch{Metric: k.Metric, Municipality: k.Municipality, Key: k.Key, Day: numDate(k.Day),
				Stored: stored[k], Want: want[k]}
			if k.Day2 != 0 {
				m.Day2 = numDate(k.Day2)
			}
			out = append(out, m)
		}
	}
	return len(keys), out, nil
}
