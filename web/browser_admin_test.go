package web_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// adminShots is the screenshot directory for the admin browser test: only
// on SQLite, and only with DOSIS_SCREENSHOTS set.
func adminShots(t *testing.T) string {
	if !strings.HasSuffix(t.Name(), "sqlite") {
		return ""
	}
	return os.Getenv("DOSIS_SCREENSHOTS")
}

// TestBrowserAdminUsers: in Chromium an admin adds a nurse, who signs in
// in a second browser; the admin disables her and her next click lands on
// the sign-in page; re-enabled and given a new generated password (shown
// once), she signs in with it.
func TestBrowserAdminUsers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		other, _ := browser(t)
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		dir := adminShots(t)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), signIn(s.base, "admin", testPassword),
			chromedp.Navigate(s.base+"/admin/users"), chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SendKeys(chromedp.CSS("#username"), "sofie"), chromedp.SendKeys(chromedp.CSS("#name"), "Sofie Nielsen"),
			chromedp.SetValue(chromedp.CSS("#role"), "nurse"), chromedp.SetValue(chromedp.CSS("#municipality"), "851"),
			chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
			chromedp.Submit(chromedp.CSS("#password")), chromedp.WaitVisible(chromedp.CSS(".flash")), shotTo(dir, "web-admin-user-added"))
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(other, signIn(s.base, "sofie", testPassword), chromedp.Navigate(s.base+"/cases"),
			chromedp.WaitVisible(chromedp.CSS("table, .empty, main h1"))); err != nil {
			t.Fatal(err)
		}
		u := dbtest.Must(db.UserByUsername(context.Background(), "sofie"))(t)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href="/admin/users/`+u.ID+`"]`)),
			chromedp.WaitVisible(chromedp.CSS("#disable-user"))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#disable-user")), chromedp.WaitVisible(chromedp.CSS("#enable-user"))); err != nil {
			t.Fatal(err)
		}
		// Her next click: the sign-in page.
		if err := chromedp.Do(other, chromedp.Navigate(s.base+"/cases"), chromedp.WaitVisible(chromedp.CSS("#username"))); err != nil {
			t.Fatalf("the disabled nurse's session did not end: %v", err)
		}
		err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#enable-user")), chromedp.WaitVisible(chromedp.CSS("#disable-user")),
			chromedp.Click(chromedp.CSS("#reset-password")), chromedp.WaitVisible(chromedp.CSS("#new-password")), shotTo(dir, "web-admin-user"))
		if err != nil {
			t.Fatal(err)
		}
		pw := text(t, ctx, "#new-password")
		if len(pw) != 20 {
			t.Fatalf("new password %q", pw)
		}
		if err := chromedp.Do(other, signIn(s.base, "sofie", pw)); err != nil {
			t.Fatalf("sign-in with the new password: %v", err)
		}
		changes := text(t, ctx, "main")
		for _, want := range []string{"Adgangskode nulstillet", "Deaktiveret", "Oprettet"} {
			if !strings.Contains(changes, want) {
				t.Errorf("the user's change log lacks %q", want)
			}
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserAdminRegisters: an admin adds a pharmacy and changes it (the
// change log shows it), adds a GP and an absence, and ends the absence
// today.
func TestBrowserAdminRegisters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		dir := adminShots(t)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), signIn(s.base, "admin", testPassword),
			chromedp.Navigate(s.base+"/admin/pharmacies"), chromedp.WaitVisible(chromedp.CSS("#name")),
			chromedp.SendKeys(chromedp.CSS("#name"), "Budolfi Apotek"), chromedp.SetValue(chromedp.CSS("#municipality"), "851"),
			chromedp.Submit(chromedp.CSS("#name")), chromedp.WaitVisible(chromedp.CSS(".flash")), shotTo(dir, "web-admin-pharmacy-added"))
		if err != nil {
			t.Fatal(err)
		}
		var id string
		for _, p := range dbtest.Must(db.Pharmacies(context.Background()))(t) {
			if p.Name == "Budolfi Apotek" {
				id = p.ID
			}
		}
		if id == "" {
			t.Fatal("the pharmacy was not added")
		}
		err = chromedp.Do(ctx, chromedp.Navigate(s.base+"/admin/pharmacies/"+id), chromedp.WaitVisible(chromedp.CSS("#lead_hours")),
			chromedp.SetValue(chromedp.CSS("#lead_hours"), "12"), chromedp.Submit(chromedp.CSS("#lead_hours")),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/admin/pharmacies"]`)), chromedp.WaitVisible(chromedp.CSS(".flash")),
			chromedp.Navigate(s.base+"/admin/pharmacies/"+id),
			chromedp.WaitVisible(chromedp.CSS("table")), shotTo(dir, "web-admin-pharmacy"))
		if err != nil {
			t.Fatal(err)
		}
		if log := text(t, ctx, "main"); !strings.Contains(log, "Leveringstid for akutruller") || !strings.Contains(log, "12") {
			t.Errorf("the pharmacy's change log: %s", log)
		}
		err = chromedp.Do(ctx, chromedp.Navigate(s.base+"/gps"), chromedp.Click(chromedp.CSS("#gp-add summary")),
			chromedp.SendKeys(chromedp.CSS("#gp-yder"), "054321"), chromedp.SendKeys(chromedp.CSS("#gp-name"), "Lægerne Syd"),
			clickToNewPage("#gp-add-submit"), chromedp.WaitVisible(chromedp.CSS("#absences")),
			chromedp.Click(chromedp.CSS("#absence-new summary")),
			chromedp.SendKeys(chromedp.CSS("#from-new"), "20-11-2026"), chromedp.SendKeys(chromedp.CSS("#to-new"), "10-12-2026"),
			chromedp.SendKeys(chromedp.CSS("#sub-new"), "012345"), chromedp.Submit(chromedp.CSS("#sub-new")),
			// Wait for the new page (the old one had a flash message too).
			chromedp.WaitVisible(chromedp.CSS(`details[id^="absence-"]:not(#absence-new) summary`)),
			chromedp.Click(chromedp.CSS(`details[id^="absence-"]:not(#absence-new) summary`)),
			chromedp.Click(chromedp.CSS(`button[id^="end-"]`)), chromedp.WaitNotPresent(chromedp.CSS(`button[id^="end-"]`)),
			chromedp.WaitVisible(chromedp.CSS(".flash")), shotTo(dir, "web-admin-gp"))
		if err != nil {
			t.Fatal(err)
		}
		if sum := text(t, ctx, `details[id^="absence-"]:not(#absence-new) summary`); !strings.Contains(sum, "20-11-2026") || !strings.Contains(sum, "27-11-2026") {
			t.Errorf("the ended absence reads %q, want 20-11-2026 – 27-11-2026", sum)
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserAdminImportAndAccess: an admin uploads a citizens file with
// bad rows (every bad row listed), then the office's Excel file, sees the
// dry run and commits it; then searches the access log by CPR number and
// downloads the search as CSV.
func TestBrowserAdminImportAndAccess(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		dbtest.Must(db.AddGP(context.Background(), workflow.GP{Ydernummer: "023456", Name: "Læge Hansen"}, t0))(t)
		newClient(t, s).login("nurse").get("/cases/" + f.case851.ID)
		dir := adminShots(t)
		testdata, _ := filepath.Abs(filepath.Join("..", "data", "imports", "testdata"))
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), signIn(s.base, "admin", testPassword),
			chromedp.Navigate(s.base+"/admin/imports"), chromedp.WaitVisible(chromedp.CSS("#import-file")),
			chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{filepath.Join(testdata, "citizens-fornavn-bad.csv")}),
			chromedp.Click(chromedp.CSS("#import-preview")), chromedp.WaitVisible(chromedp.CSS("#import-problems")),
			shotTo(dir, "web-admin-import-bad"))
		if err != nil {
			t.Fatal(err)
		}
		problems := text(t, ctx, "#import-problems")
		for _, want := range []string{"CPR-NR", "A3", "XXXXXX-XXXX", "EFTERNAVN", "C4", "KOMMUNENUMMER", "411"} {
			if !strings.Contains(problems, want) {
				t.Errorf("the problems table lacks %q:\n%s", want, problems)
			}
		}
		if strings.Contains(problems, "15035O") {
			t.Errorf("the problems table shows the mistyped CPR number:\n%s", problems)
		}
		err = chromedp.Do(ctx,
			chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{filepath.Join(testdata, "citizens-fornavn.xlsx")}),
			chromedp.Click(chromedp.CSS("#import-preview")), chromedp.WaitVisible(chromedp.CSS("#import-commit")),
			shotTo(dir, "web-admin-import-preview"))
		if err != nil {
			t.Fatal(err)
		}
		if sum := text(t, ctx, "#import-summary"); sum != "3 nye, 0 ændrede, 0 uændrede" {
			t.Errorf("preview summary %q", sum)
		}
		if n := count(t, db, "citizens"); n != 2 {
			t.Fatalf("the preview wrote citizens: %d", n)
		}
		err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#import-commit")), chromedp.WaitNotPresent(chromedp.CSS("#import-commit")),
			chromedp.WaitVisible(chromedp.CSS("#import-summary")))
		if err != nil {
			t.Fatal(err)
		}
		if h := text(t, ctx, "#import-report h2"); h != "Importeret" {
			t.Errorf("after the commit: %q", h)
		}
		if n := count(t, db, "citizens"); n != 5 {
			t.Errorf("after the commit: %d citizens, want 5", n)
		}

		downloads := t.TempDir()
		err = chromedp.Do(ctx, chromedp.Navigate(s.base+"/admin/access"), chromedp.WaitVisible(chromedp.CSS("#cpr")),
			chromedp.SendKeys(chromedp.CSS("#cpr"), "010145-1236"), clickToNewPage("#access-search"),
			chromedp.WaitVisible(chromedp.CSS("#access-log")), shotTo(dir, "web-admin-access-search"),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
					Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
				return err
			}),
			chromedp.Click(chromedp.CSS("#access-export")))
		if err != nil {
			t.Fatal(err)
		}
		if url, err := chromedp.Run(ctx, chromedp.Location()); err != nil || strings.Contains(url, "cpr=") || strings.Contains(url, "0101451236") {
			t.Errorf("the CPR number is in the address: %s", url)
		}
		log := text(t, ctx, "#access-log")
		if !strings.Contains(log, "Sagsside") || !strings.Contains(log, "nurse") || !strings.Contains(log, "010145-XXXX") {
			t.Errorf("the search does not show the nurse's view:\n%s", log)
		}
		csv := waitDownload(t, downloads)
		if !bytes.Contains(csv, []byte("Tidspunkt;Hvem;Rolle;CPR-nummer;Side")) || !bytes.Contains(csv, []byte("010145-XXXX")) {
			t.Errorf("the downloaded CSV:\n%s", csv)
		}
		onlyLocal(t, s.base, requested())
	})
}

// waitDownload waits up to 10 seconds for one finished file in dir.
func waitDownload(t *testing.T, dir string) []byte {
	t.Helper()
	for range 100 {
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			if !strings.HasSuffix(e.Name(), ".crdownload") {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err == nil && len(b) > 0 {
					return b
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("no download arrived")
	return nil
}
