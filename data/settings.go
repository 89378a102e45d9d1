package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
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
	// BaseID is the version this one was saved over (0 for the first).
	BaseID int64
	// SavedByName is the saving user's name ("" when not a user, e.g. the
	// demo loader); filled by SettingHistory.
	SavedByName string
}

type settingRow struct {
	bun.BaseModel `bun:"table:settings,alias:s"`
	ID            int64     `bun:"id,pk,autoincrement"`
	Name          string    `bun:"name"`
	Municipality  int       `bun:"municipality_code"`
	Body          string    `bun:"body"`
	SavedAt       time.Time `bun:"saved_at"`
	SavedBy       string    `bun:"saved_by"`
	BaseID        int64     `bun:"base_id"`
}

func (r settingRow) toSetting() StoredSetting {
	return StoredSetting{ID: r.ID, Name: r.Name, Municipality: r.Municipality, Body: r.Body,
		SavedAt: r.SavedAt.UTC(), SavedBy: r.SavedBy, BaseID: r.BaseID}
}

// AnyVersion, as the base of a save, saves over whatever version is in
// force: for saves that did not start from a version shown to someone (the
// demo loader, a test). Forms pass the version they were shown.
const AnyVersion int64 = -1

// saveSetting stores a new version of setting name for municipality (0 for
// the whole installation) over version base (the id of the version the
// editor started from, 0 for none, or AnyVersion); an empty body returns to
// the default. Older versions are kept as history. check, when not nil,
// runs in the same transaction before the insert. When another version was
// saved since base, it refuses with a conflict naming who saved it and when.
// Only the typed savers that validate the body call it (SaveRuleSet,
// SaveReportParams, ClaimDemo).
func (db *DB) saveSetting(ctx context.Context, name string, municipality int, body, savedBy string, now time.Time,
	base int64, check func(ctx context.Context, tx bun.Tx) error) (StoredSetting, error) {
	return db.saveSettingMerging(ctx, name, municipality, body, savedBy, now, base, check, nil)
}

// mergeFunc merges a save that started from version base's body with the
// body saved since (cur), returning what to store instead, or the fields
// both changed (Danish and English names) when they cannot be merged.
type mergeFunc func(base, mine, cur string) (merged string, clash []Clash, err error)

// Clash is a field two saves from the same version both changed.
type Clash struct{ DA, EN string }

// saveSettingMerging is saveSetting that, when another version was saved
// since base and merge is not nil, stores merge's result over the newest
// version instead of refusing; the merged body is checked again by merge.
func (db *DB) saveSettingMerging(ctx context.Context, name string, municipality int, body, savedBy string, now time.Time,
	base int64, check func(ctx context.Context, tx bun.Tx) error, merge mergeFunc) (StoredSetting, error) {
	row := settingRow{Name: name, Municipality: municipality, Body: body, SavedAt: now.UTC().Truncate(time.Microsecond), SavedBy: savedBy}
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var cur settingRow
		err := tx.NewSelect().Model(&cur).Where("s.name = ? AND s.municipality_code = ?", name, municipality).
			OrderExpr("s.id DESC").Limit(1).Scan(ctx)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("load setting %s: %w", name, err)
		}
		var clash []Clash
		if base != AnyVersion && base != cur.ID && merge != nil {
			var merged string
			if merged, clash, err = mergeOver(ctx, tx, name, municipality, base, body, cur, merge); err != nil {
				return err
			}
			if clash == nil {
				row.Body, base = merged, cur.ID
			}
		}
		if base != AnyVersion && base != cur.ID {
			var who []string
			if err := tx.NewSelect().TableExpr("users AS u").ColumnExpr("u.name").Where("u.username = ?", cur.SavedBy).
				Scan(ctx, &who); err != nil {
				return fmt.Errorf("load setting author: %w", err)
			}
			if len(who) == 1 {
				cur.SavedBy = who[0]
			}
			return settingConflict(cur, clash)
		}
		if check != nil {
			if err := check(ctx, tx); err != nil {
				return err
			}
		}
		row.BaseID = cur.ID
		_, err = tx.NewInsert().Model(&row).ExcludeColumn("id").Returning("id").Exec(ctx)
		if isUniqueViolation(err) {
			// Saved by someone else between our read and our insert.
			return &workflow.Error{Kind: workflow.KindConflict, Key: "err.setting.saved_meanwhile", Err: err}
		}
		if err != nil {
			return fmt.Errorf("save setting %s: %w", name, err)
		}
		return nil
	})
	if err != nil {
		return StoredSetting{}, err
	}
	return row.toSetting(), nil
}

