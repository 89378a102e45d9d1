package reports

import (
	"fmt"
	"sort"

	"github.com/dosis-dk/dosis/i18n"
)

// byRank returns the municipalities ordered by rank (unranked last, then by code).
func byRank(ms []MunicipalityRow) []MunicipalityRow {
	out := append([]MunicipalityRow(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Rank == 0) != (b.Rank == 0) {
			return b.Rank == 0
		}
		if a.Rank != b.Rank {
			return a.Rank < b.Rank
		}
		return a.Code < b.Code
	})
	return out
}

func sortedCodes(m map[int]Model) []int {
	out := make([]int, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	sort.Ints(out)
	return out
}

func municipalityLabel(code int) string { return fmt.Sprintf("Kommune %d", code) }

// CalibrationText says how the model in force relates to the published
// ratio, in Danish (CalibrationTextIn).
func (r Report) CalibrationText() string { return r.CalibrationTextIn(i18n.Danish) }
