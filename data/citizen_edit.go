package data

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// CitizenEdit is a change to a citizen's own data. A nil field is left as
// it is; GPYdernummer "-" removes the GP.
type CitizenEdit struct {
	Name         *string
	GPYdernummer *string
	MedicineHelp *bool
	// MedicineHelpSince is the civil date the help started; the zero Date
	// clears it. It may not lie in the future.
	MedicineHelpSince *calendar.Date
	Note              string
}

// recordChangeRow is a row of the append-only record_changes log.
type recordChangeRow struct {
	bun.BaseModel `bun:"table:record_changes"`
	ID            int64     `bun:"id,pk,autoincrement"`
	At            time.Time `bun:"at"`
	Actor         string    `bun:"actor"`
	ActorRole     string    `bun:"actor_role"`
	Entity        string    `bun:"entity"`
	EntityID      string    `bun:"entity_id"`
	CitizenID     *string   `bun:"citizen_id"`
	Field         string    `bun:"field"`
	OldValue      string    `bun:"old_value"`
	NewValue      string    `bun:"new_value"`
	Note          string    `bun:"note"`
}

// RecordChange is one changed field of a citizen, a GP or a GP absence.
type RecordChange struct {
	At        time.Time
	Actor     string
	ActorRole workflow.Role
	// Entity is "citizen", "gp" (its absences too) or "pharmacy".
	Entity    string
	EntityID  string
	CitizenID string
	Field     string
	Old, New  string
	Note      string
}

func (r recordChangeRow) toChange() RecordChange {
	return RecordChange{At: r.At.UTC(), Actor: r.Actor, ActorRole: workflow.Role(r.ActorRole), Entity: r.Entity,
		EntityID: r.EntityID, CitizenID: deref(r.CitizenID), Field: r.Field, Old: r.OldValue, New: r.NewValue, Note: r.Note}
}

// insertChanges appends changes to the log, stamped with the actor and at.
func insertChanges(ctx context.Context, q bun.IDB, a workflow.Actor, at time.Time, cs []RecordChange) error {
	if len(cs) == 0 {
		return nil
	}
	rs := make([]recordChangeRow, len(cs))
	for i, c := range cs {
		rs[i] = recordChangeRow{At: at.UTC(), Actor: a.UserID, ActorRole: string(a.Role), Entity: c.Entity, EntityID: c.EntityID,
			CitizenID: nullable(c.CitizenID), Field: c.Field, OldValue: c.Old, NewValue: c.New, Note: c.Note}
	}
	_, err := q.NewInsert().Model(&rs).ExcludeColumn("id").Exec(ctx)
	return wrap(err, "log record changes")
}

// RecordChanges returns the change log of one entity ("citizen", "gp",
// "pharmacy") in order. Callers check scope first.
func (db *DB) RecordChanges(ctx context.Context, entity, id string) ([]RecordChange, error) {
	var rs []recordChangeRow
	if err := db.bun.NewSelect().Model(&rs).Where("entity = ? AND entity_id = ?", entity, id).Order("at", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load record changes: %w", err)
	}
	out := make([]RecordChange, len(rs))
	for i, r := range rs {
		out[i] = r.toChange()
	}
	return out, nil
}

// ValidName trims a name and checks it is there, printable and not too long.
func ValidName(name string) (string, error) {
	n := strings.TrimSpace(name)
	if n == "" {
		return "", workflow.Invalid("err.name.missing")
	}
	if err := workflow.CheckText(i18n.Key("err.field.name"), n, workflow.TextName); err != nil {
		return "", err
	}
	return n, nil
}

