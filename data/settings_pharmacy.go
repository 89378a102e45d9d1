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

type closedDateRow struct {
	bun.BaseModel `bun:"table:pharmacy_closed_dates"`
	PharmacyID    string        `bun:"pharmacy_id"`
	Date          calendar.Date `bun:"date"`
	Name          string        `bun:"name"`
}

// ClosedDate is a pharmacy's one-off closed date with its name.
type ClosedDate struct {
	Date calendar.Date
	Name string
}

// PharmacyClosedDates lists a pharmacy's one-off closed dates in order.
func (db *DB) PharmacyClosedDates(ctx context.Context, pharmacyID string) ([]ClosedDate, error) {
	var rows []struct {
		Date calendar.Date `bun:"date"`
		Name string        `bun:"name"`
	}
	if err := db.bun.NewSelect().Table("pharmacy_closed_dates").Column("date", "name").
		Where("pharmacy_id = ?", pharmacyID).Order("date").Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("list closed dates: %w", err)
	}
	out := make([]ClosedDate, len(rows))
	for i, r := range rows {
		out[i] = ClosedDate{Date: r.Date, Name: r.Name}
	}
	return out, nil
}

// AddPharmacyClosedDate adds a one-off closed date (e.g. a stock-taking day)
// to a pharmacy's calendar; periods and urgent-roll promises computed from
// then on skip it. Adding a date twice is refused.
func (db *DB) AddPharmacyClosedDate(ctx context.Context, pharmacyID string, date calendar.Date, name string) error {
	if _, err := db.Pharmacy(ctx, pharmacyID); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if len(name) > 200 {
		return workflow.Invalid("err.setting.name_too_long")
	}
	row := closedDateRow{PharmacyID: pharmacyID, Date: date, Name: name}
	_, err := db.bun.NewInsert().Model(&row).Exec(ctx)
	if isUniqueViolation(err) {
		return workflow.Invalid("err.setting.closed_date_exists", date.Format())
	}
	return wrap(err, "add closed date")
}

// RemovePharmacyClosedDate removes a one-off closed date.
func (db *DB) RemovePharmacyClosedDate(ctx context.Context, pharmacyID string, date calendar.Date) error {
	res, err := db.bun.NewDelete().Table("pharmacy_closed_dates").
		Where("pharmacy_id = ? AND date = ?", pharmacyID, date).Exec(ctx)
	if err != nil {
		return fmt.Errorf("remove closed date: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return workflow.NotFound("err.setting.closing_day_not_found")
	}
	return nil
}

// PharmacyDeviation is a receipt-control deviation reported on one of a
// pharmacy's rolls, with the period or urgent roll it concerns. It names no
// citizen: the pharmacy sees which roll, not whose data.
type PharmacyDeviation struct {
	workflow.Deviation
	// PeriodStart is the start of the period whose roll was checked (zero
	// for an urgent roll).
	PeriodStart calendar.Date
}

// PharmacyDeviations lists the deviations recorded on pharmacyID's rolls
// since the given time, newest first, within the actor's scope (pharmacy
// staff see only their own pharmacy's).
func (db *DB) PharmacyDeviations(ctx context.Context, a workflow.Actor, pharmacyID string, since time.Time) ([]PharmacyDeviation, error) {
	var rows []struct {
		deviationRow `bun:",extend"`
		PeriodStart  calendar.Date `bun:"period_start"`
	}
	q := db.bun.NewSelect().Model(&rows).ColumnExpr("rd.*").ColumnExpr("rp.start_date AS period_start").
		Join("LEFT JOIN roll_periods AS rp ON rp.id = rd.period_id").
		Where("rd.pharmacy_id = ?", pharmacyID).Where("rd.recorded_at >= ?", since.UTC()).
		OrderExpr("rd.recorded_at DESC, rd.id DESC").Limit(500)
	s := a.Scope()
	switch {
	case s.All:
	case s.None:
		q = q.Where("1 = 0")
	case s.PharmacyID != "":
		q = q.Where("rd.pharmacy_id = ?", s.PharmacyID)
	default:
		q = q.Where("rd.case_id IN (SELECT c.id FROM cases AS c WHERE c.municipality_code = ?)", s.Municipality)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list pharmacy deviations: %w", err)
	}
	out := make([]PharmacyDeviation, len(rows))
	for i, r := range rows {
		out[i] = PharmacyDeviation{Deviation: r.toDeviation(), PeriodStart: r.PeriodStart}
	}
	return out, nil
}
