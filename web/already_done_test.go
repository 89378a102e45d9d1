package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

var versionRE = regexp.MustCompile(`name="version" value="(\d+)"`)

// TestTwoColleaguesOneCase: the nurse and the project lead both open the
// case awaiting consent; the lead records it first; the nurse's form then
// reads who did it and when, not a technical refusal.
func TestTwoColleaguesOneCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse, lead := newClient(t, s).login("nurse"), newClient(t, s).login("lead")
		page := "/cases/" + f.case851.ID
		_, body := nurse.get(page)
		m := versionRE.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the case page's forms carry no version")
		}
		form := url.Values{"given_by": {"citizen"}, "method": {"written"}, "given_at": {"27-11-2026"}, "version": {m[1]}}
		if st, _, _ := lead.post(page+"/consent", form); st != http.StatusSeeOther {
			t.Fatalf("the lead's consent: %d", st)
		}
		form.Del("csrf_token") // post added the lead's
		st, body, _ := nurse.post(page+"/consent", form)
		if st != http.StatusConflict || !strings.Contains(body, "allerede gjort af Lis Lead kl. 10:00: Registrér samtykke") {
			t.Errorf("the second consent: %d %s %s", st, excerpt(body), s.log.String())
		}
		// With the page's current version the refusal stays the plain one.
		_, body = nurse.get(page)
		form.Set("version", versionRE.FindStringSubmatch(body)[1])
		form.Del("csrf_token")
		if st, body, _ := nurse.post(page+"/consent", form); st != http.StatusUnprocessableEntity || strings.Contains(body, "allerede gjort") {
			t.Errorf("a refusal of the nurse's own doing: %d %s", st, excerpt(body))
		}
	})
}
