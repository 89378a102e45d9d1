package imports

import (
	"context"
	"fmt"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// medicineHelp sets citizens.medicine_help for registered citizens, with
// the since date (a date, not in the future) as medicine_help_since when
// the help is given; a citizen without help keeps no since date.
func (w *writer) medicineHelp(ctx context.Context, recs []helpRec) error {
	cprs := make([]string, len(recs))
	for i, r := range recs {
		cprs[i] = r.cpr.Digits()
	}
	existing, err := w.existingCitizens(ctx, cprs)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if _, ok := existing[r.cpr.Digits()]; !ok && !r.cpr.IsZero() {
			r.c.problem(ColCPR, r.cpr.Digits(), because("err.import.cpr_unknown"))
		}
	}
	if len(w.rep.Problems) > 0 {
		return nil
	}
	var touched []string
	for _, r := range recs {
		row := existing[r.cpr.Digits()]
		since := row.MedicineHelpSince
		switch {
		case !r.help:
			since = calendar.Date{}
		case !r.since.IsZero():
			since = r.since
		}
		if row.MedicineHelp == r.help && row.MedicineHelpSince == since {
			w.rep.Unchanged++
			w.sample(r.c, ActionUnchanged, r.cpr.Masked(), row.Name, nil)
			continue
		}
		w.sample(r.c, ActionUpdated, r.cpr.Masked(), row.Name, func() []Change {
			return r.c.changes(
				[3]string{ColMedicineHelp, yesNo(row.MedicineHelp), yesNo(r.help)},
				[3]string{ColSince, row.MedicineHelpSince.Format(), since.Format()})
		})
		if _, err := w.tx.NewUpdate().Table("citizens").Set("medicine_help = ?", r.help).
			Set("medicine_help_since = ?", since).Where("id = ?", row.ID).Exec(ctx); err != nil {
			return fmt.Errorf("update medicine help on line %d: %w", r.c.r.Line, err)
		}
		w.rep.Updated++
		touched = append(touched, row.ID)
	}
	return w.logAccess(ctx, touched, "import.medicine-help")
}
