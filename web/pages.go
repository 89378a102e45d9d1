package web

import (
	"github.com/dosis-dk/dosis/i18n"

	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"

	"github.com/dosis-dk/dosis/templates"
	"github.com/dosis-dk/dosis/workflow"
)

// pageNames is the registry of pages: each is templates/<name>.html,
// rendered inside templates/layout.html, with the shared partial templates
// templates/part_*.html. A page missing here cannot be
// rendered; a page here that does not parse stops the server from starting.
func pageNames() []string {
	return []string{
		"login", "home", "error",
		"citizen_find", "citizen_new", "citizen", "cases", "case",
		"admin_users", "admin_pharmacies", "admin_pharmacy", "admin_access",
		"pharmacy", "overview", "reports", "dashboard",
		"admin_eligibility", "admin_params", "admin_closed", "admin_medcom",
		"account_password",
		"citizen_edit", "pharmacy_settings", "pharmacy_packing", "pharmacy_deliveries",
		"gps", "gp",
		"admin_rules_edit", "settings_history",
		"admin_user", "admin_imports",
	}
}

// pages maps a page name to its parsed template.
type pages map[string]*template.Template

// parsePages parses every registered page with the layout and executes each
// once on an empty view, so escaping errors (which html/template finds only
// on first execution) also stop the start.
func parsePages(msgs catalogue) (pages, error) {
	fs := templates.FS()
	out := pages{}
	for _, name := range pageNames() {
		t, err := template.New("layout.html").ParseFS(fs, "layout.html", "part_*.html", name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		err = t.Execute(io.Discard, View{Req: &Request{Lang: i18n.Danish}, msgs: msgs})
		var terr *template.Error
		if errors.As(err, &terr) {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// render writes page with v at status. It renders into a buffer first, so
// a failing template gives a clean 500 instead of half a page.
func (app *App) render(w http.ResponseWriter, r *http.Request, rq *Request, status int, page string, v View) {
	t, ok := app.pages[page]
	if !ok {
		app.log.Error("render: unregistered page", "page", page)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	v.Req, v.msgs = rq, app.msgs
	if rq.CSRF == "" {
		// Only a page (with its forms) needs the session's CSRF token, so
		// a request that renders none (/healthz, a redirect, a file) makes
		// no session for a visitor without one.
		rq.CSRF = app.csrfToken(r)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		app.log.Error("render", "page", page, "route", r.Pattern, "err", redactCPR(err.Error()))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// page renders a page with status 200.
func (app *App) page(w http.ResponseWriter, r *http.Request, rq *Request, page string, v View) error {
	app.render(w, r, rq, http.StatusOK, page, v)
	return nil
}

// static serves the embedded CSS and images under /static/.
func (app *App) static(w http.ResponseWriter, r *http.Request, _ *Request) error {
	if r.URL.Path == "/static/" || r.URL.Path[len(r.URL.Path)-1] == '/' {
		return workflow.NotFound("err.web.file_not_found")
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.FileServerFS(templates.FS()).ServeHTTP(w, r)
	return nil
}

// healthz answers load balancers: 200 when the database answers.
func (app *App) healthz(w http.ResponseWriter, r *http.Request, _ *Request) error {
	if err := app.db.Bun().PingContext(r.Context()); err != nil {
		return fmt.Errorf("health: %w", err)
	}
	_, err := io.WriteString(w, "ok\n")
	return err
}
