package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// The fixed statements of the transition path (the snapshot, the case
// update, the audit row, the rollups upsert, ...) are prepared once per DB
// and run with placeholders. bun formats every argument into the SQL text,
// so each of its statements is a new string that SQLite parses and plans
// again: that parsing was over a quarter of a transition's CPU
// (BENCHMARKS.md, "Transitions with rollups").

// hotQuery names one statement of the transition path (hotTexts holds
// its text).
type hotQuery int

const (
	qSnapshotAll hotQuery = iota
	qSnapshotMunicipality
	qSnapshotPharmacy
	qUpdateCase
	qUpdateCaseState
	qInsertAudit
	qFirstEvents
	qGPRequests
	qCitizenAll
	qCitizenMunicipality
	qCitizenPharmacy
	qInsertCase
	qInsertAssessment
	qInsertConsent
	qInsertGPRequest
	qDecideGPRequest
	qGPAbsence
	qAddReminder
	qCompleteReminders
	qPharmacy
	qClosedDates
	qRollPeriods
	qInsertPeriod
	qBumpVersion
	// qLockCase locks a case's row on PostgreSQL (txStore.Snapshot).
	qLockCase
	// qUpsert1 upserts one rollup row; qUpsert1+i upserts i+1 rows (up to
	// upsertShapes), so a transaction's deltas take one statement.
	qUpsert1
	numHotQueries = qUpsert1 + upsertShapes
)

// upsertShapes is how many rollup upsert shapes there are: 1, 2, 3, ...,
// 32 rows. The funnel's transitions write 4–29 rows (15.3 on average in
// the transitions benchmark); more take a statement per 32 and one for the
// rest.
const upsertShapes = 32

// snapshotSelect reads a case and its guard facts (txStore.Snapshot);
// the three scopes add their condition to it.
const snapshotSelect = `SELECT c.id, c.citizen_id, c.municipality_code, c.state, c.version, c.source, c.gp_id, c.pharmacy_id,
c.state_reason, c.opened_at, c.updated_at, c.closed_at, ci.birth_date,
(SELECT a.outcome FROM assessments AS a WHERE a.case_id = c.id ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1),
CASE WHEN EXISTS (SELECT 1 FROM consents AS k WHERE k.case_id = c.id AND k.withdrawn_at IS NULL) THEN 1 ELSE 0 END,
g.id, g.decided_at, g.decision, g.prescription_expires
FROM cases AS c JOIN citizens AS ci ON ci.id = c.citizen_id
LEFT JOIN gp_requests AS g ON g.id = (SELECT g2.id FROM gp_requests AS g2 WHERE g2.case_id = c.id ORDER BY g2.requested_at DESC, g2.id DESC LIMIT 1)
WHERE c.id = ?`

