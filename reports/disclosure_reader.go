package reports

import (
	"container/heap"
	"slices"
)

// reader answers what a reader of the shown cells can compute, kept up to
// date as cells are hidden instead of re-eliminated per question.
//
// The unknowns are the columns of the relation matrix R (a row per
// relation, a column per unknown cell; known cells are constants). A
// reader can compute Σ a·x exactly when a is orthogonal to the null space
// of R: a hidden cell i is computable when no null vector moves it, a
// nested difference outer − inner when every null vector moves the two
// alike. The reader keeps a basis of the column space of R in echelon
// form (each column reduced by the earlier ones, in the order they came)
// and a basis of the null space: hiding a cell adds its column, which is
// reduced once, in time proportional to the columns it meets; a column
// that reduces to zero gives a null vector. Both lists only grow, so a
// trial hide is undone by truncating them (rollback), and a question is a
// look-up of the null vectors at the cells asked about.
type reader struct {
	s      *cellSystem
	byCell [][]int
	// sensitive are the pairs whose difference is 1 to MinCount−1.
	sensitive []pair
	// cols[c] is cell c's column: relation → coefficient, duplicates
	// summed and zeros dropped.
	cols  [][]entry
	isCol []bool // the cell is an unknown of the system
	// nonzero[c]: cell c's value is not zero (a hidden zero is known).
	nonzero []bool
	basis   []basisCol
	pivot   []int // relation → the basis column whose pivot it is, or −1
	// null is a basis of the null space, each over cells sorted by cell;
	// nullAt[c] are the null vectors non-zero at cell c.
	null   [][]entry
	nullAt [][]int
	log    []bool // per column added, in order: whether it gave a null vector
	logCol []int
	x, w   scratch
	queue  pivotQueue
	// candAt, expandedAt and queuedAt mark the cells candidate has met,
	// and scannedAt the relations, by the stamp of its call.
	candAt, expandedAt, queuedAt, scannedAt []uint32
	stamp                                   uint32
}

// entry is one non-zero coefficient of a sparse vector.
type entry struct {
	i int
	v rat
}

// basisCol is a reduced column v (over relations, 1 at pivot, 0 at the
// pivots of the earlier basis columns) and the combination w of the
// unknowns' columns it is (v = Σ w_c·col_c).
type basisCol struct {
	pivot int
	v, w  []entry
}

func (s *cellSystem) reader() *reader {
	rd := &reader{s: s, byCell: s.cellRels(), cols: make([][]entry, len(s.cells)), isCol: make([]bool, len(s.cells)),
		pivot: make([]int, len(s.rels)), nullAt: make([][]int, len(s.cells)),
		x: newScratch(len(s.rels)), w: newScratch(len(s.cells)),
		candAt: make([]uint32, len(s.cells)), expandedAt: make([]uint32, len(s.cells)),
		queuedAt: make([]uint32, len(s.cells)), scannedAt: make([]uint32, len(s.rels))}
	for ri := range rd.pivot {
		rd.pivot[ri] = -1
	}
	rd.nonzero = make([]bool, len(s.cells))
	for i, c := range s.cells {
		rd.nonzero[i] = c.v.Sign() != 0
	}
	// A relation's coefficients per cell, summed in rd.w.
	for ri, rel := range s.rels {
		for _, t := range rel {
			if !rd.w.set[t.cell] {
				rd.w.put(t.cell, ratInt(0))
			}
			rd.w.v[t.cell] = subMulRat(rd.w.v[t.cell], ratInt(-1), ratOf(t.coef))
		}
		for _, e := range rd.w.take() {
			rd.cols[e.i] = append(rd.cols[e.i], entry{ri, e.v})
		}
	}
	for _, p := range s.pairs {
		if p.sensitive(s) {
			rd.sensitive = append(rd.sensitive, p)
		}
	}
	rd.sync()
	return rd
}

// sync makes the reader's unknowns the system's: it adds the cells hidden
// since (hideDerived hides weighted totals between rounds). A cell shown
// again, which only a trial does and rolls back, makes it start over.
func (rd *reader) sync() {
	for i := range rd.s.cells {
		if u := rd.unknown(i); u != rd.isCol[i] {
			if !u {
				rd.rollback(0)
				rd.sync()
				return
			}
			rd.add(i)
		}
	}
}

// hid adds the cells just hidden that are unknowns.
func (rd *reader) hid(cells []int) {
	for _, c := range cells {
		if rd.unknown(c) && !rd.isCol[c] {
			rd.add(c)
		}
	}
}

// unknown is cellSystem.unknown with the values' signs looked up.
func (rd *reader) unknown(i int) bool { return rd.nonzero[i] && rd.s.hidden(i) }

// mark is the point rollback returns to.
func (rd *reader) mark() int { return len(rd.log) }

