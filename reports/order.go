package reports

import (
	"fmt"
	"sort"
	"strings"
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
// ratio: "the default parameters" when they are Dosis's defaults, else the
// parameters in force, naming the ones changed.
func (r Report) CalibrationText() string {
	m := r.Params.Default
	fte := m.FTE(m.HoursForDays(PublishedCitizens * DaysPerYear))
	which := "standardparametrene"
	var changed []string
	for i, p := range m.List() {
		if p.Value != DefaultParams().Default.List()[i].Value {
			changed = append(changed, strings.ToLower(p.LabelDA))
		}
	}
	if len(changed) > 0 {
		which = "de gældende parametre (ændret fra standard: " + strings.Join(changed, ", ") + ")"
	}
	text := fmt.Sprintf("Kalibrering: med "+which+" frigør %s borgere på dosispakning i et år %s årsværk "+
		"(%s borgere pr. årsværk). Offentliggjort: +40.000 borgere ≈ 600 årsværk (MUUSMANN 2023, ca. 67 pr. årsværk); KL 2024: 70–75 pr. årsværk.",
		FormatDA(PublishedCitizens, KindInt), FormatDA(fte, KindDecimal), FormatDA(m.CitizensPerFTE(), KindDecimal))
	if codes := sortedCodes(r.Params.Overrides); len(codes) > 0 {
		names := make([]string, len(codes))
		for i, c := range codes {
			names[i] = fmt.Sprint(c)
		}
		text += " Kommuner med egne parametre: " + strings.Join(names, ", ") + " (se Antagelser)."
	}
	return text
}
