package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"errors"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Guard is a condition a transition needs. Its code is stable for tests and
// the web layer; its messages say in plain language what is missing.
type Guard struct {
	Code string
	// Key and Args are its message in the catalogue (err.guard.<code>).
	Key   string
	Args  []any
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
			g.Key, g.Args = e.Key, e.Args
		}
	case "consent_date":
		var e *Error
		if errors.As(consentRange(s).Check(i18n.Key("consent.given_at"), c.GivenOn), &e) {
			g.Key, g.Args = e.Key, e.Args
		}
	case "consent_age":
		if !s.BirthDate.IsZero() && c.GivenOn.Before(s.BirthDate) {
			g.Key, g.Args = "err.guard.consent_before_birth", []any{c.GivenOn.Format(), s.BirthDate.Format()}
		}
	}
	return g
}

// Message returns the guard's message in lang.
func (g Guard) Message(lang i18n.Lang) string {
	return i18n.Tf(lang, g.Key, g.Args...)
}

func guardEligible() Guard {
	return Guard{Code: "eligible", Key: "err.guard.eligible",
		check: func(s Snapshot, _ Input) bool { return s.Outcome == "eligible" }}
}

func guardConsentGiven() Guard {
	return Guard{Code: "consent_details", Key: "err.guard.consent_details",
		check: func(_ Snapshot, in Input) bool { return in.Consent != nil && in.Consent.Validate() == nil }}
}

func guardConsentDate() Guard {
	return Guard{Code: "consent_date", Key: "err.guard.consent_date",
		check: func(s Snapshot, in Input) bool {
			return in.Consent == nil || consentRange(s).Check(nil, in.Consent.GivenOn) == nil
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
	return Guard{Code: "consent_age", Key: "err.guard.consent_age",
		check: func(s Snapshot, in Input) bool {
			// The age on the day the consent was given, not the day it is recorded.
			return in.Consent == nil || in.Consent.GivenBy != GiverCitizen || calendar.Age(s.BirthDate, in.Consent.GivenOn) >= 15
		}}
}

func guardSubstituteExplicit() Guard {
	return Guard{Code: "substitute_explicit", Key: "err.guard.substitute_explicit",
		check: func(_ Snapshot, in Input) bool {
			return in.Consent == nil || in.Consent.GivenBy == GiverCitizen || in.Consent.Method != MethodTacit
		}}
}

func guardConsentActive() Guard {
	return Guard{Code: "consent_active", Key: "err.guard.consent_active",
		check: func(s Snapshot, _ Input) bool { return s.ConsentActive }}
}

func guardHasGP() Guard {
	return Guard{Code: "has_gp", Key: "err.guard.has_gp",
		check: func(s Snapshot, _ Input) bool { return s.Case.GPID != "" }}
}

func guardGPRequestOpen() Guard {
	return Guard{Code: "gp_request_open", Key: "err.guard.gp_request_open",
		check: func(s Snapshot, _ Input) bool { return s.GPRequestOpen }}
}

func guardGPApproved() Guard {
	return Guard{Code: "gp_approved", Key: "err.guard.gp_approved",
		check: func(s Snapshot, _ Input) bool { return s.GPApproved }}
}

func guardPrescriptionValid() Guard {
	return Guard{Code: "prescription_valid", Key: "err.guard.prescription_valid",
		check: func(s Snapshot, _ Input) bool {
			return !s.PrescriptionExpires.IsZero() && calendar.Today(s.Now).Before(s.PrescriptionExpires)
		}}
}

func guardHasPharmacy() Guard {
	return Guard{Code: "has_pharmacy", Key: "err.guard.has_pharmacy",
		check: func(s Snapshot, _ Input) bool { return s.Case.PharmacyID != "" }}
}

func stateGuard(t Transition) Guard {
	return Guard{Code: "state", Key: "err.guard.state", Args: []any{stateLabels(t.From, i18n.Verbatim(", "))}}
}

// stateLabels is the labels of states joined by sep, in the language asked.
func stateLabels(states []State, sep i18n.Text) i18n.Text {
	labels := make([]i18n.Text, len(states))
	for i, s := range states {
		labels[i] = i18n.TextFunc(s.Label)
	}
	return i18n.Join(sep, labels...)
}
