package web_test

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// leaks are what a Danish page must never show as text: a missing
// catalogue key, a code in snake_case (a reminder kind, a case source, an
// event or reason code), an ISO timestamp, or English words of the
// timeline and refusals.
var leaks = []*regexp.Regexp{
	regexp.MustCompile(`\[[a-z]+\.[a-z_.]+\]`),
	regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`),
	regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d`),
	// A date not written dd-mm-yyyy (ISO or US order).
	regexp.MustCompile(`\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b`),
	regexp.MustCompile(`(?i)\b(admission|discharge|cannot|not possible|requested|approved|rejected|consent given)\b`),
}

// rawActor is an actor's raw id (the command line's, a MedCom token's)
// where a care or pharmacy page names who acted; the admin's access log
// keeps the ids.
var rawActor = regexp.MustCompile(`\b(cli|api):\S`)

// tags and scripts are cut before the scan: attribute values (form values,
// links) may hold codes, the text may not. So are <code> and <pre>: the
// admin pages document the JSON formats an admin uploads, keys and all.
var (
	scripts = regexp.MustCompile(`(?s)<(script|style|code|pre)\b.*?</(script|style|code|pre)>`)
	tags    = regexp.MustCompile(`(?s)<[^>]*>`)
)

// visibleText is the text of an HTML page as a reader sees it.
func visibleText(body string) string {
	return html.UnescapeString(tags.ReplaceAllString(scripts.ReplaceAllString(body, " "), " "))
}

// TestNoInternalCodeOnDanishPages renders the pages of every role, a case
// with reminders and a full timeline, and refused transitions, in Danish,
// and fails on any internal code, missing key or ISO timestamp in the
// text.
func TestNoInternalCodeOnDanishPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := setup(t, db, "Karen Jensen")
		sys := workflow.System("fixture")
		svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
		startedToday(t, db, f)
		if _, err := svc.RecordHospitalNotification(ctx, sys, f.case851.ID, workflow.HospitalAdmission, t0.Add(-time.Hour), "Aalborg Sygehus", ""); err != nil {
			t.Fatal(err)
		}
		other, _ := must2(db.AddCitizen(ctx, sys, data.NewCitizen{CPR: "030345-1234", Name: "Ole Olsen",
			Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, t0))(t)
		fresh := dbtest.Must(svc.OpenCase(ctx, sys, other.ID, "nursing_home"))(t)
		noCase, _ := must2(db.AddCitizen(ctx, sys, data.NewCitizen{CPR: "040345-1234", Name: "Eva Hansen",
			Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, t0))(t)
		s := start(t, db)
		pages := map[string][]string{
			"nurse": {"/", "/cases", "/cases/" + f.case851.ID, "/cases/" + f.case851.ID + "?past=1", "/cases/" + fresh.ID,
				"/citizens/new", "/citizens/find", "/citizens/" + f.citizen851.ID, "/citizens/" + f.citizen851.ID + "/edit",
				"/citizens/" + noCase.ID, "/gps", "/account/password"},
			"lead":     {"/", "/overview", "/reports", "/cases/" + f.case851.ID, "/gps", "/dashboard"},
			"pharmacy": {"/", "/pharmacy", "/pharmacy/packing", "/pharmacy/deliveries", "/pharmacy/settings"},
			"steering": {"/reports", "/dashboard"}, // "/" is the dashboard (a redirect)
			"admin": {"/", "/admin/users", "/admin/pharmacies", "/admin/pharmacies/" + f.pharmacy851.ID,
				"/admin/access", "/admin/eligibility", "/admin/params", "/admin/params/history",
				"/admin/eligibility/edit?m=851", "/admin/eligibility/history?m=851",
				"/admin/users/" + f.users["nurse"].ID, "/admin/imports", "/gps", "/admin/access?cpr=0101451236"},
		}
		for user, paths := range pages {
			c := newClient(t, s).login(user)
			for _, p := range paths {
				status, body := c.get(p)
				if status != 200 {
					t.Errorf("%s GET %s: status %d", user, p, status)
					continue
				}
				checkNoLeak(t, user+" GET "+p, body)
				if m := rawActor.FindString(visibleText(body)); user != "admin" && m != "" {
					t.Errorf("%s GET %s shows the raw actor id %q", user, p, m)
				}
			}
		}
		nurse := newClient(t, s).login("nurse")
		for _, tc := range []struct {
			path string
			form url.Values
		}{
			{"/cases/" + fresh.ID + "/request-gp", url.Values{}},                        // wrong state
			{"/cases/" + fresh.ID + "/gp-decision", url.Values{"decision": {"reject"}}}, // no reason
			{"/cases/" + fresh.ID + "/consent", url.Values{"given_by": {"citizen"}, "method": {"oral"}}},
		} {
			status, body, _ := nurse.post(tc.path, tc.form)
			if status != 422 {
				t.Errorf("POST %s: status %d, want a refusal (422)", tc.path, status)
			}
			checkNoLeak(t, "nurse POST "+tc.path, body)
		}
	})
}

func checkNoLeak(t *testing.T, what, body string) {
	t.Helper()
	text := visibleText(body)
	for _, re := range leaks {
		if m := re.FindAllString(text, 5); m != nil {
			t.Errorf("%s shows %q (%s)", what, m, re)
		}
	}
}

// TestAdminTablesNameMunicipalities: the admin tables of users,
// pharmacies, stored rule sets and MedCom integrations name a municipality
// ("Aalborg"), never only its code in a cell.
func TestAdminTablesNameMunicipalities(t *testing.T) {
	bareCode := regexp.MustCompile(`<td>\s*\d{3}\s*</td>`)
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		s := start(t, db)
		admin := newClient(t, s).login("admin")
		for _, p := range []string{"/admin/users", "/admin/pharmacies", "/admin/eligibility?m=851", "/admin/medcom"} {
			status, body := admin.get(p)
			if status != 200 {
				t.Errorf("GET %s: status %d", p, status)
				continue
			}
			if m := bareCode.FindAllString(body, 3); m != nil {
				t.Errorf("%s shows bare municipality codes %q", p, m)
			}
		}
		for _, p := range []string{"/admin/users", "/admin/pharmacies"} {
			if _, body := admin.get(p); !regexp.MustCompile(`<td>Aalborg</td>`).MatchString(body) {
				t.Errorf("%s does not name Aalborg (pharmacy %s)", p, f.pharmacy851.ID)
			}
		}
	})
}
