package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// Transact implements workflow.Store: fn runs in one transaction (an
// immediate one on SQLite, so concurrent writers queue instead of failing).
func (db *DB) Transact(ctx context.Context, fn func(ctx context.Context, tx workflow.Tx) error) error {
	// Prepared before the transaction takes a connection; writers queue
	// on the gate (write_gate.go).
	stmts := db.prepared.ready(ctx)
	return db.gated(ctx, func() error {
		return db.bun.RunInTx(ctx, nil, func(ctx context.Context, btx bun.Tx) error {
			t := &txStore{tx: btx, pg: db.Postgres, hot: newHotTx(btx, db.prepared, stmts)}
			t.hot.slow = db.slow
			if err := fn(ctx, t); err != nil {
				return err
			}
			return t.flushRollups(ctx) // the report's rollups, in the same transaction
		})
	})
}

// txStore implements workflow.Tx on one bun transaction.
type txStore struct {
	tx  bun.Tx
	pg  bool
	hot *hotTx     // the transition path's statements (prepared.go); see sql
	ru  *txRollups // the rollup deltas of the transaction (rollups_tx.go)
}

// writeStore is a txStore for one write outside a Transact (a citizen's
// edit or move), knowing its engine as a Transact's does.
func writeStore(tx bun.Tx) *txStore {
	return &txStore{tx: tx, pg: tx.Dialect().Name() == dialect.PG}
}

// sql runs the transition path's fixed statements: prepared in a Transact,
// their text in a txStore made for one write elsewhere.
func (t *txStore) sql() *hotTx {
	if t.hot == nil {
		t.hot = newHotTx(t.tx, nil, nil)
	}
	return t.hot
}

// scoped restricts a query on a table with municipality_code and
// citizen_id (alias) to the scope: pharmacy staff see the rows of citizens
// with a case at their pharmacy, nurses and project leads their
// municipality's.
func scoped(q *bun.SelectQuery, s workflow.Scope, alias string) *bun.SelectQuery {
	return scopedByCitizen(q, s, alias+".municipality_code", alias+".citizen_id")
}

// scopedCitizens restricts a query on citizens (alias ci) to the scope, as
// scoped does for the tables that refer to a citizen.
func scopedCitizens(q *bun.SelectQuery, s workflow.Scope) *bun.SelectQuery {
	return scopedByCitizen(q, s, "ci.municipality_code", "ci.id")
}

func scopedByCitizen(q *bun.SelectQuery, s workflow.Scope, municipalityCol, citizenCol string) *bun.SelectQuery {
	switch {
	case s.All:
		return q
	case s.None:
		return q.Where("1 = 0")
	case s.PharmacyID != "":
		return q.Where("EXISTS (SELECT 1 FROM cases sc WHERE sc.citizen_id = "+citizenCol+" AND sc.pharmacy_id = ?)", s.PharmacyID)
	default:
		return q.Where(municipalityCol+" = ?", s.Municipality)
	}
}

// scopedDirect restricts a query on a table that carries its own
// pharmacy_id and municipality_code (roll_periods, urgent_rolls; alias) to
// the scope: pharmacy staff see their pharmacy's rows, nurses and project
// leads their municipality's.
func scopedDirect(q *bun.SelectQuery, s workflow.Scope, alias string) *bun.SelectQuery {
	switch {
	case s.All:
		return q
	case s.None:
		return q.Where("1 = 0")
	case s.PharmacyID != "":
		return q.Where(alias+".pharmacy_id = ?", s.PharmacyID)
	default:
		return q.Where(alias+".municipality_code = ?", s.Municipality)
	}
}

// snapshotRow is a case with everything its guards need, read in one
// statement: the citizen's birth date, the latest assessment's outcome,
// whether a consent is active, and the latest GP request.
type snapshotRow struct {
	caseRow             `bun:",extend"`
	BirthDate           calendar.Date `bun:"birth_date"`
	Outcome             *string       `bun:"outcome"`
	ConsentActive       int           `bun:"consent_active"`
	GPRequestID         *string       `bun:"gp_request_id"`
	GPDecidedAt         *time.Time    `bun:"gp_decided_at"`
	GPDecision          *string       `bun:"gp_decision"`
	PrescriptionExpires calendar.Date `bun:"gp_prescription_expires"`
}

