package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"context"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Deviation is one finding of the municipality's receipt control
// (modtagekontrol) of a delivered roll: a regular period's or an urgent
// roll's. Its kind is one of DeviationKinds.
type Deviation struct {
	CaseID string
	// PeriodID is the period whose roll was checked (0 for an urgent roll).
	PeriodID int64
	// UrgentRollID is the urgent roll that was checked ("" for a period).
	UrgentRollID string
	PharmacyID   string
	Kind         string
	Note         string
	RecordedBy   string
	RecordedAt   time.Time
}

// ReceiptInput is what the nurse records at receipt control: zero or more
// deviation kinds and a free-text note.
type ReceiptInput struct {
	Deviations []string
	Note       string
	// At is when the roll was actually received (zero: now); see ActualTime.
	At time.Time
}

// Validate checks the deviation kinds against DeviationKinds.
func (in ReceiptInput) Validate() error {
	if err := CheckNote(in.Note); err != nil {
		return err
	}
	for i, k := range in.Deviations {
		if !slices.Contains(DeviationKinds(), k) {
			return Invalid("err.receipt.unknown_deviation", k, strings.Join(DeviationKinds(), ", "))
		}
		if slices.Contains(in.Deviations[:i], k) {
			return Invalid("err.receipt.deviation_twice", k)
		}
	}
	return CheckText(i18n.Key("err.field.note"), in.Note, TextNote)
}

// DeviationLabel names a deviation kind for users in lang ("da" or "en").
func DeviationLabel(kind string, lang i18n.Lang) string {
	return labelIn("deviation.", kind, lang)
}

// UrgentReceiptInfo is what receipt control needs of an urgent roll.
type UrgentReceiptInfo struct {
	ID         string
	CaseID     string
	PharmacyID string
	Status     UrgentStatus
	ReceivedAt *time.Time
}

// RecordReceipt records the receipt control of the roll of the case's
// period seq. Only a dispensed (delivered) period can be received, once.
func (sv *Service) RecordReceipt(ctx context.Context, a Actor, caseID string, seq int, in ReceiptInput) (Period, error) {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return Period{}, err
	}
	if err := in.Validate(); err != nil {
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
		switch p.Status {
		case PeriodDispensed:
		case PeriodReceived:
			return &Error{Kind: KindConflict,
				Key: "err.receipt.period_already_received", Args: []any{seq, stampDay(p.ReceivedAt)}}
		default:
			return &Error{Kind: KindInvalid,
				Key: "err.receipt.period_not_delivered", Args: []any{seq, i18n.TextFunc(p.Status.Label)}}
		}
		at, err := ActualTime(in.At, now, deliveredDay(p.DeliveredAt))
		if err != nil {
			return err
		}
		if err := tx.MarkPeriodReceived(ctx, p.ID, at, a.UserID, in.Note); err != nil {
			return err
		}
		if err := tx.InsertReceiptDeviations(ctx, deviations(in, Deviation{CaseID: caseID, PeriodID: p.ID,
			PharmacyID: p.PharmacyID, RecordedBy: a.UserID, RecordedAt: now})); err != nil {
			return err
		}
		p.Status, p.ReceivedAt, p.ReceivedBy, p.ReceiptNote = PeriodReceived, &at, a.UserID, in.Note
		out = p
		return nil
	})
	return out, err
}

// RecordUrgentReceipt records the receipt control of a delivered urgent
// roll of the case, once.
func (sv *Service) RecordUrgentReceipt(ctx context.Context, a Actor, caseID, urgentRollID string, in ReceiptInput) error {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return sv.store.Transact(ctx, func(ctx context.Context, tx Tx) error {
		now := sv.now().UTC()
		if _, err := tx.Snapshot(ctx, a.Scope(), caseID, now); err != nil {
			return err
		}
		u, err := tx.UrgentRollForReceipt(ctx, caseID, urgentRollID)
		if err != nil {
			return err
		}
		switch {
		case u.ReceivedAt != nil:
			return &Error{Kind: KindConflict,
				Key: "err.receipt.urgent_already_received", Args: []any{stampDay(u.ReceivedAt)}}
		case u.Status != UrgentDelivered:
			return Invalid("err.receipt.urgent_not_delivered", i18n.TextFunc(u.Status.Label))
		}
		at, err := ActualTime(in.At, now, calendar.Date{})
		if err != nil {
			return err
		}
		if err := tx.MarkUrgentRollReceived(ctx, u.ID, at, in.Note); err != nil {
			return err
		}
		return tx.InsertReceiptDeviations(ctx, deviations(in, Deviation{CaseID: caseID, UrgentRollID: u.ID,
			PharmacyID: u.PharmacyID, RecordedBy: a.UserID, RecordedAt: now}))
	})
}

// deviations expands the input's kinds into rows shaped like base.
func deviations(in ReceiptInput, base Deviation) []Deviation {
	out := make([]Deviation, len(in.Deviations))
	for i, k := range in.Deviations {
		d := base
		d.Kind, d.Note = k, in.Note
		out[i] = d
	}
	return out
}

func stampDay(t *time.Time) string {
	if t == nil {
		return ""
	}
	return calendar.DayOf(*t).Format()
}

// ActualTimeWindow is how far back an actual receipt or delivery time may
// be recorded.
const ActualTimeWindow = 14 * 24 * time.Hour

// ActualTime is the time a receipt or delivery actually happened: at, or
// now when at is zero. It may not lie in the future (a minute's slack for
// clocks), nor more than ActualTimeWindow back, nor before the civil date
// notBefore (Danish time; zero: no such limit).
func ActualTime(at, now time.Time, notBefore calendar.Date) (time.Time, error) {
	if at.IsZero() {
		return now, nil
	}
	at = at.UTC().Truncate(time.Second)
	switch {
	case at.After(now.Add(time.Minute)):
		return time.Time{}, Invalid("err.time.in_future", calendar.FormatTime(at))
	case at.Before(now.Add(-ActualTimeWindow)):
		return time.Time{}, Invalid("err.receipt.time_too_old", calendar.FormatTime(at))
	case !notBefore.IsZero() && calendar.DayOf(at).Before(notBefore):
		return time.Time{}, Invalid("err.receipt.time_before", calendar.FormatTime(at), notBefore.Format())
	}
	return at, nil
}

func deliveredDay(t *time.Time) calendar.Date {
	if t == nil {
		return calendar.Date{}
	}
	return calendar.DayOf(*t)
}
