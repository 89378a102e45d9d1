package workflow

import "slices"

// Reason is a documented reason code carried by a pause, decline, GP
// rejection or end.
type Reason struct {
	Code    string
	LabelDA string
	LabelEN string
}

// Reasons returns the reason codes allowed for ev; nil when ev takes none.
func Reasons(ev Event) []Reason {
	switch ev {
	case EventPause:
		return []Reason{
			{"hospital_admission", "Indlagt på sygehus", "Hospital admission"},
			{"gp_paused", "Lægen har sat dosispakning i bero", "The GP paused dose dispensing"},
			{"citizen_away", "Borgeren er bortrejst", "The citizen is away"},
			{"medication_review", "Medicingennemgang i gang", "Medication review under way"},
			{"other", "Anden årsag (se note)", "Other (see note)"},
		}
	case EventDecline:
		return []Reason{
			{"citizen_declined", "Borgeren ønsker det ikke", "The citizen does not want it"},
			{"guardian_declined", "Værge eller pårørende ønsker det ikke", "The guardian or next of kin does not want it"},
			{"prefers_own_dispensing", "Borgeren doserer selv", "The citizen dispenses themself"},
			{"other", "Anden årsag (se note)", "Other (see note)"},
		}
	case EventReject:
		return []Reason{
			{"unstable_treatment", "Behandlingen er ikke stabil", "Treatment is not stable"},
			{"not_suitable", "Lægen vurderer borgeren uegnet", "The GP finds the citizen unsuitable"},
			{"medicine_not_packable", "Medicinen kan ikke dosispakkes", "The medicines cannot be machine packed"},
			{"other", "Anden årsag (se note)", "Other (see note)"},
		}
	case EventEnd:
		return []Reason{
			{"gp_stopped", "Lægen har stoppet dosispakning", "The GP stopped dose dispensing"},
			{"death", "Borgeren er død", "The citizen has died"},
			{"moved", "Borgeren er fraflyttet kommunen", "The citizen moved to another municipality"},
			{"not_suitable", "Ikke længere egnet", "No longer suitable"},
			{"not_eligible", "Ikke egnet efter vurdering", "Not eligible after assessment"},
			{"prescription_expired", "Dosisordinationen er udløbet", "The dose-dispensing prescription expired"},
			{"duplicate", "Oprettet ved en fejl eller dublet", "Opened in error or duplicate"},
			{"other", "Anden årsag (se note)", "Other (see note)"},
		}
	case EventWithdraw:
		return []Reason{{"consent_withdrawn", "Samtykket er trukket tilbage", "Consent withdrawn"}}
	}
	return nil
}

// NeedsReason reports whether ev must carry a reason code.
func NeedsReason(ev Event) bool { return len(Reasons(ev)) > 0 }

// ReasonFor returns the reason code for ev, if it is one of ev's codes.
func ReasonFor(ev Event, code string) (Reason, bool) {
	rs := Reasons(ev)
	i := slices.IndexFunc(rs, func(r Reason) bool { return r.Code == code })
	if i < 0 {
		return Reason{}, false
	}
	return rs[i], true
}
