package data

import (
	"context"
	"fmt"

	"github.com/dosis-dk/dosis/data/refdata"
	"github.com/uptrace/bun"
)

type regionRow struct {
	bun.BaseModel `bun:"table:regions"`
	Code          int    `bun:"code,pk"`
	Name          string `bun:"name"`
}

type municipalityRow struct {
	bun.BaseModel    `bun:"table:municipalities"`
	Code             int    `bun:"code,pk"`
	Name             string `bun:"name"`
	RegionCode       int    `bun:"region_code"`
	Population       int    `bun:"population"`
	Population75Plus int    `bun:"population_75plus"`
}

// loadReferenceData upserts the regions and municipalities shipped in the
// binary, in one transaction.
func (db *DB) loadReferenceData(ctx context.Context) error {
	regions, err := refdata.Regions()
	if err != nil {
		return fmt.Errorf("reference data: %w", err)
	}
	muns, err := refdata.Municipalities()
	if err != nil {
		return fmt.Errorf("reference data: %w", err)
	}
	rr := make([]regionRow, len(regions))
	for i, r := range regions {
		rr[i] = regionRow{Code: r.Code, Name: r.Name}
	}
	mr := make([]municipalityRow, len(muns))
	for i, m := range muns {
		mr[i] = municipalityRow{Code: m.Code, Name: m.Name, RegionCode: m.RegionCode,
			Population: m.Population, Population75Plus: m.Population75Plus}
	}
	return db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&rr).On("CONFLICT (code) DO UPDATE").
			Set("name = EXCLUDED.name").Exec(ctx); err != nil {
			return fmt.Errorf("load regions: %w", err)
		}
		if _, err := tx.NewInsert().Model(&mr).On("CONFLICT (code) DO UPDATE").
			Set("name = EXCLUDED.name").Set("region_code = EXCLUDED.region_code").
			Set("population = EXCLUDED.population").Set("population_75plus = EXCLUDED.population_75plus").
			Exec(ctx); err != nil {
			return fmt.Errorf("load municipalities: %w", err)
		}
		return nil
	})
}

// Municipality is a municipality as stored.
type Municipality struct {
	Code             int
	Name             string
	RegionCode       int
	Population       int
	Population75Plus int
}

// Municipalities lists the municipalities by code.
func (db *DB) Municipalities(ctx context.Context) ([]Municipality, error) {
	var rows []municipalityRow
	if err := db.bun.NewSelect().Model(&rows).Order("code").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list municipalities: %w", err)
	}
	out := make([]Municipality, len(rows))
	for i, r := range rows {
		out[i] = r.toMunicipality()
	}
	return out, nil
}

func (r municipalityRow) toMunicipality() Municipality {
	return Municipality{Code: r.Code, Name: r.Name, RegionCode: r.RegionCode,
		Population: r.Population, Population75Plus: r.Population75Plus}
}
