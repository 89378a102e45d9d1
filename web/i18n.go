package web

import (
	"net/http"
)

// catalogue holds the user-facing texts: key → Danish and English.
type catalogue map[string][2]string

// get returns the text for key in lang, Danish unless lang is "en"; a
// missing key shows itself, so a test can find it.
func (c catalogue) get(lang, key string) string {
	m, ok := c[key]
	if !ok {
		return "[" + key + "]"
	}
	if lang == "en" {
		return m[1]
	}
	return m[0]
}

// langOf reads the language cookie: "en" or Danish by default.
func langOf(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "da"
}

// newCatalogue returns the message catalogue.
func newCatalogue() catalogue {
	c := catalogue{
		"app.tagline":          {"Dosispakket medicin", "Dose-dispensed medicine"},
		"nav.home":             {"Forside", "Home"},
		"nav.find":             {"Find borger", "Find citizen"},
		"nav.new":              {"Ny borger", "New citizen"},
		"nav.cases":            {"Sager", "Cases"},
		"nav.users":            {"Brugere", "Users"},
		"nav.pharmacies":       {"Apoteker", "Pharmacies"},
		"nav.access":           {"Adgangslog", "Access log"},
		"nav.logout":           {"Log ud", "Sign out"},
		"nav.skip":             {"Gå til indhold", "Skip to content"},
		"lang.switch":          {"English", "Dansk"},
		"login.title":          {"Log ind", "Sign in"},
		"login.username":       {"Brugernavn", "Username"},
		"login.password":       {"Adgangskode", "Password"},
		"login.submit":         {"Log ind", "Sign in"},
		"home.title":           {"Forside", "Home"},
		"home.welcome":         {"Velkommen", "Welcome"},
		"home.cases":           {"Sager efter tilstand", "Cases by state"},
		"home.admin":           {"Administration", "Administration"},
		"role.nurse":           {"Sygeplejerske", "Nurse"},
		"role.pharmacy":        {"Apotek", "Pharmacy"},
		"role.lead":            {"Projektleder", "Project lead"},
		"role.steering":        {"Styregruppe", "Steering group"},
		"role.admin":           {"Administrator", "Administrator"},
		"error.title":          {"Det kunne ikke lade sig gøre", "That did not work"},
		"error.internal":       {"Der skete en fejl hos os. Prøv igen om lidt; fejlen er logget.", "Something went wrong on our side. Try again shortly; the error is logged."},
		"error.reload":         {"Hent siden igen", "Reload the page"},
		"error.back":           {"Til forsiden", "To the home page"},
		"find.title":           {"Find borger", "Find citizen"},
		"find.cpr":             {"CPR-nummer", "CPR number"},
		"find.hint":            {"Skriv DDMMÅÅ-SSSS. Opslaget logges.", "Write DDMMYY-SSSS. The lookup is logged."},
		"find.submit":          {"Find", "Find"},
		"citizen.new":          {"Registrér borger", "Register citizen"},
		"citizen.name":         {"Navn", "Name"},
		"citizen.cpr":          {"CPR-nummer", "CPR number"},
		"citizen.born":         {"Født", "Born"},
		"citizen.gp":           {"Praktiserende læge", "GP"},
		"citizen.nogp":         {"(ingen / ukendt)", "(none / unknown)"},
		"citizen.help":         {"Kommunen hjælper med medicinen", "The municipality helps with medicine"},
		"citizen.cases":        {"Sager", "Cases"},
		"citizen.open":         {"Opret sag", "Open case"},
		"citizen.source":       {"Hvem har peget på borgeren", "Who flagged the citizen"},
		"citizen.municip":      {"Kommune", "Municipality"},
		"citizen.warning":      {"Bemærk", "Note"},
		"citizen.saved":        {"Borgeren er registreret.", "The citizen is registered."},
		"cases.title":          {"Sager", "Cases"},
		"cases.state":          {"Tilstand", "State"},
		"cases.all":            {"Alle", "All"},
		"cases.filter":         {"Vis", "Show"},
		"cases.updated":        {"Ændret", "Changed"},
		"cases.opened":         {"Oprettet", "Opened"},
		"cases.none":           {"Ingen sager.", "No cases."},
		"case.timeline":        {"Tidslinje", "Timeline"},
		"case.actions":         {"Handlinger", "Actions"},
		"case.verdict":         {"Seneste vurdering", "Latest assessment"},
		"case.criterion":       {"Kriterium", "Criterion"},
		"case.status":          {"Resultat", "Result"},
		"case.reason":          {"Begrundelse", "Reason"},
		"case.note":            {"Note", "Note"},
		"case.done":            {"Registreret.", "Recorded."},
		"case.pharmacy":        {"Apotek", "Pharmacy"},
		"case.reasoncode":      {"Årsag", "Reason"},
		"case.reminders":       {"Påmindelser", "Reminders"},
		"case.due":             {"Frist", "Due"},
		"case.opened":          {"Sagen er oprettet.", "The case is opened."},
		"status.pass":          {"Opfyldt", "Met"},
		"status.fail":          {"Ikke opfyldt", "Not met"},
		"status.unknown":       {"Ukendt", "Unknown"},
		"outcome.eligible":     {"Egnet", "Eligible"},
		"outcome.not_eligible": {"Ikke egnet", "Not eligible"},
		"outcome.needs_review": {"Kræver faglig vurdering", "Needs review"},
		"fact.unknown":         {"Ukendt", "Unknown"},
		"fact.yes":             {"Ja", "Yes"},
		"fact.no":              {"Nej", "No"},
		"event.open":           {"Sag oprettet", "Case opened"},
		"event.assess":         {"Vurdér egnethed", "Assess eligibility"},
		"event.consent":        {"Registrér samtykke", "Record consent"},
		"event.decline":        {"Borgeren takker nej", "Citizen declines"},
		"event.request_gp":     {"Send anmodning til lægen", "Send request to the GP"},
		"event.gp_approve":     {"Lægen godkender", "The GP approves"},
		"event.gp_reject":      {"Lægen afviser", "The GP rejects"},
		"event.gp_decision":    {"Lægens afgørelse", "The GP's decision"},
		"event.start":          {"Start dosispakning", "Start dose dispensing"},
		"event.pause":          {"Sæt på pause", "Pause"},
		"event.resume":         {"Genoptag", "Resume"},
		"event.withdraw":       {"Samtykket trækkes tilbage", "Consent withdrawn"},
		"event.end":            {"Afslut sag", "End case"},
		"consent.given_by":     {"Givet af", "Given by"},
		"consent.citizen":      {"Borgeren selv", "The citizen"},
		"consent.guardian":     {"Værge", "Guardian"},
		"consent.next_of_kin":  {"Nærmeste pårørende", "Next of kin"},
		"consent.giver_name":   {"Navn på værge/pårørende", "Name of guardian/next of kin"},
		"consent.method":       {"Form", "Method"},
		"consent.written":      {"Skriftligt", "Written"},
		"consent.oral":         {"Mundtligt", "Oral"},
		"consent.tacit":        {"Stiltiende", "Tacit"},
		"consent.given_at":     {"Dato for samtykket", "Date of consent"},
		"consent.daily_care":   {"Jeg er en del af borgerens daglige pleje", "I am part of the citizen's daily care"},
		"consent.recorded":     {"Samtykke", "Consent"},
		"consent.withdrawn":    {"trukket tilbage", "withdrawn"},
		"gp.requested":         {"Anmodning sendt til lægen", "Request sent to the GP"},
		"gp.decided":           {"Lægens afgørelse", "The GP's decision"},
		"gp.approved":          {"godkendt", "approved"},
		"gp.rejected":          {"afvist", "rejected"},
		"gp.approve":           {"Godkendt", "Approved"},
		"gp.reject":            {"Afvist", "Rejected"},
		"gp.expires":           {"Dosisordinationen udløber", "The prescription expires"},
		"gp.expires_hint":      {"dd-mm-åååå; tom = 2 år", "dd-mm-yyyy; empty = 2 years"},
		"assessment":           {"Vurdering", "Assessment"},
		"submit":               {"Gem", "Save"},
		"users.title":          {"Brugere", "Users"},
		"users.add":            {"Opret bruger", "Add user"},
		"users.username":       {"Brugernavn", "Username"},
		"users.role":           {"Rolle", "Role"},
		"users.tie":            {"Kommune / apotek", "Municipality / pharmacy"},
		"users.password":       {"Adgangskode (tom = dannes automatisk)", "Password (empty = generated)"},
		"users.disable":        {"Deaktivér", "Disable"},
		"users.disabled":       {"deaktiveret", "disabled"},
		"users.active":         {"aktiv", "active"},
		"users.created":        {"Brugeren er oprettet. Adgangskoden vises kun denne ene gang:", "The user is created. The password is shown this once only:"},
		"users.none":           {"(ingen)", "(none)"},
		"pharm.title":          {"Apoteker", "Pharmacies"},
		"pharm.add":            {"Opret apotek", "Add pharmacy"},
		"pharm.edit":           {"Redigér", "Edit"},
		"pharm.name":           {"Navn", "Name"},
		"pharm.period":         {"Periode (dage)", "Period (days)"},
		"pharm.deadline":       {"Frist (arbejdsdage før periodestart)", "Deadline (working days before period start)"},
		"pharm.lead":           {"Leveringstid for akutrulle (arbejdstimer)", "Urgent-roll lead time (working hours)"},
		"pharm.closing":        {"Ekstra lukkedage (dd-mm, kommasepareret)", "Extra closing days (dd-mm, comma-separated)"},
		"pharm.saved":          {"Apoteket er gemt.", "The pharmacy is saved."},
		"access.title":         {"Adgangslog", "Access log"},
		"access.intro":         {"Hvert opslag og hver visning af en borgers data. Loggen kan ikke ændres.", "Every lookup and view of a citizen's data. The log cannot be changed."},
		"access.when":          {"Tidspunkt", "When"},
		"access.who":           {"Hvem", "Who"},
		"access.citizen":       {"Borger-id", "Citizen id"},
		"access.what":          {"Side", "Page"},
		"access.older":         {"Ældre", "Older"},
		"access.filter":        {"Filtrér", "Filter"},
	}
	for _, more := range []catalogue{workMessages(), reportMessages(), adminMessages()} {
		for k, v := range more {
			c[k] = v
		}
	}
	return c
}
