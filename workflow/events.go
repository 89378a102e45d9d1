package workflow

import (
	"context"
	"encoding/json"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Assess evaluates the citizen's facts against rs and stores the assessment
// with the rule-set version and the facts. An eligible verdict moves the
// case to awaiting consent; any other to assessed.
func (sv *Service) Assess(ctx context.Context, a Actor, caseID string, rs *eligibility.RuleSet, facts eligibility.Facts, note string) (eligibility.Verdict, Case, error) {
	v := eligibility.Evaluate(rs, facts)
	factsJSON, err := json.Marshal(facts)
	if err != nil {
		return v, Case{}, Invalid("err.case.facts_not_stored", err)
	}
	resultsJSON, err := json.Marshal(v.Results)
	if err != nil {
		return v, Case{}, err
	}
	c, err := sv.fire(ctx, a, caseID, EventAssess, Input{Outcome: string(v.Outcome), Note: note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			return tx.InsertAssessment(ctx, Assessment{ID: NewID(), CaseID: c.ID, RuleSetID: v.RuleSetID,
				RuleSetVersion: v.RuleSetVersion, Outcome: string(v.Outcome), FactsJSON: string(factsJSON),
				ResultsJSON: string(resultsJSON), AssessedBy: a.UserID, AssessedAt: s.Now})
		})
	return v, c, err
}

// RecordConsent records the citizen's (or substitute) consent.
func (sv *Service) RecordConsent(ctx context.Context, a Actor, caseID string, in ConsentInput, note string) (Case, error) {
	return sv.fire(ctx, a, caseID, EventConsent, Input{Consent: &in, Note: note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			return tx.InsertConsent(ctx, Consent{ConsentInput: in, ID: NewID(), CaseID: c.ID,
				RecordedBy: a.UserID, RecordedAt: s.Now})
		})
}

// WithdrawConsent records that consent was withdrawn; the case ends.
func (sv *Service) WithdrawConsent(ctx context.Context, a Actor, caseID, note string) (Case, error) {
	return sv.fire(ctx, a, caseID, EventWithdraw, Input{Reason: "consent_withdrawn", Note: note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			if err := tx.WithdrawConsents(ctx, c.ID, s.Now, a.UserID, note); err != nil {
				return err
			}
			return sv.pauseRolls(ctx, tx, c.ID, s.Now)
		})
}

// Decline records that the citizen or their representative said no.
func (sv *Service) Decline(ctx context.Context, a Actor, caseID, reason, note string) (Case, error) {
	return sv.fire(ctx, a, caseID, EventDecline, Input{Reason: reason, Note: note}, nil, nil)
}

// RequestGP sends the proposal to the citizen's GP and sets a follow-up
// reminder GPReminderDays working days later (Settings.GPFollowUpDue). A
// request to a GP who is absent today is marked with the absence; see
// GPRequestStatus and RedirectGPRequest.
func (sv *Service) RequestGP(ctx context.Context, a Actor, caseID, note string) (Case, error) {
	return sv.fire(ctx, a, caseID, EventRequest, Input{Note: note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			if err := tx.InsertGPRequest(ctx, GPRequest{ID: NewID(), CaseID: c.ID, GPID: c.GPID,
				RequestedAt: s.Now, RequestedBy: a.UserID}); err != nil {
				return err
			}
			if abs, absent, err := tx.GPAbsenceOn(ctx, c.GPID, calendar.Today(s.Now)); err != nil {
				return err
			} else if absent {
				if err := tx.MarkGPRequestAbsent(ctx, c.ID, abs.ID); err != nil {
					return err
				}
			}
			return tx.AddReminder(ctx, Reminder{ID: NewID(), CaseID: c.ID, Kind: ReminderGPFollowUp,
				DueAt: sv.settings.GPFollowUpDue(s.Now)})
		})
}

// GPDecision is the GP's answer to a request.
type GPDecision struct {
	Approved bool
	// Reason is a rejection reason code (see Reasons(EventReject)).
	Reason string
	// PrescriptionExpires is the DD prescription's expiry; zero means the
	// default length. It may be at most 24 months after the decision.
	PrescriptionExpires calendar.Date
	Note                string
}

// RecordGPDecision records the GP's approval or rejection.
func (sv *Service) RecordGPDecision(ctx context.Context, a Actor, caseID string, d GPDecision) (Case, error) {
	ev, decision := EventReject, "rejected"
	if d.Approved {
		ev, decision = EventApprove, "approved"
	}
	return sv.fire(ctx, a, caseID, ev, Input{Reason: d.Reason, Note: d.Note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			var expires calendar.Date
			if d.Approved {
				e, err := sv.prescriptionExpiry(calendar.Today(s.Now), d.PrescriptionExpires)
				if err != nil {
					return err
				}
				expires = e
				if err := tx.AddReminder(ctx, Reminder{ID: NewID(), CaseID: c.ID, Kind: ReminderRenewal,
					DueAt: sv.settings.RenewalDue(e)}); err != nil {
					return err
				}
				if err := tx.AddReminder(ctx, Reminder{ID: NewID(), CaseID: c.ID, Kind: ReminderFirstRoll,
					DueAt: sv.settings.FirstRollDue(s.Now)}); err != nil {
					return err
				}
			}
			if err := tx.CompleteReminders(ctx, c.ID, ReminderGPFollowUp, s.Now); err != nil {
				return err
			}
			return tx.DecideGPRequest(ctx, c.ID, s.Now, decision, d.Reason, expires)
		})
}

// prescriptionExpiry is the last day of a prescription approved on today:
// asked, or PrescriptionMonths later when asked is zero; at most 2 years
// (24 months, clamped to the month's end: from 29-02-2028 to 28-02-2030).
func (sv *Service) prescriptionExpiry(today, asked calendar.Date) (calendar.Date, error) {
	limit := today.AddMonths(24)
	if asked.IsZero() {
		return today.AddMonths(sv.settings.PrescriptionMonths), nil
	}
	if asked.After(limit) {
		return calendar.Date{}, Invalid("err.gp.prescription_too_long", limit.Format())
	}
	if !asked.After(today) {
		return calendar.Date{}, Invalid("err.gp.expiry_past")
	}
	return asked, nil
}

// Start starts dose dispensing at a pharmacy (pharmacyID may be empty when
// the case already has one).
func (sv *Service) Start(ctx context.Context, a Actor, caseID, pharmacyID, note string) (Case, error) {
	return sv.fire(ctx, a, caseID, EventStart, Input{Note: note},
		func(_ context.Context, _ Tx, s *Snapshot) error {
			if pharmacyID != "" {
				s.Case.PharmacyID = pharmacyID
			}
			return nil
		},
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			if err := tx.CompleteReminders(ctx, c.ID, ReminderFirstRoll, s.Now); err != nil {
				return err
			}
			return sv.startRolls(ctx, tx, s, c)
		})
}

