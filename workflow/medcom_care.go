package workflow

import (
	"context"
	"errors"
	"fmt"

	"github.com/dosis-dk/dosis/medcom"
)

// MessageReplied: the receiver of a sent CareCommunication replied.
const MessageReplied = "replied"

// Parties are who a CareCommunication about a case is between: the
// citizen, the municipality's MedCom identity and the citizen's GP clinic.
type Parties struct {
	Patient medcom.Patient
	// Sender is the municipality's unit (zero when not configured).
	Sender medcom.Organization
	// GP is the GP's clinic (zero when the case has no GP).
	GP     medcom.Organization
	GPName string
}

// PartiesTx loads the parties of a case's messages. It is part of MessageTx.
type PartiesTx interface {
	MedComParties(ctx context.Context, c Case) (Parties, error)
}

// careCommunication attaches a CareCommunication to its case: a reply to
// one Dosis sent goes on that message's case and puts "Lægen har svaret" on
// the nurse's worklist; any other goes on the citizen's open case. Without
// a case it is not relevant.
func (r *received) careCommunication(ctx context.Context) error {
	cc := r.m.Communication
	if len(cc.Segments) > 0 && !cc.Segments[len(cc.Segments)-1].At.IsZero() {
		at := cc.Segments[len(cc.Segments)-1].At
		r.msg.EventAt = &at
	}
	r.msg.Status = MessageNotRelevant
	r.msg.Detail = clipText(cc.Segments[len(cc.Segments)-1].Text, 500)
	if r.m.Provenance.Activity == medcom.ActivityReplyMessage {
		for _, id := range r.m.Provenance.Refers {
			sent, ok, err := r.tx.MessageByHeader(ctx, DirectionOut, id)
			if err != nil {
				return err
			}
			if !ok || sent.CaseID == "" {
				continue
			}
			r.msg.CaseID, r.msg.Municipality, r.msg.Status, r.msg.RefersTo = sent.CaseID, sent.Municipality, MessageRecorded, id
			if err := r.tx.SetMessageStatus(ctx, sent.ID, MessageReplied); err != nil {
				return err
			}
			return r.tx.AddReminder(ctx, Reminder{ID: NewID(), CaseID: sent.CaseID, Kind: ReminderGPReplied, DueAt: r.now,
				Note: "Svar fra " + r.m.Header.Sender.Name})
		}
	}
	_, caseID, _, err := r.tx.CaseForCPR(ctx, r.a, r.m.Patient.CPR, r.now)
	if err != nil || caseID == "" {
		return err
	}
	_, err = r.attach(ctx, caseID)
	return err
}

// ack records an Acknowledgement on the message it acknowledges.
func (r *received) ack(ctx context.Context) error {
	a := r.m.Ack
	r.msg.Status, r.msg.RefersTo, r.msg.AckCode = MessageNotRelevant, a.Of, a.Code
	sent, ok, err := r.tx.MessageByHeader(ctx, DirectionOut, a.Of)
	if err != nil || !ok {
		return err
	}
	r.msg.CaseID, r.msg.Municipality, r.msg.Status = sent.CaseID, sent.Municipality, MessageRecorded
	status := MessageAcknowledged
	if a.Code != medcom.AckOK {
		status = MessageAckError
		if len(a.Issues) > 0 {
			r.msg.Detail = clipText(a.Issues[0], 500)
		}
	}
	if sent.Status == MessageReplied {
		return nil
	}
	return r.tx.SetMessageStatus(ctx, sent.ID, status)
}

func clipText(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// GPRequestText is the Danish text of the request to the GP: who, the
// eligibility verdict, and that the GP decides in FMK.
func GPRequestText(p Parties, outcome string) string {
	verdict := map[string]string{"eligible": "egnet", "not_eligible": "ikke egnet", "needs_review": "kræver en faglig vurdering"}[outcome]
	if verdict == "" {
		verdict = "ikke vurderet"
	}
	return fmt.Sprintf("Anmodning om dosisdispensering\n\nKommunen anmoder om, at %s overgår til dosisdispenseret medicin (dosispakning).\n"+
		"Kommunens vurdering efter kriterierne: %s.\nBorgerens samtykke er registreret.\n\n"+
		"Ordinationen foretages i FMK. Svar gerne på denne korrespondancemeddelelse.", p.Patient.Name(), verdict)
}

// SendGPRequest writes the CareCommunication of a case's request to the GP
// ("Send anmodning til lægen") to the GP's clinic in format f and stores it,
// in one transaction: deliver (which writes it to the outbox) runs inside
// it, so a message that could not be delivered is not recorded as sent.
func (sv *Service) SendGPRequest(ctx context.Context, a Actor, caseID string, f medcom.Format, deliver func(medcom.Outgoing) error) (Message, error) {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return Message{}, err
	}
	var out Message
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		s, err := tx.Snapshot(ctx, a.Scope(), caseID, now)
		if err != nil {
			return err
		}
		p, err := tx.MedComParties(ctx, s.Case)
		if err != nil {
			return err
		}
		switch {
		case p.Sender.SOR == "":
			return Invalid("err.medcom.no_sender", s.Case.Municipality)
		case p.GP.SOR == "" && p.GP.EAN == "":
			return Invalid("err.medcom.gp_no_address", p.GPName)
		}
		d := medcom.CareCommunicationDraft{Sender: p.Sender, Receiver: p.GP, Patient: p.Patient, Category: "medicine",
			Topic: "Anmodning om dosisdispensering", Text: GPRequestText(p, s.Outcome), Author: a.Name, AuthorRole: "Sygeplejerske"}
		o, err := medcom.BuildCareCommunication(d, f, medcom.Options{Now: now})
		if err != nil {
			var p *medcom.Problem
			if errors.As(err, &p) {
				return &Error{Kind: KindInvalid, Key: "err.detail", Args: []any{p}, Err: err}
			}
			return err
		}
		out = Message{ID: NewID(), Direction: DirectionOut, Kind: MessageCareCommunication, HeaderID: o.HeaderID,
			BundleID: o.BundleID, Format: f, Activity: medcom.ActivityNewMessage, Status: MessageSent, CaseID: s.Case.ID,
			Municipality: s.Case.Municipality, EventAt: &now, SentAt: &now, ReceivedAt: now, Channel: "outbox",
			Actor: a.UserID, Detail: clipText(d.Text, 500), Raw: o.Body}
		if err := tx.InsertMessage(ctx, out); err != nil {
			return err
		}
		return deliver(o)
	})
	return out, err
}
