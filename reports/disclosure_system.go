package reports

import (
	"math/big"
	"slices"
)

// cellSystem is the published linear relations of a report, as a reader
// who has every sheet can write them down: cells (published counts,
// additive figures, and unpublished differences such as "active, under
// 75") and relations Σ coef·cell = 0 between them. Disclosure control asks
// of it which hidden cells a reader can compute from what is shown.
type cellSystem struct {
	cells []sysCell
	rels  [][]term
	// pairs are the nested counts: outer ⊇ inner.
	pairs []pair
	// links[i] are hidden whenever cell i is (roll days with their rolls).
	links   map[int][]int
	counts  map[*Count]int
	figures map[*Count]int
	ratios  map[*Ratio]int
	// units are the coefficients 1 and −1 the relations share; no one
	// writes to a term's coefficient.
	units [2]*big.Rat
}

// unit is the shared coefficient 1 (sign > 0) or −1.
func (s *cellSystem) unit(sign int) *big.Rat {
	k := 0
	if sign < 0 {
		k = 1
	}
	if s.units[k] == nil {
		s.units[k] = big.NewRat(int64(1-2*k), 1)
	}
	return s.units[k]
}

// pair is a nested count: outer ⊇ inner, so outer − inner is a count of
// people no table prints.
type pair struct {
	name         string
	outer, inner int
}

// sysCell is one cell: its true value and what a reader sees of it.
type sysCell struct {
	name string
	v    *big.Rat
	// count is a published count of people or events.
	count *Count
	// figure is a published additive figure (roll days, printed as
	// citizen-months and hours).
	figure *Count
	// ratio is a published weighted total (hours, FTE); it is never itself
	// protected, but a shown one is a relation a reader can use.
	ratio *Ratio
}

// n is the value of a count or figure cell.
func (c sysCell) n() int {
	if c.count != nil {
		return c.count.N
	}
	return c.figure.N
}

type term struct {
	cell int
	coef *big.Rat
}

// hidden reports whether a reader does not see cell i.
func (s *cellSystem) hidden(i int) bool {
	c := s.cells[i]
	switch {
	case c.count != nil:
		return c.count.Hidden
	case c.figure != nil:
		return c.figure.Hidden
	}
	return !c.ratio.Shown()
}

// published reports whether cell i is a count or figure a table prints
// (not a weighted total).
func (s *cellSystem) published(i int) bool {
	return s.cells[i].count != nil || s.cells[i].figure != nil
}

// hide hides cell i and the cells linked to it.
func (s *cellSystem) hide(i int) { s.hideCollect(i, nil) }

// hideCollect hides cell i and the cells linked to it and returns hid
// with the cells it hid that were shown appended.
func (s *cellSystem) hideCollect(i int, hid []int) []int {
	if !s.hidden(i) {
		hid = append(hid, i)
	}
	s.setHidden(i, true)
	for _, j := range s.links[i] {
		if !s.hidden(j) {
			hid = s.hideCollect(j, hid)
		}
	}
	return hid
}

// unhide shows again the cells a trial hid (hideCollect's list).
func (s *cellSystem) unhide(cells []int) {
	for _, i := range cells {
		s.setHidden(i, false)
	}
}

// setHidden sets cell i's Hidden mark.
func (s *cellSystem) setHidden(i int, h bool) {
	c := s.cells[i]
	switch {
	case c.count != nil:
		c.count.Hidden = h
	case c.figure != nil:
		c.figure.Hidden = h
	case c.ratio != nil:
		c.ratio.Hidden = h
	}
}

// link makes hiding cell a hide cell b too.
func (s *cellSystem) link(a, b int) {
	if s.links == nil {
		s.links = map[int][]int{}
	}
	s.links[a] = append(s.links[a], b)
}

func (s *cellSystem) push(c sysCell) int {
	s.cells = append(s.cells, c)
	return len(s.cells) - 1
}

