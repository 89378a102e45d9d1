package imports

import (
	"context"
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
)

// gps upserts GP practices by ydernummer. A clinic, municipality, SOR code
// or EAN number left empty keeps the stored value.
func (w *writer) gps(ctx context.Context, recs []gpRec) error {
	muns, err := w.municipalities(ctx)
	if err != nil {
		return err
	}
	for _, r := range recs {
		w.checkMunicipality(muns, r.c, r.mun)
	}
	if len(w.rep.Problems) > 0 {
		return nil
	}
	var rows []gpRow
	if err := w.tx.NewSelect().Model(&rows).Scan(ctx); err != nil {
		return fmt.Errorf("load GPs: %w", err)
	}
	existing := make(map[string]gpRow, len(rows))
	for _, r := range rows {
		existing[r.Ydernummer] = r
	}
	var inserts []gpRow
	for _, r := range recs {
		old, found := existing[r.yder]
		row := old
		if !found {
			row = gpRow{ID: workflow.NewID(), Ydernummer: r.yder, CreatedAt: w.now}
		}
		row.Name = r.name
		if r.hasClinic {
			row.Clinic = r.clinic
		}
		if r.hasMun {
			row.Municipality = ptr(r.mun)
		}
		if r.hasSOR {
			row.SOR = r.sor
		}
		if r.hasEAN {
			row.EAN = r.ean
		}
		switch {
		case !found:
			inserts = append(inserts, row)
			w.rep.New++
			w.sample(r.c, ActionNew, row.Ydernummer, row.Name, nil)
		case row.Name == old.Name && row.Clinic == old.Clinic && deref(row.Municipality) == deref(old.Municipality) &&
			row.SOR == old.SOR && row.EAN == old.EAN:
			w.rep.Unchanged++
			w.sample(r.c, ActionUnchanged, row.Ydernummer, row.Name, nil)
		default:
			w.sample(r.c, ActionUpdated, row.Ydernummer, row.Name, func() []Change {
				return r.c.changes(
					[3]string{ColName, old.Name, row.Name}, [3]string{ColClinic, old.Clinic, row.Clinic},
					[3]string{ColMunicipality, itoa(old.Municipality), itoa(row.Municipality)},
					[3]string{ColSOR, old.SOR, row.SOR}, [3]string{ColEAN, old.EAN, row.EAN})
			})
			if _, err := w.tx.NewUpdate().Model(&row).Column("name", "clinic", "municipality_code", "sor", "ean").
				WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("update GP on line %d: %w", r.c.r.Line, err)
			}
			w.rep.Updated++
		}
	}
	return insertBatches(ctx, w.tx, inserts, "GPs")
}
