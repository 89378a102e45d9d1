package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/data"
)

// userPage is one user with the admin's forms: role and tie, password
// reset, disable or re-enable, and the change log.
type userPage struct {
	usersPage
	User    data.User
	Changes []data.RecordChange
	// NewPassword is a generated password, shown on this response only.
	NewPassword string
}

func (app *App) userView(r *http.Request, rq *Request) (View, userPage, error) {
	v, list, err := app.usersView(r, rq)
	if err != nil {
		return v, userPage{}, err
	}
	p := userPage{usersPage: list}
	if p.User, err = app.db.User(r.Context(), r.PathValue("id")); err != nil {
		return v, p, err
	}
	if p.Changes, err = app.db.RecordChanges(r.Context(), "user", p.User.ID); err != nil {
		return v, p, err
	}
	v.Title, v.Data = p.User.Username, p
	return v, p, nil
}

// adminUser shows one user.
func (app *App) adminUser(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, _, err := app.userView(r, rq)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_user", v)
}

// userAction runs one change to the user of the path; a refusal shows the
// page again with the message at form, a success goes back to the page
// with the flash message key done.
func (app *App) userAction(form, done string, change func(r *http.Request, rq *Request, id string) error) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *Request) error {
		id := r.PathValue("id")
		if _, err := app.db.User(r.Context(), id); err != nil {
			return err
		}
		if err := change(r, rq, id); err != nil {
			v, _, verr := app.userView(r, rq)
			if verr != nil {
				return verr
			}
			r.PostForm.Del("password")
			return refuse(err, "admin_user", form, r, v)
		}
		app.flash(r, app.msgs.get(rq.Lang, done))
		http.Redirect(w, r, "/admin/users/"+id, http.StatusSeeOther)
		return nil
	}
}

// adminUserSave changes the user's role and tie.
func (app *App) adminUserSave(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.userAction("edit", "users.saved", func(r *http.Request, rq *Request, id string) error {
		_, err := app.db.UpdateUser(r.Context(), rq.Actor, id, userTieFromForm(r), rq.Now)
		return err
	})(w, r, rq)
}

// adminUserDisable disables the user; their sessions end at once.
func (app *App) adminUserDisable(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.userAction("state", "users.disabled_done", func(r *http.Request, rq *Request, id string) error {
		return app.db.DisableUser(r.Context(), rq.Actor, id, rq.Now)
	})(w, r, rq)
}

// adminUserEnable re-enables the user.
func (app *App) adminUserEnable(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.userAction("state", "users.enabled_done", func(r *http.Request, rq *Request, id string) error {
		return app.db.EnableUser(r.Context(), rq.Actor, id, rq.Now)
	})(w, r, rq)
}

// adminUserPassword resets the user's password, which ends every session
// they have: to the one typed (checked by the password rule), or to a
// generated one shown on this response only, never stored in clear or
// put in a flash message.
func (app *App) adminUserPassword(w http.ResponseWriter, r *http.Request, rq *Request) error {
	pw := r.PostFormValue("password")
	generated := pw == ""
	if generated {
		pw = GeneratePassword()
	}
	if !generated {
		return app.userAction("password", "users.password_done", func(r *http.Request, rq *Request, id string) error {
			return app.db.ResetPassword(r.Context(), rq.Actor, id, pw, rq.Now)
		})(w, r, rq)
	}
	if _, err := app.db.User(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	if err := app.db.ResetPassword(r.Context(), rq.Actor, r.PathValue("id"), pw, rq.Now); err != nil {
		return err
	}
	v, p, err := app.userView(r, rq)
	if err != nil {
		return err
	}
	p.NewPassword = pw
	v.Data = p
	return app.page(w, r, rq, "admin_user", v)
}
