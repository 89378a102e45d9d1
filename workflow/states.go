package workflow

import "github.com/dosis-dk/dosis/i18n"

// State is where a case is on the citizen's path to dose-dispensed medicine.
type State string

// The states of a case. Declined, rejected and ended are terminal.
const (
	StateIdentified      State = "identified"
	StateAssessed        State = "assessed"
	StateAwaitingConsent State = "awaiting_consent"
	StateConsented       State = "consented"
	StateAwaitingGP      State = "awaiting_gp"
	StateApproved        State = "approved"
	StateActive          State = "active"
	StatePaused          State = "paused"
	StateDeclined        State = "declined"
	StateRejected        State = "rejected"
	StateEnded           State = "ended"
)

// States lists every state in path order.
func States() []State {
	return []State{StateIdentified, StateAssessed, StateAwaitingConsent, StateConsented,
		StateAwaitingGP, StateApproved, StateActive, StatePaused,
		StateDeclined, StateRejected, StateEnded}
}

// Terminal reports whether no event can leave s.
func (s State) Terminal() bool {
	return s == StateDeclined || s == StateRejected || s == StateEnded
}

// Label returns the state's name for users in lang ("da" or "en").
func (s State) Label(lang i18n.Lang) string { return labelIn("state.", s, lang) }

// Event is something that happens to a case and may move it to another state.
type Event string

// Label returns the event's name for users in lang (the catalogue's
// event.<code>).
func (e Event) Label(lang i18n.Lang) string { return labelIn("event.", e, lang) }

// The events.
const (
	EventAssess   Event = "assess"
	EventConsent  Event = "consent"
	EventDecline  Event = "decline"
	EventRequest  Event = "request_gp"
	EventApprove  Event = "gp_approve"
	EventReject   Event = "gp_reject"
	EventStart    Event = "start"
	EventPause    Event = "pause"
	EventResume   Event = "resume"
	EventWithdraw Event = "withdraw"
	EventEnd      Event = "end"
	// EventOpen is the audit event of a case's creation; it is no transition.
	EventOpen Event = "open"
)

// Events lists every transition event in path order.
func Events() []Event {
	return []Event{EventAssess, EventConsent, EventDecline, EventRequest, EventApprove,
		EventReject, EventStart, EventPause, EventResume, EventWithdraw, EventEnd}
}
