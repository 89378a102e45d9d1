package web_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// concrete turns a route pattern into a path to request: {id} becomes an
// id that exists nowhere (allowed roles then get 404 or a refused form,
// never 403).
func concrete(pattern string) string {
	switch pattern {
	case "/{$}":
		return "/"
	case "/static/":
		return "/static/dosis.css"
	}
	return strings.ReplaceAll(pattern, "{id}", "NOSUCHID")
}

// TestRoleMatrix runs every route of the route table as every role and
// anonymously: anonymous users are sent to the login page, roles not in
// the route's list get 403, allowed roles get neither.
func TestRoleMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		clients := map[workflow.Role]*client{}
		users := map[workflow.Role]string{workflow.RoleNurse: "nurse", workflow.RoleLead: "lead",
			workflow.RolePharmacy: "pharmacy", workflow.RoleSteering: "steering", workflow.RoleAdmin: "admin"}
		for role, u := range users {
			clients[role] = newClient(t, s).login(u)
		}
		routes := s.app.Routes()
		if len(routes) < 30 {
			t.Fatalf("only %d routes", len(routes))
		}
		for _, rt := range routes {
			if rt.CitizenData && slices.Contains(rt.Roles, workflow.RoleSteering) {
				t.Errorf("%s %s: the steering group may not reach citizen data", rt.Method, rt.Pattern)
			}
			path := concrete(rt.Pattern)
			for _, role := range append([]workflow.Role{""}, workflow.Roles()...) {
				c := clients[role]
				if role == "" || (rt.Method == "POST" && rt.Pattern == "/logout") {
					c = newClient(t, s)
					if role != "" {
						c.login(users[role])
					}
				}
				var status int
				var loc string
				if rt.Method == "GET" {
					res, err := c.http.Get(s.base + path)
					if err != nil {
						t.Fatal(err)
					}
					res.Body.Close()
					status, loc = res.StatusCode, res.Header.Get("Location")
				} else {
					status, _, loc = c.post(path, nil)
				}
				name := rt.Method + " " + path + " as " + string(role)
				switch {
				case rt.Public():
					if status == http.StatusForbidden || loc == "/login" && rt.Pattern != "/logout" && status != http.StatusSeeOther {
						t.Errorf("%s: public route gave %d", name, status)
					}
				case role == "":
					if status != http.StatusSeeOther || loc != "/login" {
						t.Errorf("%s: got %d %q, want 303 to /login", name, status, loc)
					}
				case slices.Contains(rt.Roles, role):
					if status == http.StatusForbidden || loc == "/login" && rt.Pattern != "/logout" || status >= 500 {
						t.Errorf("%s: allowed role got %d %q", name, status, loc)
					}
				default:
					if status != http.StatusForbidden {
						t.Errorf("%s: got %d, want 403", name, status)
					}
				}
			}
		}
	})
}
