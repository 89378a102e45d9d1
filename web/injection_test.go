package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/web"
)

// Covered elsewhere: role and scope checks (TestRoleMatrix, TestScope), CSRF,
// security headers, a <script> name (TestNameIsEscaped), CPR in the log of a
// lookup (TestNoCPRInLogs), and the database refusing UPDATE and DELETE on the
// audit trail, urgent-roll events and access log (data.TestLogsAreAppendOnly).

// payload is typed into every free-text field: SQL that would end a quoted
// string, and markup that would run script if shown unescaped.
const payload = `x'); DROP TABLE cases; -- ' OR 1=1 -- <script>alert("xss")</script>"><img src=x onerror=alert(1)>`

// cprRE finds anything shaped like a CPR number.
var cprRE = regexp.MustCompile(`\d{6}-?\d{4}`)

// TestInjectionThroughEveryForm signs in as each role, finds every POST form
// on every page it can reach, and submits each with the payload in all its
// free-text fields. No answer may be a 500 or show the payload's markup
// unescaped; the payload is stored verbatim where the form was accepted
// (a citizen's name, a case note); the tables are all still there. Then
// every page is crawled again as every role: the markup is escaped
// everywhere, no URL or redirect carries a CPR number, and the request log
// of the whole session holds no CPR number, name or payload.
func TestInjectionThroughEveryForm(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		activate(t, nurse, f.case851.ID, f.pharmacy851.ID)
		if st, body, _ := nurse.post("/citizens/new", url.Values{"cpr": {"050550-1234"}, "name": {payload}}); st != http.StatusSeeOther {
			t.Fatalf("register a citizen named with the payload: %d %s", st, excerpt(body))
		}
		if st, _, loc := nurse.post("/login", url.Values{"username": {"' OR 1=1 --"}, "password": {"' OR '1'='1"}}); st == http.StatusSeeOther {
			t.Errorf("sign-in with SQL in the user name succeeded: %q", loc)
		}
		clients := map[string]*client{}
		for _, u := range []string{"nurse", "lead", "pharmacy", "steering", "admin"} {
			clients[u] = newClient(t, s).login(u)
		}
		submitted, refused := 0, 0
		for _, u := range []string{"nurse", "lead", "pharmacy", "admin"} {
			c := clients[u]
			forms := map[string]form{}
			crawl(c, []string{"/", "/cases", "/cases/" + f.case851.ID, "/citizens/" + f.citizen851.ID}, func(p string, st int, body string) {
				for _, fm := range postForms(body) {
					if _, ok := forms[fm.Action]; !ok && !skipForm(fm.Action) {
						forms[fm.Action] = fm
					}
				}
			})
			for action, fm := range forms {
				// Twice: the payload in every free-text field, then only in
				// the fields meant for prose (so dates and numbers are valid
				// and the prose is stored).
				for _, only := range [][]string{nil, {"note", "name", "description", "text", "giver_name", "hospital"}} {
					v := url.Values{}
					for k, vs := range fm.Values {
						v[k] = append([]string(nil), vs...)
					}
					for _, name := range fm.Text {
						switch {
						case only != nil && !slices.Contains(only, name):
						case strings.Contains(name, "cpr"):
							v.Set(name, "' OR 1=1 --")
						default:
							v.Set(name, payload)
						}
					}
					st, body, _ := c.post(action, v)
					submitted++
					if st >= 400 {
						refused++
					}
					if st >= 500 {
						t.Errorf("%s: POST %s with the payload: %d", u, action, st)
					}
					checkEscaped(t, u+" POST "+action, body)
				}
			}
		}
		t.Logf("%d forms submitted with the payload in every free-text field (%d refused as invalid input)", submitted, refused)
		var stored int
		if err := db.Bun().NewRaw("SELECT (SELECT COUNT(*) FROM citizens WHERE name = ?) + (SELECT COUNT(*) FROM audit_events WHERE note = ?)",
			payload, payload).Scan(ctx, &stored); err != nil {
			t.Fatalf("the tables after the payloads: %v", err)
		}
		if stored < 2 {
			t.Errorf("the payload was stored verbatim %d times, want the citizen's name and at least one case note", stored)
		}
		var cases int
		if err := db.Bun().NewRaw("SELECT COUNT(*) FROM cases").Scan(ctx, &cases); err != nil || cases < 2 {
			t.Errorf("the cases table after the payloads: %d rows, %v", cases, err)
		}

		escapedPages, pages := 0, 0
		for u, c := range clients {
			urls := crawl(c, []string{"/", "/cases", "/cases/" + f.case851.ID, "/citizens/" + f.citizen851.ID}, func(p string, st int, body string) {
				pages++
				if st >= 500 {
					t.Errorf("%s: GET %s: %d", u, p, st)
				}
				checkEscaped(t, u+" GET "+p, body)
				if strings.Contains(body, "&lt;script&gt;alert") {
					escapedPages++
				}
			})
			for _, p := range urls {
				if cprRE.MatchString(p) {
					t.Errorf("%s: a URL carries a CPR-like number: %s", u, p)
				}
			}
		}
		t.Logf("%d pages crawled as five roles; the payload shown escaped on %d", pages, escapedPages)
		if escapedPages == 0 {
			t.Error("the payload was shown on no page: the crawl does not reach the stored data")
		}
		log := s.log.String()
		for _, bad := range []string{"0101451236", "010145-1236", "0505501234", "050550-1234", "020250", "Karen"} {
			if strings.Contains(log, bad) {
				t.Errorf("the request log contains %q", bad)
			}
		}
		if m := cprRE.FindString(log); m != "" {
			t.Errorf("the request log contains a CPR-like number %q", m)
		}
		// A refused value may be quoted in the log (CPR-masked), but never
		// forge a line: every line is one record.
		for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
			if !strings.HasPrefix(line, "time=") {
				t.Errorf("a log line not written by the logger: %.120s", line)
			}
		}
	})
}