// Snapshot reads the case and its guard facts in one statement (one round
// trip instead of five: transitions are the hot path of the workflow), on
// PostgreSQL after a statement that locks the case's row.
func (t *txStore) Snapshot(ctx context.Context, scope workflow.Scope, caseID string, now time.Time) (workflow.Snapshot, error) {
	if t.pg {
		// The case's row is locked before the transaction changes
		// anything of the case: a transition changes its roll periods (a
		// pause), urgent rolls or requests before the case row itself,
		// and a citizen's move takes the case row first and its periods
		// and urgent rolls after, so without this lock the two could
		// each wait for the other (PostgreSQL: deadlock detected). The
		// snapshot is read by the next statement, so in READ COMMITTED
		// it sees what a transaction that held the lock committed.
		if _, err := t.sql().exec(ctx, qLockCase, caseID); err != nil {
			return workflow.Snapshot{}, fmt.Errorf("lock case %s: %w", caseID, err)
		}
	}
	return t.snapshot(ctx, scope, caseID, now)
}

// snapshot reads the case and its guard facts without locking it (the
// rollups' read of a case a write names without a snapshot: rollups_tx.go).
func (t *txStore) snapshot(ctx context.Context, scope workflow.Scope, caseID string, now time.Time) (workflow.Snapshot, error) {
	rows, err := t.queryScoped(ctx, scope, qSnapshotAll, caseID)
	if err != nil {
		return workflow.Snapshot{}, fmt.Errorf("read case %s: %w", caseID, err)
	}
	r, err := scanSnapshot(rows)
	if err != nil {
		return workflow.Snapshot{}, notFound(err, "err.case.not_found")
	}
	t.trackFrom(r)
	s := workflow.Snapshot{Case: r.toCase(), Now: now, BirthDate: r.BirthDate,
		ConsentActive: r.ConsentActive == 1}
	if r.Outcome != nil {
		s.Outcome = *r.Outcome
	}
	if r.GPRequestID != nil {
		s.GPRequestOpen = r.GPDecidedAt == nil
		s.GPApproved = r.GPDecision != nil && *r.GPDecision == "approved"
		s.PrescriptionExpires = r.PrescriptionExpires
	}
	return s, nil
}

// queryScoped runs the by-id read all (qSnapshotAll or qCitizenAll; the
// two queries after it add the municipality and pharmacy conditions, as
// scopedByCitizen does) in the scope. An empty scope reads a statement
// that finds nothing, so the caller's not-found applies.
func (t *txStore) queryScoped(ctx context.Context, scope workflow.Scope, all hotQuery, id string) (*sql.Rows, error) {
	switch {
	case scope.All:
		return t.sql().query(ctx, all, id)
	case scope.None:
		return t.sql().query(ctx, all+1, id, nil) // municipality_code = NULL: no row
	case scope.PharmacyID != "":
		return t.sql().query(ctx, all+2, id, scope.PharmacyID)
	default:
		return t.sql().query(ctx, all+1, id, scope.Municipality)
	}
}

// scanSnapshot reads the one row of a snapshot query (sql.ErrNoRows if
// none) and closes rows.
func scanSnapshot(rows *sql.Rows) (snapshotRow, error) {
	defer rows.Close()
	var r snapshotRow
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return r, err
		}
		return r, sql.ErrNoRows
	}
	var gp, pharmacy, outcome, gpID, gpDecision sql.NullString
	var opened, updated, closed, gpDecided dbTime
	if err := rows.Scan(&r.ID, &r.CitizenID, &r.Municipality, &r.State, &r.Version, &r.Source, &gp, &pharmacy,
		&r.StateReason, &opened, &updated, &closed, &r.BirthDate, &outcome, &r.ConsentActive,
		&gpID, &gpDecided, &gpDecision, &r.PrescriptionExpires); err != nil {
		return r, fmt.Errorf("read case: %w", err)
	}
	r.GPID, r.PharmacyID, r.Outcome = strPtr(gp), strPtr(pharmacy), strPtr(outcome)
	r.GPRequestID, r.GPDecision = strPtr(gpID), strPtr(gpDecision)
	r.OpenedAt, r.UpdatedAt, r.ClosedAt, r.GPDecidedAt = opened.T, updated.T, closed.ptr(), gpDecided.ptr()
	return r, rows.Close()
}

