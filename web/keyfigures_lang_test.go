package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestKeyFiguresInTheUsersLanguage: the key-figure table of the reports
// page and the steering group's dashboard is in English on an English
// screen, and in Danish on a Danish one.
func TestKeyFiguresInTheUsersLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		for _, c := range []struct{ user, path string }{{"lead", "/reports"}, {"steering", "/dashboard"}} {
			u := newClient(t, s).login(c.user)
			st, body := u.get(c.path)
			if st != http.StatusOK || !strings.Contains(body, "Frigjorte timer i perioden") || strings.Contains(body, "Nursing hours freed") {
				t.Errorf("%s %s in Danish: %d %s", c.user, c.path, st, excerpt(body))
			}
			u.post("/lang", url.Values{"lang": {"en"}, "back": {c.path}})
			st, body = u.get(c.path)
			for _, want := range []string{"Nursing hours freed in the period", "The national goal: 600–900 FTE", "Citizens assessed eligible"} {
				if st != http.StatusOK || !strings.Contains(body, want) {
					t.Errorf("%s %s in English: %d, no %q", c.user, c.path, st, want)
				}
			}
			for _, da := range []string{"Frigjorte timer", "Vurderet egnede", "Det nationale mål"} {
				if strings.Contains(body, da) {
					t.Errorf("%s %s in English still says %q", c.user, c.path, da)
				}
			}
		}
	})
}
