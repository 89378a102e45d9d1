package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"errors"
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Guard is a condition a transition needs. Its code is stable for tests and
// the web layer; its messages say in plain language what is missing.
type Guard struct {
	Code  string
	MsgDA string
	MsgEN string
	check func(Snapshot, Input) bool
}

// explained returns the unmet guard g with messages that say precisely
// what is wrong with this input, where its fixed message cannot: which
// detail of a consent is missing ("navnet på værge eller pårørende
// mangler"), or a consent date before the citizen's birth (a typing error,
// not a child's consent).
func (g Guard) explained(s Snapshot, in Input) Guard {
	if in.Consent == nil {
		return g
	}
	c := in.Consent
	switch g.Code {
	case "consent_details":
		var e *Error
		if errors.As(c.Validate(), &e) {
			g.MsgDA, g.MsgEN = e.MsgDA, e.MsgEN
		}
	case "consent_date":
		var e *Error
		if errors.As(consentRange(s).Check(i18n.T(i18n.Danish, "consent.given_at"), i18n.T(i18n.English, "consent.given_at"), c.GivenOn), &e) {
			g.MsgDA, g.MsgEN = e.MsgDA, e.MsgEN
		}
	case "consent_age":
		if !s.BirthDate.IsZero() && c.GivenOn.Before(s.BirthDate) {
			g.MsgDA = fmt.Sprintf("datoen for samtykket %s ligger før borgerens fødselsdag %s", c.GivenOn.Format(), s.BirthDate.Format())
			g.MsgEN = fmt.Sprintf("the date of consent %s is before the citizen's birth date %s", c.GivenOn.Format(), s.BirthDate.Format())
		}
	}
	return g
}

// Message returns the guard's message in lang ("da" or "en").
func (g Guard) Message(lang i18n.Lang) string {
	if lang.English() {
		return g.MsgEN
	}
	return g.MsgDA
}

func guardEligible() Guard {
	return Guard{"eligible", "borgeren er ikke vurderet egnet", "the citizen has not been assessed as eligible",
		func(s Snapshot, _ Input) bool { return s.Outcome == "eligible" }}
}

func guardConsentGiven() Guard {
	return Guard{"consent_details", "samtykket mangler oplysninger (hvem, hvordan, hvornår)", "the consent lacks details (who, how, when)",
		func(_ Snapshot, in Input) bool { return in.Consent != nil && in.Consent.Validate() == nil }}
}

func guardConsentDate() Guard {
	return Guard{"consent_date", "datoen for samtykket ligger i fremtiden eller for langt tilbage", "the date of consent lies in the future or too far back",
		func(s Snapshot, in Input) bool {
			return in.Consent == nil || consentRange(s).Check("", "", in.Consent.GivenOn) == nil
		}}
}

// consentRange is the days a consent may be dated on the snapshot's day:
// not in the future and at most ConsentBackDays back. It may lie before
// the case was opened: a citizen may say yes at a visit before the nurse
// opens the case and records it.
func consentRange(s Snapshot) DateRange {
	return PastRange(calendar.Today(s.Now), ConsentBackDays, calendar.Date{})
}

func guardCitizenOldEnough() Guard {
	return Guard{"consent_age", "en borger under 15 år kan ikke selv give samtykke", "a citizen under 15 cannot consent alone",
		func(s Snapshot, in Input) bool {
			// The age on the day the consent was given, not the day it is recorded.
			return in.Consent == nil || in.Consent.GivenBy != GiverCitizen || calendar.Age(s.BirthDate, in.Consent.GivenOn) >= 15
		}}
}

func guardSubstituteExplicit() Guard {
	return Guard{"substitute_explicit", "stedfortrædende samtykke skal være udtrykkeligt (skriftligt eller mundtligt)", "substitute consent must be explicit (written or oral)",
		func(_ Snapshot, in Input) bool {
			return in.Consent == nil || in.Consent.GivenBy == GiverCitizen || in.Consent.Method != MethodTacit
		}}
}

func guardConsentActive() Guard {
	return Guard{"consent_active", "der er intet gyldigt samtykke", "there is no valid consent",
		func(s Snapshot, _ Input) bool { return s.ConsentActive }}
}

func guardHasGP() Guard {
	return Guard{"has_gp", "borgeren har ingen praktiserende læge registreret", "the citizen has no GP on record",
		func(s Snapshot, _ Input) bool { return s.Case.GPID != "" }}
}

func guardGPRequestOpen() Guard {
	return Guard{"gp_request_open", "der er ingen åben anmodning til lægen", "there is no open request to the GP",
		func(s Snapshot, _ Input) bool { return s.GPRequestOpen }}
}

func guardGPApproved() Guard {
	return Guard{"gp_approved", "lægen har ikke godkendt dosispakning", "the GP has not approved dose dispensing",
		func(s Snapshot, _ Input) bool { return s.GPApproved }}
}

func guardPrescriptionValid() Guard {
	return Guard{"prescription_valid", "dosisordinationen er udløbet eller mangler", "the dose-dispensing prescription has expired or is missing",
		func(s Snapshot, _ Input) bool {
			return !s.PrescriptionExpires.IsZero() && calendar.Today(s.Now).Before(s.PrescriptionExpires)
		}}
}

func guardHasPharmacy() Guard {
	return Guard{"has_pharmacy", "sagen har intet apotek", "the case has no pharmacy",
		func(s Snapshot, _ Input) bool { return s.Case.PharmacyID != "" }}
}

func stateGuard(t Transition) Guard {
	from := make([]string, len(t.From))
	fromEN := make([]string, len(t.From))
	for i, s := range t.From {
		from[i] = s.Label(i18n.Danish)
		fromEN[i] = s.Label(i18n.English)
	}
	return Guard{Code: "state",
		MsgDA: fmt.Sprintf("sagen skal være i en af tilstandene: %s", strings.Join(from, ", ")),
		MsgEN: fmt.Sprintf("the case must be in one of the states: %s", strings.Join(fromEN, ", "))}
}
