package i18n

// adminMessages are the texts of the admin pages for rule sets, model
// parameters and pharmacy closed dates.
func adminMessages() Catalogue {
	return Catalogue{
		"nav.eligibility":      {"Egnethedskriterier", "Eligibility rules"},
		"nav.params":           {"Modelparametre", "Model parameters"},
		"settings.file":        {"Fil (JSON)", "File (JSON)"},
		"settings.text":        {"… eller indsæt JSON", "… or paste JSON"},
		"settings.saved":       {"Indstillingen er gemt.", "The setting is saved."},
		"rules.stored":         {"Kommunernes egne regelsæt", "The municipalities' own rule sets"},
		"rules.none":           {"Ingen kommune har sit eget regelsæt; standarden bruges.", "No municipality has its own rule set; the default is used."},
		"rules.saved":          {"Gemt", "Saved"},
		"rules.by":             {"Af", "By"},
		"rules.view":           {"Vis", "View"},
		"rules.upload":         {"Gem et regelsæt for en kommune", "Save a rule set for a municipality"},
		"rules.upload_hint":    {"Formatet er standardregelsættets (se JSON nederst). Filen kontrolleres, før den gemmes; sygeplejerskernes vurderinger i kommunen bruger den derefter.", "The format is the default rule set's (see the JSON below). The file is checked before it is saved; the municipality's nurses' assessments use it from then on."},
		"rules.reset":          {"Tilbage til standardregelsættet", "Back to the default rule set"},
		"rules.in_force":       {"Regelsæt i brug i kommune", "Rule set in force in municipality"},
		"rules.default":        {"Standardregelsæt", "Default rule set"},
		"rules.rule":           {"Regel", "Rule"},
		"rules.severity":       {"Vægt", "Severity"},
		"rules.source":         {"Kilde", "Source"},
		"params.in_force":      {"Parametre i brug", "Parameters in force"},
		"params.stored":        {"Gemt parameterfil fra", "Stored params file from"},
		"params.defaults_used": {"Standardværdierne bruges.", "The defaults are used."},
		"params.what_if_base":  {"Grundlag for hvis-scenariet", "Base of the what-if"},
		"params.upload":        {"Gem en parameterfil", "Save a params file"},
		"params.upload_hint":   {"Samme format som dosis report --params (se docs/reports.md). Hver værdi skal have en kilde; filen kontrolleres, før den gemmes, og rapportsiderne bruger den derefter.", "The format of dosis report --params (see docs/reports.md). Every value needs a source; the file is checked before it is saved, and the reports pages use it from then on."},
		"params.reset":         {"Tilbage til standardværdierne", "Back to the defaults"},
		"params.defaults":      {"Standardværdier og kilder", "Defaults and sources"},
		"params.key":           {"Nøgle", "Key"},
		"params.label":         {"Parameter", "Parameter"},
		"closed.title":         {"Lukkedage", "Closed dates"},
		"closed.hint":          {"Enkeltstående lukkedage (fx statusdag). Helligdage og de faste ekstra lukkedage regnes med af sig selv.", "One-off closed dates (e.g. stock-taking). Public holidays and the recurring extra closing days count by themselves."},
		"closed.date":          {"Dato", "Date"},
		"closed.name":          {"Navn", "Name"},
		"closed.none":          {"Ingen enkeltstående lukkedage.", "No one-off closed dates."},
		"closed.add":           {"Tilføj lukkedag", "Add closed date"},
		"closed.remove":        {"Fjern", "Remove"},
	}
}
