package reports

import (
	"context"
	"fmt"
	"slices"
	"sort"
)

// Recommendations follows the national analysis's recommendations that
// Dosis can measure (MUUSMANN 2023, 19 recommendations; DOMAIN.md).
type Recommendations struct {
	// Versions are the rule-set versions assessed under, most used first.
	Versions []string
	// Assess is #2/#9, uniform assessment: assessments per rule-set
	// version per municipality.
	Assess      []VersionRow
	AssessTotal VersionRow
	// Consents is #14: consents recorded by staff not in the citizen's
	// daily care.
	Consents     []ConsentRow
	ConsentTotal ConsentRow
	// Lead is #17: the urgent-roll lead time and its spread across the
	// pharmacies.
	Lead LeadSpread
	// Recorders is #13, centralisation: cases per recording member of
	// staff.
	Recorders     []RecorderRow
	RecorderTotal RecorderRow
}

// VersionRow is one municipality's assessments by rule-set version
// (Counts in the order of Recommendations.Versions).
type VersionRow struct {
	Code   int
	Name   string
	Counts []Count
	Total  Count
	// Uniform is the share assessed under the most used version.
	Uniform Ratio
}

// ConsentRow is one municipality's consents.
type ConsentRow struct {
	Code     int
	Name     string
	Consents Count
	// Outside counts those recorded by staff not in the daily care.
	Outside Count
	Share   Ratio
}

// LeadSpread is the spread of the pharmacies' median urgent-roll lead
// times (clock hours), over the pharmacies whose median is shown.
type LeadSpread struct {
	Pharmacies int
	Median     Ratio
	Lowest     Ratio
	Highest    Ratio
	// Spread is Highest − Lowest.
	Spread Ratio
}

// RecorderRow is one municipality's cases opened in the period and the
// staff who recorded them.
type RecorderRow struct {
	Code  int
	Name  string
	Cases Count
	Staff Count
	// PerStaff is Cases / Staff; TopShare the share the member of staff
	// who opened the most cases opened.
	PerStaff Ratio
	TopShare Ratio
	top      int
}

// Definitions and source lines of the recommendations, as printed.
const (
	RecAssessDefinition   = "Anbefaling 2 og 9 (ensartet vurdering, nationale kriterier): vurderinger foretaget i perioden pr. regelsæt og version; andel = vurderinger under den mest brugte version / alle vurderinger."
	RecConsentDefinition  = "Anbefaling 14 (samtykke indhentes af personale uden for den daglige pleje): samtykker registreret i perioden; andel = registreret af en medarbejder, der ikke er en del af borgerens daglige pleje."
	RecLeadDefinition     = "Anbefaling 17 (ensartede leveringstider for akutruller): apotekernes median leveringstid (timer på uret fra bestilling til levering); spredning = højeste − laveste median blandt apoteker med mindst 5 leverede akutruller."
	RecRecorderDefinition = "Anbefaling 13 (centralisering): sager åbnet i perioden pr. medarbejder, der åbnede dem; største andel = den andel af sagerne, den mest aktive medarbejder åbnede. Ingen medarbejder nævnes."
	RecSource             = "Kilde: Dosis, kommunernes egne sagsdata; anbefalingerne: MUUSMANN 2023 for KL, Danske Regioner, PLO, Danmarks Apotekerforening og Styrelsen for Patientsikkerhed."
)

