package data

import (
	"context"
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// RuleSetFor returns the eligibility rule set in force for a municipality:
// the one an admin stored for it, or the default. A stored rule set that no
// longer parses (it was checked when saved) is an error, not a silent
// fallback. The web application and the command line both use it.
func (db *DB) RuleSetFor(ctx context.Context, municipality int) (*eligibility.RuleSet, error) {
	s, ok, err := db.Setting(ctx, SettingEligibility, municipality)
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

// RuleSetForCase returns the rule set in force for a case's municipality,
// reading the case within the actor's scope.
func (db *DB) RuleSetForCase(ctx context.Context, a workflow.Actor, caseID string) (*eligibility.RuleSet, error) {
	var municipality int
	q := db.bun.NewSelect().ColumnExpr("c.municipality_code").TableExpr("cases AS c").Where("c.id = ?", caseID)
	if err := scoped(q, a.Scope(), "c").Scan(ctx, &municipality); err != nil {
		return nil, notFound(err, "err.case.not_found")
	}
	return db.RuleSetFor(ctx, municipality)
}

// ReportParams returns the nursing-hours parameters in force: the stored
// parameter file over the defaults, or the defaults.
func (db *DB) ReportParams(ctx context.Context) (reports.Params, error) {
	s, ok, err := db.Setting(ctx, SettingReportParams, 0)
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
