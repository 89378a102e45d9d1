package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/workflow"
)

// passwordForm shows the form to change one's own password.
func (app *App) passwordForm(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.page(w, r, rq, "account_password", View{Title: app.msgs.get(rq.Lang, "password.title")})
}

// passwordChange checks the current password (throttled and bounded as a
// sign-in), stores the new one, which ends every other session of the user
// (their credentials version no longer matches), and renews this session's
// token with the new version.
func (app *App) passwordChange(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v := View{Title: app.msgs.get(rq.Lang, "password.title")}
	current, next := r.PostFormValue("current"), r.PostFormValue("new")
	refused := func(err error) error {
		r.PostForm = nil // never shown again
		return refuse(err, "account_password", "password", r, v)
	}
	if next != r.PostFormValue("repeat") {
		return refused(workflow.Invalid("password.mismatch"))
	}
	if _, err := app.db.Authenticate(r.Context(), rq.User.Username, current, clientIP(r), app.cfg.Throttle, rq.Now); err != nil {
		return refused(err)
	}
	if err := app.db.SetPassword(r.Context(), rq.User.Username, next, rq.Now); err != nil {
		return refused(err)
	}
	u, err := app.db.User(r.Context(), rq.User.ID)
	if err != nil {
		return err
	}
	if err := app.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	app.sessions.Put(r.Context(), sessionCredentials, u.CredentialsVersion)
	app.flash(r, app.msgs.get(rq.Lang, "password.changed"))
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}
