package medcom

import "time"

// Message is a parsed MedCom message. Exactly one of Notification,
// Communication and Ack is set, after the event code.
type Message struct {
	Format    Format
	BundleID  string
	Timestamp time.Time
	Header    Header
	// Patient is the message's patient (nil in an acknowledgement).
	Patient *Patient
	// Provenance is the one whose target is this message's header: it
	// holds the activity and the earlier messages this one refers to.
	Provenance Provenance

	Notification  *HospitalNotification
	Communication *CareCommunication
	Ack           *Ack
}

// Header is the MessageHeader.
type Header struct {
	// ID is MessageHeader.id, the message's identity (acknowledgements and
	// Provenance refer to it).
	ID       string
	Event    string
	Sender   Organization
	Receiver Organization
	// SourceEndpoint is where replies and acknowledgements go.
	SourceEndpoint string
}

// Organization is a sender or receiver, identified by SOR code and EAN
// (GLN) location number.
type Organization struct {
	SOR  string
	EAN  string
	Name string
}

// Patient is the citizen: CPR number (10 digits as sent), name, and
// whether the message reports the patient deceased.
type Patient struct {
	CPR      string
	Given    string
	Family   string
	Deceased bool
	// DeceasedAt is Patient.deceasedDateTime when sent (zero otherwise).
	DeceasedAt time.Time
}

// Name is "Given Family".
func (p Patient) Name() string {
	switch {
	case p.Given == "":
		return p.Family
	case p.Family == "":
		return p.Given
	}
	return p.Given + " " + p.Family
}

// Provenance is the message's own Provenance entry.
type Provenance struct {
	Activity string
	Occurred time.Time
	// Refers lists the MessageHeader ids of the earlier messages this one
	// revises, cancels or replies to (entity.what), in order.
	Refers []string
}

// HospitalNotification is the content of a HospitalNotification.
type HospitalNotification struct {
	Activity Activity
	// EncounterStatus is in-progress, onleave, finished or entered-in-error.
	EncounterStatus string
	// Class is IMP (inpatient) or EMER (acute ambulant).
	Class string
	// EpisodeOfCare is the identifier that links the messages of one stay.
	EpisodeOfCare string
	Start, End    time.Time
	// LeaveStart and LeaveEnd are the leave period (extension leavePeriod).
	LeaveStart, LeaveEnd time.Time
	ServiceProvider      Organization
}

// EventTime is the time of the event the notification reports: the
// admission, leave start, leave end or discharge (death) time.
func (h HospitalNotification) EventTime() time.Time {
	switch h.Activity.Stay {
	case StayStartLeave:
		return h.LeaveStart
	case StayEndLeave:
		return h.LeaveEnd
	case StayDischarge:
		return h.End
	}
	if !h.End.IsZero() && h.EncounterStatus == "finished" {
		return h.End
	}
	return h.Start
}

// CareCommunication is the content of a CareCommunication.
type CareCommunication struct {
	// Identifier is Communication.identifier, kept across a thread.
	Identifier string
	Category   string
	Topic      string
	Segments   []Segment
	// Attachments counts the attachments (kept in the raw message only).
	Attachments int
}

// Segment is one message text (payload contentString) with its time and author.
type Segment struct {
	Text   string
	At     time.Time
	Author string
}

// Ack is the content of an Acknowledgement.
type Ack struct {
	// Of is the MessageHeader id of the acknowledged message.
	Of   string
	Code string
	// Issues are the OperationOutcome texts.
	Issues []string
}
