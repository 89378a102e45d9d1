package workflow

import (
	"github.com/dosis-dk/dosis/workflow/calendar"

	"github.com/dosis-dk/dosis/i18n"

	"strings"

	"context"
	"errors"
	"time"
)

// errDuplicateMessage aborts recording a notification whose message id
// another transaction stored first.
var errDuplicateMessage = errors.New("hospital message already recorded")

// RecordHospitalNotification records a hospital notification on a case in
// one transaction. An admission pauses an active case (reason
// hospital_admission) and marks the periods whose deadline falls in the
// pause not dispensed; a discharge resumes a case paused for a hospital
// admission, plans periods from the discharge and returns a prefilled
// urgent-roll request; a leave, or any notification that does not fit the
// case's state, is recorded only. A message id already recorded changes
// nothing (Duplicate).
func (sv *Service) RecordHospitalNotification(ctx context.Context, a Actor, caseID, kind string, at time.Time, hospital, messageID string) (HospitalOutcome, error) {
	n := HospitalNotice{CaseID: caseID, Kind: kind, At: at, Hospital: hospital, MessageID: messageID}
	outs, err := sv.ImportHospitalNotifications(ctx, a, []HospitalNotice{n})
	if err != nil {
		return HospitalOutcome{}, err
	}
	return outs[0], nil
}

// ImportHospitalNotifications records notifications in order, all in one
// transaction: if one fails, none is recorded. Errors name the notice's line.
func (sv *Service) ImportHospitalNotifications(ctx context.Context, a Actor, ns []HospitalNotice) ([]HospitalOutcome, error) {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return nil, err
	}
	now := sv.now().UTC()
	for _, n := range ns {
		if err := n.Validate(now); err != nil {
			return nil, atLine(n.Line, err)
		}
	}
	var outs []HospitalOutcome
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		outs = outs[:0]
		for _, n := range ns {
			o, err := sv.hospitalIn(ctx, tx, a, n, now)
			if err != nil {
				return atLine(n.Line, err)
			}
			outs = append(outs, o)
		}
		return nil
	})
	return outs, err
}

// openTx is a Store whose transaction is already open, so that a case
// transition (Service.fire) can be one part of a larger transaction.
type openTx struct{ tx Tx }

func (o openTx) Transact(ctx context.Context, fn func(context.Context, Tx) error) error {
	return fn(ctx, o.tx)
}

// hospitalIn records one notification inside tx.
func (sv *Service) hospitalIn(ctx context.Context, tx Tx, a Actor, n HospitalNotice, now time.Time) (HospitalOutcome, error) {
	out := HospitalOutcome{Action: "recorded"}
	if n.MessageID != "" {
		seen, err := tx.HospitalMessageSeen(ctx, n.MessageID)
		if err != nil || seen {
			out.Duplicate = seen
			return out, err
		}
	}
	s, err := tx.Snapshot(ctx, a.Scope(), n.CaseID, now)
	if err != nil {
		return out, err
	}
	// The one bound of a notice's time (Validate refuses the future): at
	// most HospitalBackDays back, and not before the case was opened (a
	// stay before it touched none of its rolls).
	if err := PastRange(calendar.Today(now.Add(time.Hour)), HospitalBackDays, calendar.DayOf(s.Case.OpenedAt)).CheckTime(i18n.Key("err.field.time"), n.At); err != nil {
		return out, err
	}
	source := "manual"
	if n.MessageID != "" {
		source = "import"
	}
	out.Notification = HospitalNotification{ID: NewID(), CaseID: s.Case.ID, Kind: n.Kind, At: n.At.UTC(),
		Hospital: n.Hospital, MessageID: n.MessageID, Source: source, RecordedBy: a.UserID, RecordedAt: now}
	insert := func(ctx context.Context, tx Tx) error {
		ok, err := tx.InsertHospitalNotification(ctx, out.Notification)
		if err == nil && !ok {
			err = errDuplicateMessage
		}
		return err
	}
	inner := &Service{store: openTx{tx}, now: func() time.Time { return now }, settings: sv.settings}
	note := hospitalNote(n)
	switch {
	case n.Kind == HospitalAdmission && s.Case.State == StateActive:
		out.Action = "paused"
		out.Case, err = inner.fire(ctx, a, n.CaseID, EventPause, Input{Reason: "hospital_admission", Note: note}, nil,
			func(ctx context.Context, tx Tx, _ Snapshot, c *Case) error {
				if err := insert(ctx, tx); err != nil {
					return err
				}
				return sv.pauseRolls(ctx, tx, c.ID, n.At)
			})
	case n.Kind == HospitalDischarge && s.Case.State == StatePaused && s.Case.StateReason == "hospital_admission":
		out.Action = "resumed"
		out.Case, err = inner.fire(ctx, a, n.CaseID, EventResume, Input{Note: note}, nil,
			func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
				if err := insert(ctx, tx); err != nil {
					return err
				}
				ps, err := sv.resumeRolls(ctx, tx, *c, n.At, s.Now)
				out.Urgent = dischargeRequest(c.ID, n, ps, s.Now)
				return err
			})
	default:
		out.Case, err = s.Case, insert(ctx, tx)
	}
	if errors.Is(err, errDuplicateMessage) {
		return HospitalOutcome{Duplicate: true, Action: "recorded"}, nil
	}
	return out, err
}

// hospitalNote is the audit note of a hospital notification as the Danish
// timeline shows it: "Indlæggelse Aalborg Sygehus 01-12-2026 09:30"
// (Danish time, calendar.FormatTime).
func hospitalNote(n HospitalNotice) string {
	return strings.TrimSpace(i18n.T(i18n.Danish, "hospital."+n.Kind)+" "+n.Hospital) + " " +
		calendar.FormatTime(n.At)
}
