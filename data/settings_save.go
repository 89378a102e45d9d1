package data

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data/refdata"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// SaveRuleSet stores municipality's eligibility rule set after
// eligibility.Parse accepted it (every problem named), or returns the
// municipality to the default rule set when body is empty. The code must
// be one of the 98 municipalities'. A rule set's id and version must name
// one set of criteria: assessments record the id and version they used, so
// a changed rule set saved under a version the municipality (or the
// default) already used with other criteria is refused. base is the
// version the editor started from (see saveSetting). This is the only way
// a rule set is stored, so no front end can store one the parser refuses.
func (db *DB) SaveRuleSet(ctx context.Context, municipality int, body, savedBy string, now time.Time, base int64) (StoredSetting, error) {
	if err := db.requireMunicipality(ctx, municipality); err != nil {
		return StoredSetting{}, err
	}
	body = strings.TrimSpace(body)
	var rs *eligibility.RuleSet
	if body != "" {
		var err error
		if rs, err = eligibility.Parse([]byte(body)); err != nil {
			return StoredSetting{}, RuleSetInvalid(err)
		}
	}
	check := func(ctx context.Context, tx bun.Tx) error {
		if rs == nil {
			return nil
		}
		return ruleSetVersionFree(ctx, tx, municipality, rs)
	}
	return db.saveSetting(ctx, SettingEligibility, municipality, body, savedBy, now, base, check)
}

// RuleSetInvalid makes a rule set eligibility.Parse or Validate refused an
// invalid-input error with every problem in Danish and English; Err keeps
// the *eligibility.ValidationError, for a form to show each problem at its
// field.
func RuleSetInvalid(err error) error {
	var ve *eligibility.ValidationError
	if errors.As(err, &ve) {
		return &workflow.Error{Kind: workflow.KindInvalid, Key: "err.ruleset.invalid", Args: []any{ve}, Err: err}
	}
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	return &workflow.Error{Kind: workflow.KindInvalid, Key: "err.ruleset.invalid_json", Args: []any{msg}, Err: err}
}

// ruleSetVersionFree refuses rs when its id and version already name other
// criteria: the built-in default's, or an earlier version of the
// municipality's own (at most the last 1000 versions are read).
func ruleSetVersionFree(ctx context.Context, tx bun.Tx, municipality int, rs *eligibility.RuleSet) error {
	refuse := func(when i18n.Text) error {
		e := workflow.Invalid("err.ruleset.version_used", rs.ID, rs.Version, when, eligibility.SuggestVersion(rs.Version))
		e.Err = &eligibility.ValidationError{Problems: []eligibility.Problem{{Criterion: -1, Field: "version",
			MsgDA: e.Message(i18n.Danish), MsgEN: e.Message(i18n.English)}}}
		return e
	}
	if d := eligibility.Default(); d.ID == rs.ID && d.Version == rs.Version && !eligibility.SameRules(d, rs) {
		return refuse(i18n.Key("err.ruleset.when_default"))
	}
	var rows []settingRow
	if err := tx.NewSelect().Model(&rows).Where("s.name = ? AND s.municipality_code = ? AND s.body <> ''", SettingEligibility, municipality).
		OrderExpr("s.id DESC").Limit(1000).Scan(ctx); err != nil {
		return wrap(err, "load rule-set history")
	}
	for _, r := range rows {
		old, err := eligibility.Parse([]byte(r.Body))
		if err != nil {
			continue // stored unchecked by an older version; cannot clash
		}
		if old.ID == rs.ID && old.Version == rs.Version && !eligibility.SameRules(old, rs) {
			saved := calendar.FormatTime(r.SavedAt)
			return refuse(i18n.TextFunc(func(l i18n.Lang) string { return i18n.Tf(l, "err.ruleset.when_saved", saved) }))
		}
	}
	return nil
}

// SaveReportParams stores the nursing-hours model parameters after
// reports.LoadParams accepted them (each value in its documented range,
// with a source; see docs/reports.md) and every municipality with its own
// values exists, or returns to the defaults when
// body is empty. base is the version the editor started from (see
// saveSetting). This is the only way they are stored.
func (db *DB) SaveReportParams(ctx context.Context, body, savedBy string, now time.Time, base int64) (StoredSetting, error) {
	body = strings.TrimSpace(body)
	if body != "" {
		p, err := reports.LoadParams(strings.NewReader(body), reports.DefaultParams())
		if err != nil {
			return StoredSetting{}, err
		}
		for _, code := range slices.Sorted(maps.Keys(p.Overrides)) {
			if err := db.requireMunicipality(ctx, code); err != nil {
				var we *workflow.Error
				if !errors.As(err, &we) {
					return StoredSetting{}, err
				}
				return StoredSetting{}, &workflow.Error{Kind: we.Kind, Key: we.Key, Args: we.Args,
					Err: &reports.ParamsError{Problems: []reports.ParamProblem{{Field: "municipalities." + strconv.Itoa(code),
						Municipality: code, MsgDA: we.Message(i18n.Danish), MsgEN: we.Message(i18n.English)}}}}
			}
		}
	}
	merge := mergeParams
	if body == "" {
		merge = nil // returning to the defaults is never merged with a later save
	}
	return db.saveSettingMerging(ctx, SettingReportParams, 0, body, savedBy, now, base, nil, merge)
}

// mergeParams merges a params save started from an older version with the
// one saved since (reports.MergeParams): two administrators who changed
// different values both keep their change; a value both changed is a
// clash. The merged file is checked as a saved one is.
func mergeParams(base, mine, cur string) (string, []Clash, error) {
	files := make([]reports.ParamsFile, 3)
	for i, body := range []string{base, mine, cur} {
		if body == "" {
			continue
		}
		f, err := reports.DecodeParamsFile(strings.NewReader(body))
		if err != nil {
			return "", nil, err
		}
		files[i] = f
	}
	merged, conflicts := reports.MergeParams(files[0], files[1], files[2])
	if len(conflicts) > 0 {
		clash := make([]Clash, len(conflicts))
		for i, c := range conflicts {
			clash[i] = Clash{DA: c.LabelDA, EN: c.LabelEN}
			if c.Municipality != 0 {
				name := strconv.Itoa(c.Municipality)
				if m, ok, err := refdata.MunicipalityByCode(c.Municipality); err == nil && ok {
					name = m.Name
				}
				clash[i].DA += " (" + name + ")"
				clash[i].EN += " (" + name + ")"
			}
		}
		return "", clash, nil
	}
	if _, err := merged.Apply(reports.DefaultParams()); err != nil {
		return "", nil, err
	}
	if len(merged.Text()) == 0 {
		return "", nil, nil
	}
	out, err := json.MarshalIndent(merged, "", "  ")
	return string(out), nil, err
}

// RequireMunicipality refuses a code that is not one of the 98
// municipalities', naming it.
func (db *DB) RequireMunicipality(ctx context.Context, code int) error {
	return db.requireMunicipality(ctx, code)
}
