package workflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// received is one message being applied inside its transaction.
type received struct {
	sv  *Service
	tx  Tx
	a   Actor
	m   *medcom.Message
	msg *Message
	rc  *Receipt
	now time.Time
}

// inner is a Service whose transactions are this one, so that case
// transitions (fire) and urgent-roll steps join the message's transaction.
func (r *received) inner() *Service {
	return &Service{store: openTx{r.tx}, now: func() time.Time { return r.now }, settings: r.sv.settings}
}

func (r *received) apply(ctx context.Context) error {
	switch {
	case r.m.Notification != nil:
		return r.hospital(ctx)
	case r.m.Communication != nil:
		return r.careCommunication(ctx)
	case r.m.Ack != nil:
		return r.ack(ctx)
	}
	return nil
}

// hospital applies a HospitalNotification.
func (r *received) hospital(ctx context.Context) error {
	hn := r.m.Notification
	at := hn.EventTime()
	r.msg.EpisodeOfCare, r.msg.EventAt = hn.EpisodeOfCare, &at
	caseID, err := r.caseOf(ctx)
	if err != nil || caseID == "" {
		return err
	}
	s, err := r.attach(ctx, caseID)
	if err != nil {
		return err
	}
	act := hn.Activity
	switch {
	case act.Variant == medcom.VariantCancel:
		return r.cancel(ctx, s)
	case act.Variant == medcom.VariantRevise:
		return r.revise(ctx, s)
	case r.m.Patient.Deceased:
		return r.death(ctx, s, at)
	case act.Stay == medcom.StayAdmit && s.Case.State == StateActive:
		return r.pause(ctx, s, at)
	case act.Stay == medcom.StayDischarge:
		return r.discharge(ctx, s, at)
	}
	return nil
}

// attach puts the message on the case, recorded, and returns the case's
// snapshot.
func (r *received) attach(ctx context.Context, caseID string) (Snapshot, error) {
	s, err := r.tx.Snapshot(ctx, r.a.Scope(), caseID, r.now)
	if err != nil {
		return s, err
	}
	r.msg.CaseID, r.msg.Municipality, r.msg.Status = caseID, s.Case.Municipality, MessageRecorded
	c := s.Case
	r.rc.Case = &c
	return s, nil
}

// caseOf finds the DD case a message concerns: for a cancellation or
// revision the case of the message it refers to, otherwise the citizen's
// open case. No case: the message is recorded as not relevant ("").
func (r *received) caseOf(ctx context.Context) (string, error) {
	r.msg.Status = MessageNotRelevant
	if r.msg.RefersTo != "" && r.m.Notification.Activity.Variant != medcom.VariantNew {
		ref, ok, err := r.tx.MessageByHeader(ctx, DirectionIn, r.msg.RefersTo)
		if err != nil || (ok && ref.CaseID != "") {
			return ref.CaseID, err
		}
	}
	_, caseID, _, err := r.tx.CaseForCPR(ctx, r.a, r.m.Patient.CPR, r.now)
	return caseID, err
}

// note is the audit note of a transition a message made.
func (r *received) note() string {
	hn := r.m.Notification
	n := "Sygehusadvis: " + hn.Activity.DA + " " + calendar.FormatTime(hn.EventTime())
	if p := hn.ServiceProvider.Name; p != "" {
		n += ", " + p
	}
	return n
}

func (r *received) applied(effect string, c Case) {
	r.msg.Status, r.msg.Effect = MessageApplied, effect
	r.rc.Case = &c
}

// transition fires ev through the workflow (so guards, audit and figures
// stay right). A transition the case refuses leaves it as it was: ok false.
func (r *received) transition(ctx context.Context, caseID string, ev Event, in Input, after effects) (Case, bool, error) {
	c, err := r.inner().fire(ctx, r.a, caseID, ev, in, nil, after)
	if k := KindOf(err); k == KindInvalidTransition || k == KindInvalid || k == KindForbidden {
		return Case{}, false, nil
	}
	return c, err == nil, err
}

// pause pauses an active case from the admission and marks the rolls
// whose deadline falls in the stay not dispensed.
func (r *received) pause(ctx context.Context, s Snapshot, at time.Time) error {
	c, ok, err := r.transition(ctx, s.Case.ID, EventPause, Input{Reason: "hospital_admission", Note: r.note()},
		func(ctx context.Context, tx Tx, _ Snapshot, c *Case) error { return r.sv.pauseRolls(ctx, tx, c.ID, at) })
	if ok {
		r.applied(EffectPaused, c)
	}
	return err
}

