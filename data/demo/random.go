package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// rng is the generator's seeded random source with the draws it needs.
// Each municipality gets its own, derived from the seed and its code, so
// its rows do not depend on how many draws other municipalities made.
type rng struct {
	*rand.Rand
}

func newRNG(seed uint64, stream uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, stream*0x9E3779B97F4A7C15+1))}
}

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// id returns a new opaque id: "demo-" and 21 base32 characters (26 in
// all, like workflow.NewID), drawn from the seeded source.
func (r rng) id() string {
	var b [26]byte
	copy(b[:], "demo-")
	x, y := r.Uint64(), r.Uint64()
	for i := 5; i < 26; i++ {
		if i == 17 {
			x = y
		}
		b[i] = idAlphabet[x&31]
		x >>= 5
	}
	return string(b[:])
}

// chance reports true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// between returns a uniform float in [lo, hi).
func (r rng) between(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// lognormal returns a log-normal draw with the given median and sigma.
func (r rng) lognormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

// count rounds x stochastically: floor(x), plus one with the fraction as probability.
func (r rng) count(x float64) int {
	if x <= 0 {
		return 0
	}
	n := math.Floor(x)
	if r.Float64() < x-n {
		n++
	}
	return int(n)
}

// days returns a duration of d days.
func days(d float64) time.Duration { return time.Duration(d * float64(24*time.Hour)) }

// daysBetween returns a uniform duration between lo and hi days.
func (r rng) daysBetween(lo, hi float64) time.Duration { return days(r.between(lo, hi)) }

// weighted picks an index with probability proportional to its weight.
func (r rng) weighted(weights []float64) int {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	x := r.Float64() * sum
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// choice is a value with a weight, for pick.
type choice struct {
	value  string
	weight float64
}

// pick returns one value, chosen by weight.
func (r rng) pick(cs []choice) string {
	ws := make([]float64, len(cs))
	for i, c := range cs {
		ws[i] = c.weight
	}
	return cs[r.weighted(ws)].value
}

// workTime moves t to a time of day in office hours (07–15 Danish time)
// on its Danish day, in UTC.
func (r rng) workTime(t time.Time) time.Time {
	d := calendar.DayOf(t).At(7, 0)
	return d.Add(time.Duration(r.Int64N(int64(8*time.Hour/time.Second))) * time.Second).UTC()
}
