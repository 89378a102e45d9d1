package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/web"
	"golang.org/x/sync/semaphore"
)

// startWith runs the real server on 127.0.0.1:0 with the test's changes to
// the configuration.
func startWith(t testing.TB, db *data.DB, change func(*web.Config)) *server {
	t.Helper()
	buf := &syncBuffer{}
	cfg := web.Config{DB: db, Addr: "127.0.0.1:0", Now: func() time.Time { return t0 },
		Logger: slog.New(slog.NewTextHandler(buf, nil))}
	change(&cfg)
	app, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	return &server{app: app, base: "http://" + app.Addr(), log: buf}
}

// clientFrom is newClient connecting from a given loopback address
// (127.0.0.0/8 is all loopback on Linux), so the server sees another
// client address.
func clientFrom(t *testing.T, s *server, ip string) *client {
	c := newClient(t, s)
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 10 * time.Second}
	c.http.Transport = &http.Transport{DialContext: d.DialContext}
	return c
}

// postRaw submits a prepared form without failing the test from another
// goroutine; it returns the status and body.
func (c *client) postRaw(path string, form url.Values) (int, string, http.Header, error) {
	res, err := c.http.PostForm(c.base+path, form)
	if err != nil {
		return 0, "", nil, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header, nil
}

// parallelLogins prepares one client per address (a session and its CSRF
// token each), then fires every sign-in at once and counts the statuses.
func parallelLogins(t *testing.T, s *server, ips []string, username func(i int) string, password string) map[int]int {
	t.Helper()
	clients := make([]*client, len(ips))
	forms := make([]url.Values, len(ips))
	for i, ip := range ips {
		clients[i] = clientFrom(t, s, ip)
		forms[i] = url.Values{"username": {username(i)}, "password": {password}, "csrf_token": {clients[i].csrf()}}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	begin := make(chan struct{})
	for i := range clients {
		wg.Go(func() {
			<-begin
			st, _, _, err := clients[i].postRaw("/login", forms[i])
			if err != nil {
				st = -1
			}
			mu.Lock()
			statuses[st]++
			mu.Unlock()
		})
	}
	close(begin)
	wg.Wait()
	return statuses
}

func sameAddress(n int, ip string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = ip
	}
	return out
}

func countRows(t *testing.T, db *data.DB, table, where string, args ...any) int {
	t.Helper()
	n, err := db.Bun().NewSelect().Table(table).Where(where, args...).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestParallelGuessesThrottled: 40 wrong passwords for one user from one
// address, all at once, on the real server: only the free five are
// evaluated (each evaluated attempt is a login_attempts row), the rest get
// 429; the same user then signs in from another address.
func TestParallelGuessesThrottled(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		statuses := parallelLogins(t, s, sameAddress(40, "127.0.0.1"), func(int) string { return "nurse" }, "wrong guess")
		evaluated := countRows(t, db, "login_attempts", "username = ?", "nurse")
		t.Logf("40 parallel guesses: %d evaluated, statuses %v", evaluated, statuses)
		free := data.DefaultLoginThrottle().FreePerPair
		if evaluated > free || statuses[http.StatusUnprocessableEntity] != evaluated ||
			statuses[http.StatusTooManyRequests] != 40-evaluated {
			t.Errorf("%d of 40 parallel guesses evaluated (limit %d); statuses %v", evaluated, free, statuses)
		}
		// The attacker's address cannot lock the nurse (or the admin) out.
		clientFrom(t, s, "127.0.0.2").login("nurse")
		for range 10 {
			clientFrom(t, s, "127.0.0.1").post("/login", url.Values{"username": {"admin"}, "password": {"wrong"}})
		}
		clientFrom(t, s, "127.0.0.3").login("admin")
	})
}

// countingGate is a semaphore that remembers the most holders at once.
type countingGate struct {
	sem       *semaphore.Weighted
	now, peak atomic.Int64
}

func (g *countingGate) Acquire(ctx context.Context, n int64) error {
	if err := g.sem.Acquire(ctx, n); err != nil {
		return err
	}
	v := g.now.Add(n)
	for p := g.peak.Load(); v > p && !g.peak.CompareAndSwap(p, v); p = g.peak.Load() {
	}
	return nil
}

