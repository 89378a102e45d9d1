package reports

import (
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Headline is one of the steering group's headline figures, formatted in
// a language: a label, the value and a line saying what it rests on.
// Value is the figure (an int or a float64, HiddenValue when suppressed,
// nil when it cannot be computed) so a test can hold it to the report.
type Headline struct {
	ID, Label, Text, Note string
	Value                 any
}

// Headlines are the figures at the top of the dashboard, from the report
// now and the same report for the period a year earlier (ago):
//   - citizens on DD now: active at the period end;
//   - the change over 12 months: active now minus active at the earlier
//     period's end, over the municipalities shown in both (suppression
//     may leave different ones out);
//   - FTE freed this year: the trend's hours of the months of the period
//     end's calendar year, under each municipality's model;
//   - the share of the 75+ on DD;
//   - the national goal's progress: FTE a year at the last month's pace
//     against the report's share of the 600 FTE.
//
// A figure resting on a suppressed cell is HiddenValue.
func Headlines(now, ago Report, l i18n.Lang) []Headline {
	t := now.Total
	hs := []Headline{
		{ID: "active", Label: i18n.T(l, "head.active"), Value: count(t.Active),
			Note: i18n.Tf(l, "head.active_at", now.Filter.To.Format())},
		change(now, ago, l),
		fteThisYear(now, l),
		{ID: "share75", Label: i18n.T(l, "head.share75"), Value: ratio(t.ShareOf75), Note: i18n.T(l, "head.share75_note")},
		goalProgress(now, l),
	}
	for i, h := range hs {
		kind := map[string]string{"active": KindInt, "change": KindInt, "fte_year": KindDecimal}[h.ID]
		if kind == "" {
			kind = KindPercent
		}
		hs[i].Text = FormatIn(l, h.Value, kind)
		if n, ok := h.Value.(int); ok && h.ID == "change" && n > 0 {
			hs[i].Text = "+" + hs[i].Text
		}
	}
	return hs
}

// change is active now minus active a year before, over the
// municipalities in both reports.
func change(now, ago Report, l i18n.Lang) Headline {
	h := Headline{ID: "change", Label: i18n.T(l, "head.change")}
	before := map[int]Count{}
	for _, m := range ago.Municipalities {
		before[m.Code] = m.Active
	}
	common, diff, hidden := 0, 0, false
	for _, m := range now.Municipalities {
		b, ok := before[m.Code]
		if !ok {
			continue
		}
		common++
		hidden = hidden || m.Active.Hidden || b.Hidden
		diff += m.Active.N - b.N
	}
	switch {
	case common == 0:
		h.Note = i18n.T(l, "head.change_none")
		return h
	case common == len(now.Municipalities) && common == len(ago.Municipalities):
		h.Note = i18n.Tf(l, "head.change_since", ago.Filter.To.Format())
	default:
		h.Note = i18n.Tf(l, "head.change_common", ago.Filter.To.Format(), common)
	}
	h.Value = diff
	if hidden {
		h.Value = HiddenValue{}
	}
	return h
}

// fteThisYear is the FTE freed in the months of the period end's year
// that the report covers.
func fteThisYear(r Report, l i18n.Lang) Headline {
	year := r.Filter.To.Year()
	from := calendar.NewDate(year, 1, 1)
	if r.Filter.From.After(from) {
		from = r.Filter.From
	}
	h := Headline{ID: "fte_year", Label: i18n.T(l, "head.fte_year"),
		Note: i18n.Tf(l, "head.fte_year_from", from.Format(), r.Filter.To.Format())}
	fte, hidden, seen := 0.0, false, false
	for _, t := range r.Trend {
		if t.Month.Year() != year {
			continue
		}
		seen = true
		hidden = hidden || t.Hours.Hidden
		fte += r.Params.For(t.Code).FTE(t.Hours.V)
	}
	switch {
	case hidden:
		h.Value = HiddenValue{}
	case seen:
		h.Value = fte
	}
	return h
}

// goalProgress is the FTE a year now as a share of the report's share of
// the 600 FTE goal.
func goalProgress(r Report, l i18n.Lang) Headline {
	g := r.Goal.Total
	h := Headline{ID: "goal", Label: i18n.T(l, "head.goal")}
	if g.Hidden {
		h.Value = HiddenValue{}
		return h
	}
	h.Note = i18n.Tf(l, "head.goal_note", FormatIn(l, g.NowFTE.V, KindDecimal), FormatIn(l, g.TargetLow.V, KindDecimal),
		ReachTextIn(l, g.ReachLow, g.ReachedLow))
	if g.TargetLow.V > 0 {
		h.Value = g.NowFTE.V / g.TargetLow.V
	}
	return h
}
