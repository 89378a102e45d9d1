package web

import (
	"context"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/reports"
)

// ruleSet returns the eligibility rule set in force for a municipality
// (see data.DB.RuleSetFor).
func (app *App) ruleSet(ctx context.Context, municipality int) (*eligibility.RuleSet, error) {
	return app.db.RuleSetFor(ctx, municipality)
}

// reportParams returns the nursing-hours parameters in force (see
// data.DB.ReportParams).
func (app *App) reportParams(ctx context.Context) (reports.Params, error) {
	return app.db.ReportParams(ctx)
}
