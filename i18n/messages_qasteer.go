package i18n

// qasteerMessages are the report texts the web pages show in the user's
// language (the workbook and the HTML file stay Danish): the source line
// and the calibration line; the municipality picker's count past five names.
func qasteerMessages() Catalogue {
	return Catalogue{
		"source.line": {"Kilde: Dosis, kommunernes egne sagsdata om dosispakket medicin; timemodel og parametre: se Antagelser; %s.",
			"Source: Dosis, the municipalities' own case data on dose-dispensed medicine; time model and parameters: see Antagelser (assumptions) in the workbook; %s."},
		"source.population": {"befolkningstal er skøn over Danmarks Statistik FOLK1A 2024K1, ikke hentet fra Statistikbanken",
			"population figures are estimates from Statistics Denmark FOLK1A 2024Q1, not fetched from Statistikbanken"},
		"source.scale": {"Demodata: befolkningstallene (borgere i alt og 75+) er skaleret med stikprøvens andel af landet (%s), så andelene kan sammenlignes med de offentliggjorte.",
			"Demo data: the population figures (all citizens and 75+) are scaled by the sample's share of the country (%s), so the shares compare with the published ones."},
		"source.suppressed": {"Tal under 5 og tal, de kan udledes af, er diskretioneret (vist som «diskr.»), og kommuner med under 30 aktive borgere er udeladt af alle tabeller, figurer og landstal.",
			"Counts under 5, and figures they can be derived from, are suppressed (shown as «diskr.»), and municipalities with fewer than 30 active citizens are left out of every table, chart and national figure."},
		"calibration.line": {"Kalibrering: med %s frigør %s borgere på dosispakning i et år %s årsværk (%s borgere pr. årsværk). Offentliggjort: +40.000 borgere ≈ 600 årsværk (MUUSMANN 2023, ca. 67 pr. årsværk); KL 2024: 70–75 pr. årsværk.",
			"Calibration: with %s, %s citizens on dose dispensing for a year free %s FTE (%s citizens per FTE). Published: +40,000 citizens ≈ 600 FTE (MUUSMANN 2023, about 67 per FTE); KL 2024: 70–75 per FTE."},
		"reports.m_count.more": {"… og %d andre", "… and %d more"},
		"calibration.default":  {"standardparametrene", "the default parameters"},
		"calibration.changed":  {"de gældende parametre (ændret fra standard: %s)", "the parameters in force (changed from the defaults: %s)"},
		"calibration.overrides": {" Kommuner med egne parametre: %s (se Antagelser).",
			" Municipalities with their own parameters: %s (see Antagelser)."},
	}
}
