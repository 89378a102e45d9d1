package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/workflow"
)

// Route is one row of the route table: a method and a net/http pattern, the
// roles allowed (none: anyone, signed in or not), whether it shows or
// changes citizen data, and its handler. The role-matrix test runs every row
// as every role, so a new route is covered the moment it is declared here.
type Route struct {
	Method  string
	Pattern string
	Roles   []workflow.Role
	// CitizenData marks routes that read or change a citizen's data; the
	// steering group must never be allowed on one.
	CitizenData bool
	Handle      handler
}

// handler is an action: parse input, call the domain, render, or return
// an error for errors.go to map to a status and a page.
type handler func(w http.ResponseWriter, r *http.Request, rq *Request) error

// Public marks a route anyone may use.
func (rt Route) Public() bool { return len(rt.Roles) == 0 }

// Routes returns the route table. Citizen pages are for nurses and project
// leads (scoped to their municipality); admins manage users, pharmacies and
// read the access log, but do not browse citizens in the web application.
func (app *App) Routes() []Route {
	care := []workflow.Role{workflow.RoleNurse, workflow.RoleLead}
	adminOnly := []workflow.Role{workflow.RoleAdmin}
	everyone := workflow.Roles()
	return []Route{
		{Method: "GET", Pattern: "/static/", Handle: app.static},
		{Method: "GET", Pattern: "/healthz", Handle: app.healthz},
		{Method: "GET", Pattern: "/login", Handle: app.loginForm},
		{Method: "POST", Pattern: "/login", Handle: app.login},
		{Method: "POST", Pattern: "/lang", Handle: app.setLang},
		{Method: "POST", Pattern: "/logout", Roles: everyone, Handle: app.logout},
		{Method: "GET", Pattern: "/{$}", Roles: everyone, Handle: app.home},

		{Method: "GET", Pattern: "/citizens/find", Roles: care, CitizenData: true, Handle: app.citizenFindForm},
		{Method: "POST", Pattern: "/citizens/find", Roles: care, CitizenData: true, Handle: app.citizenFind},
		{Method: "GET", Pattern: "/citizens/new", Roles: care, CitizenData: true, Handle: app.citizenNewForm},
		{Method: "POST", Pattern: "/citizens/new", Roles: care, CitizenData: true, Handle: app.citizenNew},
		{Method: "GET", Pattern: "/citizens/{id}", Roles: care, CitizenData: true, Handle: app.citizenShow},
		{Method: "POST", Pattern: "/citizens/{id}/cases", Roles: care, CitizenData: true, Handle: app.caseOpen},
		{Method: "GET", Pattern: "/cases", Roles: care, CitizenData: true, Handle: app.caseList},
		{Method: "GET", Pattern: "/cases/{id}", Roles: care, CitizenData: true, Handle: app.caseShow},
		{Method: "POST", Pattern: "/cases/{id}/assess", Roles: care, CitizenData: true, Handle: app.caseAssess},
		{Method: "POST", Pattern: "/cases/{id}/consent", Roles: care, CitizenData: true, Handle: app.caseConsent},
		{Method: "POST", Pattern: "/cases/{id}/request-gp", Roles: care, CitizenData: true, Handle: app.caseRequestGP},
		{Method: "POST", Pattern: "/cases/{id}/gp-decision", Roles: care, CitizenData: true, Handle: app.caseGPDecision},
		{Method: "POST", Pattern: "/cases/{id}/start", Roles: care, CitizenData: true, Handle: app.caseStart},
		{Method: "POST", Pattern: "/cases/{id}/pause", Roles: care, CitizenData: true, Handle: app.casePause},
		{Method: "POST", Pattern: "/cases/{id}/resume", Roles: care, CitizenData: true, Handle: app.caseResume},
		{Method: "POST", Pattern: "/cases/{id}/end", Roles: care, CitizenData: true, Handle: app.caseEnd},
		{Method: "POST", Pattern: "/cases/{id}/withdraw", Roles: care, CitizenData: true, Handle: app.caseWithdraw},
		{Method: "POST", Pattern: "/cases/{id}/decline", Roles: care, CitizenData: true, Handle: app.caseDecline},

		{Method: "GET", Pattern: "/admin/users", Roles: adminOnly, Handle: app.adminUsers},
		{Method: "POST", Pattern: "/admin/users", Roles: adminOnly, Handle: app.adminUserAdd},
		{Method: "POST", Pattern: "/admin/users/{id}/disable", Roles: adminOnly, Handle: app.adminUserDisable},
		{Method: "GET", Pattern: "/admin/pharmacies", Roles: adminOnly, Handle: app.adminPharmacies},
		{Method: "POST", Pattern: "/admin/pharmacies", Roles: adminOnly, Handle: app.adminPharmacyAdd},
		{Method: "GET", Pattern: "/admin/pharmacies/{id}", Roles: adminOnly, Handle: app.adminPharmacyForm},
		{Method: "POST", Pattern: "/admin/pharmacies/{id}", Roles: adminOnly, Handle: app.adminPharmacySave},
		{Method: "GET", Pattern: "/admin/access", Roles: adminOnly, Handle: app.adminAccess},
	}
}

// Handler returns the application's HTTP handler: the routes behind the
// middleware (recovery, request log, security headers, sessions, CSRF,
// the signed-in user and the role check).
func (app *App) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range app.Routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, app.guard(rt))
	}
	mux.Handle("/", app.guard(Route{Handle: app.notFound}))
	return app.recoverPanics(app.logRequests(securityHeaders(app.sessions.LoadAndSave(app.identify(mux)))))
}
