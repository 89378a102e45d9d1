package web

import (
	"crypto/rand"
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// usersPage is the admin's user list with what the add form needs.
type usersPage struct {
	Users          []data.User
	Roles          []workflow.Role
	Municipalities []data.Municipality
	Pharmacies     []workflow.Pharmacy
	PharmacyNames  map[string]string
	// Created and Password are set once, right after a user is added.
	Created  string
	Password string
}

func (app *App) usersView(r *http.Request, rq *Request) (View, usersPage, error) {
	var p usersPage
	var err error
	if p.Users, err = app.db.Users(r.Context()); err != nil {
		return View{}, p, err
	}
	if p.Municipalities, err = app.db.Municipalities(r.Context()); err != nil {
		return View{}, p, err
	}
	if p.Pharmacies, err = app.db.Pharmacies(r.Context()); err != nil {
		return View{}, p, err
	}
	p.Roles = workflow.Roles()
	p.PharmacyNames = map[string]string{}
	for _, ph := range p.Pharmacies {
		p.PharmacyNames[ph.ID] = ph.Name
	}
	return View{Title: app.msgs.get(rq.Lang, "users.title"), Data: p}, p, nil
}

// adminUsers lists the users with a form to add one.
func (app *App) adminUsers(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, _, err := app.usersView(r, rq)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_users", v)
}

// adminUserAdd adds a user; an empty password field gets a generated
// password, shown on this response only (never stored in clear or logged).
func (app *App) adminUserAdd(w http.ResponseWriter, r *http.Request, rq *Request) error {
	tie := userTieFromForm(r)
	in := data.NewUser{Username: strings.TrimSpace(r.PostFormValue("username")),
		Name: strings.TrimSpace(r.PostFormValue("name")), Role: tie.Role, Municipality: tie.Municipality,
		PharmacyID: tie.PharmacyID, Password: r.PostFormValue("password")}
	generated := in.Password == ""
	if generated {
		in.Password = GeneratePassword()
	}
	_, err := app.db.AddUserAs(r.Context(), rq.Actor, in, rq.Now)
	v, p, verr := app.usersView(r, rq)
	if verr != nil {
		return verr
	}
	if err != nil {
		r.PostForm.Del("password")
		return refuse(err, "admin_users", "add", r, v)
	}
	p.Created = in.Username
	if generated {
		p.Password = in.Password
	}
	v.Data = p
	return app.page(w, r, rq, "admin_users", v)
}

// userTieFromForm reads the role and, for the roles that have one, the
// municipality or pharmacy of the add and edit forms (the other select is
// ignored, so a form with both filled in still means what the role says).
func userTieFromForm(r *http.Request) data.UserEdit {
	in := data.UserEdit{Role: workflow.Role(r.PostFormValue("role"))}
	switch in.Role {
	case workflow.RoleNurse, workflow.RoleLead:
		in.Municipality, _ = strconv.Atoi(r.PostFormValue("municipality"))
	case workflow.RolePharmacy:
		in.PharmacyID = r.PostFormValue("pharmacy")
	}
	return in
}

// GeneratePassword returns a random password of 20 base32 characters
// (100 bits), for new users and the demo logins.
func GeneratePassword() string { return strings.ToLower(rand.Text()[:20]) }
