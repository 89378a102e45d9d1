package workflow

import (
	"context"
	"time"

	"github.com/dosis-dk/dosis/medcom"
)

// Message directions, kinds and statuses of a stored MedCom message.
const (
	DirectionIn  = "in"
	DirectionOut = "out"

	MessageHospitalNotification = "hospital_notification"
	MessageCareCommunication    = "care_communication"
	MessageAcknowledgement      = "acknowledgement"
	// MessageUnreadable is a refused message whose kind could not be read.
	MessageUnreadable = "unreadable"

	// MessageApplied: the message changed its case.
	MessageApplied = "applied"
	// MessageRecorded: kept on its case, which it did not change.
	MessageRecorded = "recorded"
	// MessageNotRelevant: the citizen has no DD case (in this scope).
	MessageNotRelevant = "not_relevant"
	// MessageRefused: refused with a fatal-error acknowledgement.
	MessageRefused = "refused"
	// MessageCancelled: a later message cancelled it.
	MessageCancelled = "cancelled"
	// MessageSent: written to the outbox, not yet acknowledged.
	MessageSent = "sent"
	// MessageAcknowledged: the receiver acknowledged it with ok.
	MessageAcknowledged = "acknowledged"
	// MessageAckError: the receiver acknowledged it with an error.
	MessageAckError = "ack_error"
)

// The effects a received HospitalNotification had on its case; a
// cancellation undoes the effect recorded on the message it cancels.
const (
	EffectPaused  = "paused"
	EffectResumed = "resumed"
	EffectEnded   = "ended"
	// EffectNurse: the case was left as it was and the nurse got a
	// worklist item (discharge of a case paused by hand; cancelled death).
	EffectNurse = "nurse_item"
	// EffectUndone: a cancellation that undid its message's effect.
	EffectUndone = "undone"
	// EffectRevised: a revision that corrected an earlier message's times.
	EffectRevised = "revised"
)

// The reminder kinds that put a received message on the nurse's worklist.
const (
	// ReminderGPReplied: the GP answered a CareCommunication ("Lægen har svaret").
	ReminderGPReplied = "gp_replied"
	// ReminderHospitalCheck: a hospital notification needs the nurse's eye
	// (a discharge of a case paused by hand, a cancelled death).
	ReminderHospitalCheck = "hospital_check"
)

// Message is a stored MedCom message, received or sent.
type Message struct {
	ID        string
	Direction string
	Kind      string
	// HeaderID is MessageHeader.id ("" when it could not be read).
	HeaderID string
	BundleID string
	Format   medcom.Format
	// Activity is the Provenance activity code.
	Activity string
	Status   string
	Effect   string
	// Problem is the Danish problem text of a refused message.
	Problem       string
	CaseID        string
	Municipality  int
	EpisodeOfCare string
	// RefersTo is the MessageHeader id this message cancels, revises or
	// replies to.
	RefersTo string
	// EventAt is the event's time (admission, leave, discharge, death), or
	// a CareCommunication's time.
	EventAt    *time.Time
	SentAt     *time.Time
	ReceivedAt time.Time
	AckCode    string
	// AckHeaderID is the id of the acknowledgement written for it.
	AckHeaderID string
	// Channel is how it came: cli, upload, api; or outbox for sent ones.
	Channel string
	Actor   string
	// Detail holds what an undo needs (the urgent rolls a death cancelled)
	// and a short text for the timeline.
	Detail string
	Raw    []byte
	AckRaw []byte
}

// Receipt is what receiving one message did.
type Receipt struct {
	Message Message
	// Ack is the acknowledgement to send back (empty for a received
	// acknowledgement, which is never acknowledged), and AckCode its code.
	Ack     medcom.Outgoing
	AckCode string
	// Duplicate: the MessageHeader id was received before; nothing changed
	// and Ack repeats the first acknowledgement's code.
	Duplicate bool
	// Problem is why a message was refused (nil otherwise).
	Problem *medcom.Problem
	// Case is the case after the message, when it touched one.
	Case *Case
	// Urgent is the prefilled urgent-roll request after a discharge.
	Urgent *UrgentRequest
	// Parsed is the parsed message (nil when unreadable).
	Parsed *medcom.Message
}

// MessageTx is the storage MedCom messages need inside one transaction.
// It is part of Tx.
type MessageTx interface {
	PartiesTx
	// MessageByHeader returns the stored message of a direction and
	// MessageHeader id (ok is false when there is none).
	MessageByHeader(ctx context.Context, direction, headerID string) (m Message, ok bool, err error)
	// InsertMessage stores a message; a second message with the same
	// direction and header id is a conflict.
	InsertMessage(ctx context.Context, m Message) error
	// SetMessageStatus sets a stored message's status.
	SetMessageStatus(ctx context.Context, id, status string) error
	// UpdateMessage writes a stored message's status, effect, event time
	// and detail.
	UpdateMessage(ctx context.Context, m Message) error
	// CaseMessages lists the case's messages, received and sent, in the
	// order they were stored, without their raw bytes.
	CaseMessages(ctx context.Context, caseID string) ([]Message, error)
	// CaseForCPR returns, within scope, the citizen with the CPR number
	// (10 digits) and the id of their open case ("" when none); found is
	// false when no citizen in scope has the number. The lookup is logged.
	CaseForCPR(ctx context.Context, a Actor, cpr string, now time.Time) (citizenID, caseID string, found bool, err error)
	// OpenUrgentRollIDs lists the case's urgent rolls that may still be
	// cancelled (requested or accepted).
	OpenUrgentRollIDs(ctx context.Context, caseID string) ([]string, error)
}
