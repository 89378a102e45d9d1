package workflow

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// PlanResult counts what planning did.
type PlanResult struct {
	// Cases is how many cases were planned.
	Cases int
	// Created is how many periods were added.
	Created int
	// Ready is how many planned periods passed their deadline and became
	// ready for packing.
	Ready int
}

// PlanCase extends an active case's schedule so that its periods cover
// until, and marks planned periods past their deadline ready. It is
// idempotent: planning again creates nothing twice.
func (sv *Service) PlanCase(ctx context.Context, a Actor, caseID string, until calendar.Date) ([]Period, PlanResult, error) {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return nil, PlanResult{}, err
	}
	var ps []Period
	var res PlanResult
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		s, err := tx.Snapshot(ctx, a.Scope(), caseID, now)
		if err != nil {
			return err
		}
		if s.Case.State != StateActive {
			return Invalid("err.period.plan_active_only", i18n.TextFunc(s.Case.State.Label))
		}
		ps, res, err = sv.planIn(ctx, tx, s.Case, calendar.DayOf(now), until)
		return err
	})
	return ps, res, err
}

// PlanAll extends the schedules of every active case in the actor's scope
// to until, one transaction per case.
func (sv *Service) PlanAll(ctx context.Context, a Actor, until calendar.Date) (PlanResult, error) {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return PlanResult{}, err
	}
	var ids []string
	if err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		var err error
		ids, err = tx.CasesToPlan(ctx, a.Scope())
		return err
	}); err != nil {
		return PlanResult{}, fmt.Errorf("list cases to plan: %w", err)
	}
	var total PlanResult
	for _, id := range ids {
		_, res, err := sv.PlanCase(ctx, a, id, until)
		if KindOf(err) == KindInvalid {
			continue // no longer active
		}
		if err != nil {
			return total, fmt.Errorf("plan case %s: %w", id, err)
		}
		total.Cases++
		total.Created += res.Created
		total.Ready += res.Ready
	}
	return total, nil
}

// planIn marks planned periods past their deadline ready and extends the
// schedule to until, inside tx. It returns the case's periods.
func (sv *Service) planIn(ctx context.Context, tx Tx, c Case, today, until calendar.Date) ([]Period, PlanResult, error) {
	var res PlanResult
	p, err := tx.Pharmacy(ctx, c.PharmacyID)
	if err != nil {
		return nil, res, err
	}
	ps, err := tx.RollPeriods(ctx, c.ID)
	if err != nil {
		return nil, res, err
	}
	for _, r := range PeriodsNowReady(ps, today) {
		if err := tx.SetPeriodStatus(ctx, r.ID, PeriodPlanned, PeriodReady); err != nil {
			return nil, res, err
		}
		res.Ready++
	}
	next, err := NextPeriods(p, c, ps, today, until)
	if err != nil {
		return nil, res, err
	}
	if len(next) > 0 {
		if err := tx.InsertPeriods(ctx, next); err != nil {
			return nil, res, err
		}
		res.Created = len(next)
	}
	if len(next) > 0 || res.Ready > 0 {
		if ps, err = tx.RollPeriods(ctx, c.ID); err != nil {
			return nil, res, err
		}
	}
	return ps, res, nil
}

// startRolls plans a starting case's first DefaultPlanWeeks of periods.
func (sv *Service) startRolls(ctx context.Context, tx Tx, s Snapshot, c *Case) error {
	today := calendar.DayOf(s.Now)
	_, _, err := sv.planIn(ctx, tx, *c, today, today.AddDays(7*DefaultPlanWeeks))
	return err
}

// pauseRolls marks the periods a pause from at stops not dispensed.
func (sv *Service) pauseRolls(ctx context.Context, tx Tx, caseID string, at time.Time) error {
	ps, err := tx.RollPeriods(ctx, caseID)
	if err != nil {
		return err
	}
	for _, p := range PeriodsToPause(ps, calendar.DayOf(at)) {
		if err := tx.SetPeriodStatus(ctx, p.ID, p.Status, PeriodNotDispensed); err != nil {
			return err
		}
	}
	return nil
}

