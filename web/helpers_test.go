package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
)

// t0 is the tests' clock.
var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

const testPassword = "test password 123"

// server is a running App with the URL to reach it and its log.
type server struct {
	app  *web.App
	base string
	log  *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs the real server on 127.0.0.1:0 until the test ends.
func start(t *testing.T, db *data.DB) *server {
	t.Helper()
	return startWith(t, db, func(*web.Config) {})
}

// fixture is a small world: one user per role (nurse and lead in Aalborg
// 851), a second nurse in København 101, and one citizen with a case in
// each municipality, the Aalborg case awaiting consent.
type fixture struct {
	users       map[string]data.User
	citizen851  workflow.Citizen
	case851     workflow.Case
	citizen101  workflow.Citizen
	case101     workflow.Case
	pharmacy851 workflow.Pharmacy
}

func setup(t *testing.T, db *data.DB, name851 string) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{users: map[string]data.User{}}
	f.pharmacy851 = dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Apotek", Municipality: 851}, t0))(t)
	dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset Nord"}, t0))(t)
	for _, u := range []data.NewUser{
		{Username: "nurse", Name: "Nina Nurse", Role: workflow.RoleNurse, Municipality: 851},
		{Username: "nurse101", Name: "Karl København", Role: workflow.RoleNurse, Municipality: 101},
		{Username: "lead", Name: "Lis Lead", Role: workflow.RoleLead, Municipality: 851},
		{Username: "pharmacy", Name: "Per Pharmacy", Role: workflow.RolePharmacy, PharmacyID: f.pharmacy851.ID},
		{Username: "steering", Name: "Stine Steering", Role: workflow.RoleSteering},
		{Username: "admin", Name: "Ada Admin", Role: workflow.RoleAdmin},
	} {
		u.Password = testPassword
		f.users[u.Username] = dbtest.Must(db.AddUser(ctx, u, t0))(t)
	}
	sys := workflow.System("fixture")
	svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
	f.citizen851, _ = must2(db.AddCitizen(ctx, sys, data.NewCitizen{CPR: "010145-1236", Name: name851,
		Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, t0))(t)
	f.citizen101, _ = must2(db.AddCitizen(ctx, sys, data.NewCitizen{CPR: "020250-1234", Name: "Bo København",
		Municipality: 101, GPYdernummer: "012345", MedicineHelp: true}, t0))(t)
	f.case851 = dbtest.Must(svc.OpenCase(ctx, sys, f.citizen851.ID, "home_care"))(t)
	f.case101 = dbtest.Must(svc.OpenCase(ctx, sys, f.citizen101.ID, "home_care"))(t)
	facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6.0,
		"no_change_expected": true, "packable_medicine_count": 5.0, "can_handle_roll": true}
	if _, _, err := svc.Assess(ctx, sys, f.case851.ID, eligibility.Default(), facts, ""); err != nil {
		t.Fatal(err)
	}
	return f
}

// client is a browser-like HTTP client with its own cookies that does not
// follow redirects.
type client struct {
	t    *testing.T
	http *http.Client
	base string
}

func newClient(t *testing.T, s *server) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: s.base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// get returns the status and body of a GET.
func (c *client) get(path string) (int, string) {
	c.t.Helper()
	res, err := c.http.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// post submits a form; it adds the session's CSRF token unless the form
// has one (an empty csrf_token value sends none).
func (c *client) post(path string, form url.Values) (int, string, string) {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf_token"]; !ok {
		form.Set("csrf_token", c.csrf())
	} else if form.Get("csrf_token") == "" {
		form.Del("csrf_token")
	}
	res, err := c.http.PostForm(c.base+path, form)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header.Get("Location")
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// csrf fetches the login page (any page carries the token) and returns it.
func (c *client) csrf() string {
	c.t.Helper()
	_, body := c.get("/login")
	m := csrfRE.FindStringSubmatch(body)
	// Signed in, /login leads home; the steering group's home is a
	// redirect to the dashboard, so try the password page (every role) too.
	for _, p := range []string{"/", "/account/password"} {
		if m == nil {
			_, body = c.get(p)
			m = csrfRE.FindStringSubmatch(body)
		}
	}
	if m == nil {
		c.t.Fatal("no CSRF token on the page")
	}
	return m[1]
}

// login signs in as username and fails the test unless it works.
func (c *client) login(username string) *client {
	c.t.Helper()
	status, body, loc := c.post("/login", url.Values{"username": {username}, "password": {testPassword}})
	if status != http.StatusSeeOther || loc != "/" {
		c.t.Fatalf("login %s: %d %s %s", username, status, loc, excerpt(body))
	}
	return c
}

func excerpt(body string) string {
	if i := strings.Index(body, `role="alert"`); i >= 0 {
		return body[i:min(len(body), i+300)]
	}
	return body[:min(len(body), 300)]
}

// must2 is dbtest.Must for functions with two results and an error.
func must2[A, B any](a A, b B, err error) func(testing.TB) (A, B) {
	return func(t testing.TB) (A, B) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
}
