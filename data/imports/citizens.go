package imports

import (
	"context"
	"fmt"
	"strconv"

	"github.com/dosis-dk/dosis/workflow"
)

// existingCitizens loads the citizens with the given CPR digits, by CPR.
func (w *writer) existingCitizens(ctx context.Context, cprs []string) (map[string]citizenRow, error) {
	out := make(map[string]citizenRow, len(cprs))
	for _, part := range chunks(cprs) {
		var rows []citizenRow
		if err := w.tx.NewSelect().Model(&rows).Where("cpr IN (?)", bunIn(part)).Scan(ctx); err != nil {
			return nil, fmt.Errorf("load citizens: %w", err)
		}
		for _, r := range rows {
			out[r.CPR] = r
		}
	}
	return out, nil
}

// gpIDs maps every known ydernummer to its GP id.
func (w *writer) gpIDs(ctx context.Context) (map[string]string, error) {
	var rows []gpRow
	if err := w.tx.NewSelect().Model(&rows).Column("id", "ydernummer").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load GPs: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Ydernummer] = r.ID
	}
	return out, nil
}

// ydernummerOf finds the ydernummer of a GP id in the ydernummer → id map.
func ydernummerOf(gps map[string]string, id string) string {
	for y, gid := range gps {
		if gid == id && id != "" {
			return y
		}
	}
	return ""
}

// citizens upserts citizens by CPR number. Columns left out of the file, and
// empty optional cells, keep the stored value.
func (w *writer) citizens(ctx context.Context, recs []citizenRec) error {
	muns, err := w.municipalities(ctx)
	if err != nil {
		return err
	}
	gps, err := w.gpIDs(ctx)
	if err != nil {
		return err
	}
	cprs := make([]string, len(recs))
	for i, r := range recs {
		cprs[i] = r.cpr.Digits()
		w.checkMunicipality(muns, r.c, r.mun)
		if _, ok := gps[r.gp]; r.hasGP && !ok {
			v, _ := r.c.optional(ColGP)
			r.c.problem(ColGP, v, because("err.import.gp_unknown"))
		}
	}
	if len(w.rep.Problems) > 0 {
		return nil
	}
	existing, err := w.existingCitizens(ctx, cprs)
	if err != nil {
		return err
	}
	var inserts []citizenRow
	var touched []string
	for _, r := range recs {
		old, found := existing[r.cpr.Digits()]
		row := old
		if !found {
			row = citizenRow{ID: workflow.NewID(), CPR: r.cpr.Digits(), BirthDate: r.cpr.BirthDate(),
				Sex: string(r.cpr.Sex()), CreatedAt: w.now}
		}
		row.Name, row.Municipality = r.name, r.mun
		if r.hasGP {
			row.GPID = ptr(gps[r.gp])
		}
		if r.hasHelp {
			row.MedicineHelp = r.help
		}
		key := r.cpr.Masked()
		switch {
		case !found:
			inserts = append(inserts, row)
			w.rep.New++
			w.sample(r.c, ActionNew, key, row.Name, nil)
		case row.Name == old.Name && row.Municipality == old.Municipality &&
			deref(row.GPID) == deref(old.GPID) && row.MedicineHelp == old.MedicineHelp:
			w.rep.Unchanged++
			w.sample(r.c, ActionUnchanged, key, row.Name, nil)
			continue
		default:
			w.sample(r.c, ActionUpdated, key, row.Name, func() []Change {
				return r.c.changes(
					[3]string{ColName, old.Name, row.Name},
					[3]string{ColMunicipality, strconv.Itoa(old.Municipality), strconv.Itoa(row.Municipality)},
					[3]string{ColGP, ydernummerOf(gps, deref(old.GPID)), ydernummerOf(gps, deref(row.GPID))},
					[3]string{ColMedicineHelp, yesNo(old.MedicineHelp), yesNo(row.MedicineHelp)})
			})
			if row.Municipality != old.Municipality {
				r.c.warn(ColMunicipality, fmt.Sprint(row.Municipality), because(
					"err.import.citizen_moves", old.Municipality))
			}
			if _, err := w.tx.NewUpdate().Model(&row).Column("name", "municipality_code", "gp_id", "medicine_help").
				WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("update citizen on line %d: %w", r.c.r.Line, err)
			}
			w.rep.Updated++
		}
		touched = append(touched, row.ID)
	}
	if err := insertBatches(ctx, w.tx, inserts, "citizens"); err != nil {
		return err
	}
	return w.logAccess(ctx, touched, "import.citizens")
}
