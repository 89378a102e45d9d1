package reports

import (
	"math/big"
	"math/bits"
)

// rat is an exact rational for the reader's elimination: n/d in lowest
// terms with d > 0 while both fit well inside int64 (the coefficients are
// mostly ±1 and small integers), else b holds the value. The form is
// canonical (a value that fits is always small), so two rats are equal
// exactly when their fields are, and arithmetic stays allocation-free
// until a value outgrows int64.
type rat struct {
	n, d int64
	b    *big.Rat
}

// ratLimit bounds a small rat's numerator and denominator, so sums of
// two never overflow int64.
const ratLimit = 1 << 62

// ratInt is n as a rat.
func ratInt(n int64) rat { return rat{n: n, d: 1} }

// ratOf is x as a rat.
func ratOf(x *big.Rat) rat {
	if x.Num().IsInt64() && x.Denom().IsInt64() {
		n, d := x.Num().Int64(), x.Denom().Int64()
		if n > -ratLimit && n < ratLimit && d < ratLimit {
			return rat{n: n, d: d}
		}
	}
	return rat{b: new(big.Rat).Set(x)}
}

// toBig is x as a new big.Rat.
func (x rat) toBig() *big.Rat {
	if x.b != nil {
		return new(big.Rat).Set(x.b)
	}
	return big.NewRat(x.n, x.d)
}

func (x rat) isZero() bool { return x.b == nil && x.n == 0 }

func (x rat) equal(y rat) bool {
	if x.b == nil && y.b == nil {
		return x.n == y.n && x.d == y.d
	}
	return x.b != nil && y.b != nil && x.b.Cmp(y.b) == 0
}

func abs64(a int64) uint64 {
	if a < 0 {
		return uint64(-a)
	}
	return uint64(a)
}

func gcd64(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// mul64 is a·b, unless it reaches ratLimit.
func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	if hi != 0 || lo >= ratLimit {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// small is n/d (d > 0) in lowest terms, unless either reaches ratLimit.
func smallRat(n, d int64) (rat, bool) {
	if n == 0 {
		return ratInt(0), true
	}
	if g := int64(gcd64(abs64(n), uint64(d))); g > 1 {
		n, d = n/g, d/g
	}
	return rat{n: n, d: d}, n > -ratLimit && n < ratLimit && d < ratLimit
}

// mulRat is x·y.
func mulRat(x, y rat) rat {
	if x.b == nil && y.b == nil {
		// Cancel across first: a/b·c/e with a, c over e, b.
		g1, g2 := int64(gcd64(abs64(x.n), uint64(y.d))), int64(gcd64(abs64(y.n), uint64(x.d)))
		n, ok1 := mul64(x.n/g1, y.n/g2)
		d, ok2 := mul64(x.d/g2, y.d/g1)
		if ok1 && ok2 {
			if n == 0 {
				return ratInt(0)
			}
			return rat{n: n, d: d}
		}
	}
	return ratOf(new(big.Rat).Mul(x.toBig(), y.toBig()))
}

// subMulRat is x − f·v.
func subMulRat(x, f, v rat) rat {
	p := mulRat(f, v)
	if x.b == nil && p.b == nil {
		if x.d == 1 && p.d == 1 {
			if r, ok := smallRat(x.n-p.n, 1); ok {
				return r
			}
		} else {
			g := int64(gcd64(uint64(x.d), uint64(p.d)))
			a, ok1 := mul64(x.n, p.d/g)
			b, ok2 := mul64(p.n, x.d/g)
			d, ok3 := mul64(x.d, p.d/g)
			if ok1 && ok2 && ok3 {
				if r, ok := smallRat(a-b, d); ok {
					return r
				}
			}
		}
	}
	return ratOf(new(big.Rat).Sub(x.toBig(), p.toBig()))
}

// invRat is 1/x for x ≠ 0.
func invRat(x rat) rat {
	if x.b == nil {
		if x.n < 0 {
			return rat{n: -x.d, d: -x.n}
		}
		return rat{n: x.d, d: x.n}
	}
	return ratOf(new(big.Rat).Inv(x.b))
}
