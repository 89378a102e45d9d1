package reports

import (
	"math/big"
	"slices"
)

// This file keeps the suppression algorithm as it was before it was made
// incremental (main at 01f3463): every hide dropped every eliminated
// component and each query re-eliminated its component from scratch. It
// is the reference TestSuppressSameAsReference compares Suppress with;
// it is slow (35 s on the national report), so only tests call it.

func refSuppress(r Report) Report {
	r.Suppressed = true
	s := r.relations()
	for i, c := range s.cells {
		if c.count != nil && Hidden(c.count.N) {
			s.hide(i)
			r.Primary++
		}
	}
	r.hideDerived()
	for range len(s.cells) {
		if !s.refProtect() {
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

func (s *cellSystem) refProtect() bool {
	rd := s.refReader()
	hid := false
	fix := func(targets ...int) {
		if j := s.refCandidate(rd, targets); j >= 0 {
			s.hide(j)
			rd.refForget()
			hid = true
		}
	}
	for i := range s.cells {
		if s.published(i) && s.unknown(i) && rd.refCell(i) {
			fix(i)
		}
	}
	for _, p := range s.pairs {
		if p.sensitive(s) && rd.refPair(p) {
			fix(p.inner, p.outer)
		}
	}
	return hid
}

func (rd *refReader) refLeaks(targets []int) bool {
	if len(targets) == 1 {
		return rd.refCell(targets[0])
	}
	return rd.refPair(pair{inner: targets[0], outer: targets[1]})
}

func (s *cellSystem) refCandidate(rd *refReader, targets []int) int {
	for _, t := range targets {
		if !s.hidden(t) && s.cells[t].v.Sign() != 0 {
			return t
		}
	}
	// Breadth first from the targets through hidden cells, three
	// relations deep: the shown cells of the relations met are the
	// candidates.
	var cands []int
	isCand := map[int]bool{}
	expanded := map[int]bool{}
	queue := append([]int(nil), targets...)
	for depth := 0; depth < 3 && len(queue) > 0; depth++ {
		var next []int
		for _, c := range queue {
			if expanded[c] {
				continue
			}
			expanded[c] = true
			for _, ri := range rd.byCell[c] {
				for _, t := range s.rels[ri] {
					j := t.cell
					switch {
					case slices.Contains(targets, j) || isCand[j]:
					case !s.hidden(j) && s.cells[j].v.Sign() != 0 && (s.published(j) || s.cells[j].ratio != nil):
						isCand[j] = true
						cands = append(cands, j)
					case s.unknown(j) && !expanded[j]:
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
	slices.SortStableFunc(cands, func(a, b int) int {
		if ra, rb := s.cells[a].ratio != nil, s.cells[b].ratio != nil; ra != rb {
			if ra {
				return 1
			}
			return -1
		}
		return s.cells[a].v.Cmp(s.cells[b].v)
	})
	for k, j := range cands {
		if k >= 6 {
			break
		}
		saved := s.refVisibility()
		s.hide(j)
		rd.refForget()
		free := !rd.refLeaks(targets)
		s.refRestore(saved)
		rd.refForget()
		if free {
			return j
		}
	}
	return cands[0]
}

func (s *cellSystem) refVisibility() []bool {
	out := make([]bool, len(s.cells))
	for i := range s.cells {
		out[i] = s.hidden(i)
	}
	return out
}

func (s *cellSystem) refRestore(v []bool) {
	for i, c := range s.cells {
		switch {
		case c.count != nil:
			c.count.Hidden = v[i]
		case c.figure != nil:
			c.figure.Hidden = v[i]
		case c.ratio != nil:
			c.ratio.Hidden = v[i] && c.ratio.Valid
		}
	}
}

func (s *cellSystem) refComponent(i int, byCell [][]int) (cells []int, rels []int) {
	seenCell := map[int]bool{i: true}
	seenRel := map[int]bool{}
	queue := []int{i}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		cells = append(cells, c)
		for _, ri := range byCell[c] {
			if seenRel[ri] {
				continue
			}
			seenRel[ri] = true
			rels = append(rels, ri)
			for _, t := range s.rels[ri] {
				if !seenCell[t.cell] && s.unknown(t.cell) {
					seenCell[t.cell] = true
					queue = append(queue, t.cell)
				}
			}
		}
	}
	return cells, rels
}

type refSpan struct {
	pivots map[int]map[int]*big.Rat // pivot cell → row (cell → coefficient)
	order  []int
}

func (s *cellSystem) refSpanOf(cells, rels []int) *refSpan {
	unknown := map[int]bool{}
	for _, c := range cells {
		unknown[c] = true
	}
	sp := &refSpan{pivots: map[int]map[int]*big.Rat{}}
	for _, ri := range rels {
		row := map[int]*big.Rat{}
		for _, t := range s.rels[ri] {
			if !unknown[t.cell] {
				continue
			}
			if row[t.cell] == nil {
				row[t.cell] = new(big.Rat)
			}
			row[t.cell].Add(row[t.cell], t.coef)
		}
		sp.refReduce(row)
		pc := -1
		for c, v := range row {
			if v.Sign() != 0 && (pc < 0 || c < pc) {
				pc = c
			}
		}
		if pc < 0 {
			continue
		}
		inv := new(big.Rat).Inv(row[pc])
		for c, v := range row {
			row[c] = v.Mul(v, inv)
		}
		// Keep the form reduced: clear the new pivot from the other rows.
		for _, q := range sp.order {
			other := sp.pivots[q]
			if f := other[pc]; f != nil && f.Sign() != 0 {
				f = new(big.Rat).Set(f)
				refSubtract(other, row, f)
			}
		}
		sp.pivots[pc] = row
		sp.order = append(sp.order, pc)
	}
	return sp
}

func refSubtract(row, by map[int]*big.Rat, f *big.Rat) {
	for c, v := range by {
		x := row[c]
		if x == nil {
			x = new(big.Rat)
			row[c] = x
		}
		x.Sub(x, new(big.Rat).Mul(f, v))
		if x.Sign() == 0 {
			delete(row, c)
		}
	}
}

func (sp *refSpan) refReduce(row map[int]*big.Rat) {
	for _, pc := range sp.order {
		if f := row[pc]; f != nil && f.Sign() != 0 {
			refSubtract(row, sp.pivots[pc], new(big.Rat).Set(f))
		}
	}
	for c, v := range row {
		if v.Sign() == 0 {
			delete(row, c)
		}
	}
}

func (sp *refSpan) refContains(vec map[int]*big.Rat) bool {
	row := map[int]*big.Rat{}
	for c, v := range vec {
		row[c] = new(big.Rat).Set(v)
	}
	sp.refReduce(row)
	return len(row) == 0
}

type refReader struct {
	s      *cellSystem
	byCell [][]int
	spans  map[int]*refSpan // by unknown cell
	comp   map[int]int      // unknown cell → component id
	next   int
}

func (s *cellSystem) refReader() *refReader {
	return &refReader{s: s, byCell: s.cellRels(), spans: map[int]*refSpan{}, comp: map[int]int{}}
}

func (rd *refReader) refSpanFor(i int) *refSpan {
	if sp, ok := rd.spans[i]; ok {
		return sp
	}
	cells, rels := rd.s.refComponent(i, rd.byCell)
	sp := rd.s.refSpanOf(cells, rels)
	rd.next++
	for _, c := range cells {
		rd.spans[c], rd.comp[c] = sp, rd.next
	}
	return sp
}

func (rd *refReader) refForget() {
	rd.spans, rd.comp = map[int]*refSpan{}, map[int]int{}
}

func (rd *refReader) refCell(i int) bool {
	if !rd.s.unknown(i) {
		return true
	}
	return rd.refSpanFor(i).refContains(map[int]*big.Rat{i: big.NewRat(1, 1)})
}

func (rd *refReader) refPair(p pair) bool {
	uo, ui := rd.s.unknown(p.outer), rd.s.unknown(p.inner)
	switch {
	case !uo && !ui:
		return true
	case !ui:
		return rd.refCell(p.outer)
	case !uo:
		return rd.refCell(p.inner)
	}
	so := rd.refSpanFor(p.outer)
	rd.refSpanFor(p.inner)
	if rd.comp[p.outer] != rd.comp[p.inner] {
		return rd.refCell(p.outer) && rd.refCell(p.inner)
	}
	return so.refContains(map[int]*big.Rat{p.outer: big.NewRat(1, 1), p.inner: big.NewRat(-1, 1)})
}
