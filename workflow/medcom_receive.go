package workflow

import (
	"context"
	"errors"
	"time"

	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// errRefused rolls back a message's effects when a rule refuses it; the
// refusal is then stored on its own.
var errRefused = errors.New("message refused")

// ReceiveMessage receives one MedCom message (raw XML or JSON) in one
// transaction: it is parsed and checked, its effect on the citizen's DD
// case applied (see docs/medcom.md), and it is stored with its
// acknowledgement. A refused message is stored with its fatal-error
// acknowledgement and nothing else is written. A MessageHeader id received
// before changes nothing: the receipt is marked Duplicate and repeats the
// first acknowledgement's code. An Acknowledgement is not acknowledged
// (Receipt.Ack is empty). On a storage error the receipt carries a
// transient-error acknowledgement, nothing is stored, and the error is
// returned.
func (sv *Service) ReceiveMessage(ctx context.Context, a Actor, raw []byte, channel string) (Receipt, error) {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return Receipt{}, err
	}
	now := sv.now().UTC()
	m, perr := medcom.Parse(raw)
	var prob *medcom.Problem
	if perr != nil {
		prob, _ = perr.(*medcom.Problem)
		if prob == nil {
			prob = medcom.NewProblem(medcom.ProblemSyntax, "", "", "err.medcom.unreadable")
		}
	} else {
		prob = futureTime(m, now)
	}
	var rc Receipt
	var err error
	for try := 0; try < 2; try++ {
		rc, err = sv.receiveIn(ctx, a, m, prob, raw, channel, now)
		if errors.Is(err, errRefused) {
			prob = rc.Problem
			rc, err = sv.receiveIn(ctx, a, m, prob, raw, channel, now)
		}
		if KindOf(err) != KindConflict {
			break // a conflict is a concurrent copy of the same message: try once more, as a duplicate
		}
	}
	if err != nil {
		tp := medcom.NewProblem(medcom.ProblemBadValue, "", "", "err.medcom.transient")
		rc = Receipt{Parsed: m, Problem: tp}
		if m == nil || m.Ack == nil {
			rc.Ack, rc.AckCode = medcom.AckFor(m, medcom.AckTransientError, tp, medcom.Options{Now: now}), medcom.AckTransientError
		}
	}
	return rc, err
}

// receiveIn is one attempt in one transaction; prob set means refuse.
func (sv *Service) receiveIn(ctx context.Context, a Actor, m *medcom.Message, prob *medcom.Problem, raw []byte, channel string, now time.Time) (Receipt, error) {
	var rc Receipt
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		rc = Receipt{Parsed: m, Problem: prob}
		if m != nil && m.Header.ID != "" {
			old, seen, err := tx.MessageByHeader(ctx, DirectionIn, m.Header.ID)
			if err != nil {
				return err
			}
			if seen {
				rc.Duplicate, rc.Message = true, old
				if m.Ack == nil {
					var p *medcom.Problem
					if old.AckCode != medcom.AckOK {
						p = medcom.NewProblem(medcom.ProblemBadValue, "", "", "err.detail", old.Problem) // the stored refusal, as it was
					}
					rc.Ack, rc.AckCode = medcom.AckFor(m, old.AckCode, p, medcom.Options{Now: now}), old.AckCode
				}
				return nil
			}
		}
		msg := inMessage(m, raw, channel, a, now)
		if prob == nil {
			in := &received{sv: sv, tx: tx, a: a, m: m, msg: &msg, rc: &rc, now: now}
			if err := in.apply(ctx); err != nil {
				var p *medcom.Problem
				if errors.As(err, &p) {
					rc.Problem = p
					return errRefused
				}
				return err
			}
		} else {
			msg.Status, msg.Problem = MessageRefused, prob.MsgDA
		}
		if m == nil || m.Ack == nil {
			code := medcom.AckOK
			if prob != nil {
				code = medcom.AckFatalError
			}
			rc.Ack, rc.AckCode = medcom.AckFor(m, code, prob, medcom.Options{Now: now}), code
			msg.AckCode, msg.AckHeaderID, msg.AckRaw = code, rc.Ack.HeaderID, rc.Ack.Body
		}
		rc.Message = msg
		return tx.InsertMessage(ctx, msg)
	})
	return rc, err
}

// inMessage is the stored form of a received message before its effect.
func inMessage(m *medcom.Message, raw []byte, channel string, a Actor, now time.Time) Message {
	msg := Message{ID: NewID(), Direction: DirectionIn, Kind: MessageUnreadable, Format: medcom.XML,
		ReceivedAt: now, Channel: channel, Actor: a.UserID, Raw: raw, Municipality: a.Municipality}
	if m == nil {
		return msg
	}
	msg.Format, msg.HeaderID, msg.BundleID, msg.Activity = m.Format, m.Header.ID, m.BundleID, m.Provenance.Activity
	if !m.Timestamp.IsZero() {
		ts := m.Timestamp
		msg.SentAt = &ts
	}
	if len(m.Provenance.Refers) > 0 {
		msg.RefersTo = m.Provenance.Refers[0]
	}
	switch m.Header.Event {
	case medcom.EventHospitalNotification:
		msg.Kind = MessageHospitalNotification
	case medcom.EventCareCommunication:
		msg.Kind = MessageCareCommunication
	case medcom.EventAcknowledgement:
		msg.Kind = MessageAcknowledgement
	}
	return msg
}

// futureTime refuses a notification whose event lies more than an hour
// after now (a clock slightly ahead is tolerated, as for hand entry).
func futureTime(m *medcom.Message, now time.Time) *medcom.Problem {
	if m.Notification == nil {
		return nil
	}
	if t := m.Notification.EventTime(); t.After(now.Add(time.Hour)) {
		return medcom.NewProblem(medcom.ProblemBadTime, "Encounter.period", calendar.FormatTime(t), "err.medcom.time_in_future")
	}
	return nil
}
