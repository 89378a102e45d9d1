package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
)

// TestReportRefusesUnknownMunicipality: a report filter naming a code that
// is no municipality's (999, or Christiansø's 411) is refused in Danish,
// naming the code, on every report page and download, instead of an empty
// report ("Kommuner i rapporten: 0") that looks like one without data. The
// rule is data.DB.Report's, so `dosis report --municipality 999` says the same.
func TestReportRefusesUnknownMunicipality(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setupRolls(t, db)
		for _, role := range []string{"admin", "steering"} {
			c := newClient(t, s).login(role)
			for _, path := range []string{"/reports?m=999", "/dashboard?m=851&m=411", "/reports/xlsx?m=999", "/reports/html?m=999"} {
				st, body := c.get(path)
				if st != http.StatusUnprocessableEntity {
					t.Errorf("%s %s: %d, want 422", role, path, st)
					continue
				}
				if !strings.Contains(body, "findes ikke") || !(strings.Contains(body, "999") || strings.Contains(body, "411")) {
					t.Errorf("%s %s: the refusal does not name the code: %s", role, path, excerpt(body))
				}
			}
			if st, _ := c.get("/reports?m=851&m=101"); st != http.StatusOK {
				t.Errorf("%s: two real municipalities: %d", role, st)
			}
		}
	})
}

// TestQueryTextIsChecked: a NUL byte or another control character in the
// address's query (the access log's GET links, the searches) is refused as
// invalid input in Danish, naming the field; it reached the SQL layer and
// answered 500.
func TestQueryTextIsChecked(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		for _, path := range []string{"/admin/access?user=%00", "/admin/access?user=admin%01", "/admin/access/export?user=a%00b", "/gps?q=%00"} {
			st, body := admin.get(path)
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, "kontroltegn") {
				t.Errorf("%s: %d, want 422 naming the control character: %s", path, st, excerpt(body))
			}
		}
		if st, body := admin.get("/admin/access?user=%00"); !strings.Contains(body, "brugeren") {
			t.Errorf("the refusal does not name the field: %d %s", st, excerpt(body))
		}
		if st, _ := admin.get("/admin/access?user=admin"); st != http.StatusOK {
			t.Errorf("an ordinary search: %d", st)
		}
	})
}

// TestReportPagesSourceLineInEnglish: the English reports page and
// dashboard showed the Danish source line ("Kilde: Dosis, kommunernes egne
// sagsdata …") and calibration line ("Kalibrering: …"); the downloaded
// files stay Danish.
func TestReportPagesSourceLineInEnglish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setupRolls(t, db)
		for _, role := range []string{"lead", "steering"} {
			c := newClient(t, s).login(role)
			c.post("/lang", url.Values{"lang": {"en"}, "back": {"/reports"}})
			for _, path := range []string{"/reports", "/dashboard"} {
				st, body := c.get(path)
				if st != http.StatusOK {
					t.Fatalf("%s %s: %d", role, path, st)
				}
				if !strings.Contains(body, "Source: Dosis") {
					t.Errorf("%s %s in English: no English source line", role, path)
				}
				for _, danish := range []string{"Kilde: Dosis", "kommunernes egne sagsdata", "befolkningstal er skøn", "Kalibrering:", "diskretioneret", "åååå"} {
					if strings.Contains(body, danish) {
						t.Errorf("%s %s in English shows the Danish %q", role, path, danish)
					}
				}
			}
			if _, body := c.get("/dashboard"); !strings.Contains(body, "Calibration: with the default parameters") {
				t.Errorf("%s: the English dashboard has no English calibration line", role)
			}
			if _, _, b := c.download("/reports/html"); !strings.Contains(string(b), "Kilde: Dosis") {
				t.Errorf("%s: the HTML file is no longer Danish", role)
			}
		}
	})
}

// TestAdminFormsInEnglishHaveNoDanish: the English rule-set editor, access
// log and closed-dates page asked for dates as "dd-mm-åååå", and the
// editor titled each criterion with its Danish name.
func TestAdminFormsInEnglishHaveNoDanish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		admin.post("/lang", url.Values{"lang": {"en"}, "back": {"/"}})
		for _, path := range []string{"/admin/eligibility/edit?m=851", "/admin/access", "/admin/pharmacies/" + f.pharmacy851.ID + "/closed"} {
			st, body := admin.get(path)
			if st != http.StatusOK {
				t.Fatalf("%s: %d", path, st)
			}
			if strings.Contains(body, "åååå") || !strings.Contains(body, "dd-mm-yyyy") {
				t.Errorf("%s in English: the date format is not dd-mm-yyyy", path)
			}
		}
		_, body := admin.get("/admin/eligibility/edit?m=851")
		if !strings.Contains(body, "Criterion 1: Receives municipal help with medicine</legend>") || strings.Contains(body, ": Får kommunal hjælp til medicin</legend>") {
			t.Errorf("the English editor does not title the criterion in English: %s", excerpt(body))
		}
		admin.post("/lang", url.Values{"lang": {"da"}, "back": {"/"}})
		if _, body := admin.get("/admin/eligibility/edit?m=851"); !strings.Contains(body, "Kriterium 1: Får kommunal hjælp til medicin</legend>") || !strings.Contains(body, "dd-mm-åååå") {
			t.Errorf("the Danish editor changed: %s", excerpt(body))
		}
	})
}

