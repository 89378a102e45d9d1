package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/demo"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
)

// smallDemo is a SQLite database with the small demo data set (seed 1, on
// t0), claimed as a demo, and its login for each role.
func smallDemo(t *testing.T) (*data.DB, map[workflow.Role]web.DemoLogin) {
	t.Helper()
	db := dbtest.Open(t, "sqlite")
	bg := context.Background()
	if _, err := demo.Generate(bg, db, demo.Options{Scale: demo.ScaleSmall, Seed: 1, Now: t0}); err != nil {
		t.Fatal(err)
	}
	if err := db.ClaimDemo(bg, "test", t0); err != nil {
		t.Fatal(err)
	}
	pw := map[workflow.Role]web.DemoLogin{}
	for _, l := range dbtest.Must(web.DemoUsers(bg, db, t0))(t) {
		pw[l.Role] = l
	}
	return db, pw
}

// TestBrowserScreenshotsDemo takes the README's screenshots of the main
// pages on the small demo data set (SQLite only). It runs only with
// DOSIS_SCREENSHOTS=/absolute/dir.
func TestBrowserScreenshotsDemo(t *testing.T) {
	dir := os.Getenv("DOSIS_SCREENSHOTS")
	if dir == "" {
		t.Skip("set DOSIS_SCREENSHOTS=/absolute/dir to take the screenshots")
	}
	ctx, requested := browser(t)
	bg := context.Background()
	db, pw := smallDemo(t)
	s := start(t, db)
	nurse := pw[workflow.RoleNurse]
	active := dbtest.Must(db.ListCases(bg, workflow.Actor{UserID: "shots", Role: workflow.RoleNurse, Municipality: web.DemoMunicipality},
		data.CaseFilter{States: []workflow.State{workflow.StateActive}, Limit: 1}))(t)
	if len(active) == 0 {
		t.Fatal("no active case in the demo data")
	}
	logout := logOut()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1200, 900),
		signIn(s.base, nurse.Username, nurse.Password), chromedp.WaitVisible(chromedp.CSS("#worklist")), shotTo(dir, "web-worklist"),
		chromedp.Navigate(s.base+"/cases/"+active[0].ID), chromedp.WaitVisible(chromedp.CSS("#rolls")), shotTo(dir, "web-case-rolls"),
		logout,
		signIn(s.base, pw[workflow.RolePharmacy].Username, pw[workflow.RolePharmacy].Password),
		chromedp.Navigate(s.base+"/pharmacy"), chromedp.WaitVisible(chromedp.CSS("#urgent")), shotTo(dir, "web-pharmacy"),
		logout,
		signIn(s.base, pw[workflow.RoleLead].Username, pw[workflow.RoleLead].Password),
		chromedp.Navigate(s.base+"/overview"), chromedp.WaitVisible(chromedp.CSS("#worklist")), shotTo(dir, "web-overview"),
		logout,
		signIn(s.base, pw[workflow.RoleSteering].Username, pw[workflow.RoleSteering].Password),
		chromedp.Navigate(s.base+"/dashboard?from=01-11-2025&to=31-10-2026"), chromedp.WaitVisible(chromedp.CSS("[data-chart] canvas")),
		chromedp.Sleep(500*time.Millisecond), shotTo(dir, "web-dashboard-steering"),
		logout,
		signIn(s.base, pw[workflow.RoleAdmin].Username, pw[workflow.RoleAdmin].Password),
		chromedp.Navigate(s.base+"/dashboard?from=01-11-2025&to=31-10-2026"), chromedp.WaitVisible(chromedp.CSS("[data-chart] canvas")),
		chromedp.Sleep(500*time.Millisecond), shotTo(dir, "web-dashboard"),
		chromedp.Navigate(s.base+"/admin/params"), chromedp.WaitVisible(chromedp.CSS("table.params")), shotTo(dir, "web-admin-params"),
		// The municipality picker in use: "aal" and Enter, "oden" and Enter.
		chromedp.Navigate(s.base+"/reports?from=01-11-2025&to=31-10-2026"), chromedp.WaitVisible(chromedp.CSS("#m-search")),
		chromedp.SendKeys(chromedp.CSS("#m-search"), "aal"), chromedp.SendKeys(chromedp.CSS("#m-search"), kb.Enter),
		chromedp.SendKeys(chromedp.CSS("#m-search"), kb.Escape), chromedp.SendKeys(chromedp.CSS("#m-search"), "oden"),
		chromedp.SendKeys(chromedp.CSS("#m-search"), kb.Enter), shotTo(dir, "web-reports-picker"),
		chromedp.Navigate(s.base+"/dashboard?from=01-11-2025&to=31-10-2026"), chromedp.WaitVisible(chromedp.CSS("[data-chart] canvas")),
		chromedp.Click(chromedp.CSS(`form[action="/lang"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] [data-chart] canvas`)), chromedp.Sleep(500*time.Millisecond),
		shotTo(dir, "web-dashboard-english"),
		chromedp.Click(chromedp.CSS(`form[action="/lang"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="da"] [data-chart] canvas`)), chromedp.Sleep(500*time.Millisecond),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The printed dashboard's first two A4 pages, rendered with pdftoppm.
	pdf := printA4(t, ctx, t.TempDir(), "dashboard")
	if out, err := exec.Command("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", pdf, filepath.Join(dir, "web-dashboard-print")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	// The HTML dashboard as its recipient opens it, from disk.
	html := clickDownloadPath(t, ctx, s.base+"/reports?from=01-11-2025&to=31-10-2026")
	onlyLocal(t, s.base, requested())
	file := filepath.Join(t.TempDir(), "dashboard.html")
	if err := os.WriteFile(file, html, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(chromedp.CSS(".chart svg")),
		chromedp.Sleep(500*time.Millisecond), shotTo(dir, "dashboard")); err != nil {
		t.Fatal(err)
	}
}