func buildRecommendations(ctx context.Context, src Source, f Filter, r *Report, names map[int]string) error {
	versions, err := src.AssessmentVersions(ctx, f)
	if err != nil {
		return fmt.Errorf("assessment versions: %w", err)
	}
	consents, err := src.ConsentRecorders(ctx, f)
	if err != nil {
		return fmt.Errorf("consent recorders: %w", err)
	}
	recorders, err := src.CaseRecorders(ctx, f)
	if err != nil {
		return fmt.Errorf("case recorders: %w", err)
	}
	rec := &r.Recs
	used := map[string]int{}
	for _, v := range versions {
		used[v.Version] += v.Count
	}
	for v := range used {
		rec.Versions = append(rec.Versions, v)
	}
	sort.Slice(rec.Versions, func(i, j int) bool {
		a, b := rec.Versions[i], rec.Versions[j]
		if used[a] != used[b] {
			return used[a] > used[b]
		}
		return a < b
	})
	byCode := map[int]*VersionRow{}
	for _, v := range versions {
		row, ok := byCode[v.Code]
		if !ok {
			rec.Assess = append(rec.Assess, VersionRow{Code: v.Code, Name: names[v.Code], Counts: make([]Count, len(rec.Versions))})
			row = &rec.Assess[len(rec.Assess)-1]
			byCode[v.Code] = row
		}
		row.Counts[slices.Index(rec.Versions, v.Version)].N += v.Count
	}
	for _, c := range consents {
		rec.Consents = append(rec.Consents, ConsentRow{Code: c.Code, Name: names[c.Code], Consents: C(c.Consents), Outside: C(c.OutsideDailyCare)})
	}
	h := histograms(recorders)
	var codes []int
	for k := range h {
		var code int
		if _, err := fmt.Sscan(k, &code); err == nil {
			codes = append(codes, code)
		}
	}
	sort.Ints(codes)
	for _, code := range codes {
		row := RecorderRow{Code: code, Name: names[code]}
		for _, b := range h[codeKey(code)] {
			row.Cases.N += b.Value * b.Count
			row.Staff.N += b.Count
			row.top = max(row.top, b.Value)
		}
		rec.Recorders = append(rec.Recorders, row)
	}
	return nil
}

// recomputeRecs derives the totals and shares of the recommendations.
func (r *Report) recomputeRecs() {
	rec := &r.Recs
	t := VersionRow{Name: "I alt", Counts: make([]Count, len(rec.Versions))}
	for i := range rec.Assess {
		row := &rec.Assess[i]
		row.Total = Count{}
		for j, c := range row.Counts {
			row.Total.N += c.N
			t.Counts[j].N += c.N
		}
		t.Total.N += row.Total.N
	}
	rec.AssessTotal = t
	for _, row := range append(pointers(rec.Assess), &rec.AssessTotal) {
		if len(row.Counts) > 0 {
			row.Uniform = Div(float64(row.Counts[0].N), float64(row.Total.N))
		}
	}
	ct := ConsentRow{Name: "I alt"}
	for i := range rec.Consents {
		row := &rec.Consents[i]
		row.Share = Div(float64(row.Outside.N), float64(row.Consents.N))
		ct.Consents.N += row.Consents.N
		ct.Outside.N += row.Outside.N
	}
	ct.Share = Div(float64(ct.Outside.N), float64(ct.Consents.N))
	rec.ConsentTotal = ct
	rt := RecorderRow{Name: "I alt"}
	for i := range rec.Recorders {
		row := &rec.Recorders[i]
		row.PerStaff = Div(float64(row.Cases.N), float64(row.Staff.N))
		row.TopShare = Div(float64(row.top), float64(row.Cases.N))
		rt.Cases.N += row.Cases.N
		rt.Staff.N += row.Staff.N
		rt.top = max(rt.top, row.top)
	}
	rt.PerStaff = Div(float64(rt.Cases.N), float64(rt.Staff.N))
	rt.TopShare = Div(float64(rt.top), float64(rt.Cases.N))
	rec.RecorderTotal = rt
	rec.Lead = leadSpread(r.Pharmacies)
}

// leadSpread summarises the shown pharmacy medians with at least MinCount
// deliveries.
func leadSpread(ps []PharmacyRow) LeadSpread {
	var medians []float64
	for _, p := range ps {
		if p.LeadMedian.Shown() && p.Delivered.N >= MinCount {
			medians = append(medians, p.LeadMedian.V)
		}
	}
	out := LeadSpread{Pharmacies: len(medians)}
	if len(medians) == 0 {
		return out
	}
	sort.Float64s(medians)
	out.Lowest, out.Highest = R(medians[0]), R(medians[len(medians)-1])
	out.Spread = R(medians[len(medians)-1] - medians[0])
	out.Median = R(medians[(len(medians)-1)/2])
	return out
}