// stayPause returns the message whose pause the case is still in (ok false
// when the case is not in a pause made by a message), and whether it
// belongs to this stay (episode of care).
func (r *received) stayPause(ctx context.Context, s Snapshot) (Message, bool, error) {
	if s.Case.State != StatePaused || s.Case.StateReason != "hospital_admission" {
		return Message{}, false, nil
	}
	ms, err := r.tx.CaseMessages(ctx, s.Case.ID)
	if err != nil {
		return Message{}, false, err
	}
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if m.Direction != DirectionIn || m.Status != MessageApplied ||
			!slices.Contains([]string{EffectPaused, EffectResumed, EffectEnded, EffectUndone}, m.Effect) {
			continue
		}
		// The latest message that changed the case; the case must not have
		// changed since (a resumption and new pause by hand).
		if m.Effect == EffectPaused && !s.Case.UpdatedAt.After(m.ReceivedAt) {
			return m, true, nil
		}
		break
	}
	return Message{}, false, nil
}

// discharge resumes a case this stay paused, with the rolls from the
// discharge and a prefilled urgent roll; a case paused otherwise stays
// paused and the nurse gets a worklist item.
func (r *received) discharge(ctx context.Context, s Snapshot, at time.Time) error {
	if s.Case.State != StatePaused {
		return nil
	}
	pm, ok, err := r.stayPause(ctx, s)
	if err != nil {
		return err
	}
	if ok && pm.EpisodeOfCare == r.msg.EpisodeOfCare {
		var urgent *UrgentRequest
		c, ok, err := r.transition(ctx, s.Case.ID, EventResume, Input{Note: r.note()},
			func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
				ps, err := r.sv.resumeRolls(ctx, tx, *c, at, s.Now)
				urgent = dischargeRequest(c.ID, HospitalNotice{At: at, Hospital: r.m.Notification.ServiceProvider.Name}, ps, s.Now)
				return err
			})
		if err != nil || ok {
			r.applied(EffectResumed, c)
			r.rc.Urgent = urgent
			return err
		}
	}
	return r.nurseItem(ctx, s.Case.ID, "Udskrevet "+calendar.FormatTime(at)+"; sagen er sat i bero af anden grund og genoptages ikke automatisk")
}

// nurseItem leaves the case as it is and puts the message on the nurse's
// worklist.
func (r *received) nurseItem(ctx context.Context, caseID, detail string) error {
	r.msg.Status, r.msg.Effect, r.msg.Detail = MessageApplied, EffectNurse, detail
	return r.tx.AddReminder(ctx, Reminder{ID: NewID(), CaseID: caseID, Kind: ReminderHospitalCheck, DueAt: r.now, Note: detail})
}

// death ends the case with reason death and cancels its open urgent rolls.
func (r *received) death(ctx context.Context, s Snapshot, at time.Time) error {
	if s.Case.State.Terminal() {
		return nil
	}
	ids, err := r.tx.OpenUrgentRollIDs(ctx, s.Case.ID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := r.inner().CancelUrgentRoll(ctx, r.a, id, "Borgeren er død ("+r.note()+")"); err != nil {
			return err
		}
	}
	c, ok, err := r.transition(ctx, s.Case.ID, EventEnd, Input{Reason: "death", Note: r.note()},
		func(ctx context.Context, tx Tx, _ Snapshot, c *Case) error { return r.sv.pauseRolls(ctx, tx, c.ID, at) })
	if ok {
		r.applied(EffectEnded, c)
		if len(ids) > 0 {
			r.msg.Detail = "akutruller annulleret: " + strings.Join(ids, ",")
		}
	}
	return err
}

// referred loads the message a cancellation or revision refers to.
func (r *received) referred(ctx context.Context) (Message, bool, error) {
	ref, ok, err := r.tx.MessageByHeader(ctx, DirectionIn, r.msg.RefersTo)
	if err == nil && !ok {
		r.msg.Detail = "den meddelelse, der henvises til, er ikke modtaget"
	}
	return ref, ok, err
}

