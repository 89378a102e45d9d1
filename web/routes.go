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
// leads (scoped to their municipality); pharmacy staff work their pharmacy's
// queue; reports and the dashboard are aggregates for project leads, the
// steering group and admins; admins manage users, pharmacies, rule sets and
// model parameters and read the access log, but do not browse citizens in
// the web application.
func (app *App) Routes() []Route {
	care := []workflow.Role{workflow.RoleNurse, workflow.RoleLead}
	adminOnly := []workflow.Role{workflow.RoleAdmin}
	pharmacy := []workflow.Role{workflow.RolePharmacy}
	leadAdmin := []workflow.Role{workflow.RoleLead, workflow.RoleAdmin}
	reporting := []workflow.Role{workflow.RoleLead, workflow.RoleSteering, workflow.RoleAdmin}
	everyone := workflow.Roles()
	gpRegister := []workflow.Role{workflow.RoleNurse, workflow.RoleLead, workflow.RoleAdmin}
	return []Route{
		{Method: "GET", Pattern: "/static/", Handle: app.static},
		{Method: "GET", Pattern: "/static/echarts.min.js", Handle: app.echartsScript},
		{Method: "GET", Pattern: "/static/chart-format.js", Handle: app.chartFormatScript},
		{Method: "GET", Pattern: "/healthz", Handle: app.healthz},
		{Method: "GET", Pattern: "/login", Handle: app.loginForm},
		{Method: "POST", Pattern: "/login", Handle: app.login},
		{Method: "POST", Pattern: "/lang", Handle: app.setLang},
		{Method: "POST", Pattern: "/logout", Roles: everyone, Handle: app.logout},
		{Method: "GET", Pattern: "/{$}", Roles: everyone, Handle: app.home},
		{Method: "GET", Pattern: "/account/password", Roles: everyone, Handle: app.passwordForm},
		{Method: "POST", Pattern: "/account/password", Roles: everyone, Handle: app.passwordChange},

		{Method: "GET", Pattern: "/citizens/find", Roles: care, CitizenData: true, Handle: app.citizenFindForm},
		{Method: "POST", Pattern: "/citizens/find", Roles: care, CitizenData: true, Handle: app.citizenFind},
		{Method: "GET", Pattern: "/citizens/new", Roles: care, CitizenData: true, Handle: app.citizenNewForm},
		{Method: "POST", Pattern: "/citizens/new", Roles: care, CitizenData: true, Handle: app.citizenNew},
		{Method: "GET", Pattern: "/citizens/{id}", Roles: care, CitizenData: true, Handle: app.citizenShow},
		{Method: "POST", Pattern: "/citizens/{id}/cases", Roles: care, CitizenData: true, Handle: app.caseOpen},
		{Method: "GET", Pattern: "/citizens/{id}/edit", Roles: care, CitizenData: true, Handle: app.citizenEditForm},
		{Method: "POST", Pattern: "/citizens/{id}/edit", Roles: care, CitizenData: true, Handle: app.citizenEdit},
		{Method: "POST", Pattern: "/citizens/move", Roles: care, CitizenData: true, Handle: app.citizenMove},
		{Method: "GET", Pattern: "/cases", Roles: care, CitizenData: true, Handle: app.caseList},
		{Method: "POST", Pattern: "/cases", Roles: care, CitizenData: true, Handle: app.caseSearch},
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
		{Method: "POST", Pattern: "/cases/{id}/receipt", Roles: care, CitizenData: true, Handle: app.caseReceipt},
		{Method: "POST", Pattern: "/cases/{id}/urgent-receipt", Roles: care, CitizenData: true, Handle: app.caseUrgentReceipt},
		{Method: "POST", Pattern: "/cases/{id}/change", Roles: care, CitizenData: true, Handle: app.caseChange},
		{Method: "POST", Pattern: "/cases/{id}/urgent", Roles: care, CitizenData: true, Handle: app.caseUrgentRequest},
		{Method: "POST", Pattern: "/cases/{id}/urgent-cancel", Roles: care, CitizenData: true, Handle: app.caseUrgentCancel},
		{Method: "POST", Pattern: "/cases/{id}/hospital", Roles: care, CitizenData: true, Handle: app.caseHospital},
		{Method: "POST", Pattern: "/cases/{id}/gp-redirect", Roles: care, CitizenData: true, Handle: app.caseGPRedirect},
		{Method: "POST", Pattern: "/cases/{id}/extend", Roles: care, CitizenData: true, Handle: app.caseExtend},
		{Method: "POST", Pattern: "/cases/{id}/judge", Roles: care, CitizenData: true, Handle: app.caseJudge},
		{Method: "POST", Pattern: "/cases/{id}/renew", Roles: care, CitizenData: true, Handle: app.caseRenew},

		{Method: "GET", Pattern: "/gps", Roles: gpRegister, Handle: app.gpList},
		{Method: "POST", Pattern: "/gps", Roles: leadAdmin, Handle: app.gpAdd},
		{Method: "GET", Pattern: "/gps/{id}", Roles: gpRegister, Handle: app.gpShow},
		{Method: "POST", Pattern: "/gps/{id}", Roles: leadAdmin, Handle: app.gpSave},
		{Method: "POST", Pattern: "/gps/{id}/absences", Roles: gpRegister, Handle: app.gpAbsenceSave},
		{Method: "POST", Pattern: "/gps/{id}/absences/{aid}", Roles: gpRegister, Handle: app.gpAbsenceSave},
		{Method: "POST", Pattern: "/gps/{id}/absences/{aid}/remove", Roles: gpRegister, Handle: app.gpAbsenceRemove},
		{Method: "POST", Pattern: "/gps/{id}/absences/{aid}/end", Roles: gpRegister, Handle: app.gpAbsenceEnd},

		{Method: "GET", Pattern: "/pharmacy", Roles: pharmacy, CitizenData: true, Handle: app.pharmacyHome},
		{Method: "POST", Pattern: "/pharmacy/delivered", Roles: pharmacy, CitizenData: true, Handle: app.pharmacyDelivered},
		{Method: "GET", Pattern: "/pharmacy/settings", Roles: pharmacy, Handle: app.pharmacySettings},
		{Method: "POST", Pattern: "/pharmacy/settings", Roles: pharmacy, Handle: app.pharmacySettingsSave},
		{Method: "GET", Pattern: "/pharmacy/packing", Roles: pharmacy, CitizenData: true, Handle: app.pharmacyPacking},
		{Method: "GET", Pattern: "/pharmacy/deliveries", Roles: pharmacy, CitizenData: true, Handle: app.pharmacyDeliveries},
		{Method: "POST", Pattern: "/urgent/{id}/accept", Roles: pharmacy, CitizenData: true, Handle: app.urgentStep("accept")},
		{Method: "POST", Pattern: "/urgent/{id}/reject", Roles: pharmacy, CitizenData: true, Handle: app.urgentStep("reject")},
		{Method: "POST", Pattern: "/urgent/{id}/packed", Roles: pharmacy, CitizenData: true, Handle: app.urgentStep("packed")},
		{Method: "POST", Pattern: "/urgent/{id}/delivered", Roles: pharmacy, CitizenData: true, Handle: app.urgentStep("delivered")},

		{Method: "GET", Pattern: "/overview", Roles: leadAdmin, Handle: app.overview},
		{Method: "GET", Pattern: "/reports", Roles: reporting, Handle: app.reportsShow},
		{Method: "GET", Pattern: "/reports/xlsx", Roles: reporting, Handle: app.reportsXLSX},
		{Method: "GET", Pattern: "/reports/html", Roles: reporting, Handle: app.reportsHTML},
		{Method: "GET", Pattern: "/dashboard", Roles: reporting, Handle: app.dashboard},

		{Method: "GET", Pattern: "/admin/users", Roles: adminOnly, Handle: app.adminUsers},
		{Method: "POST", Pattern: "/admin/users", Roles: adminOnly, Handle: app.adminUserAdd},
		{Method: "GET", Pattern: "/admin/users/{id}", Roles: adminOnly, Handle: app.adminUser},
		{Method: "POST", Pattern: "/admin/users/{id}", Roles: adminOnly, Handle: app.adminUserSave},
		{Method: "POST", Pattern: "/admin/users/{id}/disable", Roles: adminOnly, Handle: app.adminUserDisable},
		{Method: "POST", Pattern: "/admin/users/{id}/enable", Roles: adminOnly, Handle: app.adminUserEnable},
		{Method: "POST", Pattern: "/admin/users/{id}/password", Roles: adminOnly, Handle: app.adminUserPassword},
		{Method: "GET", Pattern: "/admin/pharmacies", Roles: adminOnly, Handle: app.adminPharmacies},
		{Method: "POST", Pattern: "/admin/pharmacies", Roles: adminOnly, Handle: app.adminPharmacyAdd},
		{Method: "GET", Pattern: "/admin/pharmacies/{id}", Roles: adminOnly, Handle: app.adminPharmacyForm},
		{Method: "POST", Pattern: "/admin/pharmacies/{id}", Roles: adminOnly, Handle: app.adminPharmacySave},
		{Method: "GET", Pattern: "/admin/access", Roles: adminOnly, CitizenData: true, Handle: app.adminAccess},
		{Method: "POST", Pattern: "/admin/access", Roles: adminOnly, CitizenData: true, Handle: app.adminAccess},
		{Method: "GET", Pattern: "/admin/access/export", Roles: adminOnly, CitizenData: true, Handle: app.adminAccessExport},
		{Method: "POST", Pattern: "/admin/access/export", Roles: adminOnly, CitizenData: true, Handle: app.adminAccessExport},
		{Method: "GET", Pattern: "/admin/imports", Roles: adminOnly, CitizenData: true, Handle: app.adminImports},
		{Method: "POST", Pattern: "/admin/imports", Roles: adminOnly, CitizenData: true, Handle: app.adminImportPreview},
		{Method: "POST", Pattern: "/admin/imports/commit", Roles: adminOnly, CitizenData: true, Handle: app.adminImportCommit},
		{Method: "GET", Pattern: "/admin/pharmacies/{id}/closed", Roles: adminOnly, Handle: app.adminClosed},
		{Method: "POST", Pattern: "/admin/pharmacies/{id}/closed", Roles: adminOnly, Handle: app.adminClosedAdd},
		{Method: "POST", Pattern: "/admin/pharmacies/{id}/closed/remove", Roles: adminOnly, Handle: app.adminClosedRemove},
		{Method: "GET", Pattern: "/admin/eligibility", Roles: adminOnly, Handle: app.adminEligibility},
		{Method: "POST", Pattern: "/admin/eligibility", Roles: adminOnly, Handle: app.adminEligibilitySave},
		{Method: "GET", Pattern: "/admin/params", Roles: adminOnly, Handle: app.adminParams},
		{Method: "POST", Pattern: "/admin/params", Roles: adminOnly, Handle: app.adminParamsSave},
		{Method: "POST", Pattern: "/admin/params/edit", Roles: adminOnly, Handle: app.adminParamsEdit},
		{Method: "GET", Pattern: "/admin/params/history", Roles: adminOnly, Handle: app.adminParamsHistory},
		{Method: "GET", Pattern: "/admin/eligibility/edit", Roles: adminOnly, Handle: app.adminEligibilityEditForm},
		{Method: "POST", Pattern: "/admin/eligibility/edit", Roles: adminOnly, Handle: app.adminEligibilityEdit},
		{Method: "GET", Pattern: "/admin/eligibility/history", Roles: adminOnly, Handle: app.adminEligibilityHistory},
		{Method: "GET", Pattern: "/admin/medcom", Roles: adminOnly, Handle: app.adminMedCom},
		{Method: "POST", Pattern: "/admin/medcom", Roles: adminOnly, Handle: app.adminMedComReceive},
		{Method: "POST", Pattern: "/admin/medcom/tokens", Roles: adminOnly, Handle: app.adminMedComToken},
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
	// The MedCom endpoint authenticates each request by an integration
	// token, not a session, so it sits beside the session middleware.
	top := http.NewServeMux()
	top.Handle("POST "+medcomEndpoint, securityHeaders(app.cfg.Secure, http.HandlerFunc(app.medcomAPI)))
	top.Handle("/", securityHeaders(app.cfg.Secure, app.sessions.LoadAndSave(app.identify(mux))))
	return app.recoverPanics(app.logRequests(top))
}
