package imports

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// The settings a new pharmacy gets when the file leaves them out (the same
// as data.DB.AddPharmacy).
const (
	defaultPeriodDays   = 14
	defaultDeadlineDays = 3
	defaultLeadHours    = 24
)

func pharmacyKey(name string, mun int) string {
	return strings.ToLower(name) + "|" + strconv.Itoa(mun)
}

// pharmacies upserts pharmacies by id when the row has one, otherwise by
// name (without case) and municipality. Settings left empty keep the
// stored value, or get the defaults on a new pharmacy.
func (w *writer) pharmacies(ctx context.Context, recs []pharmacyRec) error {
	muns, err := w.municipalities(ctx)
	if err != nil {
		return err
	}
	var rows []pharmacyRow
	if err := w.tx.NewSelect().Model(&rows).Scan(ctx); err != nil {
		return fmt.Errorf("load pharmacies: %w", err)
	}
	byID := make(map[string]pharmacyRow, len(rows))
	byName := make(map[string][]pharmacyRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
		k := pharmacyKey(r.Name, r.Municipality)
		byName[k] = append(byName[k], r)
	}
	type match struct {
		old   pharmacyRow
		found bool
	}
	matches := make([]match, len(recs))
	for i, r := range recs {
		w.checkMunicipality(muns, r.c, r.mun)
		switch same := byName[pharmacyKey(r.name, r.mun)]; {
		case r.id != "":
			old, ok := byID[r.id]
			if !ok {
				r.c.problem(ColID, r.id, because("err.import.pharmacy_unknown"))
			}
			matches[i] = match{old, ok}
		case len(same) > 1:
			r.c.problem(ColName, r.name, because("err.import.pharmacy_ambiguous", len(same)))
		case len(same) == 1:
			matches[i] = match{same[0], true}
		}
	}
	if len(w.rep.Problems) > 0 {
		return nil
	}
	var inserts []pharmacyRow
	for i, r := range recs {
		old, found := matches[i].old, matches[i].found
		row := old
		if !found {
			row = pharmacyRow{ID: workflow.NewID(), PeriodDays: defaultPeriodDays, DeadlineWorkingDays: defaultDeadlineDays,
				LeadTimeHours: defaultLeadHours, ExtraClosingDays: workflow.FormatClosingDays(calendar.DefaultExtraClosingDays()),
				CreatedAt: w.now}
		}
		row.Name, row.Municipality = r.name, r.mun
		if r.hasPeriod {
			row.PeriodDays = r.period
		}
		if r.hasDeadline {
			row.DeadlineWorkingDays = r.deadline
		}
		if r.hasLead {
			row.LeadTimeHours = r.lead
		}
		switch {
		case !found:
			inserts = append(inserts, row)
			w.rep.New++
			w.sample(r.c, ActionNew, row.Name, "", nil)
		case row == old:
			w.rep.Unchanged++
			w.sample(r.c, ActionUnchanged, row.Name, "", nil)
		default:
			w.sample(r.c, ActionUpdated, row.Name, "", func() []Change {
				return r.c.changes(
					[3]string{ColName, old.Name, row.Name},
					[3]string{ColMunicipality, strconv.Itoa(old.Municipality), strconv.Itoa(row.Municipality)},
					[3]string{ColPeriodDays, strconv.Itoa(old.PeriodDays), strconv.Itoa(row.PeriodDays)},
					[3]string{ColDeadlineDays, strconv.Itoa(old.DeadlineWorkingDays), strconv.Itoa(row.DeadlineWorkingDays)},
					[3]string{ColLeadHours, strconv.Itoa(old.LeadTimeHours), strconv.Itoa(row.LeadTimeHours)})
			})
			if _, err := w.tx.NewUpdate().Model(&row).Column("name", "municipality_code", "period_days",
				"deadline_working_days", "lead_time_hours").WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("update pharmacy on line %d: %w", r.c.r.Line, err)
			}
			w.rep.Updated++
		}
	}
	return insertBatches(ctx, w.tx, inserts, "pharmacies")
}