// UpdateCitizen changes a citizen within the actor's scope and logs every
// changed field (old and new value) in record_changes, in one transaction.
// A new GP also becomes the GP of the citizen's open case while that case
// has not been sent to a GP yet, so a citizen registered without a GP can
// then be sent to one.
func (db *DB) UpdateCitizen(ctx context.Context, a workflow.Actor, id string, in CitizenEdit, now time.Time) (workflow.Citizen, error) {
	if err := careRole(a); err != nil {
		return workflow.Citizen{}, err
	}
	if len(in.Note) > workflow.MaxNoteLength {
		return workflow.Citizen{}, workflow.Invalid("err.citizen.note_too_long", len(in.Note), workflow.MaxNoteLength)
	}
	var out workflow.Citizen
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var r citizenRow
		if err := scopedCitizens(lockCitizen(tx, tx.NewSelect().Model(&r).Where("ci.id = ?", id)), a.Scope()).Scan(ctx); err != nil {
			return notFound(err, "err.citizen.not_found")
		}
		old := toCitizen(r)
		var cs []RecordChange
		change := func(field, from, to string) {
			if from != to {
				cs = append(cs, RecordChange{Entity: "citizen", EntityID: r.ID, CitizenID: r.ID, Field: field, Old: from, New: to, Note: in.Note})
			}
		}
		if in.Name != nil {
			n, err := ValidName(*in.Name)
			if err != nil {
				return err
			}
			change("name", r.Name, n)
			r.Name = n
		}
		if in.GPYdernummer != nil {
			oldYder, err := ydernummerOf(ctx, tx, r.GPID)
			if err != nil {
				return err
			}
			y := strings.TrimSpace(*in.GPYdernummer)
			switch y {
			case "", "-":
				r.GPID, y = nil, ""
			default:
				gp, err := gpIDByYdernummer(ctx, tx, y)
				if err != nil {
					// Not the citizen's absence: a refusal of what was typed.
					return workflow.Invalid("err.gp.unknown_ydernummer", y)
				}
				r.GPID = &gp
			}
			change("gp", oldYder, y)
		}
		if in.MedicineHelp != nil {
			change("medicine_help", strconv.FormatBool(r.MedicineHelp), strconv.FormatBool(*in.MedicineHelp))
			r.MedicineHelp = *in.MedicineHelp
		}
		if in.MedicineHelpSince != nil {
			since := *in.MedicineHelpSince
			allowed := workflow.MedicineHelpRange(r.BirthDate, calendar.Today(now))
			if !since.IsZero() && since.After(allowed.To) {
				return workflow.Invalid("err.citizen.help_in_future", since.Format())
			}
			if !since.IsZero() && since.Before(allowed.From) {
				return workflow.Invalid("err.citizen.help_before_birth", since.Format())
			}
			change("medicine_help_since", old.MedicineHelpSince.Format(), since.Format())
			r.MedicineHelpSince = since
		}
		if len(cs) == 0 {
			out = old
			return nil
		}
		if _, err := tx.NewUpdate().Model(&r).Column("name", "gp_id", "medicine_help", "medicine_help_since").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update citizen: %w", err)
		}
		if r.MedicineHelp != old.MedicineHelp { // the report's medicine-help counts
			d := rollupDeltas{}
			d.add(mHelp, r.Municipality, "", turns75(r.BirthDate), 0, b2i(r.MedicineHelp)-b2i(old.MedicineHelp))
			if err := d.applyVersioned(ctx, tx); err != nil {
				return err
			}
		}
		if in.GPYdernummer != nil {
			if err := followGP(ctx, tx, a, r, now); err != nil {
				return err
			}
		}
		if err := insertChanges(ctx, tx, a, now, cs); err != nil {
			return err
		}
		out = toCitizen(r)
		return logAccess(ctx, tx, a, r.ID, "citizen.edit", now)
	})
	return out, err
}

// followGP gives the citizen's open case the citizen's GP while the case
// has not reached the GP yet, with an audit row on the case.
func followGP(ctx context.Context, tx bun.Tx, a workflow.Actor, r citizenRow, now time.Time) error {
	var cr caseRow
	err := tx.NewSelect().Model(&cr).Where("c.citizen_id = ? AND c.closed_at IS NULL", r.ID).Limit(1).Scan(ctx)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load open case: %w", err)
	}
	c := cr.toCase()
	if !workflow.GPFollowsCitizen(c.State) || c.GPID == deref(r.GPID) {
		return nil
	}
	c.GPID, c.UpdatedAt = deref(r.GPID), now.UTC()
	ts := writeStore(tx)
	if err := ts.UpdateCase(ctx, c); err != nil {
		return err
	}
	return ts.InsertAudit(ctx, workflow.AuditEvent{CaseID: c.ID, Seq: c.Version + 1, At: now.UTC(), Actor: a.UserID,
		ActorRole: a.Role, Event: workflow.EventCitizenGP, FromState: c.State, ToState: c.State})
}

func ydernummerOf(ctx context.Context, q bun.IDB, gpID *string) (string, error) {
	if gpID == nil {
		return "", nil
	}
	var y string
	if err := q.NewSelect().Table("gps").Column("ydernummer").Where("id = ?", *gpID).Scan(ctx, &y); err != nil {
		return "", fmt.Errorf("load GP: %w", err)
	}
	return y, nil
}

// careRole refuses roles that do not change citizens' data: the steering
// group and pharmacy staff.
func careRole(a workflow.Actor) error {
	switch a.Role {
	case workflow.RoleNurse, workflow.RoleLead, workflow.RoleAdmin:
		return nil
	}
	return workflow.Forbidden("err.citizen.role_may_not_edit")
}
