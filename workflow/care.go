package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// CheckNote refuses a note longer than MaxNoteLength characters.
func CheckNote(note string) error {
	return CheckText(i18n.Key("err.field.note"), note, TextNote)
}

// The audit events of case actions that keep the case's state.
const (
	// EventCitizenGP: the citizen's GP changed and the open case follows.
	EventCitizenGP Event = "citizen_gp"
	// EventCitizenMove: the citizen moved and the case with them.
	EventCitizenMove Event = "citizen_move"
	// EventPeriodExtend: a roll period was extended to 15–28 days.
	EventPeriodExtend Event = "period_extend"
	// EventRenewal: the GP renewed the dose-dispensing prescription.
	EventRenewal Event = "prescription_renewal"
)

// ProfessionalRuleSet is the rule-set id of an assessment that records the
// nurse's professional judgement of a "needs review" verdict.
const ProfessionalRuleSet = "professional"

// ReasonProfessional is the state reason of a case moved by a professional
// assessment.
const ReasonProfessional = "professional_assessment"

// ReminderPauseEnd is the reminder of a pause's planned end.
const ReminderPauseEnd = "pause_end"

// MaxPauseDays is how far ahead a pause's planned end may lie.
const MaxPauseDays = 366

// GPFollowsCitizen reports whether a case in state s takes a new GP of its
// citizen: until it has been sent to a GP.
func GPFollowsCitizen(s State) bool {
	switch s {
	case StateIdentified, StateAssessed, StateAwaitingConsent, StateConsented:
		return true
	}
	return false
}

// caseAction runs fn on the case in one transaction and records it as an
// audit row of ev that keeps the case's state (a new version, so a
// concurrent transition fails cleanly).
func (sv *Service) caseAction(ctx context.Context, a Actor, caseID string, ev Event, reason, note string,
	fn func(ctx context.Context, tx Tx, s Snapshot) error) (Case, error) {
	var out Case
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		snap, err := tx.Snapshot(ctx, a.Scope(), caseID, now)
		if err != nil {
			return err
		}
		if err := fn(ctx, tx, snap); err != nil {
			return err
		}
		c := snap.Case
		c.UpdatedAt = now
		if err := tx.UpdateCase(ctx, c); err != nil {
			return err
		}
		c.Version++
		out = c
		return tx.InsertAudit(ctx, AuditEvent{CaseID: c.ID, Seq: c.Version, At: now, Actor: a.UserID, ActorRole: a.Role,
			Event: ev, FromState: c.State, ToState: c.State, Reason: reason, Note: note})
	})
	return out, err
}

// ProfessionalAssessment records the nurse's professional judgement of a
// case whose latest rule verdict is "needs review": eligible or not, with a
// reason. It is stored as an assessment of ProfessionalRuleSet beside (and
// pointing at) the rule verdict, and moves the case as an assessment with
// that outcome would.
func (sv *Service) ProfessionalAssessment(ctx context.Context, a Actor, caseID string, eligible bool, reason string) (Case, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Case{}, Invalid("err.care.assessment_needs_reason")
	}
	if err := CheckNote(reason); err != nil {
		return Case{}, err
	}
	outcome := "not_eligible"
	if eligible {
		outcome = "eligible"
	}
	return sv.fire(ctx, a, caseID, EventAssess, Input{Outcome: outcome, Reason: ReasonProfessional, Note: reason},
		func(_ context.Context, _ Tx, s *Snapshot) error {
			if s.Outcome != "needs_review" {
				return Invalid("err.care.assessment_needs_review_verdict")
			}
			return nil
		},
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			judged, _, err := tx.LatestAssessment(ctx, c.ID)
			if err != nil {
				return err
			}
			// The judgement must sort after the verdict it judges, even
			// within the same instant: the latest assessment is in force.
			at := s.Now
			if !at.After(judged.AssessedAt) {
				at = judged.AssessedAt.Add(time.Millisecond)
			}
			return tx.InsertAssessment(ctx, Assessment{ID: NewID(), CaseID: c.ID, RuleSetID: ProfessionalRuleSet,
				RuleSetVersion: "1", Outcome: outcome, FactsJSON: "{}", ResultsJSON: "[]", AssessedBy: a.UserID,
				AssessedAt: at, Reason: reason, JudgedAssessmentID: judged.ID})
		})
}

// PauseUntil pauses dose dispensing as Pause does, with a planned end: a
// reminder (ReminderPauseEnd) on the civil date until, at 08:00 Danish
// time, that resuming completes.
func (sv *Service) PauseUntil(ctx context.Context, a Actor, caseID, reason, note string, until calendar.Date) (Case, error) {
	if err := CheckNote(note); err != nil {
		return Case{}, err
	}
	today := calendar.Today(sv.now())
	switch {
	case until.IsZero():
		return sv.Pause(ctx, a, caseID, reason, note)
	case !until.After(today):
		return Case{}, Invalid("err.care.pause_end_past", until.Format())
	case until.After(today.AddDays(MaxPauseDays)):
		return Case{}, Invalid("err.care.pause_end_too_far", until.Format())
	}
	due := until.At(8, 0).UTC()
	return sv.fire(ctx, a, caseID, EventPause, Input{Reason: reason, Note: note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			if err := sv.pauseRolls(ctx, tx, c.ID, s.Now); err != nil {
				return err
			}
			return tx.AddReminder(ctx, Reminder{ID: NewID(), CaseID: c.ID, Kind: ReminderPauseEnd, DueAt: due})
		})
}

// RecordRenewal records that the GP renewed the dose-dispensing
// prescription until expires (zero: the default length from today, at most
// 2 years): the renewal reminder is done and a new one is set before the
// new expiry.
func (sv *Service) RecordRenewal(ctx context.Context, a Actor, caseID string, expires calendar.Date, note string) (Case, error) {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return Case{}, err
	}
	if err := CheckNote(note); err != nil {
		return Case{}, err
	}
	return sv.caseAction(ctx, a, caseID, EventRenewal, "", note, func(ctx context.Context, tx Tx, s Snapshot) error {
		switch s.Case.State {
		case StateApproved, StateActive, StatePaused:
		default:
			return Invalid("err.care.renewal_wrong_state", i18n.TextFunc(s.Case.State.Label))
		}
		e, err := sv.prescriptionExpiry(calendar.Today(s.Now), expires)
		if err != nil {
			return err
		}
		if err := tx.RenewPrescription(ctx, s.Case.ID, e); err != nil {
			return err
		}
		if err := tx.CompleteReminders(ctx, s.Case.ID, ReminderRenewal, s.Now); err != nil {
			return err
		}
		return tx.AddReminder(ctx, Reminder{ID: NewID(), CaseID: s.Case.ID, Kind: ReminderRenewal, DueAt: sv.settings.RenewalDue(e)})
	})
}
