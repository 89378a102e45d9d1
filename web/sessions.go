package web

import (
	"crypto/rand"
	"crypto/subtle"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
)

// The session keys.
const (
	sessionUserID = "uid"
	sessionCSRF   = "csrf"
	sessionFlash  = "flash"
	// sessionCredentials is the user's credentials version at sign-in; a
	// password change since then ends the session.
	sessionCredentials = "cred"
)

// csrfField is the name of the hidden form field carrying the CSRF token.
const csrfField = "csrf_token"

// newSessions returns the session manager: sessions in the database,
// an HttpOnly, SameSite=Lax cookie (Secure when configured), idle and
// absolute timeouts. scs computes expiries from the wall clock, so the
// store compares with the wall clock too, not with the domain clock.
func newSessions(cfg Config) *scs.SessionManager {
	s := scs.New()
	s.Store = cfg.DB.SessionStore(time.Now)
	s.Codec = sessionCodec{} // stable bytes: unchanged sessions are not rewritten
	s.IdleTimeout = cfg.IdleTimeout
	s.Lifetime = cfg.Lifetime
	s.Cookie.Name = "dosis_session"
	s.Cookie.HttpOnly = true
	s.Cookie.SameSite = http.SameSiteLaxMode
	s.Cookie.Secure = cfg.Secure
	s.Cookie.Path = "/"
	s.Cookie.Persist = false
	return s
}

// csrfToken returns the session's CSRF token, creating it on first use.
func (app *App) csrfToken(r *http.Request) string {
	tok := app.sessions.GetString(r.Context(), sessionCSRF)
	if tok == "" {
		tok = rand.Text()
		app.sessions.Put(r.Context(), sessionCSRF, tok)
	}
	return tok
}

// validCSRF reports whether the request's form carries the session's token.
func (app *App) validCSRF(r *http.Request) bool {
	want := app.sessions.GetString(r.Context(), sessionCSRF)
	got := r.PostFormValue(csrfField)
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// flash stores a message shown once on the next page.
func (app *App) flash(r *http.Request, msg string) {
	app.sessions.Put(r.Context(), sessionFlash, msg)
}