func (g *countingGate) Release(n int64) { g.now.Add(-n); g.sem.Release(n) }

// TestParallelLoginsBounded: 60 anonymous sign-ins at once from 60
// addresses are all evaluated, never more than MaxPasswordChecks at a time.
func TestParallelLoginsBounded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		const limit = 3
		gate := &countingGate{sem: semaphore.NewWeighted(limit)}
		s := startWith(t, db, func(c *web.Config) {
			c.Throttle = data.DefaultLoginThrottle()
			c.Throttle.Checks, c.Throttle.QueueWait = gate, time.Minute
		})
		ips := make([]string, 60)
		for i := range ips {
			ips[i] = fmt.Sprintf("127.0.1.%d", i+1)
		}
		statuses := parallelLogins(t, s, ips, func(i int) string { return fmt.Sprintf("nobody%d", i) }, "guess")
		if statuses[http.StatusUnprocessableEntity] != 60 || gate.peak.Load() > limit || gate.peak.Load() < 1 {
			t.Errorf("statuses %v, at most %d checks at once (limit %d)", statuses, gate.peak.Load(), limit)
		}
	})
}

// TestLoginBusy: with every password check taken, a sign-in waits
// QueueWait and gets 503 with a Danish message and Retry-After.
func TestLoginBusy(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	gate := semaphore.NewWeighted(1)
	if err := gate.Acquire(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	defer gate.Release(1)
	s := startWith(t, db, func(c *web.Config) {
		c.Throttle = data.DefaultLoginThrottle()
		c.Throttle.Checks, c.Throttle.QueueWait = gate, 20*time.Millisecond
	})
	c := newClient(t, s)
	st, body, _, err := c.postRaw("/login", url.Values{"username": {"x"}, "password": {"y"}, "csrf_token": {c.csrf()}})
	if err != nil || st != http.StatusServiceUnavailable || !strings.Contains(body, "mange log-ind i gang") {
		t.Fatalf("busy sign-in: %d %v %s", st, err, excerpt(body))
	}
}

// TestSessionsAfterPasswordChange: `dosis user passwd` (SetPassword) ends
// every open session of the user; other users keep theirs.
func TestSessionsAfterPasswordChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		a, b := newClient(t, s).login("nurse"), newClient(t, s).login("nurse")
		lead := newClient(t, s).login("lead")
		if err := db.SetPassword(context.Background(), "nurse", "a new password 1", t0); err != nil {
			t.Fatal(err)
		}
		for i, c := range []*client{a, b} {
			if st, _ := c.get("/cases"); st != http.StatusSeeOther {
				t.Errorf("session %d survived the password change: %d", i+1, st)
			}
		}
		if st, _ := lead.get("/cases"); st != http.StatusOK {
			t.Errorf("another user's session ended: %d", st)
		}
	})
}

// TestNoSessionWithoutPage: requests that render no form (/healthz, a
// redirect to the sign-in page, a static file) create no session row.
func TestNoSessionWithoutPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for _, p := range []string{"/healthz", "/", "/cases", "/static/dosis.css", "/healthz"} {
			res, err := noFollow.Get(s.base + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if len(res.Cookies()) > 0 {
				t.Errorf("GET %s set a cookie", p)
			}
		}
		if n := countRows(t, db, "sessions", "1 = 1"); n != 0 {
			t.Errorf("%d session rows after cookie-less requests, want 0", n)
		}
	})
}

// TestSessionTokenStoredHashed: the sessions table holds the SHA-256 of
// the cookie's token, never the token.
func TestSessionTokenStoredHashed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		c := newClient(t, s).login("nurse")
		u, _ := url.Parse(s.base)
		var token string
		for _, k := range c.http.Jar.Cookies(u) {
			if k.Name == "dosis_session" {
				token = k.Value
			}
		}
		sum := sha256.Sum256([]byte(token))
		if token == "" || countRows(t, db, "sessions", "token = ?", token) != 0 ||
			countRows(t, db, "sessions", "token = ?", hex.EncodeToString(sum[:])) != 1 {
			t.Error("the session is not stored by the hash of its token")
		}
	})
}

