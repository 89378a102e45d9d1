package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestGPRegister: a nurse finds a GP by part of the name, records an
// absence with a substitute, changes it and removes it after confirming;
// refused dates say what is wrong; only leads and admins rename the
// practice; every change is in the change log.
func TestGPRegister(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		ctx := context.Background()
		sub := dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "054321", Name: "Lægerne Syd"}, t0))(t)
		gp := dbtest.Must(db.GPs(ctx))(t)[0]
		if gp.Ydernummer != "012345" {
			gp = dbtest.Must(db.GPs(ctx))(t)[1]
		}
		nurse := newClient(t, s).login("nurse")
		if _, body := nurse.get("/gps?q=nord"); !strings.Contains(body, "Lægehuset Nord") || strings.Contains(body, "Lægerne Syd") {
			t.Errorf("search: %s", excerpt(body))
		}
		base := "/gps/" + gp.ID
		for _, bad := range []struct{ from, to, sub, want string }{
			{"31-02-2026", "05-12-2026", "", "31-02-2026 findes ikke"},
			{"2026-12-10", "2026-12-01", "", "ligger før fra-datoen"},
			{"2026-12-01", "2026-12-10", "999999", "vikaren med ydernummer 999999 findes ikke"},
		} {
			st, body, _ := nurse.post(base+"/absences", url.Values{"from": {bad.from}, "to": {bad.to}, "substitute": {bad.sub}})
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, bad.want) {
				t.Errorf("absence %v: %d, want %q; %s", bad, st, bad.want, excerpt(body))
			}
		}
		if st, body, _ := nurse.post(base+"/absences", url.Values{"from": {"2026-12-01"}, "to": {"2026-12-10"}, "substitute": {"054321"}, "note": {"ferie"}}); st != http.StatusSeeOther {
			t.Fatalf("add absence: %d %s", st, excerpt(body))
		}
		abs := dbtest.Must(db.GPAbsences(ctx, "012345", calendar.Today(t0)))(t)
		if len(abs) != 1 || abs[0].SubstituteGPID != sub.ID || abs[0].To.Format() != "10-12-2026" {
			t.Fatalf("absences %+v", abs)
		}
		aid := abs[0].ID
		if st, _, _ := nurse.post(base+"/absences/"+aid, url.Values{"from": {"2026-12-01"}, "to": {"2026-12-12"}, "substitute": {"054321"}}); st != http.StatusSeeOther {
			t.Fatalf("change absence: %d", st)
		}
		if st, body, _ := nurse.post(base+"/absences/"+aid+"/remove", url.Values{}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "bekræfte") {
			t.Errorf("remove without confirming: %d", st)
		}
		if st, _, _ := nurse.post(base+"/absences/"+aid+"/remove", url.Values{"confirm": {"on"}}); st != http.StatusSeeOther {
			t.Fatalf("remove: %d", st)
		}
		if n := len(dbtest.Must(db.GPAbsences(ctx, "012345", calendar.Today(t0)))(t)); n != 0 {
			t.Errorf("%d absences after the removal", n)
		}
		if st, _, _ := nurse.post(base, url.Values{"name": {"X"}}); st != http.StatusForbidden {
			t.Errorf("a nurse renaming the practice: %d, want 403", st)
		}
		lead := newClient(t, s).login("lead")
		if st, _, _ := lead.post(base, url.Values{"name": {"Lægehuset Nord ApS"}, "clinic": {"Nordbyen"}}); st != http.StatusSeeOther {
			t.Fatalf("lead renames: %d", st)
		}
		_, body := lead.get(base)
		logged := regexp.MustCompile(`(?s)Ændringslog.*01-12-2026–10-12-2026 vikar 054321 \(ferie\).*01-12-2026–12-12-2026 vikar 054321.*Lægehuset Nord ApS`)
		if !logged.MatchString(strings.ReplaceAll(strings.ReplaceAll(body, `<span class="nobr">`, ""), "</span>", "")) {
			t.Errorf("the change log lacks the rename or the absence changes: %s", body[max(0, strings.Index(body, "Ændringslog")):])
		}
	})
}
