package reports

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/dosis-dk/dosis/i18n"

	"github.com/dosis-dk/dosis/workflow"
)

// The statistics practice (MedCom, the national medicine statistics
// register) that disclosure control applies.
const (
	// MinCount is the smallest count shown: 1 to MinCount−1 are hidden.
	MinCount = 5
	// MinActive is the fewest active citizens a municipality must have to
	// be shown at all.
	MinActive = 30
)

// SourceLine is the source line printed on every sheet and page of the
// files, in Danish (SourceLineIn).
func SourceLine(r Report) string { return SourceLineIn(r, i18n.Danish) }

// Hidden reports whether a count of n people must be hidden: 1 to 4.
// Zero is no person and is shown.
func Hidden(n int) bool { return n > 0 && n < MinCount }

// BuildSuppressed builds the disclosure-controlled report: the report a
// steering group gets and any report that leaves the municipality.
//
//  1. Municipalities with fewer than MinActive active citizens at the
//     period end are left out of everything: the report is built over the
//     municipalities shown only, so the national figures (pharmacies,
//     stage times, reasons, the deviation rate, GP turnaround) are computed
//     over them and a left-out municipality cannot be recovered as a total
//     minus the rest. Pharmacies located in a left-out municipality are
//     left out too (their name would say where they are).
//  2. Then Suppress hides the cells.
func BuildSuppressed(ctx context.Context, src Source, f Filter, p Params) (Report, error) {
	r, err := buildShown(ctx, src, f, p)
	if err != nil {
		return Report{}, err
	}
	return Suppress(r), nil
}

// buildShown builds the report over the municipalities shown (step 1 of
// BuildSuppressed), before Suppress.
func buildShown(ctx context.Context, src Source, f Filter, p Params) (Report, error) {
	if f.To.Before(f.From) {
		return Build(ctx, src, f, p) // the same error
	}
	adoption, err := src.Adoption(ctx, f)
	if err != nil {
		return Report{}, fmt.Errorf("adoption: %w", err)
	}
	var shown, left []int
	for _, a := range adoption {
		if a.Active >= MinActive {
			shown = append(shown, a.Code)
		} else {
			left = append(left, a.Code)
		}
	}
	var r Report
	switch {
	case len(shown) == 0:
		// Nothing to show: an empty filter would mean every municipality.
		r = Report{Filter: f, Params: p}
		r.recompute()
	case len(left) == 0:
		if r, err = Build(ctx, src, f, p); err != nil {
			return Report{}, err
		}
	default:
		narrowed := f
		narrowed.Municipalities = shown
		if r, err = Build(ctx, src, narrowed, p); err != nil {
			return Report{}, err
		}
		r.Filter = f
	}
	r.Omitted = len(left)
	r.Pharmacies = slices.DeleteFunc(r.Pharmacies, func(ph PharmacyRow) bool { return slices.Contains(left, ph.Municipality) })
	r.recompute()
	return r, nil
}

// Suppress applies disclosure control to the cells of a report built over
// the municipalities to be shown and returns it; BuildSuppressed leaves the
// small municipalities out first and is what the front ends call. It is the one step between the computed
// figures and every writer (workbook, dashboard, web pages), so they cannot
// disagree:
//
//  1. primary suppression: every published count from 1 to MinCount−1 is
//     hidden (0 is no person and is shown);
//  2. secondary suppression: relations writes down every published table
//     with its additive groups — column totals, row identities, totals
//     across tables, nested counts, weighted totals — and, as long as a
//     reader could compute a hidden cell or a nested difference of 1 to
//     MinCount−1 people (active 42, of them 75+ 39) by solving them, the
//     smallest shown non-zero cell of a relation that pins it is hidden
//     too;
//  3. every figure derived from a hidden count (shares, rates, citizen-
//     months, hours, rank) is hidden, and medians and percentiles resting
//     on fewer than MinCount observations are hidden.
//
// Cost: one reader (disclosure_reader.go) serves every round. Hiding a
// cell adds its column to the reader once, reduced by the basis columns
// it meets; a question ("can this cell, this difference be computed") is
// a look-up of the null vectors at its cells; a trial hide is rolled back
// by truncation. A round is then linear in the cells and pairs plus the
// work of the columns it adds, and the search for candidates visits each
// relation once per call. On the national report (9,832 cells, 1,160
// relations, 82 rounds, about 6,100 columns added with the trials) it
// takes about 0.1 s of CPU (BenchmarkSuppressNational), against 35–40 s
// when every hide re-eliminated every component; the cells hidden are the
// same (TestSuppressSameAsReference).
func Suppress(r Report) Report {
	r.Suppressed = true
	s := r.relations()
	for i, c := range s.cells {
		if c.count != nil && Hidden(c.count.N) {
			s.hide(i)
			r.Primary++
		}
	}
	r.hideDerived()
	rd := s.reader()
	for range len(s.cells) {
		if !s.protect(rd) {
			break
		}
		r.hideDerived()
	}
	r.hideDerived()
	for _, c := range s.cells {
		if c.count != nil && c.count.Hidden {
			r.Secondary++
		}
	}
	r.Secondary -= r.Primary
	r.Goal = r.goal()
	r.Recs.Lead = leadSpread(r.Pharmacies)
	return r
}

