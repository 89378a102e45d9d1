package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// UpdateOwnPharmacy lets pharmacy staff change their own pharmacy's urgent
// roll lead time and yearly closing days (within the ranges
// UpdatePharmacySettings validates); period length and deadline stay with
// the admin. The old and new values go to record_changes.
func (db *DB) UpdateOwnPharmacy(ctx context.Context, a workflow.Actor, leadTimeHours int, closing []calendar.ClosingDay, now time.Time) (workflow.Pharmacy, error) {
	if a.Role != workflow.RolePharmacy || a.PharmacyID == "" {
		return workflow.Pharmacy{}, workflow.Forbidden("err.pharmacy.own_staff_only")
	}
	p, err := db.Pharmacy(ctx, a.PharmacyID)
	if err != nil {
		return p, err
	}
	old := p
	p.LeadTimeHours, p.ExtraClosingDays = leadTimeHours, closing
	if err := db.UpdatePharmacySettings(ctx, p); err != nil {
		return old, err
	}
	var cs []RecordChange
	if old.LeadTimeHours != p.LeadTimeHours {
		cs = append(cs, RecordChange{Entity: "pharmacy", EntityID: p.ID, Field: "lead_time_hours",
			Old: fmt.Sprint(old.LeadTimeHours), New: fmt.Sprint(p.LeadTimeHours)})
	}
	if o, n := workflow.FormatClosingDays(old.ExtraClosingDays), workflow.FormatClosingDays(p.ExtraClosingDays); o != n {
		cs = append(cs, RecordChange{Entity: "pharmacy", EntityID: p.ID, Field: "extra_closing_days", Old: o, New: n})
	}
	return p, insertChanges(ctx, db.bun, a, now, cs)
}

// Delivery is one roll a pharmacy delivered: a period's or an urgent
// roll's, with the citizen, the period dates and whether the municipality
// has checked it.
type Delivery struct {
	CaseID      string
	CitizenName string
	// PeriodSeq, PeriodStart and PeriodEnd are set for a period's roll;
	// UrgentRollID for an urgent roll.
	PeriodSeq    int
	PeriodStart  calendar.Date
	PeriodEnd    calendar.Date
	UrgentRollID string
	DeliveredAt  time.Time
	ReceivedAt   *time.Time
}

// PharmacyDeliveries lists what the actor's pharmacy delivered since the
// given time, newest first (at most 500 rows).
func (db *DB) PharmacyDeliveries(ctx context.Context, a workflow.Actor, since time.Time) ([]Delivery, error) {
	s := a.Scope()
	if s.PharmacyID == "" {
		return nil, workflow.Forbidden("err.pharmacy.deliveries_staff_only")
	}
	var rows []struct {
		CaseID       string        `bun:"case_id"`
		CitizenName  string        `bun:"citizen_name"`
		Seq          int           `bun:"seq"`
		Start        calendar.Date `bun:"start_date"`
		End          calendar.Date `bun:"end_date"`
		UrgentRollID string        `bun:"urgent_roll_id"`
		DeliveredAt  time.Time     `bun:"delivered_at"`
		ReceivedAt   *time.Time    `bun:"received_at"`
	}
	periods := db.bun.NewSelect().TableExpr("roll_periods AS rp").Join("JOIN cases AS c ON c.id = rp.case_id").
		Join("JOIN citizens AS ci ON ci.id = c.citizen_id").
		ColumnExpr("rp.case_id, ci.name AS citizen_name, rp.seq, rp.start_date, rp.end_date, '' AS urgent_roll_id, rp.delivered_at, rp.received_at").
		Where("rp.pharmacy_id = ? AND rp.delivered_at >= ?", s.PharmacyID, since.UTC())
	urgent := db.bun.NewSelect().TableExpr("urgent_rolls AS u").Join("JOIN cases AS c ON c.id = u.case_id").
		Join("JOIN citizens AS ci ON ci.id = c.citizen_id").
		ColumnExpr("u.case_id, ci.name AS citizen_name, 0 AS seq, NULL AS start_date, NULL AS end_date, u.id AS urgent_roll_id, u.delivered_at, u.received_at").
		Where("u.pharmacy_id = ? AND u.delivered_at >= ?", s.PharmacyID, since.UTC())
	q := db.bun.NewSelect().TableExpr("(?) AS d", periods.UnionAll(urgent)).ColumnExpr("d.*").
		OrderExpr("d.delivered_at DESC, d.case_id, d.seq").Limit(500)
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	out := make([]Delivery, len(rows))
	for i, r := range rows {
		out[i] = Delivery{CaseID: r.CaseID, CitizenName: r.CitizenName, PeriodSeq: r.Seq, UrgentRollID: r.UrgentRollID,
			DeliveredAt: r.DeliveredAt.UTC(), ReceivedAt: utcPtr(r.ReceivedAt)}
		out[i].PeriodStart, out[i].PeriodEnd = r.Start, r.End
	}
	return out, nil
}

// TracedDeviation is a receipt-control deviation on one of the actor's
// pharmacy's rolls, traceable to the citizen, the period and the day.
type TracedDeviation struct {
	PharmacyDeviation
	CitizenName string
	PeriodSeq   int
	PeriodEnd   calendar.Date
}

// PharmacyDeviationsTraced is PharmacyDeviations for the actor's own
// pharmacy with the citizen's name and the period's number and end date.
func (db *DB) PharmacyDeviationsTraced(ctx context.Context, a workflow.Actor, since time.Time) ([]TracedDeviation, error) {
	s := a.Scope()
	if s.PharmacyID == "" {
		return nil, workflow.Forbidden("err.pharmacy.deviations_staff_only")
	}
	ds, err := db.PharmacyDeviations(ctx, a, s.PharmacyID, since)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	cases := make([]string, 0, len(ds))
	periodIDs := []int64{0}
	for _, d := range ds {
		cases = append(cases, d.CaseID)
		if d.PeriodID != 0 {
			periodIDs = append(periodIDs, d.PeriodID)
		}
	}
	var names []struct {
		CaseID string `bun:"case_id"`
		Name   string `bun:"name"`
	}
	if err := db.bun.NewSelect().TableExpr("cases AS c").Join("JOIN citizens AS ci ON ci.id = c.citizen_id").
		ColumnExpr("c.id AS case_id, ci.name").Where("c.id IN (?)", bun.List(cases)).Scan(ctx, &names); err != nil {
		return nil, fmt.Errorf("load deviation citizens: %w", err)
	}
	byCase := make(map[string]string, len(names))
	for _, n := range names {
		byCase[n.CaseID] = n.Name
	}
	var periods []periodRow
	if err := db.bun.NewSelect().Model(&periods).Where("rp.id IN (?)", bun.List(periodIDs)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load deviation periods: %w", err)
	}
	byID := make(map[int64]workflow.Period, len(periods))
	for _, p := range periods {
		byID[p.ID] = p.toPeriod()
	}
	out := make([]TracedDeviation, len(ds))
	for i, d := range ds {
		out[i] = TracedDeviation{PharmacyDeviation: d, CitizenName: byCase[d.CaseID]}
		if p, ok := byID[d.PeriodID]; ok {
			out[i].PeriodSeq, out[i].PeriodEnd = p.Seq, p.End
		}
	}
	return out, nil
}