// sameRefs reports whether the update r of the stored row leaves its GP,
// pharmacy and closing time as they are (the row's version, checked by the
// update, guarantees stored is still the row in the table).
func sameRefs(stored, r caseRow) bool {
	return stored.ID == r.ID && stored.Version == r.Version && equalPtr(stored.GPID, r.GPID) &&
		equalPtr(stored.PharmacyID, r.PharmacyID) && (stored.ClosedAt == nil) == (r.ClosedAt == nil) &&
		(stored.ClosedAt == nil || stored.ClosedAt.Equal(*r.ClosedAt))
}

func equalPtr(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// strPtr is s, or nil for NULL.
func strPtr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

func (t *txStore) Citizen(ctx context.Context, scope workflow.Scope, id string) (workflow.Citizen, error) {
	rows, err := t.queryScoped(ctx, scope, qCitizenAll, id)
	if err != nil {
		return workflow.Citizen{}, fmt.Errorf("load citizen: %w", err)
	}
	var r citizenRow
	err = scanOne(rows, func() error {
		var gp sql.NullString
		var created dbTime
		err := rows.Scan(&r.ID, &r.CPR, &r.Name, &r.BirthDate, &r.Sex, &r.Municipality, &gp, &r.MedicineHelp,
			&r.MedicineHelpSince, &created)
		r.GPID, r.CreatedAt = strPtr(gp), created.T
		return err
	})
	if err != nil {
		return workflow.Citizen{}, notFound(err, "err.citizen.not_found")
	}
	c := toCitizen(r)
	t.rollups().births[c.ID] = c.BirthDate
	return c, nil
}

func (t *txStore) InsertCase(ctx context.Context, c workflow.Case) error {
	r := caseRowFrom(c)
	if _, err := t.sql().exec(ctx, qInsertCase, r.ID, r.CitizenID, r.Municipality, r.State, r.Version, r.Source, r.GPID,
		r.PharmacyID, r.StateReason, r.OpenedAt, r.UpdatedAt, r.ClosedAt); err != nil {
		if isUniqueViolation(err) {
			return workflow.Invalid("err.case.already_open")
		}
		return fmt.Errorf("insert case: %w", err)
	}
	return t.rollupCaseInserted(ctx, c)
}

func (t *txStore) UpdateCase(ctx context.Context, c workflow.Case) error {
	stored, err := t.rollupCaseUpdated(ctx, c)
	if err != nil {
		return err
	}
	r := caseRowFrom(c)
	var res sql.Result
	if sameRefs(stored, r) {
		// Most transitions change the state only: leaving the GP, the
		// pharmacy and closed_at out of the SET list spares their foreign
		// key checks and the index on open cases (cases_one_open_per_citizen).
		res, err = t.sql().exec(ctx, qUpdateCaseState, r.State, r.StateReason, r.UpdatedAt, r.ID, r.Version)
	} else {
		res, err = t.sql().exec(ctx, qUpdateCase, r.State, r.StateReason, r.GPID, r.PharmacyID, r.UpdatedAt, r.ClosedAt, r.ID, r.Version)
	}
	if err != nil {
		if isForeignKeyViolation(err) {
			return workflow.Invalid("err.case.pharmacy_or_gp_unknown")
		}
		return fmt.Errorf("update case: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return workflow.Conflict(fmt.Errorf("case %s is no longer at version %d", c.ID, c.Version))
	}
	return nil
}

func (t *txStore) InsertAudit(ctx context.Context, e workflow.AuditEvent) error {
	if err := t.rollupAudit(ctx, e); err != nil {
		return err
	}
	if _, err := t.sql().exec(ctx, qInsertAudit, e.CaseID, e.Seq, e.At, e.Actor, string(e.ActorRole),
		string(e.Event), string(e.FromState), string(e.ToState), e.Reason, e.Note); err != nil {
		if isUniqueViolation(err) {
			return workflow.Conflict(err)
		}
		return fmt.Errorf("insert audit event: %w", err)
	}
	return nil
}

func (t *txStore) InsertAssessment(ctx context.Context, a workflow.Assessment) error {
	if _, err := t.sql().exec(ctx, qInsertAssessment, a.ID, a.CaseID, a.RuleSetID, a.RuleSetVersion, a.Outcome, a.FactsJSON,
		a.ResultsJSON, a.AssessedBy, a.AssessedAt, a.Reason, nullable(a.JudgedAssessmentID)); err != nil {
		return wrap(err, "insert assessment")
	}
	return t.rollupAssessment(ctx, a)
}

func (t *txStore) InsertConsent(ctx context.Context, c workflow.Consent) error {
	if _, err := t.sql().exec(ctx, qInsertConsent, c.ID, c.CaseID, c.GivenBy, c.GiverName, c.Method, c.GivenOn,
		c.RecorderInDailyCare, c.RecordedBy, c.RecordedAt); err != nil {
		return wrap(err, "insert consent")
	}
	return t.rollupConsent(ctx, c)
}

func (t *txStore) WithdrawConsents(ctx context.Context, caseID string, at time.Time, by, note string) error {
	_, err := t.tx.NewUpdate().Table("consents").Set("withdrawn_at = ?", at).Set("withdrawn_recorded_by = ?", by).
		Set("withdrawal_note = ?", note).Where("case_id = ? AND withdrawn_at IS NULL", caseID).Exec(ctx)
	return wrap(err, "withdraw consent")
}

func (t *txStore) InsertGPRequest(ctx context.Context, r workflow.GPRequest) error {
	return t.rollupGPChange(ctx, r.CaseID, func() error {
		_, err := t.sql().exec(ctx, qInsertGPRequest, r.ID, r.CaseID, r.GPID, r.RequestedAt, r.RequestedBy)
		return wrap(err, "insert GP request")
	}, func(gs []gpRec) []gpRec {
		return append(gs, gpRec{ID: r.ID, CaseID: r.CaseID, Requested: r.RequestedAt})
	})
}

func (t *txStore) DecideGPRequest(ctx context.Context, caseID string, at time.Time, decision, reason string, expires calendar.Date) error {
	return t.rollupGPChange(ctx, caseID, func() error {
		res, err := t.sql().exec(ctx, qDecideGPRequest, at, decision, reason, expires, caseID)
		if err != nil {
			return fmt.Errorf("record GP decision: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return workflow.Conflict(errors.New("no open GP request"))
		}
		return nil
	}, func(gs []gpRec) []gpRec {
		for i := range gs {
			if gs[i].Decided == nil {
				gs[i].Decided, gs[i].Decision = &at, decision
			}
		}
		return gs
	})
}

func (t *txStore) AddReminder(ctx context.Context, r workflow.Reminder) error {
	_, err := t.sql().exec(ctx, qAddReminder, r.ID, r.CaseID, r.Kind, r.DueAt, r.Note)
	return wrap(err, "add reminder")
}

func (t *txStore) CompleteReminders(ctx context.Context, caseID, kind string, at time.Time) error {
	_, err := t.sql().exec(ctx, qCompleteReminders, at, caseID, kind)
	return wrap(err, "complete reminders")
}

func (t *txStore) Pharmacy(ctx context.Context, id string) (workflow.Pharmacy, error) {
	rows, err := t.sql().query(ctx, qPharmacy, id)
	if err != nil {
		return workflow.Pharmacy{}, fmt.Errorf("load pharmacy: %w", err)
	}
	var r pharmacyRow
	err = scanOne(rows, func() error {
		var created dbTime
		err := rows.Scan(&r.ID, &r.Name, &r.Municipality, &r.PeriodDays, &r.DeadlineWorkingDays, &r.LeadTimeHours,
			&r.ExtraClosingDays, &created)
		r.CreatedAt = created.T
		return err
	})
	if err != nil {
		return workflow.Pharmacy{}, notFound(err, "err.pharmacy.not_found")
	}
	p, err := toPharmacy(r)
	if err != nil {
		return p, err
	}
	if rows, err = t.sql().query(ctx, qClosedDates, id); err != nil {
		return p, fmt.Errorf("load closed dates: %w", err)
	}
	err = scanEach(rows, func() error {
		var d calendar.Date
		err := rows.Scan(&d)
		p.ClosedDates = append(p.ClosedDates, d)
		return err
	})
	if err != nil {
		return p, fmt.Errorf("load closed dates: %w", err)
	}
	return p, nil
}

func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error, key string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.NotFound(key, args...)
	}
	return err
}

// isUniqueViolation reports whether err is a unique-constraint violation on
// either engine.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// isForeignKeyViolation reports whether err is a foreign-key violation on
// either engine.
func isForeignKeyViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23503"
	}
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}
