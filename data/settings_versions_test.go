package data_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// ruleSetJSON is the default rule set with its id, version and the first
// criterion's threshold replaced.
func ruleSetJSON(t *testing.T, id, version string, count float64) string {
	t.Helper()
	rs := eligibility.Default()
	rs.ID, rs.Version = id, version
	for i := range rs.Criteria {
		if rs.Criteria[i].ID == "packable_medicine_count" {
			rs.Criteria[i].Value = count
		}
	}
	b, err := json.Marshal(rs)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// danishOf returns the Danish message of a workflow error.
func danishOf(err error) string {
	var we *workflow.Error
	if errors.As(err, &we) {
		return we.Message(i18n.Danish)
	}
	return ""
}

// TestSettingsOptimisticSave: a save must start from the version in force;
// the second of two admins who started from the same version is refused
// with a conflict naming the first and when, and nothing of it is stored.
// The history lists every version with its author's name and base.
func TestSettingsOptimisticSave(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "ada", Name: "Ada Admin", Role: workflow.RoleAdmin, Password: "correct horse"}, t0))(t)
		dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "bo", Name: "Bo Admin", Role: workflow.RoleAdmin, Password: "correct horse"}, t0))(t)
		start := dbtest.Must(db.SettingVersion(ctx, data.SettingReportParams, 0))(t)
		if start != 0 {
			t.Fatalf("no version saved yet: %d", start)
		}
		first := `{"default": {"hours_per_fte": {"value": 1600, "source": "HR 2025"}}}`
		second := `{"default": {"hours_per_fte": {"value": 1700, "source": "HR 2026"}}}`
		saved := dbtest.Must(db.SaveReportParams(ctx, first, "ada", t0, start))(t)
		_, err := db.SaveReportParams(ctx, second, "bo", t0.Add(time.Minute), start)
		if workflow.KindOf(err) != workflow.KindConflict || !strings.Contains(danishOf(err), "Ada Admin") ||
			!strings.Contains(danishOf(err), "27-11-2026 10:00") {
			t.Fatalf("second save over the same version: %v (%q), want a conflict naming Ada Admin and the time", err, danishOf(err))
		}
		if p := dbtest.Must(db.ReportParams(ctx))(t); p.Default.HoursPerFTE.Value != 1600 {
			t.Errorf("the refused save overwrote the first: %v", p.Default.HoursPerFTE.Value)
		}
		dbtest.Must(db.SaveReportParams(ctx, second, "bo", t0.Add(2*time.Minute), saved.ID))(t)
		if _, err := db.SaveReportParams(ctx, "", "ada", t0.Add(3*time.Minute), saved.ID); workflow.KindOf(err) != workflow.KindConflict {
			t.Errorf("a reset over an old version: %v, want a conflict", err)
		}
		hist := dbtest.Must(db.SettingHistory(ctx, data.SettingReportParams, 0, 10))(t)
		if len(hist) != 2 || hist[0].SavedByName != "Bo Admin" || hist[1].SavedByName != "Ada Admin" ||
			hist[0].BaseID != hist[1].ID || hist[1].BaseID != 0 || !strings.Contains(hist[0].Body, "HR 2026") {
			t.Errorf("history: %+v", hist)
		}
	})
}

// TestSettingsAppendOnly: the database refuses to change or delete a saved
// version (the history is the audit trail).
func TestSettingsAppendOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		dbtest.Must(db.SaveReportParams(ctx, `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}}}`, "ada", t0, 0))(t)
		if _, err := db.Bun().ExecContext(ctx, "UPDATE settings SET body = ''"); err == nil {
			t.Error("UPDATE of a saved setting was allowed")
		}
		if _, err := db.Bun().ExecContext(ctx, "DELETE FROM settings"); err == nil {
			t.Error("DELETE of a saved setting was allowed")
		}
	})
}

