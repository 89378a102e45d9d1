package data

import (
	"context"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// SaveRuleSet stores municipality's eligibility rule set after
// eligibility.Parse accepted it (every problem named), or returns the
// municipality to the default rule set when body is empty. The code must
// be one of the 98 municipalities'. This is the only way a rule set is
// stored, so no front end can store one the parser refuses.
func (db *DB) SaveRuleSet(ctx context.Context, municipality int, body, savedBy string, now time.Time) (StoredSetting, error) {
	if err := db.requireMunicipality(ctx, municipality); err != nil {
		return StoredSetting{}, err
	}
	if strings.TrimSpace(body) != "" {
		if _, err := eligibility.Parse([]byte(body)); err != nil {
			msg := strings.ReplaceAll(err.Error(), "\n", "; ")
			return StoredSetting{}, workflow.Invalid("regelsættet kan ikke bruges: "+msg, "the rule set cannot be used: "+msg)
		}
	}
	return db.saveSetting(ctx, SettingEligibility, municipality, strings.TrimSpace(body), savedBy, now)
}

// SaveReportParams stores the nursing-hours model parameters after
// reports.LoadParams accepted them (each value in its documented range,
// with a source; see docs/reports.md), or returns to the defaults when
// body is empty. This is the only way they are stored.
func (db *DB) SaveReportParams(ctx context.Context, body, savedBy string, now time.Time) (StoredSetting, error) {
	if strings.TrimSpace(body) != "" {
		if _, err := reports.LoadParams(strings.NewReader(body), reports.DefaultParams()); err != nil {
			return StoredSetting{}, err
		}
	}
	return db.saveSetting(ctx, SettingReportParams, 0, strings.TrimSpace(body), savedBy, now)
}
