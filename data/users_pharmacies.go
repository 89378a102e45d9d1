package data

import (
	"context"
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
)

// UpdatePharmacySettings changes a pharmacy's name and roll settings (the
// admin page's edit form). Its one-off closed dates are left alone.
func (db *DB) UpdatePharmacySettings(ctx context.Context, p workflow.Pharmacy) error {
	if p.Name == "" {
		return workflow.Invalid("apotekets navn mangler", "the pharmacy's name is missing")
	}
	if p.PeriodDays != 7 && p.PeriodDays != 14 {
		return workflow.Invalidf("periodelængde %d dage er ikke tilladt (7 eller 14)", "period length %d days is not allowed (7 or 14)", p.PeriodDays)
	}
	if p.DeadlineWorkingDays < 0 || p.DeadlineWorkingDays > 10 {
		return workflow.Invalid("fristen skal være 0–10 arbejdsdage", "the deadline must be 0–10 working days")
	}
	if p.LeadTimeHours < 1 || p.LeadTimeHours > 168 {
		return workflow.Invalid("leveringstiden skal være 1–168 arbejdstimer", "the lead time must be 1–168 working hours")
	}
	res, err := db.bun.NewUpdate().Table("pharmacies").Set("name = ?", p.Name).
		Set("period_days = ?", p.PeriodDays).Set("deadline_working_days = ?", p.DeadlineWorkingDays).
		Set("lead_time_hours = ?", p.LeadTimeHours).
		Set("extra_closing_days = ?", workflow.FormatClosingDays(p.ExtraClosingDays)).
		Where("id = ?", p.ID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("update pharmacy: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return workflow.NotFound("apoteket")
	}
	return nil
}
