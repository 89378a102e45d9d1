package i18n

// medcomMessages are the texts of MedCom messaging: worklist kinds, the
// admin message log, the upload and messages on a case's timeline.
func medcomMessages() Catalogue {
	return Catalogue{
		"workkind.gp_replied":     {"Lægen har svaret", "The GP has replied"},
		"workkind.hospital_check": {"Sygehusadvis skal ses", "Hospital notification to check"},
	}
}
