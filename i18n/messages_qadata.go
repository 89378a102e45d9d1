package i18n

// qadataMessages are the texts of the plausible-date ranges, the
// case-insensitive usernames and the medicine-help dates.
func qadataMessages() Catalogue {
	return Catalogue{
		"err.date.out_of_range":   {"%s skal ligge fra %s til %s", "%s must lie from %s to %s"},
		"err.field.moved_on":      {"Flyttedato", "Moving date"},
		"err.import.before_birth": {"ligger før borgerens fødselsdag %s", "is before the citizen's birth date %s"},
		"err.user.username_case": {"brugernavnet %q er optaget: det adskiller sig kun fra brugeren %q ved store og små bogstaver",
			"the username %q is taken: it differs only in case from the user %q"},
	}
}
