package reports

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// sameAsReference suppresses two copies of the report shown (built twice,
// since Suppress marks the cells in place) with Suppress and with the
// reference and fails unless they hide the same cells and agree in every
// field.
func sameAsReference(t *testing.T, name string, build func() Report) {
	t.Helper()
	got, want := Suppress(build()), refSuppress(build())
	gs, ws := got.relations(), want.relations()
	if len(gs.cells) != len(ws.cells) {
		t.Fatalf("%s: %d cells, reference %d", name, len(gs.cells), len(ws.cells))
	}
	hidden := 0
	for i := range gs.cells {
		if gs.hidden(i) != ws.hidden(i) {
			t.Errorf("%s: cell %d %s hidden %v, reference %v", name, i, gs.cells[i].name, gs.hidden(i), ws.hidden(i))
		}
		if ws.hidden(i) {
			hidden++
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the reports differ beyond the cells of the system", name)
	}
	if got.Primary != want.Primary || got.Secondary != want.Secondary {
		t.Errorf("%s: primary %d, secondary %d; reference %d, %d", name, got.Primary, got.Secondary, want.Primary, want.Secondary)
	}
	if want.Secondary == 0 && name == "national" {
		t.Errorf("%s: no secondary suppression: the comparison tests nothing", name)
	}
}

// TestSuppressSameAsReference: Suppress hides exactly the cells the
// original algorithm hid (suppress_ref_test.go) on the random data sets of
// the disclosure property test, on larger random ones and on the national
// demo data's report.
func TestSuppressSameAsReference(t *testing.T) {
	f := Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 2, 28)}
	for seed := range uint64(disclosureSeeds) {
		p := DefaultParams()
		if seed%2 == 0 {
			o := p.Default
			o.ManualMinutesPerPeriod.Value = 50
			p.Overrides = map[int]Model{111: o}
		}
		if seed%3 == 0 {
			p.WhatIfBase.Key = BaseEligible
		}
		build := func() Report {
			r, err := buildShown(context.Background(), newRandSource(rand.New(rand.NewPCG(seed, 12))), f, p)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		sameAsReference(t, fmt.Sprint("seed ", seed), build)
		if t.Failed() {
			return
		}
	}
	// Larger: 10 to 30 municipalities, so components span many of them.
	for seed := range uint64(largeSeeds) {
		rng := rand.New(rand.NewPCG(seed, 14))
		k := 10 + rng.IntN(21)
		build := func() Report {
			r, err := buildShown(context.Background(), randSourceOf(rand.New(rand.NewPCG(seed, 14)), k), f, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		sameAsReference(t, fmt.Sprint("large seed ", seed), build)
	}
}

// nationalHidden is the cells the reference hid on the national report:
// one line per hidden cell of the system, its index and name.
const nationalHidden = "testdata/national-hidden.txt"

// TestSuppressNationalSameAsReference: on the national demo data's report
// Suppress hides the cells the reference hid (testdata/national-hidden.txt,
// written by the reference). The reference takes about 40 s there, so it
// runs only with DOSIS_SUPPRESS_REFERENCE=1 (compare with it live, every
// field of the report) or =update (rewrite the file from it).
func TestSuppressNationalSameAsReference(t *testing.T) {
	switch os.Getenv("DOSIS_SUPPRESS_REFERENCE") {
	case "1":
		sameAsReference(t, "national", func() Report { return nationalShown(t) })
	case "update":
		r := refSuppress(nationalShown(t))
		if err := os.WriteFile(nationalHidden, []byte(hiddenList(r)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(nationalHidden)
	if err != nil {
		t.Fatal(err)
	}
	r := Suppress(nationalShown(t))
	if got := hiddenList(r); got != string(want) {
		t.Errorf("Suppress hides other cells than the reference (%s):\n%s", nationalHidden, lineDiff(string(want), got))
	}
	if r.Primary != 840 || r.Secondary != 1074 {
		t.Errorf("primary %d, secondary %d; the reference hid 840 and 1074", r.Primary, r.Secondary)
	}
}

// hiddenList lists the hidden cells of r's system, a line each.
func hiddenList(r Report) string {
	s := r.relations()
	var b strings.Builder
	for i, c := range s.cells {
		if s.hidden(i) {
			fmt.Fprintf(&b, "%d\t%s\n", i, c.name)
		}
	}
	return b.String()
}

// lineDiff names the lines only one of a and b has (at most 20).
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for l := range ma {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range mb {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	slices.Sort(out)
	return strings.Join(out[:min(20, len(out))], "\n")
}

// largeSeeds is how many larger random data sets the comparison tries.
const largeSeeds = 5