// hotTexts is the text of each hot statement on an engine: ? placeholders
// on SQLite, $n on PostgreSQL. A preparedSet builds them once.
func hotTexts(pg bool) *[numHotQueries]string {
	var s [numHotQueries]string
	s[qSnapshotAll] = snapshotSelect
	s[qSnapshotMunicipality] = snapshotSelect + " AND c.municipality_code = ?"
	// the scopes as scopedByCitizen writes them
	s[qSnapshotPharmacy] = snapshotSelect + " AND EXISTS (SELECT 1 FROM cases sc WHERE sc.citizen_id = c.citizen_id AND sc.pharmacy_id = ?)"
	s[qUpdateCase] = `UPDATE cases SET state = ?, state_reason = ?, gp_id = ?, pharmacy_id = ?, updated_at = ?, closed_at = ?,
version = version + 1 WHERE id = ? AND version = ?`
	s[qUpdateCaseState] = "UPDATE cases SET state = ?, state_reason = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"
	s[qInsertAudit] = `INSERT INTO audit_events (case_id, seq, at, actor, actor_role, event, from_state, to_state, reason, note)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	s[qFirstEvents] = `SELECT event, to_state, at FROM audit_events
WHERE case_id = ? AND event IN ('open', 'assess', 'consent', 'request_gp', 'gp_approve', 'start')`
	s[qGPRequests] = "SELECT id, requested_at, decided_at, decision FROM gp_requests WHERE case_id = ?"
	const citizen = `SELECT ci.id, ci.cpr, ci.name, ci.birth_date, ci.sex, ci.municipality_code, ci.gp_id, ci.medicine_help,
ci.medicine_help_since, ci.created_at FROM citizens AS ci WHERE ci.id = ?`
	s[qCitizenAll] = citizen
	s[qCitizenMunicipality] = citizen + " AND ci.municipality_code = ?"
	s[qCitizenPharmacy] = citizen + " AND EXISTS (SELECT 1 FROM cases sc WHERE sc.citizen_id = ci.id AND sc.pharmacy_id = ?)"
	s[qInsertCase] = `INSERT INTO cases (id, citizen_id, municipality_code, state, version, source, gp_id, pharmacy_id,
state_reason, opened_at, updated_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	s[qInsertAssessment] = `INSERT INTO assessments (id, case_id, ruleset_id, ruleset_version, outcome, facts, results,
assessed_by, assessed_at, reason, judged_assessment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	s[qInsertConsent] = `INSERT INTO consents (id, case_id, given_by, giver_name, method, given_on, recorder_in_daily_care,
recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	s[qInsertGPRequest] = `INSERT INTO gp_requests (id, case_id, gp_id, requested_at, requested_by) VALUES (?, ?, ?, ?, ?)`
	s[qDecideGPRequest] = `UPDATE gp_requests SET decided_at = ?, decision = ?, decision_reason = ?, prescription_expires = ?
WHERE case_id = ? AND decided_at IS NULL`
	s[qGPAbsence] = `SELECT id, gp_id, from_date, to_date, substitute_gp_id, note FROM gp_absences
WHERE gp_id = ? AND from_date <= ? AND to_date >= ? ORDER BY from_date DESC, id LIMIT 1`
	s[qAddReminder] = `INSERT INTO reminders (id, case_id, kind, due_at, note) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (case_id, kind, due_at) DO NOTHING`
	s[qCompleteReminders] = "UPDATE reminders SET done_at = ? WHERE case_id = ? AND kind = ? AND done_at IS NULL"
	s[qPharmacy] = `SELECT id, name, municipality_code, period_days, deadline_working_days, lead_time_hours,
extra_closing_days, created_at FROM pharmacies WHERE id = ?`
	s[qClosedDates] = "SELECT date FROM pharmacy_closed_dates WHERE pharmacy_id = ? ORDER BY date"
	s[qRollPeriods] = `SELECT id, case_id, pharmacy_id, municipality_code, seq, start_date, end_date, deadline, packing_date,
expected_delivery, length_days, extension_reason, status, delivered_at, received_at, received_by, receipt_note
FROM roll_periods WHERE case_id = ? ORDER BY seq`
	s[qInsertPeriod] = `INSERT INTO roll_periods (case_id, pharmacy_id, municipality_code, seq, start_date, end_date, deadline,
packing_date, expected_delivery, length_days, extension_reason, status, delivered_at, received_at, received_by, receipt_note)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, seq) DO NOTHING`
	s[qBumpVersion] = bumpVersionSQL
	// Run on PostgreSQL only (SQLite's writers hold the database); the
	// text must still prepare on SQLite, with the rest of the set.
	s[qLockCase] = "SELECT 1 FROM cases WHERE id = ?"
	if pg {
		s[qLockCase] += " FOR UPDATE"
	}
	for i := range upsertShapes {
		s[qUpsert1+hotQuery(i)] = upsertSQL("rollups", i+1)
	}
	if pg {
		for i := range s {
			s[i] = dollarPlaceholders(s[i])
		}
	}
	return &s
}

// upsertSQL is the upsert of n rollup rows into table.
func upsertSQL(table string, n int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + table + " (metric, municipality_code, key, day, day2, month, n) VALUES ")
	for i := range n {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(?, ?, ?, ?, ?, ?, ?)")
	}
	sb.WriteString(" ON CONFLICT (metric, day, municipality_code, key, day2) DO UPDATE SET n = " + table + ".n + excluded.n")
	return sb.String()
}

// dollarPlaceholders rewrites the ? placeholders of q to PostgreSQL's $1,
// $2, ... (the hot statements have no ? inside a string literal).
func dollarPlaceholders(q string) string {
	var sb strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			sb.WriteString("$" + strconv.Itoa(n))
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// preparedSet owns the prepared hot statements of one DB (DB.prepared),
// closed with it. They are prepared on the pool before the first
// transaction that runs one begins, while it holds no connection (a
// connection the pool hands out for the preparation is never one a
// waiting transaction holds); each transaction then binds them to its own
// connection (sql.Tx.StmtContext), which prepares a statement on a
// connection the first time only. When preparing fails (a schema not yet
// migrated), the transaction runs the same text unprepared and the next
// one tries again; Migrate drops the set so it is prepared on the new
// schema.
type preparedSet struct {
	sqldb *sql.DB
	texts *[numHotQueries]string

	mu    sync.Mutex
	stmts []*sql.Stmt // nil until prepared; index hotQuery
}

func newPreparedSet(sqldb *sql.DB, pg bool) *preparedSet {
	return &preparedSet{sqldb: sqldb, texts: hotTexts(pg)}
}

// ready prepares the statements unless they are, and returns them (nil
// when preparing failed: the caller runs the text).
func (p *preparedSet) ready(ctx context.Context) []*sql.Stmt {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stmts != nil {
		return p.stmts
	}
	stmts := make([]*sql.Stmt, numHotQueries)
	for q := range numHotQueries {
		s, err := p.sqldb.PrepareContext(ctx, p.texts[q])
		if err != nil {
			closeAll(stmts)
			return nil
		}
		stmts[q] = s
	}
	p.stmts = stmts
	return stmts
}

// close closes the prepared statements; the next transaction prepares
// them again (Migrate) unless the DB is closed.
func (p *preparedSet) close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	err := closeAll(p.stmts)
	p.stmts = nil
	return err
}

func closeAll(stmts []*sql.Stmt) error {
	var errs []error
	for _, s := range stmts {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}

// hotTx runs hot statements in one transaction: prepared ones when the
// DB's set is ready (bound to the transaction's connection on first use),
// the text otherwise.
type hotTx struct {
	tx    *sql.Tx
	pg    bool
	texts *[numHotQueries]string
	stmts []*sql.Stmt // the DB's prepared statements, or nil
	bound [numHotQueries]*sql.Stmt
	// slow times each statement for the benchmark's slow-query log (nil:
	// not timed; DB.WithSlowQueries).
	slow *slowHook
}

// newHotTx runs hot statements in tx: p's prepared ones when stmts is
// ready (preparedSet.ready, called before the transaction began), p's
// texts otherwise; with p nil (a txStore made outside Transact) the texts
// of tx's engine, unprepared.
func newHotTx(tx bun.Tx, p *preparedSet, stmts []*sql.Stmt) *hotTx {
	pg := tx.Dialect().Name() == dialect.PG
	h := &hotTx{tx: tx.Tx, pg: pg, stmts: stmts}
	if p != nil {
		h.texts = p.texts
	} else {
		h.texts = hotTexts(pg)
	}
	return h
}

// stmt returns q bound to the transaction, or nil to run its text.
func (h *hotTx) stmt(ctx context.Context, q hotQuery) *sql.Stmt {
	if h.stmts == nil {
		return nil
	}
	if h.bound[q] == nil {
		h.bound[q] = h.tx.StmtContext(ctx, h.stmts[q])
	}
	return h.bound[q]
}

func (h *hotTx) exec(ctx context.Context, q hotQuery, args ...any) (res sql.Result, err error) {
	ctx, args = h.detach(ctx), h.args(args)
	if h.slow != nil {
		defer h.timed(q, time.Now(), &err)
	}
	if s := h.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return h.tx.ExecContext(ctx, h.texts[q], args...)
}

func (h *hotTx) query(ctx context.Context, q hotQuery, args ...any) (rows *sql.Rows, err error) {
	ctx, args = h.detach(ctx), h.args(args)
	if h.slow != nil {
		defer h.timed(q, time.Now(), &err)
	}
	if s := h.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return h.tx.QueryContext(ctx, h.texts[q], args...)
}

// timed reports q, started at start, to the slow-query hook (its text:
// the arguments are not written in).
func (h *hotTx) timed(q hotQuery, start time.Time, err *error) {
	h.slow.took(start, h.texts[q], *err)
}

// detach drops ctx's cancellation on SQLite. The driver starts a goroutine
// per statement to interrupt it when a cancellable context ends (a request's
// always can), which cost more than the statements themselves; a hot
// statement reads or writes a few rows by key inside an immediate
// transaction, which already holds the write lock, so it never waits for
// one. The transaction keeps the context: database/sql rolls it back when
// the context ends, and the next statement fails. On PostgreSQL a statement
// can wait for a row lock, so it keeps the context.
func (h *hotTx) detach(ctx context.Context) context.Context {
	if h.pg {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// args converts instants as bun writes them, so a row is stored the same
// whichever path wrote it: on SQLite the UTC text
// "2006-01-02 15:04:05.999999-07:00" (the driver's own format differs),
// on PostgreSQL the UTC instant (the driver writes a TIMESTAMP column's
// wall clock in the value's own zone).
func (h *hotTx) args(args []any) []any {
	for i, a := range args {
		switch v := a.(type) {
		case time.Time:
			args[i] = h.instant(v)
		case *time.Time:
			if v == nil {
				args[i] = nil
			} else {
				args[i] = h.instant(*v)
			}
		}
	}
	return args
}

func (h *hotTx) instant(t time.Time) any {
	if h.pg {
		return t.UTC()
	}
	return t.UTC().Format(sqliteInstant)
}

// sqliteInstant is the layout bun's SQLite dialect writes instants in.
const sqliteInstant = "2006-01-02 15:04:05.999999-07:00"

// dbTime scans an instant as either engine returns it: a time.Time, or on
// SQLite the stored text where the column has no declared type (an
// aggregate); NULL leaves Valid false.
type dbTime struct {
	T     time.Time
	Valid bool
}

// Scan implements sql.Scanner.
func (d *dbTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = dbTime{}
		return nil
	case time.Time:
		*d = dbTime{v.UTC(), true}
		return nil
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	}
	return fmt.Errorf("scan %T into an instant", src)
}

func (d *dbTime) parse(s string) error {
	for _, layout := range []string{sqliteInstant, "2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			*d = dbTime{t.UTC(), true}
			return nil
		}
	}
	return fmt.Errorf("scan %q into an instant", s)
}

// ptr is the instant, or nil for NULL.
func (d dbTime) ptr() *time.Time {
	if !d.Valid {
		return nil
	}
	t := d.T
	return &t
}

// upsert adds the deltas to the rollups table in the primary key's order
// (rollupDeltas.sorted), one prepared statement per chunk (upsertChunks).
func (h *hotTx) upsert(ctx context.Context, d rollupDeltas) error {
	ks := d.sorted()
	args := make([]any, 0, 7*min(len(ks), upsertShapes))
	for _, n := range upsertChunks(len(ks)) {
		args = args[:0]
		for _, k := range ks[:n] {
			args = append(args, k.Metric, k.Municipality, k.Key, k.Day, k.Day2, monthOf(k.Day), d[k])
		}
		if _, err := h.exec(ctx, qUpsert1+hotQuery(n-1), args...); err != nil {
			return fmt.Errorf("update rollups: %w", err)
		}
		ks = ks[n:]
	}
	return nil
}

// upsertChunks splits n rollup rows into the row counts of the upsert
// statements that write them: one statement of exactly n rows when n <=
// upsertShapes (every transition), otherwise full ones and one for the
// rest. One multi-row statement instead of one per bit of n (8 + 4 + 2
// rows for 14) saves the statements' fixed cost (bind, step, reset, the
// driver's round trip) for the same B-tree writes.
func upsertChunks(n int) []int {
	var out []int
	for ; n > 0; n -= upsertShapes {
		out = append(out, min(n, upsertShapes))
	}
	return out
}

// bumpVersions is bumpVersions on the transition path: one prepared
// statement a municipality, in code order (PostgreSQL locks the rows in
// one order, so two transactions cannot deadlock on them).
func (h *hotTx) bumpVersions(ctx context.Context, codes []int) error {
	for _, c := range slices.Compact(slices.Sorted(slices.Values(codes))) {
		if _, err := h.exec(ctx, qBumpVersion, c); err != nil {
			return fmt.Errorf("report versions: %w", err)
		}
	}
	return nil
}

// scanOne scans the one row of rows with scan (sql.ErrNoRows if none) and
// closes rows.
func scanOne(rows *sql.Rows, scan func() error) error {
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := scan(); err != nil {
		return err
	}
	return rows.Close()
}

// scanEach scans every row of rows with scan and closes rows.
func scanEach(rows *sql.Rows, scan func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}
