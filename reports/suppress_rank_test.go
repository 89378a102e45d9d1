package reports

import (
	"slices"
	"testing"
)

// TestSuppressedRanksLeaveNoGaps: a hidden share's rank is hidden, and the
// shown ranks are numbered again among themselves. They kept their
// positions among all municipalities (1, 2, 4, 5 with the hidden one third),
// which put the hidden share between two shown ones and, with the
// municipality's 75+ population, bounded its hidden count of active 75+.
func TestSuppressedRanksLeaveNoGaps(t *testing.T) {
	row := func(code, active75, pop75 int, hidden bool) MunicipalityRow {
		return MunicipalityRow{Code: code, Active75: Count{N: active75, Hidden: hidden}, Population75: Count{N: pop75},
			ShareOf75: Ratio{V: float64(active75) / float64(pop75), Valid: true}}
	}
	r := Report{Municipalities: []MunicipalityRow{
		row(101, 40, 200, false), // 20 %
		row(147, 30, 200, false), // 15 %
		row(151, 4, 30, true),    // 13.3 %, hidden
		row(153, 20, 200, false), // 10 %
		row(155, 20, 200, false), // 10 %, tied
		row(157, 10, 200, false), // 5 %
	}}
	r.rank()
	r.hideDerived()
	var got []int
	for _, m := range r.Municipalities {
		got = append(got, m.Rank)
	}
	if want := []int{1, 2, 0, 3, 3, 5}; !slices.Equal(got, want) {
		t.Errorf("ranks after suppression = %v, want %v (the hidden one unranked, no gap where it stood, ties kept)", got, want)
	}
}
