package web

import (
	"crypto/rand"
	"errors"
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
)

// loginForm shows the sign-in form (or goes home when signed in).
func (app *App) loginForm(w http.ResponseWriter, r *http.Request, rq *Request) error {
	if rq.User != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	return app.page(w, r, rq, "login", View{Title: app.msgs.get(rq.Lang, "login.title")})
}

// login checks the credentials (throttled in the database), renews the
// session token against fixation, and stores the user id in the session.
func (app *App) login(w http.ResponseWriter, r *http.Request, rq *Request) error {
	username := strings.TrimSpace(r.PostFormValue("username"))
	u, err := app.db.Authenticate(r.Context(), username, r.PostFormValue("password"), clientIP(r), app.cfg.Throttle, rq.Now)
	if err != nil {
		if errors.Is(err, data.ErrLoginBusy) || errors.Is(err, data.ErrLoginThrottled) {
			w.Header().Set("Retry-After", "5")
		}
		r.PostForm.Del("password")
		return refuse(err, "login", "login", r, View{Title: app.msgs.get(rq.Lang, "login.title")})
	}
	if err := app.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	app.sessions.Put(r.Context(), sessionUserID, u.ID)
	app.sessions.Put(r.Context(), sessionCredentials, u.CredentialsVersion)
	// A new CSRF token too: one seen before sign-in is not valid after it.
	app.sessions.Put(r.Context(), sessionCSRF, rand.Text())
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// logout ends the session.
func (app *App) logout(w http.ResponseWriter, r *http.Request, _ *Request) error {
	if err := app.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// setLang stores the chosen language in a cookie and goes back.
func (app *App) setLang(w http.ResponseWriter, r *http.Request, _ *Request) error {
	lang := i18n.ParseLang(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang.Code(), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: app.cfg.Secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, safeBack(r.PostFormValue("back")), http.StatusSeeOther)
	return nil
}
