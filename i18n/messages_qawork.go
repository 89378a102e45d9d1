package i18n

// qaworkMessages are the texts the QA sweep of the daily-work screens
// added: the pharmacy's periods not yet deliverable, and the format hints
// of the case page's date and time fields in the user's language.
func qaworkMessages() Catalogue {
	return Catalogue{
		"pack.after_deadline": {"Kan leveres efter fristen", "Can be delivered after the deadline"},
		"time.placeholder":    {"tt:mm", "hh:mm"},
	}
}