// TestBrowserPickerCountsManyChosen: with every municipality chosen the
// picker's count named all 98, a paragraph of names above the list; past
// five names it now counts the rest.
func TestBrowserPickerCountsManyChosen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, _ := browser(t)
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		ms := dbtest.Must(db.Municipalities(context.Background()))(t)
		q := url.Values{}
		for _, m := range ms {
			q.Add("m", strconv.Itoa(m.Code))
		}
		if err := chromedp.Do(ctx, signIn(s.base, "admin", testPassword), chromedp.Navigate(s.base+"/reports?"+q.Encode()),
			chromedp.WaitVisible(chromedp.CSS(".mselect-count"))); err != nil {
			t.Fatal(err)
		}
		count, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".mselect-count").textContent`))
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("98 kommuner valgt: København, Frederiksberg, Ballerup, Brøndby, Dragør … og %d andre", len(ms)-5); count != want {
			t.Errorf("count with all chosen = %q, want %q", count, want)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".mselect-clear")), chromedp.Click(chromedp.CSS(`input[name="m"][value="851"]`)),
			chromedp.Click(chromedp.CSS(`input[name="m"][value="101"]`))); err != nil {
			t.Fatal(err)
		}
		if count, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".mselect-count").textContent`)); count != "2 kommuner valgt: København, Aalborg" {
			t.Errorf("count with two chosen = %q", count)
		}
	})
}

// TestPharmacyFormNamesFieldsByLabel: a number the pharmacy form cannot
// read was refused as "feltet deadline_days: …", the form field's internal
// name; the refusal names the field as the form labels it.
func TestPharmacyFormNamesFieldsByLabel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		form := url.Values{"name": {"Aalborg Apotek"}, "municipality": {"851"}, "period_days": {"14"}, "deadline_days": {"3"},
			"lead_hours": {"24"}, "closing_days": {"24-12"}}
		for field, label := range map[string]string{"deadline_days": "Frist (arbejdsdage før periodestart)", "lead_hours": "Leveringstid for akutrulle (arbejdstimer)"} {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set(field, "99999999999999999999")
			st, body, _ := admin.post("/admin/pharmacies/"+f.pharmacy851.ID, bad)
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, label+": &#34;99999999999999999999&#34; er ikke et helt tal") || strings.Contains(body, "feltet "+field) {
				t.Errorf("%s: %d, want 422 naming %q: %s", field, st, label, excerpt(body))
			}
		}
	})
}

// TestOversizedImportStatesTheFileLimit: the import page says "højst 8 MiB";
// an 8.5 MiB file was refused as "det sendte er større end 9 MiB" (the
// body's limit rounded up), which reads as if the file were under it.
func TestOversizedImportStatesTheFileLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		a := newClient(t, s).login("admin")
		big := bytes.Repeat([]byte("x"), imports.MaxUploadBytes+imports.MaxUploadBytes/16)
		st, body := a.upload("/admin/imports", map[string]string{"kind": "citizens"}, "big.csv", big, a.csrf())
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "filen er større end 8 MiB") || strings.Contains(body, "9 MiB") {
			t.Errorf("an 8.5 MiB upload: %d %s", st, excerpt(body))
		}
	})
}

// TestAccessLogRefusesSwappedDates: "who looked at this citizen?" with the
// from and to dates swapped answered "Ingen opslag passer til søgningen",
// which reads as "no one looked"; it is refused, saying so, on the page and
// for the CSV export.
func TestAccessLogRefusesSwappedDates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		for _, path := range []string{"/admin/access?from=31-12-2026&to=01-01-2026", "/admin/access/export?from=31-12-2026&to=01-01-2026"} {
			st, body := admin.get(path)
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, "fra 31-12-2026 er efter til 01-01-2026") {
				t.Errorf("%s: %d %s", path, st, excerpt(body))
			}
		}
		if st, _ := admin.get("/admin/access?from=01-01-2026&to=01-01-2026"); st != http.StatusOK {
			t.Errorf("one day: %d", st)
		}
	})
}
