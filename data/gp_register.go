package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// AddGPAs registers a GP practice as a project lead or admin (the web's
// form and `dosis gp add`), checked as AddGP checks it, with its line in
// record_changes, in one transaction.
func (db *DB) AddGPAs(ctx context.Context, a workflow.Actor, g workflow.GP, now time.Time) (workflow.GP, error) {
	if err := gpAdmin(a, false); err != nil {
		return g, err
	}
	var out workflow.GP
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if out, err = addGP(ctx, tx, g, now); err != nil {
			return err
		}
		return insertChanges(ctx, tx, a, now, []RecordChange{{Entity: "gp", EntityID: out.ID, Field: "created", New: "true"}})
	})
	return out, err
}

// EndGPAbsence ends a current absence today: its last day becomes today
// (logged as a change of the absence). An absence that has not begun is
// removed instead; one that is over is left as it is.
func (db *DB) EndGPAbsence(ctx context.Context, a workflow.Actor, gpID, id string, now time.Time) (workflow.GPAbsence, error) {
	var r gpAbsenceRow
	if err := db.bun.NewSelect().Model(&r).Where("ga.id = ? AND ga.gp_id = ?", id, gpID).Scan(ctx); err != nil {
		return workflow.GPAbsence{}, notFound(err, "err.gp.absence_not_found")
	}
	today := calendar.Today(now)
	switch {
	case r.FromDate.After(today):
		return workflow.GPAbsence{}, workflow.Invalid("err.gp.absence_not_begun")
	case r.ToDate.Before(today) || r.ToDate == today:
		return workflow.GPAbsence{}, workflow.Invalid("err.gp.absence_already_ends", r.ToDate.Format())
	}
	in := GPAbsenceEdit{From: r.FromDate, To: today, Note: r.Note}
	if r.SubstituteGPID != nil {
		y, err := ydernummerOf(ctx, db.bun, r.SubstituteGPID)
		if err != nil {
			return workflow.GPAbsence{}, fmt.Errorf("end GP absence: %w", err)
		}
		in.SubstituteYdernummer = y
	}
	return db.SaveGPAbsence(ctx, a, gpID, id, in, now)
}