// resumeRolls brings back the periods a resumption at at reaches and plans
// DefaultPlanWeeks ahead of it. It returns the case's periods.
func (sv *Service) resumeRolls(ctx context.Context, tx Tx, c Case, at, now time.Time) ([]Period, error) {
	ps, err := tx.RollPeriods(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	day := calendar.DayOf(at)
	for _, p := range PeriodsToResume(ps, day) {
		if err := tx.SetPeriodStatus(ctx, p.ID, PeriodNotDispensed, PeriodPlanned); err != nil {
			return nil, err
		}
	}
	today := calendar.DayOf(now)
	ps, _, err = sv.planIn(ctx, tx, c, today, laterDay(day, today).AddDays(7*DefaultPlanWeeks))
	return ps, err
}

// RecordDelivered records that the pharmacy delivered the roll of the
// case's period seq now: a period past its deadline becomes dispensed.
func (sv *Service) RecordDelivered(ctx context.Context, a Actor, caseID string, seq int) (Period, error) {
	return sv.RecordDeliveredAt(ctx, a, caseID, seq, time.Time{})
}

// RecordDeliveredAt is RecordDelivered at the actual delivery time at (zero:
// now); see ActualTime for the times it accepts.
func (sv *Service) RecordDeliveredAt(ctx context.Context, a Actor, caseID string, seq int, at time.Time) (Period, error) {
	if err := allowRoles(a, RolePharmacy, RoleAdmin); err != nil {
		return Period{}, err
	}
	var out Period
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		if _, err := tx.Snapshot(ctx, a.Scope(), caseID, now); err != nil {
			return err
		}
		p, err := periodBySeq(ctx, tx, caseID, seq)
		if err != nil {
			return err
		}
		if err := pharmacyOwns(a, p.PharmacyID, seq); err != nil {
			return err
		}
		if err := deliverable(p, calendar.DayOf(now)); err != nil {
			return err
		}
		when, err := ActualTime(at, now, p.Packing)
		if err != nil {
			return err
		}
		if err := tx.MarkPeriodDelivered(ctx, p.ID, p.Status, when); err != nil {
			return err
		}
		if err := tx.InsertPeriodEvent(ctx, PeriodEvent{PeriodID: p.ID, CaseID: caseID, PharmacyID: p.PharmacyID,
			At: when, Actor: a.UserID, ActorRole: a.Role, From: p.Status, To: PeriodDispensed}); err != nil {
			return err
		}
		p.Status, p.DeliveredAt = PeriodDispensed, &when
		out = p
		return nil
	})
	return out, err
}

// deliverable refuses to record p delivered on today unless
// p.Deliverable(today), saying why in the user's words: already delivered
// (a double click, or a colleague), not before the day after its deadline,
// or its status by its label, never by its code.
func deliverable(p Period, today calendar.Date) error {
	switch {
	case p.Deliverable(today):
		return nil
	case p.Status == PeriodDispensed || p.Status == PeriodReceived:
		return &Error{Kind: KindConflict,
			Key: "err.period.already_delivered", Args: []any{p.Seq, stampDay(p.DeliveredAt)}}
	case p.Status == PeriodPlanned:
		return Invalid("err.period.deliver_before_deadline", p.Seq, p.Deadline.Format())
	}
	return &Error{Kind: KindInvalid,
		Key: "err.period.cannot_deliver", Args: []any{p.Seq, i18n.TextFunc(p.Status.Label)}}
}

func periodBySeq(ctx context.Context, tx Tx, caseID string, seq int) (Period, error) {
	ps, err := tx.RollPeriods(ctx, caseID)
	if err != nil {
		return Period{}, err
	}
	i := slices.IndexFunc(ps, func(p Period) bool { return p.Seq == seq })
	if i < 0 {
		return Period{}, NotFound("err.period.not_found", seq)
	}
	return ps[i], nil
}

func allowRoles(a Actor, roles ...Role) error {
	if slices.Contains(roles, a.Role) {
		return nil
	}
	return Forbidden("err.role.may_not", i18n.Key("role."+string(a.Role)))
}

func laterDay(a, b calendar.Date) calendar.Date {
	if a.After(b) {
		return a
	}
	return b
}
