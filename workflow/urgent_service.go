package workflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// urgentCaseAllowed reports whether an urgent roll with reason may be
// requested on a case in state s: active and paused cases always, an
// approved case only for the reason "start".
func urgentCaseAllowed(s State, reason string) bool {
	return s == StateActive || s == StatePaused || (s == StateApproved && reason == UrgentReasonStart)
}

// RequestUrgentRoll requests an urgent roll (akutrulle) from the case's
// pharmacy. Nurses, project leads and admins may request; the case must be
// active or paused (or approved, for the reason "start") and have a
// pharmacy. The pharmacy's promise is the request time plus its lead time
// in working hours on its calendar.
func (sv *Service) RequestUrgentRoll(ctx context.Context, a Actor, r UrgentRequest) (UrgentRoll, error) {
	if a.Role != RoleNurse && a.Role != RoleLead && a.Role != RoleAdmin {
		return UrgentRoll{}, Forbidden("err.urgent.role_may_not_request")
	}
	if !slices.Contains(UrgentReasons(), r.Reason) {
		return UrgentRoll{}, Invalid("err.urgent.unknown_reason", r.Reason, strings.Join(UrgentReasons(), ", "))
	}
	if r.NeededBy.IsZero() {
		return UrgentRoll{}, Invalid("err.urgent.needed_by_missing")
	}
	if err := CheckText(i18n.Key("err.field.note"), r.Note, TextNote); err != nil {
		return UrgentRoll{}, err
	}
	var out UrgentRoll
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		if !r.NeededBy.After(now) {
			return Invalid("err.urgent.needed_by_past", calendar.FormatTime(r.NeededBy))
		}
		if r.NeededBy.After(now.AddDate(0, 0, MaxPeriodDays)) {
			// An urgent roll is for the coming days; a date further out than
			// the longest period is a typing error ("2062" for "2026"), and
			// the regular rolls cover it anyway.
			return Invalid("err.urgent.needed_by_too_far", calendar.FormatTime(r.NeededBy), MaxPeriodDays)
		}
		snap, err := tx.Snapshot(ctx, a.Scope(), r.CaseID, now)
		if err != nil {
			return err
		}
		if err := urgentCaseGuards(snap.Case, r.Reason); err != nil {
			return err
		}
		open, err := tx.OpenUrgentRolls(ctx, snap.Case.ID, r.Key)
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(open, func(u UrgentRoll) bool { return sameUrgentRequest(u, r) }); i >= 0 {
			out = open[i]
			out.Existing = true
			return nil
		}
		p, err := tx.Pharmacy(ctx, snap.Case.PharmacyID)
		if err != nil {
			return err
		}
		promised, err := PromisedBy(p, now)
		if err != nil {
			return err
		}
		u := UrgentRoll{RequestKey: r.Key, ID: NewID(), CaseID: snap.Case.ID, PharmacyID: p.ID, Municipality: snap.Case.Municipality,
			Reason: r.Reason, Status: UrgentRequested, Version: 1, NeededBy: r.NeededBy.UTC(),
			PromisedBy: promised, RequestedAt: now, RequestedBy: a.UserID, Note: r.Note}
		if err := tx.InsertUrgentRoll(ctx, u); err != nil {
			return err
		}
		out = u
		return tx.InsertUrgentEvent(ctx, UrgentEvent{UrgentRollID: u.ID, Seq: 1, At: now, Actor: a.UserID,
			ActorRole: a.Role, To: UrgentRequested, Note: r.Note})
	})
	return out, err
}

// sameUrgentRequest reports whether r repeats the request of u: the same
// key (a resubmitted form, a retry), or, for an open roll, the same reason
// and needed-by time (a second identical order: one case had 82 open).
func sameUrgentRequest(u UrgentRoll, r UrgentRequest) bool {
	if r.Key != "" && u.RequestKey == r.Key {
		return true
	}
	return u.Status.Open() && u.Reason == r.Reason && u.NeededBy.Equal(r.NeededBy.UTC())
}

func urgentCaseGuards(c Case, reason string) error {
	var unmet []Guard
	if !urgentCaseAllowed(c.State, reason) {
		unmet = append(unmet, Guard{Code: "urgent_case_state",
			Key: "err.guard.urgent_case_state"})
	}
	if c.PharmacyID == "" {
		unmet = append(unmet, guardHasPharmacy())
	}
	if len(unmet) == 0 {
		return nil
	}
	return &Error{Kind: KindInvalidTransition, Key: "err.urgent.cannot_request", Unmet: unmet}
}

