package workflow

import (
	"context"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// ChangeOutcome is a recorded medication change with its decision, its
// explanation and, when an urgent roll is needed, the prefilled request.
type ChangeOutcome struct {
	Change   MedicationChange
	Decision ChangeDecision
	// Urgent is the prefilled urgent-roll request (decision urgent_roll).
	Urgent        *UrgentRequest
	ExplanationDA string
	ExplanationEN string
}

// RecordMedicationChange records a change to an active or paused case's
// medicines and decides how it reaches the citizen (see DecideChange). For
// an active case the schedule is first extended to cover the effective date.
func (sv *Service) RecordMedicationChange(ctx context.Context, a Actor, caseID string, in ChangeInput) (ChangeOutcome, error) {
	var out ChangeOutcome
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return out, err
	}
	in.Description = strings.TrimSpace(in.Description)
	if in.Description == "" || in.Effective.IsZero() {
		return out, Invalid("err.change.needs_description_and_date")
	}
	eff := in.Effective
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		s, err := tx.Snapshot(ctx, a.Scope(), caseID, now)
		if err != nil {
			return err
		}
		today := calendar.DayOf(now)
		if err := ChangeRange(today).Check(i18n.Key("err.field.effective"), eff); err != nil {
			return err
		}
		var ps []Period
		switch s.Case.State {
		case StateActive:
			ps, _, err = sv.planIn(ctx, tx, s.Case, today, laterDay(eff, today.AddDays(7*DefaultPlanWeeks)))
		case StatePaused:
			ps, err = tx.RollPeriods(ctx, caseID)
		default:
			return Invalid("err.change.wrong_state", i18n.TextFunc(s.Case.State.Label))
		}
		if err != nil {
			return err
		}
		d := DecideChange(ps, eff, now, in.Bridge)
		m := MedicationChange{ID: NewID(), CaseID: caseID, EffectiveDate: eff, Description: in.Description,
			Decision: d.Decision, RecordedBy: a.UserID, RecordedAt: now}
		if d.Carrier != nil {
			m.PeriodID = d.Carrier.ID
		}
		if err := tx.InsertMedicationChange(ctx, m); err != nil {
			return err
		}
		out = ChangeOutcome{Change: m, Decision: d}
		out.ExplanationDA, out.ExplanationEN = d.Explain(eff, now)
		if d.Decision == ChangeUrgentRoll {
			out.Urgent = &UrgentRequest{CaseID: caseID, Reason: UrgentReasonMedicationChange, NeededBy: d.NeededBy,
				Note: "Medicinændring fra " + eff.Format() + ": " + in.Description}
		}
		return nil
	})
	return out, err
}
