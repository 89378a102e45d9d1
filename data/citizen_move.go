package data

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/data/refdata"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/dosis-dk/dosis/workflow/cpr"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// CitizenMove is a citizen's move to another municipality: the citizen is
// named by id (the command line, admins) or by CPR number (the receiving
// municipality, which cannot see the citizen before the move).
type CitizenMove struct {
	CitizenID string
	CPR       string
	To        int
	// MovedOn is the civil date the citizen lives in To from; zero: today.
	MovedOn calendar.Date
	Note    string
}

// MoveResult is what a move changed.
type MoveResult struct {
	Citizen workflow.Citizen
	From    int
	// CaseID is the open case that moved with the citizen ("" when none).
	CaseID string
	// Periods and UrgentRolls count the roll periods (starting on or after
	// the move, or delivered and not yet checked) and urgent rolls (open,
	// or requested on or after the move) that moved with the case.
	Periods, UrgentRolls int
}

// MoveCitizen moves a citizen to another municipality in one transaction:
// the citizen, the open case (an audit row citizen_move and a new version)
// with its roll periods from the day of the move (and delivered rolls not
// yet checked, whose receipt control the receiving nurses now do) and its
// open urgent rolls, so worklists, schedules and urgent rolls follow.
// Closed cases, and the periods and urgent rolls from before the move, stay
// with the sending municipality: its own history, which it keeps reading,
// and what reports count for it. The move is kept in citizen_moves (with the day, for
// reports) and in record_changes. Nurses and project leads move citizens
// into their own municipality; admins anywhere.
//
// This is the one place a citizen changes municipality: code that keeps
// figures per municipality hooks in here.
func (db *DB) MoveCitizen(ctx context.Context, a workflow.Actor, in CitizenMove, now time.Time) (MoveResult, error) {
	var res MoveResult
	if err := careRole(a); err != nil {
		return res, err
	}
	if s := a.Scope(); !s.All && s.Municipality != in.To {
		return res, workflow.Forbidden("err.citizen.move_own_municipality_only")
	}
	if err := workflow.CheckNote(in.Note); err != nil {
		return res, err
	}
	today := calendar.Today(now)
	day := today
	if !in.MovedOn.IsZero() {
		day = in.MovedOn
	}
	if err := workflow.PastRange(today, workflow.MoveBackDays, calendar.Date{}).Check(i18n.Key("err.field.moved_on"), day); err != nil {
		return res, err
	}
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := citizenToMove(ctx, tx, in)
		if err != nil {
			return err
		}
		if err := municipalityExists(ctx, tx, in.To); err != nil {
			return err
		}
		if r.Municipality == in.To {
			// A double click on the move button ends here: name the
			// municipality, not its code.
			name := strconv.Itoa(in.To)
			if m, ok, err := refdata.MunicipalityByCode(in.To); err == nil && ok {
				name = m.Name
			}
			return workflow.Invalid("err.citizen.already_in_municipality", name)
		}
		var prev []citizenMoveRow
		if err := tx.NewSelect().Model(&prev).Where("citizen_id = ?", r.ID).OrderExpr("moved_on DESC").Limit(1).Scan(ctx); err != nil {
			return fmt.Errorf("load last move: %w", err)
		}
		if len(prev) > 0 && day.Before(prev[0].MovedOn) {
			return workflow.Invalid("err.citizen.move_before_last", day.Format(), prev[0].MovedOn.Format())
		}
		res.From = r.Municipality
		if _, err := tx.NewUpdate().Table("citizens").Set("municipality_code = ?", in.To).Where("id = ?", r.ID).Exec(ctx); err != nil {
			return fmt.Errorf("move citizen: %w", err)
		}
		if err := moveRollups(ctx, tx, db.Postgres, r, in.To, func() error {
			return moveOpenCase(ctx, tx, a, r.ID, in, day, now, &res)
		}); err != nil {
			return err
		}
		mv := citizenMoveRow{ID: workflow.NewID(), CitizenID: r.ID, CaseID: nullable(res.CaseID), From: res.From, To: in.To,
			MovedOn: day, RecordedAt: now.UTC(), RecordedBy: a.UserID}
		if _, err := tx.NewInsert().Model(&mv).Exec(ctx); err != nil {
			return fmt.Errorf("record move: %w", err)
		}
		if err := insertChanges(ctx, tx, a, now, []RecordChange{{Entity: "citizen", EntityID: r.ID, CitizenID: r.ID,
			Field: "municipality", Old: strconv.Itoa(res.From), New: strconv.Itoa(in.To), Note: in.Note}}); err != nil {
			return err
		}
		r.Municipality = in.To
		res.Citizen = toCitizen(r)
		return logAccess(ctx, tx, a, r.ID, "citizen.move", now)
	})
	return res, err
}

