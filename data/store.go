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
)

// Transact implements workflow.Store: fn runs in one transaction (an
// immediate one on SQLite, so concurrent writers queue instead of failing).
func (db *DB) Transact(ctx context.Context, fn func(ctx context.Context, tx workflow.Tx) error) error {
	return db.gated(ctx, func() error { // write_gate.go
		return db.bun.RunInTx(ctx, nil, func(ctx context.Context, btx bun.Tx) error {
			t := &txStore{tx: btx, pg: db.Postgres}
			if err := fn(ctx, t); err != nil {
				return err
			}
			return t.flushRollups(ctx) // the report's rollups, in the same transaction
		})
	})
}

// txStore implements workflow.Tx on one bun transaction.
type txStore struct {
	tx bun.Tx
	pg bool
	ru *txRollups // the rollup deltas of the transaction (rollups_tx.go)
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
// trip instead of five: transitions are the hot path of the workflow).
func (t *txStore) Snapshot(ctx context.Context, scope workflow.Scope, caseID string, now time.Time) (workflow.Snapshot, error) {
	var r snapshotRow
	q := t.tx.NewSelect().Model(&r).
		ColumnExpr("c.*").
		ColumnExpr("ci.birth_date AS birth_date").
		ColumnExpr("(SELECT a.outcome FROM assessments AS a WHERE a.case_id = c.id ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) AS outcome").
		ColumnExpr("CASE WHEN EXISTS (SELECT 1 FROM consents AS k WHERE k.case_id = c.id AND k.withdrawn_at IS NULL) THEN 1 ELSE 0 END AS consent_active").
		ColumnExpr("g.id AS gp_request_id, g.decided_at AS gp_decided_at, g.decision AS gp_decision, g.prescription_expires AS gp_prescription_expires").
		Join("JOIN citizens AS ci ON ci.id = c.citizen_id").
		Join("LEFT JOIN gp_requests AS g ON g.id = (SELECT g2.id FROM gp_requests AS g2 WHERE g2.case_id = c.id ORDER BY g2.requested_at DESC, g2.id DESC LIMIT 1)").
		Where("c.id = ?", caseID)
	if err := scoped(q, scope, "c").Scan(ctx); err != nil {
		return workflow.Snapshot{}, notFound(err, "sagen", "the case")
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

func (t *txStore) Citizen(ctx context.Context, scope workflow.Scope, id string) (workflow.Citizen, error) {
	c, err := citizenByID(ctx, t.tx, scope, id)
	if err == nil {
		t.rollups().births[c.ID] = c.BirthDate
	}
	return c, err
}

func (t *txStore) InsertCase(ctx context.Context, c workflow.Case) error {
	r := caseRowFrom(c)
	if _, err := t.tx.NewInsert().Model(&r).Exec(ctx); err != nil {
		if isUniqueViolation(err) {
			return workflow.Invalid("borgeren har allerede en åben sag", "the citizen already has an open case")
		}
		return fmt.Errorf("insert case: %w", err)
	}
	return t.rollupCaseInserted(ctx, c)
}

func (t *txStore) UpdateCase(ctx context.Context, c workflow.Case) error {
	if err := t.rollupCaseUpdated(ctx, c); err != nil {
		return err
	}
	r := caseRowFrom(c)
	res, err := t.tx.NewUpdate().Model(&r).
		Column("state", "state_reason", "gp_id", "pharmacy_id", "updated_at", "closed_at").
		Set("version = version + 1").
		Where("id = ? AND version = ?", c.ID, c.Version).Exec(ctx)
	if err != nil {
		if isForeignKeyViolation(err) {
			return workflow.Invalid("apoteket eller lægen findes ikke", "the pharmacy or GP does not exist")
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
	r := auditRow{CaseID: e.CaseID, Seq: e.Seq, At: e.At, Actor: e.Actor, ActorRole: string(e.ActorRole),
		Event: string(e.Event), FromState: string(e.FromState), ToState: string(e.ToState), Reason: e.Reason, Note: e.Note}
	if _, err := t.tx.NewInsert().Model(&r).ExcludeColumn("id").Exec(ctx); err != nil {
		if isUniqueViolation(err) {
			return workflow.Conflict(err)
		}
		return fmt.Errorf("insert audit event: %w", err)
	}
	return nil
}

func (t *txStore) InsertAssessment(ctx context.Context, a workflow.Assessment) error {
	r := assessmentRow{ID: a.ID, CaseID: a.CaseID, RuleSetID: a.RuleSetID, RuleSetVersion: a.RuleSetVersion,
		Outcome: a.Outcome, Facts: a.FactsJSON, Results: a.ResultsJSON, AssessedBy: a.AssessedBy, AssessedAt: a.AssessedAt,
		Reason: a.Reason, JudgedID: nullable(a.JudgedAssessmentID)}
	if _, err := t.tx.NewInsert().Model(&r).Exec(ctx); err != nil {
		return wrap(err, "insert assessment")
	}
	return t.rollupAssessment(ctx, a)
}

func (t *txStore) InsertConsent(ctx context.Context, c workflow.Consent) error {
	r := consentRow{ID: c.ID, CaseID: c.CaseID, GivenBy: c.GivenBy, GiverName: c.GiverName, Method: c.Method,
		GivenOn: c.GivenOn, RecorderInDailyCare: c.RecorderInDailyCare, RecordedBy: c.RecordedBy, RecordedAt: c.RecordedAt}
	if _, err := t.tx.NewInsert().Model(&r).Exec(ctx); err != nil {
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
	row := gpRequestRow{ID: r.ID, CaseID: r.CaseID, GPID: r.GPID, RequestedAt: r.RequestedAt, RequestedBy: r.RequestedBy}
	return t.rollupGPChange(ctx, r.CaseID, func() error {
		_, err := t.tx.NewInsert().Model(&row).Exec(ctx)
		return wrap(err, "insert GP request")
	}, func(gs []gpRec) []gpRec {
		return append(gs, gpRec{ID: r.ID, CaseID: r.CaseID, Requested: r.RequestedAt})
	})
}

func (t *txStore) DecideGPRequest(ctx context.Context, caseID string, at time.Time, decision, reason string, expires calendar.Date) error {
	return t.rollupGPChange(ctx, caseID, func() error {
		res, err := t.tx.NewUpdate().Table("gp_requests").Set("decided_at = ?", at).Set("decision = ?", decision).
			Set("decision_reason = ?", reason).Set("prescription_expires = ?", expires).
			Where("case_id = ? AND decided_at IS NULL", caseID).Exec(ctx)
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
	row := reminderRow{ID: r.ID, CaseID: r.CaseID, Kind: r.Kind, DueAt: r.DueAt, Note: r.Note}
	_, err := t.tx.NewInsert().Model(&row).On("CONFLICT (case_id, kind, due_at) DO NOTHING").Exec(ctx)
	return wrap(err, "add reminder")
}

func (t *txStore) CompleteReminders(ctx context.Context, caseID, kind string, at time.Time) error {
	_, err := t.tx.NewUpdate().Table("reminders").Set("done_at = ?", at).
		Where("case_id = ? AND kind = ? AND done_at IS NULL", caseID, kind).Exec(ctx)
	return wrap(err, "complete reminders")
}

func (t *txStore) Pharmacy(ctx context.Context, id string) (workflow.Pharmacy, error) {
	return pharmacyByID(ctx, t.tx, id)
}

func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error, whatDA, whatEN string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.NotFound(whatDA, whatEN)
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
