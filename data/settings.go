package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// The names of stored settings.
const (
	// SettingEligibility is a municipality's eligibility rule set (JSON in
	// the format of eligibility.Parse), stored per municipality code.
	SettingEligibility = "eligibility"
	// SettingReportParams is the nursing-hours model parameters (JSON in the
	// format of reports.LoadParams), stored once (municipality code 0).
	SettingReportParams = "report_params"
)

// StoredSetting is one saved version of a setting. An empty Body means the
// built-in default is in force again.
type StoredSetting struct {
	ID           int64
	Name         string
	Municipality int
	Body         string
	SavedAt      time.Time
	SavedBy      string
}

type settingRow struct {
	bun.BaseModel `bun:"table:settings,alias:s"`
	ID            int64     `bun:"id,pk,autoincrement"`
	Name          string    `bun:"name"`
	Municipality  int       `bun:"municipality_code"`
	Body          string    `bun:"body"`
	SavedAt       time.Time `bun:"saved_at"`
	SavedBy       string    `bun:"saved_by"`
}

func (r settingRow) toSetting() StoredSetting {
	return StoredSetting{ID: r.ID, Name: r.Name, Municipality: r.Municipality, Body: r.Body,
		SavedAt: r.SavedAt.UTC(), SavedBy: r.SavedBy}
}

// saveSetting stores a new version of setting name for municipality (0 for
// the whole installation); an empty body returns to the default. Older
// versions are kept as history. Only the typed savers that validate the
// body call it (SaveRuleSet, SaveReportParams, ClaimDemo).
func (db *DB) saveSetting(ctx context.Context, name string, municipality int, body, savedBy string, now time.Time) (StoredSetting, error) {
	row := settingRow{Name: name, Municipality: municipality, Body: body, SavedAt: now.UTC().Truncate(time.Microsecond), SavedBy: savedBy}
	if _, err := db.bun.NewInsert().Model(&row).ExcludeColumn("id").Returning("id").Exec(ctx); err != nil {
		return StoredSetting{}, fmt.Errorf("save setting %s: %w", name, err)
	}
	return row.toSetting(), nil
}

// Setting returns the version of setting name in force for municipality;
// ok is false when none was ever saved or the newest one is empty (the
// default applies).
func (db *DB) Setting(ctx context.Context, name string, municipality int) (s StoredSetting, ok bool, err error) {
	var row settingRow
	err = db.bun.NewSelect().Model(&row).Where("s.name = ? AND s.municipality_code = ?", name, municipality).
		OrderExpr("s.id DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return StoredSetting{}, false, nil
	}
	if err != nil {
		return StoredSetting{}, false, fmt.Errorf("load setting %s: %w", name, err)
	}
	return row.toSetting(), row.Body != "", nil
}

// CurrentSettings lists, for setting name, the version in force for every
// municipality that has one (empty bodies left out), by municipality code.
func (db *DB) CurrentSettings(ctx context.Context, name string) ([]StoredSetting, error) {
	var rows []settingRow
	latest := db.bun.NewSelect().TableExpr("settings AS l").ColumnExpr("MAX(l.id)").
		Where("l.name = ?", name).GroupExpr("l.municipality_code")
	if err := db.bun.NewSelect().Model(&rows).Where("s.id IN (?)", latest).Where("s.body <> ''").
		Order("s.municipality_code").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list settings %s: %w", name, err)
	}
	out := make([]StoredSetting, len(rows))
	for i, r := range rows {
		out[i] = r.toSetting()
	}
	return out, nil
}