// skipForm leaves out forms that would end the crawl's own sessions or
// change the language of the pages checked.
func skipForm(action string) bool {
	for _, s := range []string{"/logout", "/lang", "/login", "/disable", "password"} {
		if strings.Contains(action, s) {
			return true
		}
	}
	return false
}

// checkEscaped fails if a page shows the payload's markup as markup.
func checkEscaped(t *testing.T, what, body string) {
	t.Helper()
	for _, raw := range []string{`<script>alert("xss")`, `<img src=x onerror`} {
		if strings.Contains(body, raw) {
			t.Errorf("%s: the payload's markup %q is in the page unescaped", what, raw)
		}
	}
}

// TestSecureCookieAndCPRFreeErrors: with Config.Secure the session cookie is
// Secure as well as HttpOnly and SameSite=Lax; a CPR number typed into a
// form or a URL is not repeated by any error message.
func TestSecureCookieAndCPRFreeErrors(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	app, err := web.New(web.Config{DB: db, Addr: "127.0.0.1:0", Secure: true})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = app.Run(t.Context()) }()
	res, err := http.Get("http://" + app.Addr() + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "dosis_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.Secure || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie with Secure set = %+v", cookie)
	}

	s := start(t, db)
	f := setup(t, db, "Karen Jensen")
	nurse101 := newClient(t, s).login("nurse101")
	nurse := newClient(t, s).login("nurse")
	answers := map[string]func() (int, string){
		"lookup across municipalities": func() (int, string) {
			st, body, _ := nurse101.post("/citizens/find", url.Values{"cpr": {"010145-1236"}})
			return st, body
		},
		"lookup of an unknown number": func() (int, string) {
			st, body, _ := nurse.post("/citizens/find", url.Values{"cpr": {"311299-9995"}})
			return st, body
		},
		"register a registered number": func() (int, string) {
			st, body, _ := nurse.post("/citizens/new", url.Values{"cpr": {"010145-1236"}, "name": {"Dup"}})
			return st, body
		},
		"CPR number as a case id": func() (int, string) { return nurse.get("/cases/0101451236") },
		"CPR number as a path":    func() (int, string) { return nurse.get("/010145-1236") },
	}
	for name, do := range answers {
		st, body := do()
		if st < 400 {
			t.Errorf("%s: %d, want an error", name, st)
		}
		if i := strings.Index(body, `role="alert"`); i >= 0 {
			msg := body[i:]
			if j := strings.Index(msg, "</"); j >= 0 {
				msg = msg[:j]
			}
			if cprRE.MatchString(msg) {
				t.Errorf("%s: the error message repeats the CPR number: %s", name, msg)
			}
		}
		// (The language switch carries the path typed, as its way back; that
		// gives nothing away that the user did not type.)
		if strings.Contains(body, "Karen") || strings.Contains(body, f.citizen851.ID) {
			t.Errorf("%s: the page gives away the citizen", name)
		}
	}
}
