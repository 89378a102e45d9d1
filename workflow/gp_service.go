package workflow

import (
	"context"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// GPRequestStatus returns the case's open GP request, with Absent set when
// its GP is absent now (so the request can be redirected to the
// substitute). A case without an open request is not found.
func (sv *Service) GPRequestStatus(ctx context.Context, a Actor, caseID string) (GPRequestInfo, error) {
	var out GPRequestInfo
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		if _, err := tx.Snapshot(ctx, a.Scope(), caseID, now); err != nil {
			return err
		}
		r, err := openGPRequest(ctx, tx, caseID, now)
		out = r
		return err
	})
	return out, err
}

// openGPRequest loads the case's open request and its GP's absence at now.
func openGPRequest(ctx context.Context, tx Tx, caseID string, now time.Time) (GPRequestInfo, error) {
	r, ok, err := tx.OpenGPRequest(ctx, caseID)
	if err != nil {
		return r, err
	}
	if !ok {
		return r, NotFound("err.gp.no_open_request")
	}
	abs, absent, err := tx.GPAbsenceOn(ctx, r.GPID, calendar.Today(now))
	if err != nil {
		return r, err
	}
	if absent {
		r.Absent = &abs
	}
	return r, nil
}

// RedirectGPRequest sends the case's open GP request on to the substitute
// of its absent GP. The request keeps the original GP as
// redirected_from_gp_id, the follow-up reminder starts again from now, and
// the case gets an audit row (event gp_redirect, reason gp_absent) and a
// new version; the case stays awaiting the GP.
func (sv *Service) RedirectGPRequest(ctx context.Context, a Actor, caseID, note string) (Case, GPRequestInfo, error) {
	if a.Role != RoleNurse && a.Role != RoleLead && a.Role != RoleAdmin {
		return Case{}, GPRequestInfo{}, Forbidden("err.gp.role_may_not_redirect")
	}
	var out Case
	var info GPRequestInfo
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		snap, err := tx.Snapshot(ctx, a.Scope(), caseID, now)
		if err != nil {
			return err
		}
		c := snap.Case
		if c.State != StateAwaitingGP || !snap.GPRequestOpen {
			return &Error{Kind: KindInvalidTransition, Key: "err.gp.cannot_redirect", Unmet: []Guard{guardGPRequestOpen()}}
		}
		r, err := openGPRequest(ctx, tx, caseID, now)
		if err != nil {
			return err
		}
		var unmet []Guard
		if r.Absent == nil {
			unmet = append(unmet, Guard{Code: "gp_absent", Key: "err.guard.gp_absent"})
		} else if r.Absent.SubstituteGPID == "" {
			unmet = append(unmet, Guard{Code: "gp_substitute", Key: "err.guard.gp_substitute"})
		}
		if len(unmet) > 0 {
			return &Error{Kind: KindInvalidTransition, Key: "err.gp.cannot_redirect", Unmet: unmet}
		}
		if err := tx.RedirectGPRequest(ctx, caseID, r.Absent.SubstituteGPID, now); err != nil {
			return err
		}
		if err := tx.CompleteReminders(ctx, caseID, ReminderGPFollowUp, now); err != nil {
			return err
		}
		if err := tx.AddReminder(ctx, Reminder{ID: NewID(), CaseID: caseID, Kind: ReminderGPFollowUp,
			DueAt: sv.settings.GPFollowUpDue(now)}); err != nil {
			return err
		}
		c.UpdatedAt = now
		if err := tx.UpdateCase(ctx, c); err != nil {
			return err
		}
		c.Version++
		if err := tx.InsertAudit(ctx, AuditEvent{CaseID: c.ID, Seq: c.Version, At: now, Actor: a.UserID,
			ActorRole: a.Role, Event: EventGPRedirect, FromState: c.State, ToState: c.State,
			Reason: "gp_absent", Note: note}); err != nil {
			return err
		}
		r.RedirectedFromGPID, r.GPID, r.RedirectedAt = r.GPID, r.Absent.SubstituteGPID, &now
		out, info = c, r
		return nil
	})
	return out, info, err
}
