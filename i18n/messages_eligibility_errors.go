package i18n

// eligibilityErrorMessages are the refusals of a rule set (the rule-set
// editor and import show them at their field) and of typed facts. A
// criterion's problem is named as the form numbers it in Danish and as the
// JSON does in English, so the two sides take different values.
func eligibilityErrorMessages() Catalogue {
	return Catalogue{
		"err.ruleset.none":                 {"intet regelsæt", "no rule set"},
		"err.ruleset.id_missing":           {"Regelsættets navn mangler", `rule set: field "id" is missing`},
		"err.ruleset.in_ruleset":           {"%[2]s", "rule set %[1]q: %[2]s"},
		"err.ruleset.version_missing":      {"Regelsættets version mangler", `field "version" is missing`},
		"err.ruleset.published_format":     {"Udgivet: %q er ikke en dato", `field "published" has value %q, want a date as yyyy-mm-dd`},
		"err.ruleset.no_criteria":          {"Regelsættet har ingen kriterier; det skal have mindst ét", `field "criteria" is empty; a rule set needs at least one criterion`},
		"err.ruleset.in_criterion":         {"Kriterium %[1]d (»%[2]s«): %[5]s", "criteria[%[3]d] (id %[4]q): %[5]s"},
		"err.ruleset.criterion_id_missing": {"navnet mangler", `field "id" is missing`},
		"err.ruleset.criterion_id_taken":   {"navnet %[1]q bruges allerede af kriterium %[2]d", `field "id" has value %[1]q, which criteria[%[3]d] already uses`},
		"err.ruleset.fact_missing":         {"faktum mangler: vælg, hvad kriteriet læser", `field "fact" is missing`},
		"err.ruleset.severity_unknown":     {"vægten %q kendes ikke; vælg skal opfyldes eller vejledende", `field "severity" has value %q, want "required" or "advisory"`},
		"err.ruleset.label_da_missing":     {"den danske tekst mangler", `field "label_da" is missing`},
		"err.ruleset.source_missing":       {"kilden mangler; skriv, hvor kriteriet kommer fra", `field "source" is missing; say where the criterion comes from`},
		"err.ruleset.placeholder_unknown": {"teksten har den ukendte pladsholder %[1]q; brug {value}, {threshold}, {label} eller en tællet {value:ental|flertal}",
			`field %[2]q has unknown placeholder %[1]q, want {value}, {threshold}, {label} or a counted {value:one|other}`},
		"err.ruleset.value_eq":     {"grænsen %s skal være ja/nej, en tekst eller et tal for reglen »er lig med«", `field "value" has value %s, but op "eq" needs a boolean, a string or a number`},
		"err.ruleset.value_number": {"grænsen %[1]s skal være et tal for reglen »%[2]s«", `field "value" has value %[1]s, but op %[3]q needs a number`},
		"err.ruleset.value_in":     {"grænsen %s skal være en liste af tekster (adskilt af komma) for reglen »en af«", `field "value" has value %s, but op "in" needs a non-empty list of strings`},
		"err.ruleset.op_missing":   {"reglen mangler; vælg er lig med, mindst, højst eller en af", `field "op" is missing, want one of eq, gte, lte, in`},
		"err.ruleset.op_unknown":   {"reglen %q kendes ikke; vælg er lig med, mindst, højst eller en af", `field "op" has value %q, want one of eq, gte, lte, in`},
		"err.facts.unknown":        {"faktum %q kendes ikke af regelsættet %q; kendte fakta: %s", "fact %q is not read by rule set %q; known facts: %s"},
		"err.facts.value":          {"%s (%s): %q %s", "%s (%s): %q %s"},
		"err.facts.not_bool":       {"er hverken ja eller nej; skriv ja eller nej", "is neither yes nor no; write yes or no"},
		"err.facts.not_number":     {"er ikke et tal; skriv fx 3 eller 2,5", "is not a number; write e.g. 3 or 2.5"},
		"err.facts.not_option":     {"er ikke en af de mulige værdier: %s", "is not one of the possible values: %s"},
	}
}
