package imports

import (
	"context"
	"fmt"
)

// medicineHelp sets citizens.medicine_help for registered citizens. The
// since date is checked (a date, not in the future) but not stored: the
// schema keeps only the current value.
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
			r.c.problem(ColCPR, r.cpr.Masked(), because("er ikke en registreret borger; importér borgeren først",
				"is not a registered citizen; import the citizen first"))
		}
	}
	if len(w.rep.Problems) > 0 {
		return nil
	}
	var touched []string
	for _, r := range recs {
		row := existing[r.cpr.Digits()]
		if row.MedicineHelp == r.help {
			w.rep.Unchanged++
			continue
		}
		if _, err := w.tx.NewUpdate().Table("citizens").Set("medicine_help = ?", r.help).
			Where("id = ?", row.ID).Exec(ctx); err != nil {
			return fmt.Errorf("update medicine help on line %d: %w", r.c.r.Line, err)
		}
		w.rep.Updated++
		touched = append(touched, row.ID)
	}
	return w.logAccess(ctx, touched, "import.medicine-help")
}
