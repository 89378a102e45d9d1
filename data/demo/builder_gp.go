package demo

import (
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// The workflow's default periods (workflow.DefaultSettings).
const (
	gpReminderDays = 7
	renewalNotice  = 30
	firstRollDays  = 7
)

// requestGP sends the proposal to the citizen's GP with a follow-up reminder.
func (b *caseBuild) requestGP(t time.Time) {
	t = b.fire(t, workflow.EventRequest, workflow.Input{})
	if b.err != nil {
		return
	}
	actor, _ := b.g.careActor()
	b.requests = append(b.requests, requestRec{id: b.g.r.id(), by: actor, requestedAt: t})
	b.snap.GPRequestOpen, b.snap.GPApproved, b.snap.PrescriptionExpires = true, false, calendar.Date{}
	b.reminders = append(b.reminders, reminderRec{id: b.g.r.id(), kind: workflow.ReminderGPFollowUp,
		due: t.AddDate(0, 0, gpReminderDays)})
}

// decideGP records the GP's approval (with the prescription's expiry) or
// rejection (with a reason code).
func (b *caseBuild) decideGP(t time.Time, approve bool, expiryMonths int, reason string) {
	ev, decision := workflow.EventReject, "rejected"
	in := workflow.Input{Reason: reason}
	if approve {
		ev, decision, in = workflow.EventApprove, "approved", workflow.Input{}
	}
	if reason == "other" {
		in.Note = "Se lægens begrundelse i korrespondancen"
	}
	t = b.fire(t, ev, in)
	if b.err != nil {
		return
	}
	b.completeReminders(workflow.ReminderGPFollowUp, t)
	r := &b.requests[len(b.requests)-1]
	decided := t
	r.decidedAt, r.decision, r.reason = &decided, decision, in.Reason
	b.snap.GPRequestOpen, b.snap.GPApproved = false, approve
	if approve {
		exp := calendar.DayOf(t).AddMonths(expiryMonths)
		r.expires = exp
		b.snap.PrescriptionExpires = exp
		b.reminders = append(b.reminders,
			reminderRec{id: b.g.r.id(), kind: workflow.ReminderRenewal, due: renewalDue(exp)},
			reminderRec{id: b.g.r.id(), kind: workflow.ReminderFirstRoll, due: t.AddDate(0, 0, firstRollDays)})
	}
}

// renewalDue is when the renewal reminder of a prescription expiring on
// exp is due, as workflow.Settings.RenewalDue computes it.
func renewalDue(exp calendar.Date) time.Time {
	s := workflow.DefaultSettings()
	s.RenewalNoticeDays = renewalNotice
	return s.RenewalDue(exp)
}

// renew records a renewal of the DD prescription: a request decided
// (approved) a few days later. It is no transition, so no audit row.
func (b *caseBuild) renew(req, decided time.Time) {
	actor, _ := b.g.careActor()
	b.completeReminders(workflow.ReminderRenewal, req)
	rec := requestRec{id: b.g.r.id(), by: actor, requestedAt: req}
	if !decided.After(b.g.sh.now) {
		exp := calendar.DayOf(decided).AddMonths(24)
		d := decided
		rec.decidedAt, rec.decision, rec.expires = &d, "approved", exp
		b.snap.GPRequestOpen, b.snap.GPApproved, b.snap.PrescriptionExpires = false, true, exp
		b.reminders = append(b.reminders, reminderRec{id: b.g.r.id(), kind: workflow.ReminderRenewal,
			due: renewalDue(exp)})
	} else {
		b.snap.GPRequestOpen, b.snap.GPApproved, b.snap.PrescriptionExpires = true, false, calendar.Date{}
	}
	b.requests = append(b.requests, rec)
}

// start starts dispensing at the pharmacy.
func (b *caseBuild) start(t time.Time, ph *pharmacy) time.Time {
	b.c.PharmacyID = ph.ID
	t = b.fire(t, workflow.EventStart, workflow.Input{})
	if b.err == nil {
		b.completeReminders(workflow.ReminderFirstRoll, t)
		b.startedAt = t
	}
	return t
}

// pause pauses dispensing with a reason code.
func (b *caseBuild) pause(t time.Time, reason string) time.Time {
	in := workflow.Input{Reason: reason}
	if reason == "other" {
		in.Note = "Midlertidigt ophold på aflastningsplads"
	}
	t = b.fire(t, workflow.EventPause, in)
	b.pauses = append(b.pauses, pauseRec{reason: reason, from: t})
	return t
}

// resume resumes dispensing.
func (b *caseBuild) resume(t time.Time) time.Time {
	t = b.fire(t, workflow.EventResume, workflow.Input{})
	if n := len(b.pauses); n > 0 {
		b.pauses[n-1].to = t
	}
	return t
}

// end ends the case with a reason code, or withdraws consent when reason
// is "consent_withdrawn".
func (b *caseBuild) end(t time.Time, reason string) time.Time {
	if reason == "consent_withdrawn" {
		t = b.fire(t, workflow.EventWithdraw, workflow.Input{Reason: reason})
		if b.err == nil {
			actor, _ := b.g.careActor()
			for i := range b.consents {
				if b.consents[i].withdrawnAt == nil {
					w := t
					b.consents[i].withdrawnAt, b.consents[i].withdrawnBy = &w, actor
					b.consents[i].note = "Borgeren ønsker at dosere selv igen"
				}
			}
			b.snap.ConsentActive = false
		}
	} else {
		in := workflow.Input{Reason: reason}
		if reason == "other" {
			in.Note = "Se journalnotat"
		}
		t = b.fire(t, workflow.EventEnd, in)
	}
	return t
}

func (b *caseBuild) completeReminders(kind string, t time.Time) {
	for i := range b.reminders {
		if b.reminders[i].kind == kind && b.reminders[i].done == nil {
			d := t
			b.reminders[i].done = &d
		}
	}
}

// finish writes the case row and its deferred records.
func (b *caseBuild) finish() error {
	if b.err != nil {
		return b.err
	}
	g, c := b.g, b.c
	if c.ClosedAt != nil {
		for i := range b.reminders {
			if b.reminders[i].done == nil {
				d := *c.ClosedAt
				b.reminders[i].done = &d
			}
		}
	}
	var pharmacyID any
	if c.PharmacyID != "" {
		pharmacyID = c.PharmacyID
	}
	g.t.cases.add(c.ID, c.CitizenID, c.Municipality, string(c.State), c.Version, c.Source, c.GPID, pharmacyID,
		c.StateReason, c.OpenedAt, c.UpdatedAt, c.ClosedAt)
	for _, x := range b.consents {
		g.t.consents.add(x.id, c.ID, x.by, x.giverName, x.method, x.givenOn, x.dailyCare, x.recordedBy, x.recordedAt,
			x.withdrawnAt, x.withdrawnBy, x.note)
	}
	for _, r := range b.requests {
		g.t.gpRequests.add(r.id, c.ID, c.GPID, r.requestedAt, r.by, r.decidedAt, r.decision, r.reason, r.expires)
	}
	for _, r := range b.reminders {
		g.t.reminders.add(r.id, c.ID, r.kind, r.due, r.done, "")
	}
	g.sh.stats.Cases++
	return nil
}
