package reports

import "github.com/dosis-dk/dosis/workflow"

// The statistics practice (MedCom, the national medicine statistics
// register) that Suppress applies.
const (
	// MinCount is the smallest count shown: 1 to MinCount−1 are hidden.
	MinCount = 5
	// MinActive is the fewest active citizens a municipality must have to
	// be shown at all.
	MinActive = 30
)

// SourceLine is the source line printed on every sheet and page.
func SourceLine(r Report) string {
	s := "Kilde: Dosis, kommunernes egne sagsdata om dosispakket medicin; timemodel og parametre: se Antagelser."
	if r.Suppressed {
		s += " Tal under 5 og tal, de kan udledes af, er diskretioneret (vist som «diskr.»), og kommuner med under 30 aktive borgere er udeladt."
	}
	return s
}

// Hidden reports whether a count of n people must be hidden: 1 to 4.
// Zero is no person and is shown.
func Hidden(n int) bool { return n > 0 && n < MinCount }

// Suppress applies the statistics practice to r and returns it:
//
//  1. municipalities with fewer than MinActive active citizens are left out
//     of every table (municipalities, funnel, GPs, trend), and the totals are
//     recomputed over the municipalities shown, so a left-out municipality
//     cannot be recovered as total minus the rest;
//  2. primary suppression: every count from 1 to 4 is hidden;
//  3. secondary suppression: in each additive group — a column over the
//     municipalities with its total, a month's column over the
//     municipalities with its total, the reason counts with their total —
//     when exactly one cell is hidden, the smallest other non-zero cell is
//     hidden too; if there is none, the total is hidden;
//  4. every figure derived from a hidden count (shares, rates, hours) is
//     hidden, and medians and percentiles resting on fewer than MinCount
//     observations are hidden.
func Suppress(r Report) Report {
	r.Suppressed = true
	var keep []MunicipalityRow
	shown := map[int]bool{}
	for _, m := range r.Municipalities {
		if m.Active.N >= MinActive {
			keep = append(keep, m)
			shown[m.Code] = true
		} else {
			r.Omitted++
		}
	}
	r.Municipalities = keep
	r.Funnel.Rows = filterRows(r.Funnel.Rows, func(f FunnelRow) int { return f.Code }, shown)
	r.GPs = filterRows(r.GPs, func(g GPRow) int { return g.Code }, shown)
	r.Trend = filterRows(r.Trend, func(t TrendRow) int { return t.Code }, shown)
	r.recompute()

	suppressMunicipalities(&r)
	suppressFunnel(&r)
	suppressGPs(&r)
	suppressTrend(&r)
	suppressPharmacies(&r)
	return r
}

func filterRows[T any](rows []T, code func(T) int, shown map[int]bool) []T {
	var out []T
	for _, x := range rows {
		if shown[code(x)] {
			out = append(out, x)
		}
	}
	return out
}

// group suppresses one additive group of cells with its total (total may be
// nil when the group has no published total).
func group(cells []*Count, total *Count) {
	hidden := 0
	for _, c := range cells {
		if Hidden(c.N) {
			c.Hidden = true
		}
		if c.Hidden {
			hidden++
		}
	}
	if total != nil && Hidden(total.N) {
		total.Hidden = true
	}
	if hidden != 1 || total == nil || total.Hidden {
		return
	}
	var next *Count
	for _, c := range cells {
		if !c.Hidden && c.N > 0 && (next == nil || c.N < next.N) {
			next = c
		}
	}
	if next != nil {
		next.Hidden = true
		return
	}
	total.Hidden = true
}

// cellsOf builds a group from one field of every row.
func cellsOf[T any](rows []T, field func(*T) *Count) []*Count {
	out := make([]*Count, len(rows))
	for i := range rows {
		out[i] = field(&rows[i])
	}
	return out
}

// hideSmall hides a median or percentile resting on fewer than MinCount
// observations.
func hideSmall(r Ratio, n int) Ratio {
	if n < MinCount {
		r.Hidden = true
	}
	return r
}

// SuppressFor decides whether a report for role is suppressed: always for
// the steering group (it sees aggregates across municipalities only),
// otherwise when asked.
func SuppressFor(role workflow.Role, asked bool) bool {
	return asked || role == workflow.RoleSteering
}
