package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// field addresses a form field whose id holds dots.
func field(id string) string { return `[id="` + id + `"]` }

// TestBrowserSettingsParams: in Chromium an admin types an hours-per-FTE
// value out of range and sees the refusal in Danish at the field, naming
// the parameter and the value; corrects it, gives Aalborg its own manual
// minutes, saves, and reads both changes with her name in the history.
func TestBrowserSettingsParams(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		dir := shotDir(t)
		hours := field("value-default.hours_per_fte")
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), signIn(s.base, "admin", testPassword),
			chromedp.Navigate(s.base+"/admin/params"), chromedp.WaitVisible(chromedp.CSS("#params-form")),
			shotTo(dir, "web-admin-params-form"),
			chromedp.SetValue(chromedp.CSS(hours), "50"),
			clickToNewPage("#params-submit"),
			chromedp.WaitVisible(chromedp.CSS(field("error-default.hours_per_fte"))),
			shotTo(dir, "web-admin-params-refused"))
		if err != nil {
			t.Fatal(err)
		}
		if msg := text(t, ctx, field("error-default.hours_per_fte")); msg != "Timer pr. årsværk (landsværdi): 50 timer skal være mellem 100 og 3.000 timer" {
			t.Errorf("the refusal at the field: %q", msg)
		}
		if p := dbtest.Must(db.ReportParams(context.Background()))(t); p.Default.HoursPerFTE.Value != 1924 {
			t.Fatalf("a refused value was stored: %v", p.Default.HoursPerFTE.Value)
		}
		manual := field("value-municipalities.851.manual_minutes_per_period")
		err = chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS(hours), "1600"),
			chromedp.SetValue(chromedp.CSS(field("source-default.hours_per_fte")), "Effektive timer, kommunernes HR 2025"),
			clickToNewPage("#params-submit"), chromedp.WaitVisible(chromedp.CSS(".flash")),
			chromedp.SetValue(chromedp.CSS("#params-add-m"), "851"),
			chromedp.Click(chromedp.CSS("#params-add button")), chromedp.WaitVisible(chromedp.CSS(manual)),
			chromedp.SetValue(chromedp.CSS(manual), "60"),
			chromedp.SetValue(chromedp.CSS(field("source-municipalities.851.manual_minutes_per_period")), "Aalborg tidsmåling 2025"),
			clickToNewPage("#params-submit"), chromedp.WaitVisible(chromedp.CSS(".flash")),
			chromedp.Click(chromedp.CSS("#params-history")), chromedp.WaitVisible(chromedp.CSS("table.diff")),
			shotTo(dir, "web-admin-params-history"))
		if err != nil {
			t.Fatal(err)
		}
		p := dbtest.Must(db.ReportParams(context.Background()))(t)
		if p.Default.HoursPerFTE.Value != 1600 || p.For(851).ManualMinutesPerPeriod.Value != 60 ||
			p.For(851).HoursPerFTE.Value != 1600 || p.For(101).ManualMinutesPerPeriod.Value != 75 {
			t.Errorf("stored: national %v; 851 manual %v and hours %v (the national value); 101 manual %v",
				p.Default.HoursPerFTE.Value, p.For(851).ManualMinutesPerPeriod.Value, p.For(851).HoursPerFTE.Value, p.For(101).ManualMinutesPerPeriod.Value)
		}
		hist := text(t, ctx, "main")
		for _, want := range []string{"Ada Admin (admin)", "Timer pr. årsværk · landsværdi", "1924", "1600",
			"Effektive timer, kommunernes HR 2025", "Aalborg (851)", "landsværdi", "60", "Aalborg tidsmåling 2025"} {
			if !strings.Contains(hist, want) {
				t.Errorf("the history lacks %q:\n%s", want, hist)
			}
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserSettingsRuleSet: in Chromium an admin raises the number of
// packable medicines to 4 in Aalborg's rule set, previews a citizen with 3
// (not eligible, the criterion explained) before anything is saved, saves
// a new version, and sees the change with her name in the history.
func TestBrowserSettingsRuleSet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		dir := shotDir(t)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), signIn(s.base, "admin", testPassword),
			chromedp.Navigate(s.base+"/admin/eligibility"),
			chromedp.SetValue(chromedp.CSS("#rules-municipality"), "851"),
			chromedp.Click(chromedp.CSS("#rules-open")), chromedp.WaitVisible(chromedp.CSS("#rules-form")),
			chromedp.SetValue(chromedp.CSS("#c3-value"), "4"),
			chromedp.SetValue(chromedp.CSS("#fact-receives_medicine_help"), "ja"),
			chromedp.SetValue(chromedp.CSS("#fact-months_without_change"), "6"),
			chromedp.SetValue(chromedp.CSS("#fact-no_change_expected"), "ja"),
			chromedp.SetValue(chromedp.CSS("#fact-packable_medicine_count"), "3"),
			chromedp.SetValue(chromedp.CSS("#fact-can_handle_roll"), "ja"),
			clickToNewPage("#rules-preview"), chromedp.WaitVisible(chromedp.CSS("#verdict")),
			chromedp.ScrollIntoView(chromedp.CSS("#preview")), shotTo(dir, "web-admin-rules-preview"))
		if err != nil {
			t.Fatal(err)
		}
		verdict := text(t, ctx, "#verdict")
		for _, want := range []string{"Ikke egnet", "Antal dosispakbare præparater", "Ikke opfyldt",
			"Borgeren får 3 dosispakbare præparater; kriteriet kræver mindst 4."} {
			if !strings.Contains(verdict, want) {
				t.Errorf("the preview lacks %q:\n%s", want, verdict)
			}
		}
		if _, ok, _ := db.Setting(context.Background(), data.SettingEligibility, 851); ok {
			t.Fatal("the preview saved the rule set")
		}
		err = chromedp.Do(ctx,
			clickToNewPage("#rules-save"), chromedp.WaitVisible(chromedp.CSS(".flash")),
			chromedp.Click(chromedp.CSS("#rules-history")), chromedp.WaitVisible(chromedp.CSS("table.diff")),
			shotTo(dir, "web-admin-rules-history"))
		if err != nil {
			t.Fatal(err)
		}
		rs := dbtest.Must(db.RuleSetFor(context.Background(), 851))(t)
		if rs.Version != "2024.2" || rs.Criteria[3].Value != 4.0 {
			t.Errorf("stored %s %s with threshold %v", rs.ID, rs.Version, rs.Criteria[3].Value)
		}
		hist := text(t, ctx, "main")
		for _, want := range []string{"Ada Admin (admin)", "dk-default 2024.2", "Antal dosispakbare præparater", "Grænse", "Version", "2024.1"} {
			if !strings.Contains(hist, want) {
				t.Errorf("the history lacks %q:\n%s", want, hist)
			}
		}
		onlyLocal(t, s.base, requested())
	})
}
