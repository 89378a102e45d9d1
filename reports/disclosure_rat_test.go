package reports

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestRatAgreesWithBigRat: the reader's rationals give big.Rat's results,
// across the int64 boundary (where they fall back to big.Rat) and back,
// and stay canonical (a value that fits is small).
func TestRatAgreesWithBigRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func() *big.Rat {
		switch rng.IntN(4) {
		case 0: // small integers, as most coefficients are
			return big.NewRat(rng.Int64N(9)-4, 1)
		case 1: // a float64 weight, exactly (a large power-of-two denominator)
			return new(big.Rat).SetFloat64(rng.Float64() * 3)
		case 2: // near the limit
			return big.NewRat(ratLimit-1-rng.Int64N(3), 1+rng.Int64N(5))
		}
		n := new(big.Int).Lsh(big.NewInt(rng.Int64N(1000)+1), 70) // beyond int64
		return new(big.Rat).SetFrac(n, big.NewInt(rng.Int64N(1000)+1))
	}
	canonical := func(x rat, want *big.Rat) {
		t.Helper()
		if x.toBig().Cmp(want) != 0 {
			t.Fatalf("%v, want %v", x.toBig(), want)
		}
		if fits := ratOf(want).b == nil; fits != (x.b == nil) {
			t.Fatalf("%v: small %v, want %v", want, x.b == nil, fits)
		}
	}
	for range 20000 {
		a, b, c := pick(), pick(), pick()
		ra, rb, rc := ratOf(a), ratOf(b), ratOf(c)
		canonical(ra, a)
		canonical(mulRat(ra, rb), new(big.Rat).Mul(a, b))
		canonical(subMulRat(ra, rb, rc), new(big.Rat).Sub(a, new(big.Rat).Mul(b, c)))
		if a.Sign() != 0 {
			canonical(invRat(ra), new(big.Rat).Inv(a))
		}
		if ra.equal(rb) != (a.Cmp(b) == 0) || !ra.equal(ratOf(a)) {
			t.Fatalf("%v = %v: %v", a, b, ra.equal(rb))
		}
		if ra.isZero() != (a.Sign() == 0) {
			t.Fatalf("%v is zero: %v", a, ra.isZero())
		}
	}
}
