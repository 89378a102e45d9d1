package i18n

// qaviewMessages are the texts the QA sweep of the screens people read
// added: how a screen names an actor that is not a person, the receipt's
// actual-time fields.
func qaviewMessages() Catalogue {
	return Catalogue{
		"actor.cli": {"kommandolinjen (%s)", "command line (%s)"},
		"actor.api": {"MedCom-forbindelse %s", "MedCom connection %s"},
		// receipt.at names the receipt's actual time in a refusal.
		"receipt.at": {"Modtaget", "Received"},
		// A date given without the time it needs.
		"err.time.clock_required": {"skriv også klokkeslættet (tt:mm)", "give the time as well (hh:mm)"},
	}
}
