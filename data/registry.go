package data

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/data/refdata"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// AddGP registers a GP practice by its ydernummer.
func (db *DB) AddGP(ctx context.Context, g workflow.GP, now time.Time) (workflow.GP, error) {
	return addGP(ctx, db.bun, g, now)
}

func addGP(ctx context.Context, q bun.IDB, g workflow.GP, now time.Time) (workflow.GP, error) {
	if g.Ydernummer == "" || g.Name == "" {
		return g, workflow.Invalid("err.gp.needs_ydernummer_and_name")
	}
	if err := workflow.CheckText(i18n.Key("err.field.gp_name"), g.Name, workflow.TextName); err != nil {
		return g, err
	}
	if err := g.ValidateMedComIDs(); err != nil {
		return g, err
	}
	if g.ID == "" {
		g.ID = workflow.NewID()
	}
	r := gpRow{ID: g.ID, Ydernummer: g.Ydernummer, Name: g.Name, Clinic: g.Clinic, CreatedAt: now.UTC(), SOR: g.SOR, EAN: g.EAN}
	if g.Municipality != 0 {
		r.Municipality = &g.Municipality
	}
	if _, err := q.NewInsert().Model(&r).Exec(ctx); err != nil {
		if isUniqueViolation(err) {
			return g, workflow.Invalid("err.gp.ydernummer_exists", g.Ydernummer)
		}
		return g, fmt.Errorf("insert GP: %w", err)
	}
	return g, nil
}

// GPs lists the GP practices by name.
func (db *DB) GPs(ctx context.Context) ([]workflow.GP, error) {
	var rows []gpRow
	if err := db.bun.NewSelect().Model(&rows).Order("name", "ydernummer").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list GPs: %w", err)
	}
	out := make([]workflow.GP, len(rows))
	for i, r := range rows {
		out[i] = toGP(r)
	}
	return out, nil
}

// GPNames maps the given GP ids to the practices' names (an id that names
// no practice is left out), reading those rows only: a case page names the
// one or two GPs of its requests, not the country's practices.
func (db *DB) GPNames(ctx context.Context, ids []string) (map[string]string, error) {
	return db.names(ctx, "gps", ids)
}

// PharmacyNames is GPNames for pharmacies: a case page names the case's
// pharmacy, not the country's 400.
func (db *DB) PharmacyNames(ctx context.Context, ids []string) (map[string]string, error) {
	return db.names(ctx, "pharmacies", ids)
}

// names maps ids to the name column of table's rows with those ids.
func (db *DB) names(ctx context.Context, table string, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   string `bun:"id"`
		Name string `bun:"name"`
	}
	if err := db.bun.NewSelect().Table(table).Column("id", "name").Where("id IN (?)", bun.List(ids)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("%s names: %w", table, err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// AddPharmacy registers a pharmacy; zero settings get the defaults (14-day
// periods, deadline 3 working days before, 24 working hours lead time).
func (db *DB) AddPharmacy(ctx context.Context, p workflow.Pharmacy, now time.Time) (workflow.Pharmacy, error) {
	return addPharmacy(ctx, db.bun, p, now)
}

func addPharmacy(ctx context.Context, q bun.IDB, p workflow.Pharmacy, now time.Time) (workflow.Pharmacy, error) {
	if p.ID == "" {
		p.ID = workflow.NewID()
	}
	if p.PeriodDays == 0 {
		p.PeriodDays = 14
	}
	if p.DeadlineWorkingDays == 0 {
		p.DeadlineWorkingDays = 3
	}
	if p.LeadTimeHours == 0 {
		p.LeadTimeHours = 24
	}
	if p.ExtraClosingDays == nil {
		p.ExtraClosingDays = calendar.DefaultExtraClosingDays()
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	if err := requireMunicipality(ctx, q, p.Municipality); err != nil {
		return p, err
	}
	r := pharmacyRow{ID: p.ID, Name: p.Name, Municipality: p.Municipality, PeriodDays: p.PeriodDays,
		DeadlineWorkingDays: p.DeadlineWorkingDays, LeadTimeHours: p.LeadTimeHours,
		ExtraClosingDays: workflow.FormatClosingDays(p.ExtraClosingDays), CreatedAt: now.UTC()}
	if _, err := q.NewInsert().Model(&r).Exec(ctx); err != nil {
		if isForeignKeyViolation(err) {
			return p, workflow.Invalid("err.municipality.unknown_code", p.Municipality)
		}
		return p, fmt.Errorf("insert pharmacy: %w", err)
	}
	return p, bumpVersions(ctx, q, []int{referenceVersion})
}

// Pharmacies lists the pharmacies by name.
func (db *DB) Pharmacies(ctx context.Context) ([]workflow.Pharmacy, error) {
	var rows []pharmacyRow
	if err := db.bun.NewSelect().Model(&rows).Order("name").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list pharmacies: %w", err)
	}
	out := make([]workflow.Pharmacy, len(rows))
	for i, r := range rows {
		p, err := toPharmacy(r)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// Pharmacy loads one pharmacy with its calendar settings and closed dates.
func (db *DB) Pharmacy(ctx context.Context, id string) (workflow.Pharmacy, error) {
	return pharmacyByID(ctx, db.bun, id)
}

func pharmacyByID(ctx context.Context, q bun.IDB, id string) (workflow.Pharmacy, error) {
	var r pharmacyRow
	if err := q.NewSelect().Model(&r).Where("id = ?", id).Scan(ctx); err != nil {
		return workflow.Pharmacy{}, notFound(err, "err.pharmacy.not_found")
	}
	p, err := toPharmacy(r)
	if err != nil {
		return p, err
	}
	// A slice of calendar.Date would be taken for a model (it is a
	// struct): scan rows with the date as their one column.
	var rows []struct {
		Date calendar.Date `bun:"date"`
	}
	if err := q.NewSelect().Table("pharmacy_closed_dates").Column("date").Where("pharmacy_id = ?", id).
		Order("date").Scan(ctx, &rows); err != nil {
		return p, fmt.Errorf("load closed dates: %w", err)
	}
	for _, r := range rows {
		p.ClosedDates = append(p.ClosedDates, r.Date)
	}
	return p, nil
}

// requireMunicipality refuses a municipality code that is not one of the
// 98 (a clear validation error instead of a foreign-key failure).
func (db *DB) requireMunicipality(ctx context.Context, code int) error {
	return requireMunicipality(ctx, db.bun, code)
}

func requireMunicipality(ctx context.Context, q bun.IDB, code int) error {
	n, err := q.NewSelect().Table("municipalities").Where("code = ?", code).Count(ctx)
	if err != nil {
		return fmt.Errorf("look up municipality %d: %w", code, err)
	}
	if n == 0 {
		return unknownMunicipality(code)
	}
	return nil
}

// knownMunicipalities refuses the first code (in the list's order) that
// is not one of the 98 shipped municipalities (data/refdata, which db
// migrate loads into the municipalities table), without a query: a report
// served from memory reads its versions and nothing else.
func knownMunicipalities(codes []int) error {
	if len(codes) == 0 {
		return nil
	}
	ms, err := refdata.Municipalities()
	if err != nil {
		return err
	}
	for _, c := range codes {
		if _, found := slices.BinarySearchFunc(ms, c, func(m refdata.Municipality, c int) int { return m.Code - c }); !found {
			return unknownMunicipality(c)
		}
	}
	return nil
}

func unknownMunicipality(code int) error {
	return workflow.Invalid("err.municipality.unknown_code_hint", code)
}