// protect hides, for every hidden cell and every nested difference of 1
// to MinCount−1 a reader can compute, one more cell of a relation that
// pins it. It reports whether it hid anything.
func (s *cellSystem) protect(rd *reader) bool {
	rd.sync()
	hid := false
	fix := func(targets ...int) {
		if j := s.candidate(rd, targets); j >= 0 {
			rd.hid(s.hideCollect(j, nil))
			hid = true
		}
	}
	for i := range s.cells {
		if rd.isCol[i] && s.published(i) && rd.cell(i) {
			fix(i)
		}
	}
	for _, p := range rd.sensitive {
		if rd.pair(p) {
			fix(p.inner, p.outer)
		}
	}
	return hid
}

// leaks reports whether a reader can compute target (a cell when it has
// one entry, else the difference of a pair given as inner, outer).
func (rd *reader) leaks(targets []int) bool {
	if len(targets) == 1 {
		return rd.cell(targets[0])
	}
	return rd.pair(pair{inner: targets[0], outer: targets[1]})
}

// candidate picks the cell to hide to protect the targets: a shown target
// itself (the inner count of a pair first), else the smallest shown
// non-zero count or figure (else a shown weighted total) of the relations
// of the targets and of the hidden cells they link them to, the first of
// them whose hiding frees the target, or the smallest if none does alone;
// -1 when there is nothing left to hide.
func (s *cellSystem) candidate(rd *reader, targets []int) int {
	for _, t := range targets {
		if !s.hidden(t) && s.cells[t].v.Sign() != 0 {
			return t
		}
	}
	// Breadth first from the targets through hidden cells, three
	// relations deep: the shown cells of the relations met are the
	// candidates.
	var cands []int
	rd.stamp++
	isCand := func(j int) bool { return rd.candAt[j] == rd.stamp }
	expanded := func(j int) bool { return rd.expandedAt[j] == rd.stamp }
	queue := append([]int(nil), targets...)
	for depth := 0; depth < 3 && len(queue) > 0; depth++ {
		var next []int
		for _, c := range queue {
			if expanded(c) {
				continue
			}
			rd.expandedAt[c] = rd.stamp
			for _, ri := range rd.byCell[c] {
				// A relation met again adds nothing: its cells are
				// candidates, queued or expanded already.
				if rd.scannedAt[ri] == rd.stamp {
					continue
				}
				rd.scannedAt[ri] = rd.stamp
				for _, t := range s.rels[ri] {
					j := t.cell
					switch {
					case slices.Contains(targets, j) || isCand(j):
					case !rd.nonzero[j]:
					case !s.hidden(j) && (s.published(j) || s.cells[j].ratio != nil):
						rd.candAt[j] = rd.stamp
						cands = append(cands, j)
					case s.hidden(j) && !expanded(j) && rd.queuedAt[j] != rd.stamp:
						rd.queuedAt[j] = rd.stamp
						next = append(next, j)
					}
				}
			}
		}
		queue = next
	}
	if len(cands) == 0 {
		return -1
	}
	// The first trials of the candidates sorted by value (stably): only
	// those are tried, so they are picked out rather than all sorted.
	best := s.smallest(cands, trials)
	for _, j := range best {
		m := rd.mark()
		trial := s.hideCollect(j, nil)
		rd.hid(trial)
		free := !rd.leaks(targets)
		s.unhide(trial)
		rd.rollback(m)
		if free {
			return j
		}
	}
	return best[0]
}

// trials is how many candidates candidate tries hiding.
const trials = 6

// smallest returns the first k of cands as a stable sort by smaller
// would order them.
func (s *cellSystem) smallest(cands []int, k int) []int {
	out := make([]int, 0, k+1)
	for _, j := range cands {
		// Insert after every kept candidate not larger: stable.
		at := len(out)
		for at > 0 && s.smaller(out[at-1], j) > 0 {
			at--
		}
		if at < k {
			out = slices.Insert(out, at, j)
			if len(out) > k {
				out = out[:k]
			}
		}
	}
	return out
}

// smaller orders candidates: counts and figures by value, then weighted
// totals by value.
func (s *cellSystem) smaller(a, b int) int {
	ca, cb := s.cells[a], s.cells[b]
	if ra, rb := ca.ratio != nil, cb.ratio != nil; ra != rb {
		if ra {
			return 1
		}
		return -1
	} else if ra {
		return ca.v.Cmp(cb.v)
	}
	return cmp.Compare(ca.n(), cb.n())
}

// SuppressFor decides whether a report for role is suppressed: always for
// the steering group (it sees aggregates across municipalities only),
// otherwise when asked.
func SuppressFor(role workflow.Role, asked bool) bool {
	return asked || role == workflow.RoleSteering
}
