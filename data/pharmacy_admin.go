package data

import (
	"context"
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// AddPharmacyAs registers a pharmacy as an admin (the rule is
// workflow.Pharmacy.Validate, through AddPharmacy) and logs it in
// record_changes, in one transaction.
func (db *DB) AddPharmacyAs(ctx context.Context, a workflow.Actor, p workflow.Pharmacy, now time.Time) (workflow.Pharmacy, error) {
	if err := requirePharmacyAdmin(a); err != nil {
		return p, err
	}
	var out workflow.Pharmacy
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if out, err = addPharmacy(ctx, tx, p, now); err != nil {
			return err
		}
		cs := append([]RecordChange{{Field: "created", New: "true"}}, pharmacyChanges(workflow.Pharmacy{}, out)...)
		return insertPharmacyChanges(ctx, tx, a, out.ID, now, cs)
	})
	return out, err
}

// UpdatePharmacyAs changes a pharmacy's name and roll settings as an admin
// (UpdatePharmacySettings validates) and logs every changed field, in one
// transaction.
func (db *DB) UpdatePharmacyAs(ctx context.Context, a workflow.Actor, p workflow.Pharmacy, now time.Time) error {
	if err := requirePharmacyAdmin(a); err != nil {
		return err
	}
	return db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		old, err := pharmacyByID(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		p.Municipality = old.Municipality
		if err := updatePharmacySettings(ctx, tx, p); err != nil {
			return err
		}
		return insertPharmacyChanges(ctx, tx, a, p.ID, now, pharmacyChanges(old, p))
	})
}

func requirePharmacyAdmin(a workflow.Actor) error {
	if a.Role != workflow.RoleAdmin {
		return workflow.Forbidden("err.pharmacy.admins_only")
	}
	return nil
}

// pharmacyChanges lists the admin-kept fields that differ.
func pharmacyChanges(old, p workflow.Pharmacy) []RecordChange {
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	var cs []RecordChange
	for _, c := range [][3]string{{"name", old.Name, p.Name}, {"municipality", num(old.Municipality), num(p.Municipality)},
		{"period_days", num(old.PeriodDays), num(p.PeriodDays)},
		{"deadline_working_days", num(old.DeadlineWorkingDays), num(p.DeadlineWorkingDays)},
		{"lead_time_hours", num(old.LeadTimeHours), num(p.LeadTimeHours)},
		{"extra_closing_days", workflow.FormatClosingDays(old.ExtraClosingDays), workflow.FormatClosingDays(p.ExtraClosingDays)}} {
		if c[1] != c[2] {
			cs = append(cs, RecordChange{Field: c[0], Old: c[1], New: c[2]})
		}
	}
	return cs
}

func insertPharmacyChanges(ctx context.Context, q bun.IDB, a workflow.Actor, id string, now time.Time, cs []RecordChange) error {
	for i := range cs {
		cs[i].Entity, cs[i].EntityID = "pharmacy", id
	}
	return insertChanges(ctx, q, a, now, cs)
}