// TestRuleSetVersionNamesOneContent: assessments record a rule set's id and
// version, so a changed rule set under a version already used with other
// criteria (the default's, or an earlier one of the municipality) is
// refused with a new version suggested; the same content again, or a new
// version, is saved.
func TestRuleSetVersionNamesOneContent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		save := func(body string) error {
			_, err := db.SaveRuleSet(ctx, 851, body, "ada", t0, data.AnyVersion)
			return err
		}
		if err := save(ruleSetJSON(t, "dk-default", "2024.1", 4)); workflow.KindOf(err) != workflow.KindInvalid ||
			!strings.Contains(danishOf(err), "standardregelsættet") || !strings.Contains(danishOf(err), `"2024.2"`) {
			t.Errorf("the default's version with other criteria: %v", err)
		}
		if err := save(ruleSetJSON(t, "dk-default", "2024.1", 3)); err != nil {
			t.Errorf("the default itself: %v", err)
		}
		if err := save(ruleSetJSON(t, "aalborg", "1", 4)); err != nil {
			t.Fatal(err)
		}
		if err := save(ruleSetJSON(t, "aalborg", "1", 5)); workflow.KindOf(err) != workflow.KindInvalid || !strings.Contains(danishOf(err), `"2"`) {
			t.Errorf("version 1 reused with another threshold: %v", err)
		}
		if err := save(ruleSetJSON(t, "aalborg", "2", 5)); err != nil {
			t.Errorf("a new version: %v", err)
		}
		if rs := dbtest.Must(db.RuleSetFor(ctx, 851))(t); rs.Version != "2" {
			t.Errorf("in force: %s %s", rs.ID, rs.Version)
		}
		if n := len(dbtest.Must(db.SettingHistory(ctx, data.SettingEligibility, 851, 100))(t)); n != 3 {
			t.Errorf("%d versions stored, want 3 (refused saves store nothing)", n)
		}
	})
}

// TestRuleSetRefusalNamesEachProblem: a refused rule set's error keeps the
// parser's problems, each with its criterion and field and a Danish
// message naming the value.
func TestRuleSetRefusalNamesEachProblem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		rs := eligibility.Default()
		rs.Criteria[1].Op = "gt"
		rs.Criteria[3].Source = ""
		b, _ := json.Marshal(rs)
		_, err := db.SaveRuleSet(context.Background(), 851, string(b), "ada", t0, data.AnyVersion)
		var ve *eligibility.ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) != 2 {
			t.Fatalf("err = %v, want the two problems", err)
		}
		if p := ve.Problems[0]; p.Criterion != 1 || p.Field != "op" || !strings.Contains(p.MsgDA, `"gt"`) || !strings.Contains(p.MsgDA, "Måneder uden ændring") {
			t.Errorf("first problem %+v", p)
		}
		if p := ve.Problems[1]; p.Criterion != 3 || p.Field != "source" || !strings.Contains(p.MsgDA, "kilden mangler") {
			t.Errorf("second problem %+v", p)
		}
	})
}

// TestSettingsParamsMerge: two administrators open the params page at the
// same version; one changes Aalborg's value, the other København's. Both
// changes are kept (the second save is merged over the first), and a value
// both changed is a conflict naming it and the municipality.
func TestSettingsParamsMerge(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "ada", Name: "Ada Admin", Role: workflow.RoleAdmin, Password: "correct horse"}, t0))(t)
		start := dbtest.Must(db.SaveReportParams(ctx, `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}}}`, "ada", t0, 0))(t)
		aalborg := `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}},
			"municipalities": {"851": {"period_days": {"value": 28, "source": "Aalborg apotek"}}}}`
		kbh := `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}},
			"municipalities": {"101": {"manual_minutes_per_period": {"value": 60, "source": "KK måling"}}}}`
		first := dbtest.Must(db.SaveReportParams(ctx, aalborg, "ada", t0.Add(time.Minute), start.ID))(t)
		second := dbtest.Must(db.SaveReportParams(ctx, kbh, "bo", t0.Add(2*time.Minute), start.ID))(t)
		if second.BaseID != first.ID {
			t.Errorf("the merged save's base = %d, want the first save %d", second.BaseID, first.ID)
		}
		p := dbtest.Must(db.ReportParams(ctx))(t)
		if got := p.For(851).PeriodDays.Value; got != 28 {
			t.Errorf("Aalborg's period days = %v, want 28 (the first save kept)", got)
		}
		if got := p.For(101).ManualMinutesPerPeriod.Value; got != 60 {
			t.Errorf("København's manual minutes = %v, want 60 (the second save)", got)
		}
		clash := `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}},
			"municipalities": {"851": {"period_days": {"value": 7, "source": "Aalborg"}}}}`
		_, err := db.SaveReportParams(ctx, clash, "bo", t0.Add(3*time.Minute), start.ID)
		if workflow.KindOf(err) != workflow.KindConflict || !strings.Contains(danishOf(err), "Aalborg") {
			t.Fatalf("a value both changed: %v (%q), want a conflict naming Aalborg", err, danishOf(err))
		}
		if p := dbtest.Must(db.ReportParams(ctx))(t); p.For(851).PeriodDays.Value != 28 {
			t.Errorf("the refused save was stored: %v", p.For(851).PeriodDays.Value)
		}
	})
}
