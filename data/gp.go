package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

type gpAbsenceRow struct {
	bun.BaseModel  `bun:"table:gp_absences,alias:ga"`
	ID             string        `bun:"id,pk"`
	GPID           string        `bun:"gp_id"`
	FromDate       calendar.Date `bun:"from_date"`
	ToDate         calendar.Date `bun:"to_date"`
	SubstituteGPID *string       `bun:"substitute_gp_id"`
	Note           string        `bun:"note"`
}

func (r gpAbsenceRow) toAbsence() workflow.GPAbsence {
	return workflow.GPAbsence{ID: r.ID, GPID: r.GPID, From: r.FromDate, To: r.ToDate,
		SubstituteGPID: deref(r.SubstituteGPID), Note: r.Note}
}

// gpRequestMarkRow is a GP request with its absence and redirect columns.
type gpRequestMarkRow struct {
	gpRequestRow       `bun:",extend"`
	RedirectedFromGPID *string    `bun:"redirected_from_gp_id"`
	RedirectedAt       *time.Time `bun:"redirected_at"`
	GPAbsenceID        *string    `bun:"gp_absence_id"`
}

func (r gpRequestMarkRow) toInfo() workflow.GPRequestInfo {
	return workflow.GPRequestInfo{GPRequest: workflow.GPRequest{ID: r.ID, CaseID: r.CaseID, GPID: r.GPID,
		RequestedAt: r.RequestedAt.UTC(), RequestedBy: r.RequestedBy, DecidedAt: utcPtr(r.DecidedAt),
		Decision: r.Decision, DecisionReason: r.DecisionReason, PrescriptionExpires: r.PrescriptionExpires},
		RedirectedFromGPID: deref(r.RedirectedFromGPID), RedirectedAt: utcPtr(r.RedirectedAt), AbsenceID: deref(r.GPAbsenceID)}
}

func (t *txStore) GPAbsenceOn(ctx context.Context, gpID string, on calendar.Date) (workflow.GPAbsence, bool, error) {
	rows, err := t.sql().query(ctx, qGPAbsence, gpID, on, on)
	if err != nil {
		return workflow.GPAbsence{}, false, fmt.Errorf("load GP absence: %w", err)
	}
	var r gpAbsenceRow
	var substitute sql.NullString
	err = scanOne(rows, func() error {
		return rows.Scan(&r.ID, &r.GPID, &r.FromDate, &r.ToDate, &substitute, &r.Note)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.GPAbsence{}, false, nil
	}
	if err != nil {
		return workflow.GPAbsence{}, false, fmt.Errorf("load GP absence: %w", err)
	}
	r.SubstituteGPID = strPtr(substitute)
	return r.toAbsence(), true, nil
}

func (t *txStore) MarkGPRequestAbsent(ctx context.Context, caseID, absenceID string) error {
	_, err := t.tx.NewUpdate().Table("gp_requests").Set("gp_absence_id = ?", absenceID).
		Where("case_id = ? AND decided_at IS NULL", caseID).Exec(ctx)
	return wrap(err, "mark GP request absent")
}

func (t *txStore) OpenGPRequest(ctx context.Context, caseID string) (workflow.GPRequestInfo, bool, error) {
	var r gpRequestMarkRow
	err := t.tx.NewSelect().Model(&r).Where("case_id = ? AND decided_at IS NULL", caseID).
		OrderExpr("requested_at DESC, id DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.GPRequestInfo{}, false, nil
	}
	if err != nil {
		return workflow.GPRequestInfo{}, false, fmt.Errorf("load open GP request: %w", err)
	}
	return r.toInfo(), true, nil
}

func (t *txStore) RedirectGPRequest(ctx context.Context, caseID, toGPID string, at time.Time) error {
	res, err := t.tx.NewUpdate().Table("gp_requests").
		Set("redirected_from_gp_id = gp_id").Set("gp_id = ?", toGPID).Set("redirected_at = ?", at).
		Where("case_id = ? AND decided_at IS NULL", caseID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("redirect GP request: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return workflow.Conflict(fmt.Errorf("case %s has %d open GP requests", caseID, n))
	}
	return nil
}

// NewGPAbsence is an absence to register, with GPs named by ydernummer.
type NewGPAbsence struct {
	Ydernummer           string
	From, To             calendar.Date
	SubstituteYdernummer string
	Note                 string
}

// AddGPAbsence registers a GP's absence period (both dates included) with
// an optional substitute GP, checked as SaveGPAbsence checks it, without
// an actor or a change-log line (fixtures; people go through
// SaveGPAbsence).
func (db *DB) AddGPAbsence(ctx context.Context, in NewGPAbsence) (workflow.GPAbsence, error) {
	var out workflow.GPAbsence
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		gp, err := gpIDByYdernummer(ctx, tx, in.Ydernummer)
		if err != nil {
			return err
		}
		a, err := GPAbsenceEdit{From: in.From, To: in.To, SubstituteYdernummer: in.SubstituteYdernummer, Note: in.Note}.
			absence(ctx, tx, workflow.NewID(), gp)
		if err != nil {
			return err
		}
		r := gpAbsenceRow{ID: a.ID, GPID: a.GPID, FromDate: a.From, ToDate: a.To, SubstituteGPID: nullable(a.SubstituteGPID), Note: a.Note}
		if _, err := tx.NewInsert().Model(&r).Exec(ctx); err != nil {
			return fmt.Errorf("insert GP absence: %w", err)
		}
		out = a
		return nil
	})
	return out, err
}

