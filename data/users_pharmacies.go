package data

import (
	"context"
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// UpdatePharmacySettings changes a pharmacy's name and roll settings (the
// admin page's edit form). Its one-off closed dates are left alone.
func (db *DB) UpdatePharmacySettings(ctx context.Context, p workflow.Pharmacy) error {
	return updatePharmacySettings(ctx, db.bun, p)
}

func updatePharmacySettings(ctx context.Context, q bun.IDB, p workflow.Pharmacy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	res, err := q.NewUpdate().Table("pharmacies").Set("name = ?", p.Name).
		Set("period_days = ?", p.PeriodDays).Set("deadline_working_days = ?", p.DeadlineWorkingDays).
		Set("lead_time_hours = ?", p.LeadTimeHours).
		Set("extra_closing_days = ?", workflow.FormatClosingDays(p.ExtraClosingDays)).
		Where("id = ?", p.ID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("update pharmacy: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return workflow.NotFound("err.pharmacy.not_found")
	}
	return bumpVersions(ctx, q, []int{referenceVersion}) // reports name the pharmacy and its promise
}
