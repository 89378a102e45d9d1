package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestUsernameCaseOnTheWeb: the admin's user form added "Sofie" beside
// "sofie"; it is refused in Danish naming sofie, and "SOFIE" signs in as
// sofie.
func TestUsernameCaseOnTheWeb(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		a := newClient(t, s).login("admin")
		add := func(username string) (int, string) {
			st, body, _ := a.post("/admin/users", url.Values{"username": {username}, "name": {"Sofie Nielsen"}, "role": {"nurse"},
				"municipality": {"851"}, "password": {testPassword}})
			return st, body
		}
		if st, body := add("sofie"); st != http.StatusOK {
			t.Fatalf("add sofie: %d %s", st, excerpt(body))
		}
		for _, name := range []string{"Sofie", "SOFIE"} {
			st, body := add(name)
			if want := "brugernavnet &#34;" + name + "&#34; er optaget: det adskiller sig kun fra brugeren &#34;sofie&#34; ved store og små bogstaver"; st != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
				t.Errorf("add %s: %d, want 422 with %q: %s", name, st, want, excerpt(body))
			}
		}
		if n := countRows(t, db, "users", "lower(username) = 'sofie'"); n != 1 {
			t.Errorf("%d users named sofie in any case, want 1", n)
		}
		st, _, loc := newClient(t, s).post("/login", url.Values{"username": {"SOFIE"}, "password": {testPassword}})
		if st != http.StatusSeeOther || loc != "/" {
			t.Errorf("sign in as SOFIE: %d %s", st, loc)
		}
	})
}
