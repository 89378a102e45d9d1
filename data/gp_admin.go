package data

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// MaxAbsenceDays bounds one GP absence (a year).
const MaxAbsenceDays = 366

// GP loads one GP practice.
func (db *DB) GP(ctx context.Context, id string) (workflow.GP, error) {
	var r gpRow
	if err := db.bun.NewSelect().Model(&r).Where("id = ?", id).Scan(ctx); err != nil {
		return workflow.GP{}, notFound(err, "err.gp.not_found")
	}
	return toGP(r), nil
}

// gpAdmin refuses roles that do not keep the GP register: project leads
// and admins keep the practices; nurses, leads and admins the absences.
func gpAdmin(a workflow.Actor, absences bool) error {
	switch a.Role {
	case workflow.RoleLead, workflow.RoleAdmin:
		return nil
	case workflow.RoleNurse:
		if absences {
			return nil
		}
	}
	return workflow.Forbidden("err.gp.role_may_not_edit")
}

// UpdateGP changes a GP practice's name and clinic; each changed field is
// logged in record_changes.
func (db *DB) UpdateGP(ctx context.Context, a workflow.Actor, id, name, clinic string, now time.Time) (workflow.GP, error) {
	if err := gpAdmin(a, false); err != nil {
		return workflow.GP{}, err
	}
	n, err := ValidName(name)
	if err != nil {
		return workflow.GP{}, err
	}
	clinic = strings.TrimSpace(clinic)
	if _, err := ValidName("x" + clinic); err != nil {
		return workflow.GP{}, workflow.Invalid("err.gp.clinic_name_invalid")
	}
	var out workflow.GP
	err = db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var r gpRow
		if err := tx.NewSelect().Model(&r).Where("id = ?", id).Scan(ctx); err != nil {
			return notFound(err, "err.gp.not_found")
		}
		var cs []RecordChange
		for _, c := range [][3]string{{"name", r.Name, n}, {"clinic", r.Clinic, clinic}} {
			if c[1] != c[2] {
				cs = append(cs, RecordChange{Entity: "gp", EntityID: r.ID, Field: c[0], Old: c[1], New: c[2]})
			}
		}
		r.Name, r.Clinic = n, clinic
		if _, err := tx.NewUpdate().Model(&r).Column("name", "clinic").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update GP: %w", err)
		}
		out = toGP(r)
		return insertChanges(ctx, tx, a, now, cs)
	})
	return out, err
}

// GPAbsenceEdit is an absence to add or change, with the substitute named
// by ydernummer ("" for none).
type GPAbsenceEdit struct {
	From, To             calendar.Date
	SubstituteYdernummer string
	Note                 string
}

func (in GPAbsenceEdit) absence(ctx context.Context, q bun.IDB, id, gpID string) (workflow.GPAbsence, error) {
	a := workflow.GPAbsence{ID: id, GPID: gpID, From: in.From, To: in.To, Note: strings.TrimSpace(in.Note)}
	if y := strings.TrimSpace(in.SubstituteYdernummer); y != "" {
		sub, err := gpIDByYdernummer(ctx, q, y)
		if err != nil {
			return a, workflow.Invalid("err.gp.unknown_substitute", y)
		}
		a.SubstituteGPID = sub
	}
	if err := a.Validate(); err != nil {
		return a, err
	}
	if err := workflow.CheckNote(a.Note); err != nil {
		return a, err
	}
	if days := a.To.Sub(a.From) + 1; days > MaxAbsenceDays {
		return a, workflow.Invalid("err.gp.absence_too_long", days)
	}
	return a, nil
}

// SaveGPAbsence adds an absence to the GP (id "") or changes one, logging
// it in record_changes under the GP (field "absence").
func (db *DB) SaveGPAbsence(ctx context.Context, a workflow.Actor, gpID, id string, in GPAbsenceEdit, now time.Time) (workflow.GPAbsence, error) {
	if err := gpAdmin(a, true); err != nil {
		return workflow.GPAbsence{}, err
	}
	var out workflow.GPAbsence
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := db.GP(ctx, gpID); err != nil {
			return err
		}
		var old gpAbsenceRow
		if id != "" {
			if err := tx.NewSelect().Model(&old).Where("ga.id = ? AND ga.gp_id = ?", id, gpID).Scan(ctx); err != nil {
				return notFound(err, "err.gp.absence_not_found")
			}
		}
		abs, err := in.absence(ctx, tx, id, gpID)
		if err != nil {
			return err
		}
		r := gpAbsenceRow{ID: abs.ID, GPID: gpID, FromDate: abs.From, ToDate: abs.To, SubstituteGPID: nullable(abs.SubstituteGPID), Note: abs.Note}
		ch := RecordChange{Entity: "gp", EntityID: gpID, Field: "absence", New: absenceText(ctx, tx, abs)}
		if id == "" {
			r.ID = workflow.NewID()
			_, err = tx.NewInsert().Model(&r).Exec(ctx)
		} else {
			ch.Old = absenceText(ctx, tx, old.toAbsence())
			_, err = tx.NewUpdate().Model(&r).Column("from_date", "to_date", "substitute_gp_id", "note").WherePK().Exec(ctx)
		}
		if err != nil {
			return fmt.Errorf("save GP absence: %w", err)
		}
		out = r.toAbsence()
		return insertChanges(ctx, tx, a, now, []RecordChange{ch})
	})
	return out, err
}

// RemoveGPAbsence removes an absence of the GP (logged); requests marked
// with it lose the mark.
func (db *DB) RemoveGPAbsence(ctx context.Context, a workflow.Actor, gpID, id string, now time.Time) error {
	if err := gpAdmin(a, true); err != nil {
		return err
	}
	return db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var old gpAbsenceRow
		if err := tx.NewSelect().Model(&old).Where("ga.id = ? AND ga.gp_id = ?", id, gpID).Scan(ctx); err != nil {
			return notFound(err, "err.gp.absence_not_found")
		}
		if _, err := tx.NewUpdate().Table("gp_requests").Set("gp_absence_id = NULL").Where("gp_absence_id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("unmark GP requests: %w", err)
		}
		if _, err := tx.NewDelete().Table("gp_absences").Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("remove GP absence: %w", err)
		}
		return insertChanges(ctx, tx, a, now, []RecordChange{{Entity: "gp", EntityID: gpID, Field: "absence",
			Old: absenceText(ctx, tx, old.toAbsence())}})
	})
}

// absenceText is an absence as the change log keeps it, the substitute
// by ydernummer.
func absenceText(ctx context.Context, q bun.IDB, a workflow.GPAbsence) string {
	s := a.From.Format() + "–" + a.To.Format()
	if a.SubstituteGPID != "" {
		y, err := ydernummerOf(ctx, q, &a.SubstituteGPID)
		if err != nil {
			y = "?"
		}
		s += " vikar " + y
	}
	if a.Note != "" {
		s += " (" + a.Note + ")"
	}
	return s
}
