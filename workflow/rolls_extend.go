package workflow

import (
	"context"
	"fmt"
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
		return nil, Invalidf("en forlængelse skal være på 15–28 dage, ikke %d", "an extension must be 15–28 days, not %d", days)
	}
	if err := ValidatePeriodLength(days, reason); err != nil {
		return nil, err
	}
	if err := CheckText("begrundelsen", "the reason", reason, TextNote); err != nil {
		return nil, err
	}
	var out []Period
	_, err := sv.caseAction(ctx, a, caseID, EventPeriodExtend, "", reason, func(ctx context.Context, tx Tx, s Snapshot) error {
		if s.Case.State != StateActive && s.Case.State != StatePaused {
			return &Error{Kind: KindInvalid,
				MsgDA: fmt.Sprintf("kun perioder på aktive eller pauserede sager kan forlænges (sagen er „%s“)", s.Case.State.Label(i18n.Danish)),
				MsgEN: fmt.Sprintf("only periods of active or paused cases can be extended (the case is \"%s\")", s.Case.State.Label(i18n.English))}
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
		return nil, NotFound(fmt.Sprintf("periode %d", seq), fmt.Sprintf("period %d", seq))
	}
	target := ps[i]
	if !target.Packable() {
		return nil, Invalidf("periode %d er allerede pakket eller stoppet (%s) og kan ikke forlænges",
			"period %d is already packed or stopped (%s) and cannot be extended", seq, target.Status.Label("da"))
	}
	if target.Deadline.Before(today) {
		return nil, Invalidf("fristen for periode %d var %s; en forlængelse når ikke længere rullen",
			"the deadline of period %d was %s; an extension no longer reaches the roll", seq, target.Deadline.Format())
	}
	out := make([]Period, 0, len(ps)-i)
	start, length, why := target.Start, days, reason
	for _, q := range ps[i:] {
		if q.Seq != seq && !q.Packable() {
			return nil, Invalidf("periode %d er allerede pakket; periode %d kan ikke forlænges ind over den",
				"period %d is already packed; period %d cannot be extended into it", q.Seq, seq)
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
