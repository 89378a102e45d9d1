package workflow

import (
	"context"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// ExtendPeriod extends the roll period seq of an active or paused case to
// days (15–28) with a recorded reason, e.g. over Christmas. The period must
// not be packed yet and its deadline must not have passed, so the pharmacy
// still packs the longer roll; the later unpacked periods move to follow it.
// The case gets an audit row (period_extend) with the reason.
func (sv *Service) ExtendPeriod(ctx context.Context, a Actor, caseID string, seq, days int, reason string) ([]Period, error) {
	if err := allowRoles(a, RoleNurse, RoleLead, RoleAdmin, RolePharmacy); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if days <= DefaultPeriodDays {
		return nil, Invalid("err.period.extension_length", days)
	}
	if err := ValidatePeriodLength(days, reason); err != nil {
		return nil, err
	}
	if err := CheckText(i18n.Key("err.field.reason"), reason, TextNote); err != nil {
		return nil, err
	}
	var out []Period
	_, err := sv.caseAction(ctx, a, caseID, EventPeriodExtend, "", reason, func(ctx context.Context, tx Tx, s Snapshot) error {
		if s.Case.State != StateActive && s.Case.State != StatePaused {
			return &Error{Kind: KindInvalid,
				Key: "err.period.extend_wrong_state", Args: []any{i18n.TextFunc(s.Case.State.Label)}}
		}
		p, err := tx.Pharmacy(ctx, s.Case.PharmacyID)
		if err != nil {
			return err
		}
		ps, err := tx.RollPeriods(ctx, caseID)
		if err != nil {
			return err
		}
		out, err = extendedPeriods(p, ps, seq, days, reason, calendar.Today(s.Now))
		if err != nil {
			return err
		}
		for _, q := range out {
			if err := tx.UpdatePeriodDates(ctx, q.ID, q.Status, q.PeriodDates); err != nil {
				return err
			}
		}
		out, err = tx.RollPeriods(ctx, caseID)
		return err
	})
	return out, err
}

// extendedPeriods returns the periods from seq on with period seq extended
// to days and the later ones moved to follow it, or why it cannot be done
// on the civil date today.
func extendedPeriods(p Pharmacy, ps []Period, seq, days int, reason string, today calendar.Date) ([]Period, error) {
	i := -1
	for k, q := range ps {
		if q.Seq == seq {
			i = k
		}
	}
	if i < 0 {
		return nil, NotFound("err.period.not_found", seq)
	}
	target := ps[i]
	if !target.Packable() {
		return nil, Invalid("err.period.packed_or_stopped", seq, i18n.TextFunc(target.Status.Label))
	}
	if target.Deadline.Before(today) {
		return nil, Invalid("err.period.extension_too_late", seq, target.Deadline.Format())
	}
	out := make([]Period, 0, len(ps)-i)
	start, length, why := target.Start, days, reason
	for _, q := range ps[i:] {
		if q.Seq != seq && !q.Packable() {
			return nil, Invalid("err.period.next_packed", q.Seq, seq)
		}
		d, err := PeriodDatesFor(p, start, length, why)
		if err != nil {
			return nil, err
		}
		q.PeriodDates = d
		out = append(out, q)
		start = d.End.AddDays(1)
		if len(out) < len(ps)-i {
			next := ps[i+len(out)]
			length, why = next.LengthDays, next.ExtensionReason
		}
	}
	return out, nil
}
