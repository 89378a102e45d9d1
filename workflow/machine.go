package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Snapshot is what the guards of a transition look at: the case and the
// facts around it, read in the same transaction that writes the result.
type Snapshot struct {
	Case Case
	Now  time.Time
	// BirthDate is the citizen's birth date.
	BirthDate calendar.Date
	// Outcome is the latest eligibility outcome ("" when never assessed).
	Outcome string
	// ConsentActive is true when a consent is recorded and not withdrawn.
	ConsentActive bool
	// GPRequestOpen is true when a GP request awaits its decision.
	GPRequestOpen bool
	// GPApproved is true when the latest GP decision is an approval.
	GPApproved bool
	// PrescriptionExpires is the DD prescription's expiry (zero when none).
	PrescriptionExpires calendar.Date
}

// Input is what the user supplies with an event.
type Input struct {
	Reason string
	Note   string
	// Outcome is the eligibility outcome of an assess event.
	Outcome string
	// Consent is the consent being recorded by a consent event.
	Consent *ConsentInput
}

// Transition is one row of the state machine: an event, the states it may
// fire from, the state it leads to, the roles that may fire it and its guards.
type Transition struct {
	Event  Event
	From   []State
	To     State
	Roles  []Role
	Guards []Guard
	// Route picks the target state from the input when it depends on it.
	Route func(Snapshot, Input) State
}

// Targets returns every state the transition can lead to.
func (t Transition) Targets() []State {
	if t.Event == EventAssess {
		return []State{StateAwaitingConsent, StateAssessed}
	}
	return []State{t.To}
}

// Transitions returns the state machine's table. It is the single source of
// truth: Decide, the documentation diagram and the tests all read it.
func Transitions() []Transition {
	care := []Role{RoleNurse, RoleLead, RoleAdmin}
	open := []State{StateIdentified, StateAssessed, StateAwaitingConsent, StateConsented,
		StateAwaitingGP, StateApproved, StateActive, StatePaused}
	withConsent := []State{StateConsented, StateAwaitingGP, StateApproved, StateActive, StatePaused}
	return []Transition{
		{Event: EventAssess, From: []State{StateIdentified, StateAssessed, StateAwaitingConsent}, Roles: care,
			Route: func(_ Snapshot, in Input) State {
				if in.Outcome == "eligible" {
					return StateAwaitingConsent
				}
				return StateAssessed
			}},
		{Event: EventConsent, From: []State{StateAwaitingConsent}, To: StateConsented, Roles: care,
			Guards: []Guard{guardEligible(), guardConsentGiven(), guardConsentDate(), guardCitizenOldEnough(), guardSubstituteExplicit()}},
		{Event: EventDecline, From: []State{StateIdentified, StateAssessed, StateAwaitingConsent}, To: StateDeclined, Roles: care},
		{Event: EventRequest, From: []State{StateConsented}, To: StateAwaitingGP, Roles: care,
			Guards: []Guard{guardConsentActive(), guardEligible(), guardHasGP()}},
		{Event: EventApprove, From: []State{StateAwaitingGP}, To: StateApproved, Roles: care,
			Guards: []Guard{guardGPRequestOpen(), guardConsentActive()}},
		{Event: EventReject, From: []State{StateAwaitingGP}, To: StateRejected, Roles: care,
			Guards: []Guard{guardGPRequestOpen()}},
		{Event: EventStart, From: []State{StateApproved}, To: StateActive, Roles: care,
			Guards: []Guard{guardConsentActive(), guardGPApproved(), guardPrescriptionValid(), guardHasPharmacy()}},
		{Event: EventPause, From: []State{StateActive}, To: StatePaused, Roles: care},
		{Event: EventResume, From: []State{StatePaused}, To: StateActive, Roles: care,
			Guards: []Guard{guardConsentActive(), guardPrescriptionValid()}},
		{Event: EventWithdraw, From: withConsent, To: StateEnded, Roles: care,
			Guards: []Guard{guardConsentActive()}},
		{Event: EventEnd, From: open, To: StateEnded, Roles: care},
	}
}

// TransitionFor returns the table row for ev.
func TransitionFor(ev Event) (Transition, bool) {
	ts := Transitions()
	i := slices.IndexFunc(ts, func(t Transition) bool { return t.Event == ev })
	if i < 0 {
		return Transition{}, false
	}
	return ts[i], true
}

// Decide checks whether role may fire ev on the case in s with input in, and
// returns the target state. A refusal names every unmet guard at once.
func Decide(s Snapshot, role Role, ev Event, in Input) (State, error) {
	t, ok := TransitionFor(ev)
	if !ok {
		return "", Invalid("err.event.unknown", ev)
	}
	if !slices.Contains(t.Roles, role) {
		return "", Forbidden("err.event.role_may_not", i18n.Key("role."+string(role)), i18n.TextFunc(ev.Label))
	}
	if NeedsReason(ev) && ev != EventWithdraw {
		if _, ok := ReasonFor(ev, in.Reason); !ok {
			// The English is also the command line's, whose --reason takes the codes.
			return "", Invalid("err.event.unknown_reason", i18n.TextFunc(ev.Label),
				i18n.TextFunc(func(l i18n.Lang) string { return reasonLabels(ev, l) }), in.Reason, string(ev), reasonCodes(ev))
		}
	}
	if in.Reason == "other" && strings.TrimSpace(in.Note) == "" {
		// By its label, as the form shows it: the code never reaches a screen.
		r, ok := ReasonFor(ev, in.Reason)
		if !ok {
			r.LabelDA, r.LabelEN = "Anden årsag", "Other"
		}
		return "", Invalid("err.event.reason_needs_note", i18n.Message{DA: r.LabelDA, EN: r.LabelEN})
	}
	if !slices.Contains(t.From, s.Case.State) {
		return "", &Error{Kind: KindInvalidTransition, Key: "err.event.wrong_state",
			Args: []any{i18n.TextFunc(ev.Label), i18n.TextFunc(s.Case.State.Label)}, Unmet: []Guard{stateGuard(t)}}
	}
	var unmet []Guard
	for _, g := range t.Guards {
		if !g.check(s, in) {
			unmet = append(unmet, g.explained(s, in))
		}
	}
	if len(unmet) > 0 {
		return "", &Error{Kind: KindInvalidTransition, Key: "err.event.not_yet",
			Args: []any{i18n.TextFunc(ev.Label)}, Unmet: unmet}
	}
	if t.Route != nil {
		return t.Route(s, in), nil
	}
	return t.To, nil
}

// reasonCodes lists the codes of ev's reasons, for the command line.
func reasonCodes(ev Event) string {
	var s []string
	for _, r := range Reasons(ev) {
		s = append(s, r.Code)
	}
	return strings.Join(s, ", ")
}

// reasonLabels lists the labels of ev's reasons in lang, for a message.
func reasonLabels(ev Event, lang i18n.Lang) string {
	var s []string
	for _, r := range Reasons(ev) {
		s = append(s, lang.Pick(r.LabelDA, r.LabelEN))
	}
	return strings.Join(s, ", ")
}
