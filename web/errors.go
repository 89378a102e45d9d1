package web

import (
	"github.com/dosis-dk/dosis/workflow/cpr"

	"github.com/dosis-dk/dosis/i18n"

	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// statusFor is the one place an error becomes an HTTP status.
func statusFor(err error) int {
	if errors.Is(err, data.ErrLoginThrottled) {
		return http.StatusTooManyRequests
	}
	if errors.Is(err, data.ErrLoginBusy) {
		return http.StatusServiceUnavailable
	}
	switch workflow.KindOf(err) {
	case workflow.KindNotFound:
		return http.StatusNotFound
	case workflow.KindInvalid, workflow.KindInvalidTransition:
		return http.StatusUnprocessableEntity
	case workflow.KindConflict:
		return http.StatusConflict
	case workflow.KindForbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// formError asks for a form to be shown again with what was typed and the
// reason it was refused, instead of the error page.
type formError struct {
	err  error
	page string
	view View
}

func (f *formError) Error() string { return f.err.Error() }
func (f *formError) Unwrap() error { return f.err }

// refuse re-renders page with the form values of r and the error's message.
func refuse(err error, page string, form string, r *http.Request, v View) error {
	v.FormName = form
	if v.Form == nil {
		v.Form = r.PostForm
	}
	return &formError{err: err, page: page, view: v}
}

func errCSRF() error {
	return workflow.Forbidden("err.web.form_expired")
}

func errRole() error {
	return workflow.Forbidden("err.web.role_no_access")
}

// fail writes an error: a refused form again with its message, or the
// plain error page. The detail goes to the log only, without CPR numbers.
func (app *App) fail(w http.ResponseWriter, r *http.Request, rq *Request, err error) {
	status := statusFor(err)
	user := ""
	if rq.User != nil {
		user = rq.User.Username
	}
	if status == http.StatusInternalServerError {
		app.log.Error("failed", "user", user, "route", r.Pattern, "status", status, "err", redactCPR(err.Error()))
	} else {
		// A refusal's message may quote what the user typed (a name in the
		// wrong field, say): log its kind and guard codes, never its text.
		app.log.Info("refused", "user", user, "route", r.Pattern, "status", status,
			"kind", workflow.KindOf(err).String(), "guards", guardCodes(err))
	}
	msg := app.message(err, rq.Lang)
	var fe *formError
	if errors.As(err, &fe) {
		v := fe.view
		v.Error = msg
		app.render(w, r, rq, status, fe.page, v)
		return
	}
	app.render(w, r, rq, status, "error", View{Title: app.msgs.get(rq.Lang, "error.title"), Error: msg,
		Data: errorPage{Status: status, Reload: status == http.StatusConflict}})
}

// errorPage is the error page's data.
type errorPage struct {
	Status int
	Reload bool
}

// message is the user-safe text of err in lang; internal errors get a
// general message.
func (app *App) message(err error, lang i18n.Lang) string {
	var we *workflow.Error
	if errors.As(err, &we) {
		return redactCPR(we.Message(lang))
	}
	return app.msgs.get(lang, "error.internal")
}

// redactCPR hides anything that looks like a CPR number (cpr.Redact).
func redactCPR(s string) string { return cpr.Redact(s) }

// notFound answers paths that match no route.
func (app *App) notFound(http.ResponseWriter, *http.Request, *Request) error {
	return workflow.NotFound("err.web.page_not_found")
}

// safeBack returns path if it is a local path, else "/". http.Redirect
// cleans the path ("/./\evil.example" becomes "/\evil.example", which
// browsers read as "//evil.example"), so a backslash or control character
// anywhere is refused, as is a second slash at the start.
func safeBack(p string) string {
	u, err := url.Parse(p)
	if err != nil || p == "" || p[0] != '/' || strings.HasPrefix(p, "//") || u.Host != "" || u.Scheme != "" ||
		strings.ContainsFunc(p, func(r rune) bool { return r == '\\' || unicode.IsControl(r) }) {
		return "/"
	}
	return p
}

// guardCodes lists the codes of the unmet guards in err, if any.
func guardCodes(err error) []string {
	var we *workflow.Error
	if !errors.As(err, &we) {
		return nil
	}
	codes := make([]string, len(we.Unmet))
	for i, g := range we.Unmet {
		codes[i] = g.Code
	}
	return codes
}