// GPIDByYdernummer returns the id of the GP with the ydernummer.
func (db *DB) GPIDByYdernummer(ctx context.Context, ydernummer string) (string, error) {
	return gpIDByYdernummer(ctx, db.bun, ydernummer)
}

func gpIDByYdernummer(ctx context.Context, q bun.IDB, ydernummer string) (string, error) {
	var id string
	if err := q.NewSelect().Table("gps").Column("id").Where("ydernummer = ?", ydernummer).Scan(ctx, &id); err != nil {
		return "", notFound(err, "err.gp.provider_not_found", ydernummer)
	}
	return id, nil
}

// GPAbsenceItem is an absence with the GPs' ydernumre and names.
type GPAbsenceItem struct {
	workflow.GPAbsence
	Ydernummer           string
	GPName               string
	SubstituteYdernummer string
	SubstituteName       string
}

// GPAbsences lists absences that end on or after from (all when from is
// zero), soonest first; ydernummer narrows them to one GP.
func (db *DB) GPAbsences(ctx context.Context, ydernummer string, from calendar.Date) ([]GPAbsenceItem, error) {
	var rows []struct {
		gpAbsenceRow         `bun:",extend"`
		Ydernummer           string  `bun:"ydernummer"`
		GPName               string  `bun:"gp_name"`
		SubstituteYdernummer *string `bun:"substitute_ydernummer"`
		SubstituteName       *string `bun:"substitute_name"`
	}
	q := db.bun.NewSelect().Model(&rows).ModelTableExpr("gp_absences AS ga").ColumnExpr("ga.*").
		ColumnExpr("g.ydernummer, g.name AS gp_name, s.ydernummer AS substitute_ydernummer, s.name AS substitute_name").
		Join("JOIN gps AS g ON g.id = ga.gp_id").Join("LEFT JOIN gps AS s ON s.id = ga.substitute_gp_id").
		OrderExpr("ga.from_date, g.ydernummer, ga.id")
	if ydernummer != "" {
		q = q.Where("g.ydernummer = ?", ydernummer)
	}
	if !from.IsZero() {
		q = q.Where("ga.to_date >= ?", from)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list GP absences: %w", err)
	}
	out := make([]GPAbsenceItem, len(rows))
	for i, r := range rows {
		out[i] = GPAbsenceItem{GPAbsence: r.toAbsence(), Ydernummer: r.Ydernummer, GPName: r.GPName,
			SubstituteYdernummer: deref(r.SubstituteYdernummer), SubstituteName: deref(r.SubstituteName)}
	}
	return out, nil
}
