package reports

import (
	"fmt"
	"sort"
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

// CalibrationText says how the default model relates to the published ratio.
func (r Report) CalibrationText() string {
	m := r.Params.Default
	fte := m.FTE(m.HoursForDays(PublishedCitizens * DaysPerYear))
	return fmt.Sprintf("Kalibrering: med standardparametrene frigør %s borgere på dosispakning i et år %s årsværk "+
		"(%s borgere pr. årsværk). Offentliggjort: +40.000 borgere ≈ 600 årsværk (MUUSMANN 2023, ca. 67 pr. årsværk); KL 2024: 70–75 pr. årsværk.",
		FormatDA(PublishedCitizens, KindInt), FormatDA(fte, KindDecimal), FormatDA(m.CitizensPerFTE(), KindDecimal))
}
