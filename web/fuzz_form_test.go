package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
)

// FuzzFormText sends arbitrary text through the real server's sign-in form
// (anonymous) and a nurse's citizen registration (a name and a CPR field).
// No answer may be a 5xx, and no name the text rule refuses may be stored.
// The seeds that found the NUL and control-character bugs are committed in
// testdata/fuzz/FuzzFormText.
func FuzzFormText(f *testing.F) {
	for _, s := range []string{"Karen Jensen", "Karen\x00Jensen", "Kar\x1b[2Jen", "\a", "Karen\r\nJensen", "\xff\xfe", "' OR 1=1 --"} {
		f.Add(s, "010145-1236")
	}
	db := dbtest.Open(f, "sqlite")
	s := startWith(f, db, func(c *web.Config) {
		c.Throttle = data.DefaultLoginThrottle()
		c.Throttle.FreePerPair, c.Throttle.FreePerIP = 1<<30, 1<<30 // the fuzzer is one address
	})
	ctx := context.Background()
	dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "nurse", Name: "Nina", Role: workflow.RoleNurse, Municipality: 851, Password: testPassword}, t0))(f)
	anon, nurse := fuzzClient(f, s.base), fuzzClient(f, s.base)
	if st := nurse.post(f, "/login", url.Values{"username": {"nurse"}, "password": {testPassword}}); st != http.StatusSeeOther {
		f.Fatalf("nurse sign-in: %d", st)
	}
	f.Fuzz(func(t *testing.T, text, cpr string) {
		if st := anon.post(t, "/login", url.Values{"username": {text}, "password": {text}}); st >= 500 {
			t.Fatalf("sign-in with %q: %d", text, st)
		}
		if st := nurse.post(t, "/citizens/new", url.Values{"cpr": {cpr}, "name": {text}, "municipality": {"851"}}); st >= 500 {
			t.Fatalf("register %q (CPR field %q): %d", text, cpr, st)
		}
		var names []string
		if err := db.Bun().NewSelect().Table("citizens").Column("name").Scan(ctx, &names); err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if err := workflow.CheckText(i18n.Key("err.field.name"), n, workflow.TextName); err != nil {
				t.Fatalf("stored a name the text rule refuses: %q", n)
			}
		}
	})
}

// fuzzClient is a cookie-keeping client that does not follow redirects.
type fuzzHTTP struct {
	c    *http.Client
	base string
	csrf string
}

func fuzzClient(tb testing.TB, base string) *fuzzHTTP {
	jar, _ := cookiejar.New(nil)
	return &fuzzHTTP{base: base, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// post submits a form with the session's CSRF token (fetched again after a
// sign-in renews it) and returns the status.
func (h *fuzzHTTP) post(tb testing.TB, path string, form url.Values) int {
	tb.Helper()
	if h.csrf == "" {
		for _, p := range []string{"/login", "/"} {
			res, err := h.c.Get(h.base + p)
			if err != nil {
				tb.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if m := csrfRE.FindStringSubmatch(string(b)); m != nil {
				h.csrf = m[1]
				break
			}
		}
	}
	form.Set("csrf_token", h.csrf)
	res, err := h.c.PostForm(h.base+path, form)
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if path == "/login" && res.StatusCode == http.StatusSeeOther {
		h.csrf = ""
	}
	return res.StatusCode
}
