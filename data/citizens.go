package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/dosis-dk/dosis/workflow/cpr"
	"github.com/uptrace/bun"
)

// NewCitizen is a citizen to register.
type NewCitizen struct {
	CPR          string
	Name         string
	Municipality int
	GPYdernummer string
	MedicineHelp bool
}

// AddCitizen validates and stores a citizen. The CPR number must be valid in
// form; a failing modulus-11 check is returned as a warning, not an error.
func (db *DB) AddCitizen(ctx context.Context, a workflow.Actor, in NewCitizen, now time.Time) (workflow.Citizen, []string, error) {
	n, err := cpr.Parse(in.CPR)
	if err != nil {
		return workflow.Citizen{}, nil, workflow.InvalidCPR(err)
	}
	if born := n.BirthDate(); born.After(calendar.Today(now)) {
		return workflow.Citizen{}, nil, workflow.Invalid("err.citizen.birth_in_future", born.Format())
	}
	name, err := ValidName(in.Name)
	if err != nil {
		return workflow.Citizen{}, nil, err
	}
	in.Name = name
	s := a.Scope()
	if !s.All && (s.None || s.PharmacyID != "" || s.Municipality != in.Municipality) {
		return workflow.Citizen{}, nil, workflow.Forbidden("err.citizen.register_own_municipality_only")
	}
	r := citizenRow{ID: workflow.NewID(), CPR: n.Digits(), Name: in.Name, BirthDate: n.BirthDate(),
		Sex: string(n.Sex()), Municipality: in.Municipality, MedicineHelp: in.MedicineHelp, CreatedAt: now.UTC()}
	var elsewhere string // an existing citizen with the number, outside the actor's scope
	err = db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var existing citizenRow
		switch err := tx.NewSelect().Model(&existing).Where("ci.cpr = ?", r.CPR).Scan(ctx); {
		case err == nil && !s.All && existing.Municipality != s.Municipality:
			// The lookup says "not found" for a citizen of another
			// municipality; registering must not say "exists" either.
			elsewhere = existing.ID
			return errCannotRegister()
		case err == nil && s.All:
			return workflow.Invalid("err.citizen.exists")
		case err == nil:
			return workflow.Invalid("err.citizen.exists_here")
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("check CPR number: %w", err)
		}
		ok, err := tx.NewSelect().Table("municipalities").Where("code = ?", in.Municipality).Exists(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return workflow.Invalid("err.municipality.unknown_code", in.Municipality)
		}
		if in.GPYdernummer != "" {
			var id string
			if err := tx.NewSelect().Table("gps").Column("id").Where("ydernummer = ?", in.GPYdernummer).Scan(ctx, &id); err != nil {
				return notFound(err, "err.gp.provider_not_found", in.GPYdernummer)
			}
			r.GPID = &id
		}
		if _, err := tx.NewInsert().Model(&r).Exec(ctx); err != nil {
			if isUniqueViolation(err) { // registered at this moment by someone else
				return errCannotRegister()
			}
			return fmt.Errorf("insert citizen: %w", err)
		}
		if r.MedicineHelp {
			d := rollupDeltas{}
			d.add(mHelp, r.Municipality, "", turns75(r.BirthDate), 0, 1)
			if err := d.applyVersioned(ctx, tx); err != nil {
				return err
			}
		}
		return logAccess(ctx, tx, a, r.ID, "citizen.add", now)
	})
	if elsewhere != "" {
		// The attempt is logged against the existing citizen, so the
		// municipality that holds them (and the admins) can see it.
		if lerr := logAccess(ctx, db.bun, a, elsewhere, "citizen.add.refused.other_municipality", now); lerr != nil {
			return workflow.Citizen{}, nil, lerr
		}
	}
	if err != nil {
		return workflow.Citizen{}, nil, err
	}
	return toCitizen(r), n.Warnings(), nil
}

// errCannotRegister refuses a registration without saying whether the
// number is registered in another municipality (the move between
// municipalities is its own feature).
func errCannotRegister() error {
	return workflow.Invalid("err.citizen.cannot_register_here")
}

func citizenByID(ctx context.Context, q bun.IDB, scope workflow.Scope, id string) (workflow.Citizen, error) {
	var r citizenRow
	sq := q.NewSelect().Model(&r).Where("ci.id = ?", id)
	if err := scopedCitizens(sq, scope).Scan(ctx); err != nil {
		return workflow.Citizen{}, notFound(err, "err.citizen.not_found")
	}
	return toCitizen(r), nil
}

// Citizen loads a citizen within the actor's scope and logs the access.
func (db *DB) Citizen(ctx context.Context, a workflow.Actor, id, what string, now time.Time) (workflow.Citizen, error) {
	c, err := citizenByID(ctx, db.bun, a.Scope(), id)
	if err != nil {
		return c, err
	}
	return c, logAccess(ctx, db.bun, a, c.ID, what, now)
}

// FindCitizenByCPR looks a citizen up by CPR number within the actor's
// scope. The lookup itself is logged, found or not.
func (db *DB) FindCitizenByCPR(ctx context.Context, a workflow.Actor, number string, now time.Time) (workflow.Citizen, error) {
	n, err := cpr.Parse(number)
	if err != nil {
		return workflow.Citizen{}, workflow.InvalidCPR(err)
	}
	var r citizenRow
	sq := db.bun.NewSelect().Model(&r).Where("ci.cpr = ?", n.Digits())
	if err := scopedCitizens(sq, a.Scope()).Scan(ctx); err != nil {
		if lerr := logAccess(ctx, db.bun, a, "", "citizen.lookup.miss", now); lerr != nil {
			return workflow.Citizen{}, lerr
		}
		return workflow.Citizen{}, notFound(err, "err.citizen.not_found")
	}
	return toCitizen(r), logAccess(ctx, db.bun, a, r.ID, "citizen.lookup", now)
}

func logAccess(ctx context.Context, q bun.IDB, a workflow.Actor, citizenID, what string, now time.Time) error {
	_, err := q.NewInsert().Model(&accessRow{At: now.UTC(), Actor: a.UserID, ActorRole: string(a.Role),
		CitizenID: citizenID, What: what}).ExcludeColumn("id").Exec(ctx)
	return wrap(err, "log access")
}