// mergeOver loads the body of version base (none for 0) and merges mine
// with cur's body over it; an error from merge is returned as it is.
func mergeOver(ctx context.Context, tx bun.Tx, name string, municipality int, base int64, mine string, cur settingRow, merge mergeFunc) (string, []Clash, error) {
	var baseBody string
	if base != 0 {
		err := tx.NewSelect().Model((*settingRow)(nil)).Column("body").
			Where("s.id = ? AND s.name = ? AND s.municipality_code = ?", base, name, municipality).Scan(ctx, &baseBody)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil, workflow.Invalid("err.setting.version_not_found", base)
		}
		if err != nil {
			return "", nil, fmt.Errorf("load setting %s version %d: %w", name, base, err)
		}
	}
	return merge(baseBody, mine, cur.Body)
}

// settingConflict refuses a save over a version that is no longer the
// newest, naming who saved the newest one and when (Danish time), and the
// fields both saves changed when a merge was tried.
func settingConflict(cur settingRow, clash []Clash) error {
	at := calendar.FormatTime(cur.SavedAt)
	if len(clash) == 0 {
		return &workflow.Error{Kind: workflow.KindConflict, Key: "err.setting.saved_by", Args: []any{cur.SavedBy, at}}
	}
	fields := make([]i18n.Text, len(clash))
	for i, c := range clash {
		fields[i] = i18n.Message{DA: c.DA, EN: c.EN}
	}
	return &workflow.Error{Kind: workflow.KindConflict, Key: "err.setting.saved_by_clash",
		Args: []any{cur.SavedBy, at, i18n.Join(i18n.Verbatim("; "), fields...)}}
}

// SettingHistory lists the saved versions of setting name for
// municipality, newest first, at most limit (1–1000), with the saving
// user's name.
func (db *DB) SettingHistory(ctx context.Context, name string, municipality, limit int) ([]StoredSetting, error) {
	limit = min(max(limit, 1), 1000)
	var rows []struct {
		settingRow `bun:",extend"`
		UserName   *string `bun:"user_name"`
	}
	if err := db.bun.NewSelect().Model(&rows).ColumnExpr("s.*").ColumnExpr("u.name AS user_name").
		Join("LEFT JOIN users AS u ON u.username = s.saved_by").
		Where("s.name = ? AND s.municipality_code = ?", name, municipality).
		OrderExpr("s.id DESC").Limit(int64(limit)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("list setting history %s: %w", name, err)
	}
	out := make([]StoredSetting, len(rows))
	for i, r := range rows {
		out[i] = r.toSetting()
		if r.UserName != nil {
			out[i].SavedByName = *r.UserName
		}
	}
	return out, nil
}

// SettingVersion returns the version of setting name for municipality in
// force now: its id, 0 when none was ever saved. Forms carry it so that a
// save over a newer version is refused.
func (db *DB) SettingVersion(ctx context.Context, name string, municipality int) (int64, error) {
	var id int64
	err := db.bun.NewSelect().TableExpr("settings AS s").ColumnExpr("s.id").
		Where("s.name = ? AND s.municipality_code = ?", name, municipality).OrderExpr("s.id DESC").Limit(1).Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("load setting version %s: %w", name, err)
	}
	return id, nil
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
