package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestScope: a nurse of København cannot read or change a citizen or case of
// Aalborg by guessing ids: every answer is 404, as for an id that does not
// exist. The Aalborg nurse reaches the same pages.
func TestScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		other := newClient(t, s).login("nurse101")
		own := newClient(t, s).login("nurse")
		gets := []string{"/cases/" + f.case851.ID, "/citizens/" + f.citizen851.ID}
		for _, p := range gets {
			if st, _ := other.get(p); st != http.StatusNotFound {
				t.Errorf("GET %s by another municipality's nurse: %d, want 404", p, st)
			}
			if st, _ := own.get(p); st != http.StatusOK {
				t.Errorf("GET %s by own nurse: %d, want 200", p, st)
			}
		}
		posts := map[string]url.Values{
			"/cases/" + f.case851.ID + "/consent":     {"given_by": {"citizen"}, "method": {"written"}, "given_at": {"27-11-2026"}},
			"/cases/" + f.case851.ID + "/end":         {"reason": {"duplicate"}},
			"/citizens/" + f.citizen851.ID + "/cases": {"source": {"gp"}},
		}
		for p, form := range posts {
			if st, _, _ := other.post(p, form); st != http.StatusNotFound {
				t.Errorf("POST %s by another municipality's nurse: %d, want 404", p, st)
			}
		}
		// Across municipalities the lookup offers the move (issue 15), and
		// says only where the citizen lives, not who it is.
		if st, body, _ := other.post("/citizens/find", url.Values{"cpr": {"010145-1236"}}); st != http.StatusUnprocessableEntity ||
			strings.Contains(body, "Karen") || !strings.Contains(body, `action="/citizens/move"`) {
			t.Errorf("CPR lookup across municipalities: %d", st)
		}
		if st, body, _ := other.post("/citizens/find", url.Values{"cpr": {"010203-1234"}}); st != http.StatusNotFound || strings.Contains(body, "/citizens/move") {
			t.Errorf("CPR lookup of nobody: %d", st)
		}
		if st, _, loc := own.post("/citizens/find", url.Values{"cpr": {"010145-1236"}}); st != http.StatusSeeOther || loc != "/citizens/"+f.citizen851.ID {
			t.Errorf("own CPR lookup: %d %q", st, loc)
		}
		// The case list shows only the own municipality, with masked CPR.
		_, body := own.get("/cases")
		if !strings.Contains(body, "Karen Jensen") || strings.Contains(body, "Bo København") {
			t.Error("case list is not scoped to the municipality")
		}
		if strings.Contains(body, "1236") || !strings.Contains(body, "010145-XXXX") {
			t.Error("case list does not mask the CPR number")
		}
	})
}

// TestCSRF: a state-changing form without the session's token is refused
// with 403, for signed-in users and at the login form alike.
func TestCSRF(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		c := newClient(t, s).login("nurse")
		path := "/cases/" + f.case851.ID + "/end"
		for name, tok := range map[string]string{"missing": "", "wrong": "forged-token"} {
			if st, _, _ := c.post(path, url.Values{"csrf_token": {tok}, "reason": {"duplicate"}}); st != http.StatusForbidden {
				t.Errorf("%s token: %d, want 403", name, st)
			}
		}
		// Another session's token is no good either.
		other := newClient(t, s).login("lead")
		if st, _, _ := c.post(path, url.Values{"csrf_token": {other.csrf()}, "reason": {"duplicate"}}); st != http.StatusForbidden {
			t.Errorf("another session's token: %d, want 403", st)
		}
		anon := newClient(t, s)
		if st, _, _ := anon.post("/login", url.Values{"csrf_token": {""}, "username": {"nurse"}, "password": {testPassword}}); st != http.StatusForbidden {
			t.Errorf("login without token: %d, want 403", st)
		}
		if st, _ := c.get("/cases/" + f.case851.ID); st != http.StatusOK {
			t.Fatal("case gone")
		}
		_, body := c.get("/cases/" + f.case851.ID)
		if strings.Contains(body, "Afsluttet") && strings.Contains(body, "state-ended") {
			t.Error("a forged request changed the case")
		}
	})
}

// TestLoginThrottle: five wrong passwords lock the username; the right one
// is then refused with 429 too.
func TestLoginThrottle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		c := newClient(t, s)
		for i := range 5 {
			if st, body, _ := c.post("/login", url.Values{"username": {"nurse"}, "password": {"wrong"}}); st != http.StatusUnprocessableEntity ||
				!strings.Contains(body, "forkert brugernavn eller adgangskode") || !strings.Contains(body, `value="nurse"`) {
				t.Fatalf("attempt %d: %d", i, st)
			}
		}
		st, body, _ := c.post("/login", url.Values{"username": {"nurse"}, "password": {testPassword}})
		if st != http.StatusTooManyRequests || !strings.Contains(body, "for mange") {
			t.Fatalf("after 5 failures: %d, want 429", st)
		}
		// Another user from the same address is not locked (per-address limit is higher).
		newClient(t, s).login("lead")
	})
}

// TestSessionSharedAcrossInstances: two servers on one database share
// sessions, as several instances behind a load balancer do.
func TestSessionSharedAcrossInstances(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		a, b := start(t, db), start(t, db)
		setup(t, db, "Karen Jensen")
		c := newClient(t, a).login("nurse")
		u, _ := url.Parse(a.base)
		ub, _ := url.Parse(b.base)
		c.http.Jar.SetCookies(ub, c.http.Jar.Cookies(u))
		c.base = b.base
		st, body := c.get("/")
		if st != http.StatusOK || !strings.Contains(body, "Nina Nurse") {
			t.Fatalf("instance B did not know the session from A: %d", st)
		}
		// Signing out on B ends the session on A as well.
		if st, _, _ := c.post("/logout", nil); st != http.StatusSeeOther {
			t.Fatalf("logout: %d", st)
		}
		c.http.Jar.SetCookies(u, c.http.Jar.Cookies(ub))
		c.base = a.base
		if st, _ := c.get("/"); st != http.StatusSeeOther {
			t.Errorf("after logout on B, A still served the session: %d", st)
		}
	})
}

// TestDisabledUserLosesSession: disabling a user ends their open session.
func TestDisabledUserLosesSession(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		admin := newClient(t, s).login("admin")
		if st, _, _ := admin.post("/admin/users/"+f.users["nurse"].ID+"/disable", nil); st != http.StatusSeeOther {
			t.Fatalf("disable: %d", st)
		}
		if st, _ := nurse.get("/cases"); st != http.StatusSeeOther {
			t.Errorf("disabled nurse still served: %d", st)
		}
	})
}

// TestHeaders: every response carries the security headers and the session
// cookie is HttpOnly and SameSite=Lax.
func TestHeaders(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	s := start(t, db)
	res, err := http.Get(s.base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
	}
	for h, v := range want {
		if !strings.Contains(res.Header.Get(h), v) {
			t.Errorf("%s = %q, want %q", h, res.Header.Get(h), v)
		}
	}
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
		strings.Contains(res.Header.Get("Content-Security-Policy"), "unsafe-inline") {
		t.Errorf("CSP = %q", res.Header.Get("Content-Security-Policy"))
	}
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "dosis_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie = %+v", session)
	}
}