// citizenToMove loads the citizen by id or CPR number, in any municipality.
func citizenToMove(ctx context.Context, tx bun.Tx, in CitizenMove) (citizenRow, error) {
	var r citizenRow
	q := lockCitizen(tx, tx.NewSelect().Model(&r))
	switch {
	case in.CitizenID != "":
		q = q.Where("ci.id = ?", in.CitizenID)
	case in.CPR != "":
		n, err := cpr.Parse(in.CPR)
		if err != nil {
			return r, workflow.InvalidCPR(err)
		}
		q = q.Where("ci.cpr = ?", n.Digits())
	default:
		return r, workflow.Invalid("err.citizen.name_required")
	}
	if err := q.Scan(ctx); err != nil {
		return r, notFound(err, "err.citizen.not_found")
	}
	return r, nil
}

func municipalityExists(ctx context.Context, q bun.IDB, code int) error {
	ok, err := q.NewSelect().Table("municipalities").Where("code = ?", code).Exists(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return workflow.Invalid("err.municipality.unknown_code", code)
	}
	return nil
}

// moveOpenCase moves the citizen's open case, its periods from day on and
// its urgent rolls that are open or requested from day on.
func moveOpenCase(ctx context.Context, tx bun.Tx, a workflow.Actor, citizenID string, in CitizenMove, day calendar.Date, now time.Time, res *MoveResult) error {
	var cr caseRow
	err := tx.NewSelect().Model(&cr).Where("c.citizen_id = ? AND c.closed_at IS NULL", citizenID).Limit(1).Scan(ctx)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load open case: %w", err)
	}
	res.CaseID = cr.ID
	r, err := tx.NewUpdate().Table("cases").Set("municipality_code = ?", in.To).Set("version = version + 1").
		Set("updated_at = ?", now.UTC()).Where("id = ? AND version = ?", cr.ID, cr.Version).Exec(ctx)
	if err != nil {
		return fmt.Errorf("move case: %w", err)
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return workflow.Conflict(fmt.Errorf("case %s is no longer at version %d", cr.ID, cr.Version))
	}
	if err := writeStore(tx).InsertAudit(ctx, workflow.AuditEvent{CaseID: cr.ID, Seq: cr.Version + 1, At: now.UTC(),
		Actor: a.UserID, ActorRole: a.Role, Event: workflow.EventCitizenMove, FromState: workflow.State(cr.State),
		ToState: workflow.State(cr.State), Reason: strconv.Itoa(res.From) + "→" + strconv.Itoa(in.To), Note: in.Note}); err != nil {
		return err
	}
	r, err = tx.NewUpdate().Table("roll_periods").Set("municipality_code = ?", in.To).
		Where("case_id = ? AND (start_date >= ? OR status = ?)", cr.ID, day, string(workflow.PeriodDispensed)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("move roll periods: %w", err)
	}
	n, _ := r.RowsAffected()
	res.Periods = int(n)
	open := []string{string(workflow.UrgentRequested), string(workflow.UrgentAccepted), string(workflow.UrgentPacked)}
	r, err = tx.NewUpdate().Table("urgent_rolls").Set("municipality_code = ?", in.To).
		Where("case_id = ? AND (status IN (?) OR requested_at >= ?)", cr.ID, bun.List(open), day.Start().UTC()).Exec(ctx)
	if err != nil {
		return fmt.Errorf("move urgent rolls: %w", err)
	}
	n, _ = r.RowsAffected()
	res.UrgentRolls = int(n)
	// Every medication change moves: its municipality only locates it for
	// the worklist, which shows the case where it is now.
	if _, err := tx.NewUpdate().Table("medication_changes").Set("municipality_code = ?", in.To).
		Where("case_id = ?", cr.ID).Exec(ctx); err != nil {
		return fmt.Errorf("move medication changes: %w", err)
	}
	return nil
}