// Pause pauses dose dispensing with a reason code.
func (sv *Service) Pause(ctx context.Context, a Actor, caseID, reason, note string) (Case, error) {
	return sv.fire(ctx, a, caseID, EventPause, Input{Reason: reason, Note: note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			return sv.pauseRolls(ctx, tx, c.ID, s.Now)
		})
}

// Resume resumes a paused case.
func (sv *Service) Resume(ctx context.Context, a Actor, caseID, note string) (Case, error) {
	return sv.fire(ctx, a, caseID, EventResume, Input{Note: note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			if err := tx.CompleteReminders(ctx, c.ID, ReminderPauseEnd, s.Now); err != nil {
				return err
			}
			_, err := sv.resumeRolls(ctx, tx, *c, s.Now, s.Now)
			return err
		})
}

// End ends a case with a reason code.
func (sv *Service) End(ctx context.Context, a Actor, caseID, reason, note string) (Case, error) {
	return sv.fire(ctx, a, caseID, EventEnd, Input{Reason: reason, Note: note}, nil,
		func(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
			// Periods whose deadline is still ahead will not be packed.
			return sv.pauseRolls(ctx, tx, c.ID, s.Now)
		})
}

// The reminder kinds the workflow creates.
const (
	ReminderGPFollowUp = "gp_followup"
	ReminderRenewal    = "prescription_renewal"
	ReminderFirstRoll  = "first_roll_due"
)