// cancel undoes exactly the effect of the message it cancels: a pause is
// resumed from its own start, a resumption paused again from the
// discharge; an ended case (death) cannot be reopened, so the nurse gets a
// worklist item.
func (r *received) cancel(ctx context.Context, s Snapshot) error {
	ref, ok, err := r.referred(ctx)
	if err != nil || !ok {
		return err
	}
	if err := r.tx.SetMessageStatus(ctx, ref.ID, MessageCancelled); err != nil {
		return err
	}
	if ref.Status != MessageApplied || ref.EventAt == nil {
		return nil
	}
	since := !s.Case.UpdatedAt.After(ref.ReceivedAt)
	switch {
	case ref.Effect == EffectPaused && s.Case.State == StatePaused && since:
		from := *ref.EventAt
		c, ok, err := r.transition(ctx, s.Case.ID, EventResume, Input{Note: r.note()},
			func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
				_, err := r.sv.resumeRolls(ctx, tx, *c, from, s.Now)
				return err
			})
		if err != nil || ok {
			r.applied(EffectUndone, c)
			return err
		}
	case ref.Effect == EffectResumed && s.Case.State == StateActive && since:
		from := *ref.EventAt
		c, ok, err := r.transition(ctx, s.Case.ID, EventPause, Input{Reason: "hospital_admission", Note: r.note()},
			func(ctx context.Context, tx Tx, _ Snapshot, c *Case) error {
				return r.sv.pauseRolls(ctx, tx, c.ID, from)
			})
		if err != nil || ok {
			r.applied(EffectUndone, c)
			return err
		}
	case ref.Effect == EffectPaused || ref.Effect == EffectResumed || ref.Effect == EffectEnded:
	default:
		return nil
	}
	return r.nurseItem(ctx, s.Case.ID, "Annulleret: "+r.m.Notification.Activity.DA+
		"; sagen er ændret siden og rettes ikke automatisk")
}

// revise corrects the time of the message it revises: the stored time,
// and the rolls when that message paused or resumed the case and the case
// is still as it left it.
func (r *received) revise(ctx context.Context, s Snapshot) error {
	ref, ok, err := r.referred(ctx)
	if err != nil || !ok || ref.EventAt == nil {
		return err
	}
	old, at := *ref.EventAt, *r.msg.EventAt
	ref.EventAt = &at
	if err := r.tx.UpdateMessage(ctx, ref); err != nil {
		return err
	}
	r.msg.Status, r.msg.Effect = MessageApplied, EffectRevised
	r.msg.Detail = "tidspunkt rettet fra " + calendar.FormatTime(old) + " til " + calendar.FormatTime(at)
	if ref.Status != MessageApplied || s.Case.UpdatedAt.After(ref.ReceivedAt) {
		return nil
	}
	ps, err := r.tx.RollPeriods(ctx, s.Case.ID)
	if err != nil {
		return err
	}
	var set []Period
	var to PeriodStatus
	atDay, oldDay := calendar.DayOf(at), calendar.DayOf(old)
	switch {
	case ref.Effect == EffectPaused && s.Case.State == StatePaused:
		// The stay began at, not old: the pause covers deadlines from at.
		set, to = minus(PeriodsToPause(ps, atDay), PeriodsToPause(ps, oldDay)), PeriodNotDispensed
		if at.After(old) {
			set, to = minus(PeriodsToResume(ps, oldDay), PeriodsToResume(ps, atDay)), PeriodPlanned
		}
	case ref.Effect == EffectResumed && s.Case.State == StateActive:
		// The stay ended at, not old: rolls come back from at.
		set, to = minus(PeriodsToResume(ps, atDay), PeriodsToResume(ps, oldDay)), PeriodPlanned
		if at.After(old) {
			set, to = minus(PeriodsToPause(ps, oldDay), PeriodsToPause(ps, atDay)), PeriodNotDispensed
		}
	}
	for _, p := range set {
		if err := r.tx.SetPeriodStatus(ctx, p.ID, p.Status, to); err != nil {
			return err
		}
	}
	return nil
}

// minus returns the periods of a not in b.
func minus(a, b []Period) []Period {
	var out []Period
	for _, p := range a {
		if !slices.ContainsFunc(b, func(q Period) bool { return q.ID == p.ID }) {
			out = append(out, p)
		}
	}
	return out
}
