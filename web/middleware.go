package web

import (
	"github.com/dosis-dk/dosis/i18n"

	"context"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// Request is what a handler knows about the request beyond net/http: the
// signed-in user (nil when anonymous), their actor, the language, the CSRF
// token for forms, and the time from the injected clock.
type Request struct {
	User  *data.User
	Actor workflow.Actor
	Lang  i18n.Lang
	CSRF  string
	Now   time.Time
	Path  string
	// Flash is a message left by the previous action, shown once.
	Flash string
}

type requestKey struct{}

// reqInfo is shared between the request log and the inner middleware, so
// the log line can name the user.
type reqInfo struct {
	rq *Request
	// route is the matched route pattern, set by guard: the mux sets
	// r.Pattern on the request it was handed, which is a copy made by the
	// middleware inside the log, so the log cannot read it from its own r.
	route string
}

func info(ctx context.Context) *reqInfo {
	ri, _ := ctx.Value(requestKey{}).(*reqInfo)
	return ri
}

// statusWriter remembers the status code for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logRequests writes one line per request: user, method, route pattern (never
// the raw query), status and duration. CPR numbers travel only in POST bodies
// and are never logged.
func (app *App) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &reqInfo{}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestKey{}, ri)))
		user := ""
		if ri.rq != nil && ri.rq.User != nil {
			user = ri.rq.User.Username
		}
		route := ri.route
		if route == "" {
			route = r.Method + " (unmatched)"
		}
		app.log.Info("request", "user", user, "route", route, "status", sw.status,
			"duration_ms", time.Since(start).Milliseconds())
	})
}

// recoverPanics turns a panic into a logged 500.
func (app *App) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				app.log.Error("panic", "route", r.Pattern, "err", redactCPR(fmt.Sprint(v)))
				http.Error(w, "Der skete en fejl / An error occurred", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows only the application's own scripts, styles
// and images, no inline script, no framing and no foreign form targets.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries; served over
// HTTPS (secure), also HSTS, so a browser never again asks over plain HTTP.
func securityHeaders(secure bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if secure {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

// identify loads the signed-in user from the session (a disabled user is
// signed out), the language from its cookie, and the CSRF token; it refuses
// any state-changing request without the session's CSRF token.
func (app *App) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := &Request{Lang: langOf(r), Now: app.cfg.Now(), Path: r.URL.Path}
		if ri := info(r.Context()); ri != nil {
			ri.rq = rq
		}
		if uid := app.sessions.GetString(r.Context(), sessionUserID); uid != "" {
			u, err := app.db.User(r.Context(), uid)
			switch {
			case err == nil && !u.Disabled && app.sessions.GetInt(r.Context(), sessionCredentials) == u.CredentialsVersion:
				rq.User = &u
				rq.Actor = u.Actor()
			case err == nil || workflow.KindOf(err) == workflow.KindNotFound:
				_ = app.sessions.Destroy(r.Context())
			default:
				app.fail(w, r, rq, err)
				return
			}
		}
		if err := checkQueryText(r); err != nil {
			app.fail(w, r, rq, err)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := parseBody(w, r); err != nil {
				app.fail(w, r, rq, err)
				return
			}
			if !app.validCSRF(r) {
				app.fail(w, r, rq, errCSRF())
				return
			}
			if err := checkFormText(r); err != nil {
				app.fail(w, r, rq, err)
				return
			}
		}
		rq.Flash = app.sessions.PopString(r.Context(), sessionFlash)
		if info(r.Context()) == nil {
			r = r.WithContext(context.WithValue(r.Context(), requestKey{}, &reqInfo{rq: rq}))
		}
		next.ServeHTTP(w, r)
	})
}

// guard runs one route: anonymous users are sent to the login page, a
// signed-in user whose role is not allowed gets 403.
func (app *App) guard(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := info(r.Context())
		ri.route = r.Pattern
		if r.Pattern == "/" {
			ri.route = r.Method + " (unmatched)"
		}
		rq := ri.rq
		if !rt.Public() {
			if rq.User == nil {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			if !slices.Contains(rt.Roles, rq.User.Role) {
				app.fail(w, r, rq, errRole())
				return
			}
		}
		w.Header().Set("Cache-Control", "no-store")
		if namesNothing(r.URL.Path) {
			// An id with a NUL byte, a control character or invalid UTF-8
			// names no record: 404, before a store is asked (bun refuses a
			// NUL in a query, PostgreSQL invalid UTF-8, both as a 500).
			app.fail(w, r, rq, workflow.NotFound("err.web.page_not_found"))
			return
		}
		if err := rt.Handle(w, r, rq); err != nil {
			app.fail(w, r, rq, err)
		}
	})
}

// namesNothing reports whether the decoded path p holds a NUL byte,
// another control character or invalid UTF-8, which no id or page name
// does.
func namesNothing(p string) bool {
	return !utf8.ValidString(p) || strings.ContainsFunc(p, unicode.IsControl)
}

// clientIP is the address login throttling counts by: the connection's
// peer (put a proxy's own limits in front when behind one).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
