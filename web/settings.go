package web

import (
	"context"
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/reports"
)

// ruleSet returns the eligibility rule set in force for a municipality:
// the one an admin stored for it, or the default. A stored rule set that no
// longer parses (it was checked when saved) is an internal error, not a
// silent fallback.
func (app *App) ruleSet(ctx context.Context, municipality int) (*eligibility.RuleSet, error) {
	s, ok, err := app.db.Setting(ctx, data.SettingEligibility, municipality)
	if err != nil {
		return nil, err
	}
	if !ok {
		return eligibility.Default(), nil
	}
	rs, err := eligibility.Parse([]byte(s.Body))
	if err != nil {
		return nil, fmt.Errorf("stored rule set of municipality %d (setting %d): %w", municipality, s.ID, err)
	}
	return rs, nil
}

// reportParams returns the nursing-hours parameters in force: the stored
// params file over the defaults, or the defaults.
func (app *App) reportParams(ctx context.Context) (reports.Params, error) {
	s, ok, err := app.db.Setting(ctx, data.SettingReportParams, 0)
	if err != nil {
		return reports.Params{}, err
	}
	if !ok {
		return reports.DefaultParams(), nil
	}
	p, err := reports.LoadParams(strings.NewReader(s.Body), reports.DefaultParams())
	if err != nil {
		return reports.Params{}, fmt.Errorf("stored model parameters (setting %d): %w", s.ID, err)
	}
	return p, nil
}
