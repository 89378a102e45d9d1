package cpr

import (
	"math/rand/v2"
	"testing"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

func TestGenerateRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	first, last := date(1858, 1, 1), date(2057, 12, 31)
	span := last.Sub(first)
	check := func(birth calendar.Date, sex Sex) {
		t.Helper()
		n, err := Generate(rng, birth, sex)
		if err != nil {
			t.Fatalf("Generate(%v, %s): %v", birth, sex, err)
		}
		back, err := Parse(n.String())
		if err != nil {
			t.Fatalf("Generate(%v, %s) = %v, which does not parse: %v", birth, sex, n, err)
		}
		if back != n {
			t.Errorf("Parse(%q) = %v, want %v", n.String(), back, n)
		}
		y, m, d := birth.Date()
		if got := back.BirthDate(); got != date(y, m, d) {
			t.Errorf("Generate(%v, %s) = %v with birth date %v", birth, sex, n, got)
		}
		if back.Sex() != sex {
			t.Errorf("Generate(%v, %s) = %v with sex %s", birth, sex, n, back.Sex())
		}
		if back.Mod11Valid() {
			t.Errorf("Generate(%v, %s) = %v passes modulus-11", birth, sex, n)
		}
	}
	for range 20000 {
		birth := first.AddDays(rng.IntN(span + 1))
		sex := Male
		if rng.IntN(2) == 0 {
			sex = Female
		}
		check(birth, sex)
	}
	// Century boundaries, leap days and a non-UTC location.
	for _, b := range []calendar.Date{
		date(1858, 1, 1), date(1899, 12, 31), date(1900, 1, 1), date(1936, 12, 31),
		date(1937, 1, 1), date(1999, 12, 31), date(2000, 2, 29), date(2036, 12, 31),
		date(2037, 1, 1), date(2057, 12, 31), date(1860, 2, 29), date(1996, 2, 29),
	} {
		for range 50 {
			check(b, Male)
			check(b, Female)
		}
	}
}

func TestGenerateNilRNG(t *testing.T) {
	n, err := Generate(nil, date(1980, 3, 4), Female)
	if err != nil || n.Sex() != Female || n.Mod11Valid() {
		t.Errorf("Generate(nil, ...) = %v, %v", n, err)
	}
}

func TestGenerateErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	tests := []struct {
		birth calendar.Date
		sex   Sex
	}{
		{date(1857, 12, 31), Male},
		{date(2058, 1, 1), Female},
		{date(1, 1, 1), Male},
		{date(1980, 1, 1), ""},
		{date(1980, 1, 1), "other"},
	}
	for _, tt := range tests {
		if n, err := Generate(rng, tt.birth, tt.sex); err == nil {
			t.Errorf("Generate(%v, %q) = %v, want error", tt.birth, tt.sex, n)
		}
	}
}
