package i18n

// reportMessages are the texts of the overview, reports and dashboard pages.
func reportMessages() Catalogue {
	return Catalogue{
		"nav.overview":              {"Overblik", "Overview"},
		"nav.reports":               {"Rapporter", "Reports"},
		"nav.dashboard":             {"Dashboard", "Dashboard"},
		"home.steering":             {"Styregruppen ser samlede tal på tværs af kommunerne, diskretioneret efter statistikpraksis.", "The steering group sees aggregate figures across municipalities, suppressed by statistics practice."},
		"overview.overdue":          {"Alt, der er overskredet eller forfalder", "Everything overdue or due"},
		"reports.title":             {"Rapporter", "Reports"},
		"reports.from":              {"Fra (dd-mm-åååå)", "From (dd-mm-yyyy)"},
		"reports.to":                {"Til (dd-mm-åååå)", "To (dd-mm-yyyy)"},
		"reports.municipalities":    {"Kommuner", "Municipalities"},
		"reports.all_hint":          {"Ingen valgt = alle.", "None chosen = all."},
		"reports.suppress":          {"Diskretionér (tal under 5 skjules, kommuner under 30 aktive udelades)", "Suppress (counts under 5 hidden, municipalities under 30 active left out)"},
		"reports.suppressed_always": {"Tallene er altid diskretioneret for styregruppen.", "The figures are always suppressed for the steering group."},
		"reports.show":              {"Vis", "Show"},
		"reports.xlsx":              {"Hent Excel", "Download Excel"},
		"reports.html":              {"Hent HTML-dashboard", "Download HTML dashboard"},
		"reports.figures":           {"Nøgletal", "Key figures"},
		"reports.figure":            {"Nøgletal", "Key figure"},
		"reports.value":             {"Værdi", "Value"},
		"reports.period":            {"Periode", "Period"},
		"dash.title":                {"Dashboard: udbredelse og frigjorte timer", "Dashboard: adoption and hours freed"},
		"dash.suppressed":           {"diskretioneret efter statistikpraksis", "suppressed by statistics practice"},
		"dash.omitted":              {"kommuner udeladt", "municipalities left out"},
	}
}