// PromisedBy is when pharmacy p promises an urgent roll requested at
// requestedAt: LeadTimeHours working hours later on the pharmacy's calendar,
// counted on Danish days, truncated to the second. A lead time beyond the
// calendar's bound (stored before settings were checked) is a clear
// invalid-input error naming the pharmacy, not a request that never ends.
func PromisedBy(p Pharmacy, requestedAt time.Time) (time.Time, error) {
	local := requestedAt.In(calendar.Copenhagen()).Truncate(time.Second)
	t, err := p.Calendar().AddWorkingHours(local, p.LeadTimeHours)
	if err != nil {
		return time.Time{}, &Error{Kind: KindInvalid, Err: err,
			Key: "err.urgent.lead_time_over_limit", Args: []any{p.Name, p.LeadTimeHours, calendar.MaxWorkingHours}}
	}
	return t.UTC(), nil
}

// AcceptUrgentRoll records that the pharmacy accepted the urgent roll.
func (sv *Service) AcceptUrgentRoll(ctx context.Context, a Actor, id, note string) (UrgentRoll, error) {
	return sv.urgentStep(ctx, a, id, UrgentStepAccept, "", note)
}

// RejectUrgentRoll records that the pharmacy rejected the urgent roll, with
// a reason the municipality can act on.
func (sv *Service) RejectUrgentRoll(ctx context.Context, a Actor, id, reason string) (UrgentRoll, error) {
	if strings.TrimSpace(reason) == "" {
		return UrgentRoll{}, Invalid("err.urgent.rejection_needs_reason")
	}
	return sv.urgentStep(ctx, a, id, UrgentStepReject, reason, "")
}

// MarkUrgentPacked records that the pharmacy packed the urgent roll.
func (sv *Service) MarkUrgentPacked(ctx context.Context, a Actor, id, note string) (UrgentRoll, error) {
	return sv.urgentStep(ctx, a, id, UrgentStepPack, "", note)
}

// MarkUrgentDelivered records that the pharmacy delivered the urgent roll.
func (sv *Service) MarkUrgentDelivered(ctx context.Context, a Actor, id, note string) (UrgentRoll, error) {
	return sv.urgentStep(ctx, a, id, UrgentStepDeliver, "", note)
}

// CancelUrgentRoll records that the requesting municipality cancelled the
// urgent roll (while requested or accepted).
func (sv *Service) CancelUrgentRoll(ctx context.Context, a Actor, id, note string) (UrgentRoll, error) {
	return sv.urgentStep(ctx, a, id, UrgentStepCancel, "", note)
}

// urgentStep takes one step in one transaction: the roll's new status and
// step time (version-checked) and its audit row, or nothing.
func (sv *Service) urgentStep(ctx context.Context, a Actor, id string, step UrgentStep, reason, note string) (UrgentRoll, error) {
	if err := CheckText(i18n.Key("err.field.reason"), reason, TextNote); err != nil {
		return UrgentRoll{}, err
	}
	if err := CheckNote(note); err != nil {
		return UrgentRoll{}, err
	}
	var out UrgentRoll
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		u, err := tx.UrgentRoll(ctx, a.Scope(), id)
		if err != nil {
			return err
		}
		to, err := DecideUrgent(u, a, step)
		if err != nil {
			return err
		}
		from := u.Status
		u.Status = to
		switch step {
		case UrgentStepAccept:
			u.AcceptedAt = &now
		case UrgentStepReject:
			u.RejectedAt, u.RejectReason, note = &now, reason, reason
		case UrgentStepPack:
			u.PackedAt = &now
		case UrgentStepDeliver:
			u.DeliveredAt = &now
		case UrgentStepCancel:
			u.CancelledAt = &now
		}
		if err := tx.UpdateUrgentRoll(ctx, u); err != nil {
			return err
		}
		u.Version++
		out = u
		return tx.InsertUrgentEvent(ctx, UrgentEvent{UrgentRollID: u.ID, Seq: u.Version, At: now,
			Actor: a.UserID, ActorRole: a.Role, From: from, To: to, Note: note})
	})
	return out, err
}
