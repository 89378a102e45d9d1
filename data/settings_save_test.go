package data_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// TestSaveSettingsValidates: the savers refuse what their parser refuses
// and a municipality that does not exist, store nothing then, and accept a
// valid body or a reset.
func TestSaveSettingsValidates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		for _, tc := range []struct {
			name string
			save func() error
			want string // part of the Danish message
		}{
			{"rule set not JSON", func() error { _, err := db.SaveRuleSet(ctx, 851, "{nope", "admin", t0, data.AnyVersion); return err }, "regelsættet kan ikke bruges"},
			{"rule set no municipality", func() error { _, err := db.SaveRuleSet(ctx, 999, "", "admin", t0, data.AnyVersion); return err }, "kommunekoden 999 findes ikke"},
			{"params of no municipality", func() error {
				_, err := db.SaveReportParams(ctx, `{"municipalities": {"999": {"period_days": {"value": 28, "source": "x"}}}}`, "admin", t0, data.AnyVersion)
				return err
			}, "kommunekoden 999 findes ikke"},
			{"params out of range", func() error {
				_, err := db.SaveReportParams(ctx, `{"default": {"hours_per_fte": {"value": -5, "source": "x"}}}`, "admin", t0, data.AnyVersion)
				return err
			}, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := tc.save()
				var we *workflow.Error
				if workflow.KindOf(err) != workflow.KindInvalid || !errors.As(err, &we) || !strings.Contains(we.Message(i18n.Danish), tc.want) {
					t.Fatalf("got %v, want an invalid-input error with %q", err, tc.want)
				}
			})
		}
		for _, name := range []string{data.SettingEligibility, data.SettingReportParams} {
			if cur := dbtest.Must(db.CurrentSettings(ctx, name))(t); len(cur) != 0 {
				t.Errorf("%s: a refused body was stored: %+v", name, cur)
			}
		}
		dbtest.Must(db.SaveReportParams(ctx, `{"default": {"hours_per_fte": {"value": 1600, "source": "effektive timer"}}}`, "admin", t0, data.AnyVersion))(t)
		dbtest.Must(db.SaveRuleSet(ctx, 851, "", "admin", t0, data.AnyVersion))(t)
	})
}