// add makes unknown j a column: it is reduced by the basis columns whose
// pivots it meets (in their order, so each subtraction only adds entries
// at later pivots) and becomes a basis column, or a null vector when
// nothing is left.
func (rd *reader) add(j int) {
	rd.isCol[j] = true
	x, w, q := &rd.x, &rd.w, &rd.queue
	*q = (*q)[:0]
	for _, e := range rd.cols[j] {
		x.put(e.i, e.v)
		if k := rd.pivot[e.i]; k >= 0 {
			heap.Push(q, k)
		}
	}
	w.put(j, ratInt(1))
	last := -1
	for q.Len() > 0 {
		k := heap.Pop(q).(int)
		if k == last {
			continue
		}
		last = k
		b := &rd.basis[k]
		f := x.v[b.pivot]
		if !x.set[b.pivot] || f.isZero() {
			continue
		}
		for _, i := range x.subMul(b.v, f) {
			if kk := rd.pivot[i]; kk >= 0 {
				heap.Push(q, kk)
			}
		}
		w.subMul(b.w, f)
	}
	xv, wv := x.take(), w.take()
	rd.logCol = append(rd.logCol, j)
	if len(xv) == 0 {
		for _, e := range wv {
			rd.nullAt[e.i] = append(rd.nullAt[e.i], len(rd.null))
		}
		rd.null = append(rd.null, wv)
		rd.log = append(rd.log, true)
		return
	}
	inv := invRat(xv[0].v)
	for k := range xv {
		xv[k].v = mulRat(xv[k].v, inv)
	}
	for k := range wv {
		wv[k].v = mulRat(wv[k].v, inv)
	}
	rd.pivot[xv[0].i] = len(rd.basis)
	rd.basis = append(rd.basis, basisCol{pivot: xv[0].i, v: xv, w: wv})
	rd.log = append(rd.log, false)
}

// rollback removes the columns added since mark m, last first.
func (rd *reader) rollback(m int) {
	for len(rd.log) > m {
		n := len(rd.log) - 1
		rd.isCol[rd.logCol[n]] = false
		if rd.log[n] {
			k := len(rd.null) - 1
			for _, e := range rd.null[k] {
				rd.nullAt[e.i] = rd.nullAt[e.i][:len(rd.nullAt[e.i])-1]
			}
			rd.null = rd.null[:k]
		} else {
			k := len(rd.basis) - 1
			rd.pivot[rd.basis[k].pivot] = -1
			rd.basis = rd.basis[:k]
		}
		rd.log, rd.logCol = rd.log[:n], rd.logCol[:n]
	}
}

// cell reports whether a reader can compute cell i. Like pair, it takes
// the reader's unknowns to be the system's: sync and hid keep them so.
func (rd *reader) cell(i int) bool {
	return !rd.isCol[i] || len(rd.nullAt[i]) == 0
}

// pair reports whether a reader can compute outer − inner.
func (rd *reader) pair(p pair) bool {
	uo, ui := rd.isCol[p.outer], rd.isCol[p.inner]
	switch {
	case !uo && !ui:
		return true
	case !ui:
		return rd.cell(p.outer)
	case !uo:
		return rd.cell(p.inner)
	}
	for _, at := range [][]int{rd.nullAt[p.outer], rd.nullAt[p.inner]} {
		for _, n := range at {
			if !coef(rd.null[n], p.outer).equal(coef(rd.null[n], p.inner)) {
				return false
			}
		}
	}
	return true
}

// coef is vec's coefficient at i (vec sorted by index).
func coef(vec []entry, i int) rat {
	if k, ok := slices.BinarySearchFunc(vec, i, func(e entry, i int) int { return e.i - i }); ok {
		return vec[k].v
	}
	return ratInt(0)
}

// scratch is a dense working vector: set[i] marks the entries written,
// nz lists them.
type scratch struct {
	v   []rat
	set []bool
	nz  []int
}

func newScratch(n int) scratch { return scratch{v: make([]rat, n), set: make([]bool, n)} }

// put sets entry i (zero before) to v.
func (d *scratch) put(i int, v rat) {
	d.v[i], d.set[i] = v, true
	d.nz = append(d.nz, i)
}

// subMul sets d to d − f·by and returns the indices that were zero
// before.
func (d *scratch) subMul(by []entry, f rat) []int {
	start := len(d.nz)
	for _, e := range by {
		if !d.set[e.i] {
			d.put(e.i, ratInt(0))
		}
		d.v[e.i] = subMulRat(d.v[e.i], f, e.v)
	}
	return d.nz[start:]
}

// take returns the non-zero entries sorted by index and clears d.
func (d *scratch) take() []entry {
	var out []entry
	for _, i := range d.nz {
		if v := d.v[i]; !v.isZero() {
			out = append(out, entry{i, v})
		}
		d.v[i], d.set[i] = rat{}, false
	}
	d.nz = d.nz[:0]
	slices.SortFunc(out, func(a, b entry) int { return a.i - b.i })
	return out
}

// pivotQueue is a min-heap of basis column indices.
type pivotQueue []int

func (q pivotQueue) Len() int           { return len(q) }
func (q pivotQueue) Less(i, j int) bool { return q[i] < q[j] }
func (q pivotQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *pivotQueue) Push(x any)        { *q = append(*q, x.(int)) }
func (q *pivotQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
