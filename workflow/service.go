package workflow

import (
	"context"
	"crypto/rand"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/i18n"
)

// Settings are the workflow's tunable periods.
type Settings struct {
	// GPReminderDays is how many working days (GPCalendar: no weekends,
	// public holidays or default closing days) after a GP request its
	// follow-up is due; see GPFollowUpDue.
	GPReminderDays int
	// PrescriptionMonths is the default length of a DD prescription (max 24).
	PrescriptionMonths int
	// RenewalNoticeDays is how long before expiry the renewal reminder is due.
	RenewalNoticeDays int
	// FirstRollDays is how many days after approval the first roll must be ready.
	FirstRollDays int
}

// DefaultSettings returns the settings from DOMAIN.md.
func DefaultSettings() Settings {
	return Settings{GPReminderDays: 7, PrescriptionMonths: 24, RenewalNoticeDays: 30, FirstRollDays: 7}
}

// Service runs case transitions: each one reads a snapshot, checks the
// guards, and writes the new state, its audit row, its records and its
// reminders in one transaction, or nothing.
type Service struct {
	store    Store
	now      func() time.Time
	settings Settings
}

// NewService returns a Service on store with an injected clock.
func NewService(store Store, now func() time.Time, settings Settings) *Service {
	return &Service{store: store, now: now, settings: settings}
}

// NewID returns a new opaque identifier (26 base32 characters).
func NewID() string { return rand.Text() }

// effects are what a transition writes besides the new state.
type effects func(ctx context.Context, tx Tx, s Snapshot, c *Case) error

// fire runs one transition in one transaction.
func (sv *Service) fire(ctx context.Context, a Actor, caseID string, ev Event, in Input, before func(context.Context, Tx, *Snapshot) error, after effects) (Case, error) {
	if err := CheckText(i18n.Key("err.field.note"), in.Note, TextNote); err != nil {
		return Case{}, err
	}
	var out Case
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		snap, err := tx.Snapshot(ctx, a.Scope(), caseID, now)
		if err != nil {
			return err
		}
		if before != nil {
			if err := before(ctx, tx, &snap); err != nil {
				return err
			}
		}
		to, err := Decide(snap, a.Role, ev, in)
		if err != nil {
			return err
		}
		c := snap.Case
		if after != nil {
			if err := after(ctx, tx, snap, &c); err != nil {
				return err
			}
		}
		from := c.State
		c.State = to
		c.StateReason = in.Reason
		c.UpdatedAt = now
		if to.Terminal() {
			c.ClosedAt = &now
		}
		if err := tx.UpdateCase(ctx, c); err != nil {
			return err
		}
		c.Version++
		if err := tx.InsertAudit(ctx, AuditEvent{CaseID: c.ID, Seq: c.Version, At: now,
			Actor: a.UserID, ActorRole: a.Role, Event: ev, FromState: from, ToState: to,
			Reason: in.Reason, Note: in.Note}); err != nil {
			return err
		}
		out = c
		return nil
	})
	return out, err
}

// OpenCase opens a case for a citizen in the actor's scope.
func (sv *Service) OpenCase(ctx context.Context, a Actor, citizenID, source string) (Case, error) {
	if a.Role != RoleNurse && a.Role != RoleLead && a.Role != RoleAdmin {
		return Case{}, Forbidden("err.case.role_may_not_open")
	}
	if !slices.Contains(Sources(), source) {
		return Case{}, Invalid("err.case.unknown_source", source)
	}
	var out Case
	err := sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		cit, err := tx.Citizen(ctx, a.Scope(), citizenID)
		if err != nil {
			return err
		}
		now := sv.now().UTC()
		c := Case{ID: NewID(), CitizenID: cit.ID, Municipality: cit.Municipality, State: StateIdentified,
			Version: 1, Source: source, GPID: cit.GPID, OpenedAt: now, UpdatedAt: now}
		if err := tx.InsertCase(ctx, c); err != nil {
			return err
		}
		out = c
		return tx.InsertAudit(ctx, AuditEvent{CaseID: c.ID, Seq: 1, At: now, Actor: a.UserID,
			ActorRole: a.Role, Event: EventOpen, ToState: StateIdentified, Note: source})
	})
	return out, err
}
