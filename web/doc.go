// Package web is Dosis's web application: an HTTP server on the standard
// library's router with a declared route table (routes.go), one handler per
// file, embedded templates registered and checked at start (pages.go),
// database-backed sessions shared by every instance, CSRF tokens tied to the
// session, security headers, and one mapping from workflow.Error kinds to
// HTTP statuses (errors.go).
//
// Every handler acts as the workflow.Actor of the signed-in user; every read
// of citizen data goes through the data package's scoped functions, which
// log the access. Log lines carry the username, route pattern, status and
// duration, never a CPR number or a name.
package web