// TestCSRFRenewedAtSignIn: the token of the sign-in page is not valid after
// signing in.
func TestCSRFRenewedAtSignIn(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	s := start(t, db)
	setup(t, db, "Karen Jensen")
	c := newClient(t, s)
	before := c.csrf()
	c.login("nurse")
	if after := c.csrf(); after == before {
		t.Fatal("the CSRF token is the same before and after sign-in")
	}
	if st, _, _ := c.post("/logout", url.Values{"csrf_token": {before}}); st != http.StatusForbidden {
		t.Errorf("the pre-sign-in token was accepted: %d", st)
	}
}

// TestLangBackStaysLocal: the language switch's way back never leaves the
// site, however the path is disguised.
func TestLangBackStaysLocal(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	s := start(t, db)
	c := newClient(t, s)
	for back, want := range map[string]string{
		"/cases":               "/cases",
		"/cases?all=1":         "/cases?all=1",
		"/./\\evil.example":    "/",
		"/\\evil.example":      "/",
		"//evil.example":       "/",
		"/.//evil.example":     "/evil.example",
		"https://evil.example": "/",
		"/\tevil":              "/",
		"/%5Cevil.example":     "/%5Cevil.example",
	} {
		_, _, loc := c.post("/lang", url.Values{"lang": {"en"}, "back": {back}})
		if loc != want {
			t.Errorf("back=%q: Location %q, want %q", back, loc, want)
		}
	}
}

// TestHSTSWithSecureCookies: HSTS is sent when serving behind HTTPS.
func TestHSTSWithSecureCookies(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	for _, secure := range []bool{false, true} {
		s := startWith(t, db, func(c *web.Config) { c.Secure = secure })
		res, err := http.Get(s.base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Strict-Transport-Security"); (got != "") != secure || (secure && !strings.Contains(got, "max-age=31536000")) {
			t.Errorf("secure=%v: Strict-Transport-Security %q", secure, got)
		}
	}
}

// TestWebPasswordChangeEndsOtherSessions: changing one's password in the
// web application keeps this session and ends the user's others; a wrong
// current password or two different new ones change nothing.
func TestWebPasswordChangeEndsOtherSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		here, elsewhere := newClient(t, s).login("nurse"), newClient(t, s).login("nurse")
		for _, bad := range []url.Values{
			{"current": {"wrong password"}, "new": {"a new password 1"}, "repeat": {"a new password 1"}},
			{"current": {testPassword}, "new": {"a new password 1"}, "repeat": {"a new password 2"}},
			{"current": {testPassword}, "new": {"short"}, "repeat": {"short"}},
		} {
			if st, body, _ := here.post("/account/password", bad); st != http.StatusUnprocessableEntity || strings.Contains(body, testPassword) {
				t.Errorf("refused change %v: %d", bad["new"], st)
			}
		}
		if st, _ := elsewhere.get("/cases"); st != http.StatusOK {
			t.Fatalf("a refused change ended a session: %d", st)
		}
		st, _, loc := here.post("/account/password", url.Values{"current": {testPassword}, "new": {"a new password 1"}, "repeat": {"a new password 1"}})
		if st != http.StatusSeeOther || loc != "/" {
			t.Fatalf("change: %d %s", st, loc)
		}
		if st, body := here.get("/"); st != http.StatusOK || !strings.Contains(body, "Adgangskoden er skiftet") {
			t.Errorf("this session after the change: %d", st)
		}
		if st, _ := elsewhere.get("/cases"); st != http.StatusSeeOther {
			t.Errorf("the other session survived the change: %d", st)
		}
		c := newClient(t, s)
		if st, _, _ := c.post("/login", url.Values{"username": {"nurse"}, "password": {"a new password 1"}}); st != http.StatusSeeOther {
			t.Errorf("sign-in with the new password: %d", st)
		}
	})
}
