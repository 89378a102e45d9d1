package i18n

// securityMessages are the texts of the password change page and of a
// repeated urgent-roll request.
func securityMessages() Catalogue {
	return Catalogue{
		"urgent.repeat":     {"Den samme akutrulle blev allerede bestilt %s; der er ikke bestilt en ny.", "The same urgent roll was already requested at %s; no new one was requested."},
		"nav.password":      {"Skift adgangskode", "Change password"},
		"password.title":    {"Skift adgangskode", "Change password"},
		"password.current":  {"Nuværende adgangskode", "Current password"},
		"password.new":      {"Ny adgangskode", "New password"},
		"password.repeat":   {"Gentag den nye adgangskode", "Repeat the new password"},
		"password.submit":   {"Skift adgangskode", "Change password"},
		"password.hint":     {"Når adgangskoden er skiftet, logges du ud alle andre steder.", "Once the password is changed, you are signed out everywhere else."},
		"password.changed":  {"Adgangskoden er skiftet; du er logget ud alle andre steder.", "The password is changed; you are signed out everywhere else."},
		"password.mismatch": {"De to nye adgangskoder er forskellige", "The two new passwords differ"},
	}
}
