package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"slices"
	"time"
)

// UrgentRoll is a request for a roll outside the regular cycle (akutrulle):
// requested by the municipality, accepted or rejected by the case's
// pharmacy, packed and delivered, or cancelled by the requester side.
type UrgentRoll struct {
	ID           string
	CaseID       string
	PharmacyID   string
	Municipality int
	Reason       string
	Status       UrgentStatus
	// Version grows by one with every step; a step names the version it
	// read, so a concurrent step fails with a conflict.
	Version int
	// NeededBy is when the municipality needs the roll.
	NeededBy time.Time
	// PromisedBy is the request time plus the pharmacy's lead time in
	// working hours on the pharmacy's calendar.
	PromisedBy  time.Time
	RequestedAt time.Time
	RequestedBy string
	// RequestKey is the UrgentRequest.Key it was ordered with, if any.
	RequestKey string
	// Existing is set (never stored) on the roll RequestUrgentRoll returns
	// when the request was a repeat of an open one, which is returned
	// instead of ordering another.
	Existing     bool
	AcceptedAt   *time.Time
	RejectedAt   *time.Time
	RejectReason string
	PackedAt     *time.Time
	DeliveredAt  *time.Time
	CancelledAt  *time.Time
	ReceivedAt   *time.Time
	Note         string
}

// Closed reports whether the roll needs nothing more from the pharmacy:
// delivered, rejected or cancelled.
func (u UrgentRoll) Closed() bool {
	return u.Status == UrgentDelivered || u.Status == UrgentRejected || u.Status == UrgentCancelled
}

// DueAt is the earlier of the promised and the needed-by time: the moment
// after which the roll is overdue.
func (u UrgentRoll) DueAt() time.Time {
	if !u.NeededBy.IsZero() && u.NeededBy.Before(u.PromisedBy) {
		return u.NeededBy
	}
	return u.PromisedBy
}

// Overdue reports whether the roll is still open at now and now is past the
// promised time or the needed-by time.
func (u UrgentRoll) Overdue(now time.Time) bool {
	return !u.Closed() && now.After(u.DueAt())
}

// UrgentStep is one step of an urgent roll's lifecycle.
type UrgentStep string

// The urgent roll steps.
const (
	UrgentStepAccept  UrgentStep = "accept"
	UrgentStepReject  UrgentStep = "reject"
	UrgentStepPack    UrgentStep = "pack"
	UrgentStepDeliver UrgentStep = "deliver"
	UrgentStepCancel  UrgentStep = "cancel"
)

// UrgentTransition is one row of the urgent-roll state machine.
type UrgentTransition struct {
	Step UrgentStep
	From []UrgentStatus
	To   UrgentStatus
	// Pharmacy is true for steps taken by the case's pharmacy, false for
	// steps taken by the requesting municipality.
	Pharmacy bool
}

// UrgentTransitions returns the urgent-roll state machine: requested →
// accepted or rejected → packed → delivered; cancelled by the requester
// side while requested or accepted.
func UrgentTransitions() []UrgentTransition {
	return []UrgentTransition{
		{Step: UrgentStepAccept, From: []UrgentStatus{UrgentRequested}, To: UrgentAccepted, Pharmacy: true},
		{Step: UrgentStepReject, From: []UrgentStatus{UrgentRequested}, To: UrgentRejected, Pharmacy: true},
		{Step: UrgentStepPack, From: []UrgentStatus{UrgentAccepted}, To: UrgentPacked, Pharmacy: true},
		{Step: UrgentStepDeliver, From: []UrgentStatus{UrgentPacked}, To: UrgentDelivered, Pharmacy: true},
		{Step: UrgentStepCancel, From: []UrgentStatus{UrgentRequested, UrgentAccepted}, To: UrgentCancelled},
	}
}

// DecideUrgent checks whether actor a may take step on u and returns the
// status it leads to. A pharmacy step needs staff of u's own pharmacy (or
// an admin); a cancel needs a nurse or project lead of u's municipality
// (or an admin). An illegal step gives KindInvalidTransition naming the
// statuses it may happen in.
func DecideUrgent(u UrgentRoll, a Actor, step UrgentStep) (UrgentStatus, error) {
	i := slices.IndexFunc(UrgentTransitions(), func(t UrgentTransition) bool { return t.Step == step })
	if i < 0 {
		return "", Invalid("err.urgent.unknown_step", step)
	}
	t := UrgentTransitions()[i]
	if err := urgentRoleCheck(u, a, t); err != nil {
		return "", err
	}
	if !slices.Contains(t.From, u.Status) {
		from := make([]i18n.Text, len(t.From))
		for i, s := range t.From {
			from[i] = i18n.TextFunc(s.Label)
		}
		return "", &Error{Kind: KindInvalidTransition,
			Key: "err.urgent.wrong_status", Args: []any{i18n.TextFunc(u.Status.Label), i18n.TextFunc(step.Label)},
			Unmet: []Guard{{Code: "urgent_status", Key: "err.guard.urgent_status",
				Args: []any{i18n.Join(i18n.Key("list.or"), from...)}}}}
	}
	return t.To, nil
}

func urgentRoleCheck(u UrgentRoll, a Actor, t UrgentTransition) error {
	if a.Role == RoleAdmin {
		return nil
	}
	if t.Pharmacy {
		if a.Role != RolePharmacy || a.PharmacyID != u.PharmacyID {
			// The English names the step by its verb, which is its code.
			return Forbidden("err.urgent.own_pharmacy_only", i18n.TextFunc(t.Step.Label), string(t.Step))
		}
		return nil
	}
	if (a.Role != RoleNurse && a.Role != RoleLead) || a.Municipality != u.Municipality {
		return Forbidden("err.urgent.cancel_requester_only")
	}
	return nil
}

// Label returns the step for users in lang: a Danish infinitive
// ("acceptere") or an English past participle ("accepted").
func (s UrgentStep) Label(lang i18n.Lang) string {
	return labelIn("urgent.step.", s, lang)
}

// OpenUrgentStatuses are the statuses of a roll still under way at the
// pharmacy: requested, accepted, packed.
func OpenUrgentStatuses() []UrgentStatus {
	return []UrgentStatus{UrgentRequested, UrgentAccepted, UrgentPacked}
}

// Open reports whether a roll in status s is still under way.
func (s UrgentStatus) Open() bool { return slices.Contains(OpenUrgentStatuses(), s) }

// Label returns the status for users in lang ("da" or "en").
func (s UrgentStatus) Label(lang i18n.Lang) string {
	return labelIn("urgent.status.", s, lang)
}

// UrgentEvent is one row of an urgent roll's own audit trail; Seq equals
// the version the step produced.
type UrgentEvent struct {
	UrgentRollID string
	Seq          int
	At           time.Time
	Actor        string
	ActorRole    Role
	From         UrgentStatus
	To           UrgentStatus
	Note         string
}