// lockCitizen makes q, a read of one citizen (alias ci) that the
// transaction then changes, lock the row on PostgreSQL: a move and an
// edit of medicine help both count the citizen's rollups under the
// municipality they read, so the second must read after the first commits.
// The citizen's row comes before its case's (a move locks the open case
// next: moveRollups).
func lockCitizen(tx bun.Tx, q *bun.SelectQuery) *bun.SelectQuery {
	if tx.Dialect().Name() == dialect.PG {
		return q.For("UPDATE OF ci")
	}
	return q
}

type citizenMoveRow struct {
	bun.BaseModel `bun:"table:citizen_moves"`
	ID            string        `bun:"id,pk"`
	CitizenID     string        `bun:"citizen_id"`
	CaseID        *string       `bun:"case_id"`
	From          int           `bun:"from_code"`
	To            int           `bun:"to_code"`
	MovedOn       calendar.Date `bun:"moved_on"`
	RecordedAt    time.Time     `bun:"recorded_at"`
	RecordedBy    string        `bun:"recorded_by"`
}

// CitizenMoveRecord is one stored move.
type CitizenMoveRecord struct {
	CitizenID  string
	CaseID     string
	From, To   int
	MovedOn    calendar.Date
	RecordedAt time.Time
	RecordedBy string
}

// CitizenMoves lists a citizen's moves in order. Callers check scope first.
func (db *DB) CitizenMoves(ctx context.Context, citizenID string) ([]CitizenMoveRecord, error) {
	var rs []citizenMoveRow
	if err := db.bun.NewSelect().Model(&rs).Where("citizen_id = ?", citizenID).Order("moved_on", "recorded_at").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load citizen moves: %w", err)
	}
	out := make([]CitizenMoveRecord, len(rs))
	for i, r := range rs {
		out[i] = CitizenMoveRecord{CitizenID: r.CitizenID, CaseID: deref(r.CaseID), From: r.From, To: r.To,
			MovedOn: r.MovedOn, RecordedAt: r.RecordedAt.UTC(), RecordedBy: r.RecordedBy}
	}
	return out, nil
}

// CitizenElsewhere tells a nurse or project lead whether the citizen with
// this CPR number is registered in another municipality, and which, so
// the find and register pages can offer the move instead of "not found"
// and then "already exists". It reveals no personal data beyond that; the
// lookup is logged.
func (db *DB) CitizenElsewhere(ctx context.Context, a workflow.Actor, number string, now time.Time) (int, bool, error) {
	if err := careRole(a); err != nil {
		return 0, false, err
	}
	n, err := cpr.Parse(number)
	if err != nil {
		return 0, false, workflow.InvalidCPR(err)
	}
	var rs []struct {
		ID           string `bun:"id"`
		Municipality int    `bun:"municipality_code"`
	}
	if err := db.bun.NewSelect().Table("citizens").Column("id", "municipality_code").Where("cpr = ?", n.Digits()).Scan(ctx, &rs); err != nil {
		return 0, false, fmt.Errorf("look up citizen: %w", err)
	}
	if len(rs) == 0 || (a.Scope().Municipality == rs[0].Municipality) {
		return 0, false, nil
	}
	return rs[0].Municipality, true, logAccess(ctx, db.bun, a, rs[0].ID, "citizen.lookup.elsewhere", now)
}