// add registers a published count and returns its index; the same Count
// registered twice (a figure printed on two sheets) is one cell.
func (s *cellSystem) add(name string, c *Count) int {
	if i, ok := s.counts[c]; ok {
		return i
	}
	if s.counts == nil {
		s.counts = map[*Count]int{}
	}
	s.counts[c] = s.push(sysCell{name: name, v: big.NewRat(int64(c.N), 1), count: c})
	return s.counts[c]
}

// addFigure registers a published additive figure held as a Count (roll
// days).
func (s *cellSystem) addFigure(name string, c *Count) int {
	if i, ok := s.figures[c]; ok {
		return i
	}
	if s.figures == nil {
		s.figures = map[*Count]int{}
	}
	s.figures[c] = s.push(sysCell{name: name, v: big.NewRat(int64(c.N), 1), figure: c})
	return s.figures[c]
}

// addRatio registers a published weighted total Σ w·parts with its true
// value (exact, from the parts).
func (s *cellSystem) addRatio(name string, r *Ratio, parts []int, w []*big.Rat) int {
	if i, ok := s.ratios[r]; ok {
		return i
	}
	if s.ratios == nil {
		s.ratios = map[*Ratio]int{}
	}
	v := new(big.Rat)
	for k, p := range parts {
		v.Add(v, new(big.Rat).Mul(w[k], s.cells[p].v))
	}
	s.ratios[r] = s.push(sysCell{name: name, v: v, ratio: r})
	return s.ratios[r]
}

// sum registers total = Σ parts.
func (s *cellSystem) sum(total int, parts ...int) {
	rel := make([]term, 0, 1+len(parts))
	rel = append(rel, term{total, s.unit(-1)})
	for _, p := range parts {
		rel = append(rel, term{p, s.unit(1)})
	}
	s.rels = append(s.rels, rel)
}

// weighted registers total = Σ w_i·parts_i, for a published figure that is
// a weighted sum of other cells (hours: roll days under each
// municipality's model).
func (s *cellSystem) weighted(total int, parts []int, w []*big.Rat) {
	rel := []term{{total, s.unit(-1)}}
	for i, p := range parts {
		rel = append(rel, term{p, w[i]})
	}
	s.rels = append(s.rels, rel)
}

// nested registers outer ⊇ inner. The difference is a count of people:
// when it is 1 to MinCount−1 a reader must not be able to compute it, and
// when it is 0 the two cells are equal, which is a relation (stricter than
// the truth, outer ≥ inner, see unknown).
func (s *cellSystem) nested(name string, outer, inner int) {
	s.pairs = append(s.pairs, pair{name, outer, inner})
	if s.cells[outer].v.Cmp(s.cells[inner].v) == 0 {
		s.rels = append(s.rels, []term{{outer, s.unit(1)}, {inner, s.unit(-1)}})
	}
}

// diff is the pair's difference.
func (s *cellSystem) diff(p pair) *big.Rat {
	return new(big.Rat).Sub(s.cells[p.outer].v, s.cells[p.inner].v)
}

// sensitive reports whether the pair's difference is 1 to MinCount−1.
func (p pair) sensitive(s *cellSystem) bool {
	o, i := s.cells[p.outer], s.cells[p.inner]
	if o.ratio == nil && i.ratio == nil {
		return Hidden(o.n() - i.n())
	}
	d := s.diff(p)
	return d.Sign() > 0 && d.Cmp(big.NewRat(MinCount, 1)) < 0
}

// unknown reports whether cell i is an unknown of the reader's system: not
// shown, and not zero. A zero cell is treated as known, which is stricter
// than the truth (a reader only knows it is at least zero): then a cell
// that can still move while every known cell stays put can move a little
// either way in the true system too, since all other unknowns are
// positive.
func (s *cellSystem) unknown(i int) bool {
	return s.hidden(i) && s.cells[i].v.Sign() != 0
}

// cellRels returns, for every cell, the relations it is in.
func (s *cellSystem) cellRels() [][]int {
	out := make([][]int, len(s.cells))
	for ri, rel := range s.rels {
		for _, t := range rel {
			if t.coef.Sign() != 0 && !slices.Contains(out[t.cell], ri) {
				out[t.cell] = append(out[t.cell], ri)
			}
		}
	}
	return out
}
