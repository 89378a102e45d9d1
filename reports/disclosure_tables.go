package reports

import (
	"math/big"
	"strconv"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// relations writes down every published table of r with its additive
// groups, as a reader of the workbook can: column totals, row identities,
// totals across tables (a municipality's rolls and urgent rolls are the sum
// of its months and of its pharmacies), nested counts (active ⊇ of them
// 75+, the funnel's stages, urgent ⊇ delivered ⊇ on time) and the figures
// that are weighted sums of counts (hours and FTE under each
// municipality's model). A table added to the report must be added here,
// or Disclose does not protect it (TestDisclosureProperty).
func (r *Report) relations() *cellSystem {
	s := &cellSystem{}
	r.municipalityRelations(s)
	r.trendRelations(s)
	r.pharmacyRelations(s)
	r.funnelRelations(s)
	gpRelations(s, "læger", &r.GPTotal, r.GPs)
	gpRelations(s, "fornyelser", &r.RenewalTotal, r.Renewals)
	r.recommendationRelations(s)
	return s
}

func (r *Report) recommendationRelations(s *cellSystem) {
	rec := &r.Recs
	// Assessments by version: a table with row and column totals.
	rows := append([]*VersionRow{&rec.AssessTotal}, pointers(rec.Assess)...)
	for _, v := range rows {
		var parts []int
		for j := range v.Counts {
			parts = append(parts, s.add(rowName("vurderinger", v.Code, rec.Versions[j]), &v.Counts[j]))
		}
		s.sum(s.add(rowName("vurderinger", v.Code, "i alt"), &v.Total), parts...)
	}
	for j := range rec.Versions {
		var parts []int
		for _, v := range rows[1:] {
			parts = append(parts, s.add("", &v.Counts[j]))
		}
		s.sum(s.add("", &rec.AssessTotal.Counts[j]), parts...)
	}
	// Consents: columns with totals; outside the daily care ⊆ all.
	crows := append([]*ConsentRow{&rec.ConsentTotal}, pointers(rec.Consents)...)
	for _, c := range crows {
		s.nested(rowName("samtykker", c.Code, "i den daglige pleje"),
			s.add(rowName("samtykker", c.Code, "i alt"), &c.Consents), s.add(rowName("samtykker", c.Code, "uden for den daglige pleje"), &c.Outside))
	}
	for _, get := range []func(*ConsentRow) *Count{func(c *ConsentRow) *Count { return &c.Consents }, func(c *ConsentRow) *Count { return &c.Outside }} {
		var parts []int
		for _, c := range crows[1:] {
			parts = append(parts, s.add("", get(c)))
		}
		s.sum(s.add("", get(&rec.ConsentTotal)), parts...)
	}
	// Case recorders: columns with totals; the cases are the funnel's
	// opened cases.
	rrows := append([]*RecorderRow{&rec.RecorderTotal}, pointers(rec.Recorders)...)
	for _, get := range []struct {
		name string
		f    func(*RecorderRow) *Count
	}{{"sager", func(c *RecorderRow) *Count { return &c.Cases }}, {"medarbejdere", func(c *RecorderRow) *Count { return &c.Staff }}} {
		var parts []int
		for _, c := range rrows[1:] {
			parts = append(parts, s.add(rowName("registrerende", c.Code, get.name), get.f(c)))
		}
		s.sum(s.add(rowName("registrerende", 0, get.name), get.f(&rec.RecorderTotal)), parts...)
	}
	opened := map[int]*Count{0: &r.Funnel.Total.Stages[0]}
	for i := range r.Funnel.Rows {
		opened[r.Funnel.Rows[i].Code] = &r.Funnel.Rows[i].Stages[0]
	}
	for _, c := range rrows {
		if o, ok := opened[c.Code]; ok && len(rec.Recorders) > 0 {
			s.sum(s.add("", o), s.add("", &c.Cases))
		}
	}
}

// municipalityField is one count column of the municipality table.
type municipalityField struct {
	name string
	get  func(*MunicipalityRow) *Count
}

func municipalityFields() []municipalityField {
	return []municipalityField{
		{"borgere 75+", func(m *MunicipalityRow) *Count { return &m.Population75 }},
		{"medicinhjælp", func(m *MunicipalityRow) *Count { return &m.MedicineHelp }},
		{"egnede", func(m *MunicipalityRow) *Count { return &m.Eligible }},
		{"aktive", func(m *MunicipalityRow) *Count { return &m.Active }},
		{"aktive 75+", func(m *MunicipalityRow) *Count { return &m.Active75 }},
		{"pauserede", func(m *MunicipalityRow) *Count { return &m.Paused }},
		{"potentiale", func(m *MunicipalityRow) *Count { return &m.Potential }},
		{"ruller", func(m *MunicipalityRow) *Count { return &m.Rolls }},
		{"akutruller", func(m *MunicipalityRow) *Count { return &m.Urgent }},
	}
}

func rowName(table string, code int, field string) string {
	if code == 0 {
		return table + "/i alt/" + field
	}
	return table + "/" + strconv.Itoa(code) + "/" + field
}

func (r *Report) municipalityRelations(s *cellSystem) {
	rows := pointers(r.Municipalities)
	for _, f := range municipalityFields() {
		total := s.add(rowName("kommuner", 0, f.name), f.get(&r.Total))
		var parts []int
		for _, m := range rows {
			parts = append(parts, s.add(rowName("kommuner", m.Code, f.name), f.get(m)))
		}
		s.sum(total, parts...)
	}
	for _, m := range append([]*MunicipalityRow{&r.Total}, rows...) {
		cell := func(c *Count) int { return s.add("", c) }
		s.nested(rowName("kommuner", m.Code, "aktive under 75"), cell(&m.Active), cell(&m.Active75))
		s.nested(rowName("kommuner", m.Code, "borgere 75+ ikke aktive"), cell(&m.Population75), cell(&m.Active75))
		s.nested(rowName("kommuner", m.Code, "egnede ikke potentiale"), cell(&m.Eligible), cell(&m.Potential))
		s.link(cell(&m.Rolls), s.addFigure(rowName("kommuner", m.Code, "rulledage"), &m.RollDays))
	}
	// Roll days: a column with its total, and the published weighted sums
	// (citizen-periods, hours and FTE under each municipality's model).
	days := make([]int, len(rows))
	for i, m := range rows {
		days[i] = s.addFigure("", &m.RollDays)
	}
	s.sum(s.addFigure("", &r.Total.RollDays), days...)
	// Potential FTE is the potential citizens weighted by the model.
	pot := make([]int, len(rows))
	for i, m := range rows {
		pot[i] = s.add("", &m.Potential)
	}
	weights := func(f func(Model) float64) []*big.Rat {
		w := make([]*big.Rat, len(rows))
		for i, m := range rows {
			w[i] = exact(f(r.Params.For(m.Code)))
		}
		return w
	}
	for _, fig := range []struct {
		name  string
		ratio *Ratio
		parts []int
		w     []*big.Rat
	}{
		{"borgerperioder", &r.Total.Hours.Periods, days, weights(func(m Model) float64 { return 1 / m.PeriodDays.Value })},
		{"timer", &r.Total.Hours.Hours, days, weights(func(m Model) float64 { return m.HoursForDays(1) })},
		{"årsværk", &r.Total.Hours.FTE, days, weights(func(m Model) float64 { return m.FTE(m.HoursForDays(1)) })},
		{"potentiale årsværk", &r.Total.Hours.PotentialFTE, pot, weights(func(m Model) float64 { return 1 / m.CitizensPerFTE() })},
	} {
		s.weighted(s.addRatio(rowName("timer", 0, fig.name), fig.ratio, fig.parts, fig.w), fig.parts, fig.w)
	}
	// The what-if is its base citizens weighted by the model.
	var parts []int
	var w []*big.Rat
	for _, m := range rows {
		k := exact(r.Params.WhatIfPercent.Value / 100 / r.Params.For(m.Code).CitizensPerFTE())
		if r.Params.WhatIfBase.Key == BaseEligible {
			parts, w = append(parts, s.add("", &m.Potential)), append(w, k)
			continue
		}
		neg := new(big.Rat).Neg(k)
		parts = append(parts, s.add("", &m.MedicineHelp), s.add("", &m.Active), s.add("", &m.Paused))
		w = append(w, k, neg, neg)
	}
	s.weighted(s.addRatio(rowName("timer", 0, "hvis-scenarie"), &r.Total.Hours.WhatIfFTE, parts, w), parts, w)
}

func (r *Report) trendRelations(s *cellSystem) {
	byMonth := map[calendar.Date][]*TrendRow{}
	byCode := map[int][]*TrendRow{}
	for _, t := range pointers(r.Trend) {
		byMonth[t.Month] = append(byMonth[t.Month], t)
		byCode[t.Code] = append(byCode[t.Code], t)
	}
	name := func(t *TrendRow, field string) string {
		return rowName("udvikling "+MonthLabel(t.Month), t.Code, field)
	}
	for _, tot := range pointers(r.TrendTotal) {
		rows := byMonth[tot.Month]
		for _, f := range []struct {
			name string
			get  func(*TrendRow) *Count
		}{
			{"borgere", func(t *TrendRow) *Count { return &t.Citizens }},
			{"startet", func(t *TrendRow) *Count { return &t.Starts }},
			{"ruller", func(t *TrendRow) *Count { return &t.Rolls }},
		} {
			var parts []int
			for _, t := range rows {
				parts = append(parts, s.add(name(t, f.name), f.get(t)))
			}
			s.sum(s.add(name(tot, f.name), f.get(tot)), parts...)
		}
		var days []int
		var w []*big.Rat
		for _, t := range rows {
			d := s.addFigure(name(t, "rulledage"), &t.RollDays)
			s.link(s.add("", &t.Rolls), d)
			days = append(days, d)
			w = append(w, exact(r.Params.For(t.Code).HoursForDays(1)))
		}
		total := s.addFigure(name(tot, "rulledage"), &tot.RollDays)
		s.link(s.add("", &tot.Rolls), total)
		s.sum(total, days...)
		s.weighted(s.addRatio(name(tot, "timer"), &tot.Hours, days, w), days, w)
	}
	// A municipality's months add up to its row in the municipality table.
	for _, m := range pointers(r.Municipalities) {
		var rolls, days []int
		for _, t := range byCode[m.Code] {
			rolls = append(rolls, s.add("", &t.Rolls))
			days = append(days, s.addFigure("", &t.RollDays))
		}
		if len(rolls) > 0 {
			s.sum(s.add("", &m.Rolls), rolls...)
			s.sum(s.addFigure("", &m.RollDays), days...)
		}
	}
}

func (r *Report) pharmacyRelations(s *cellSystem) {
	byCode := map[int][]*PharmacyRow{}
	var all []*PharmacyRow
	for _, p := range pointers(r.Pharmacies) {
		byCode[p.Municipality] = append(byCode[p.Municipality], p)
		all = append(all, p)
		name := func(field string) string { return "apoteker/" + p.Name + "/" + field }
		urgent, delivered, onTime := s.add(name("akutruller"), &p.Urgent), s.add(name("leveret"), &p.Delivered), s.add(name("til tiden"), &p.OnTime)
		s.nested(name("akutruller ikke leveret"), urgent, delivered)
		s.nested(name("leveret for sent"), delivered, onTime)
		s.nested(name("akutruller ikke til tiden"), urgent, onTime)
		s.link(s.add(name("ruller"), &p.Rolls), s.addFigure(name("rulledage"), &p.RollDays))
		s.add(name("afvigelser"), &p.Deviations)
	}
	fields := []struct {
		get  func(*PharmacyRow) *Count
		tot  func(*MunicipalityRow) *Count
		days bool
	}{
		{func(p *PharmacyRow) *Count { return &p.Rolls }, func(m *MunicipalityRow) *Count { return &m.Rolls }, false},
		{func(p *PharmacyRow) *Count { return &p.Urgent }, func(m *MunicipalityRow) *Count { return &m.Urgent }, false},
		{func(p *PharmacyRow) *Count { return &p.RollDays }, func(m *MunicipalityRow) *Count { return &m.RollDays }, true},
	}
	cell := func(c *Count, days bool) int {
		if days {
			return s.addFigure("", c)
		}
		return s.add("", c)
	}
	// A municipality's pharmacies add up to it (when its citizens use their
	// own municipality's pharmacies, as they mostly do), and all pharmacies
	// to the total.
	for _, m := range pointers(r.Municipalities) {
		ps := byCode[m.Code]
		if len(ps) == 0 {
			continue
		}
		for _, f := range fields {
			var parts []int
			for _, p := range ps {
				parts = append(parts, cell(f.get(p), f.days))
			}
			s.sum(cell(f.tot(m), f.days), parts...)
		}
	}
	if len(all) == 0 {
		return
	}
	for _, f := range fields {
		var parts []int
		for _, p := range all {
			parts = append(parts, cell(f.get(p), f.days))
		}
		s.sum(cell(f.tot(&r.Total), f.days), parts...)
	}
	var devs []int
	for _, p := range all {
		devs = append(devs, s.add("", &p.Deviations))
	}
	s.sum(s.add("apoteker/i alt/afvigelser", &r.Deviations), devs...)
}

func (r *Report) funnelRelations(s *cellSystem) {
	labels := FunnelStageLabels()
	rows := append([]*FunnelRow{&r.Funnel.Total}, pointers(r.Funnel.Rows)...)
	for st := range labels {
		var parts []int
		for _, f := range rows[1:] {
			parts = append(parts, s.add(rowName("tragt", f.Code, labels[st]), &f.Stages[st]))
		}
		s.sum(s.add(rowName("tragt", 0, labels[st]), &r.Funnel.Total.Stages[st]), parts...)
	}
	for _, f := range rows {
		for a := range labels {
			for b := a + 1; b < len(labels); b++ {
				s.nested(rowName("tragt", f.Code, labels[a]+" ikke "+labels[b]), s.add("", &f.Stages[a]), s.add("", &f.Stages[b]))
			}
		}
	}
	// The stage-time table counts the cases that reached both stages of a
	// pair: the funnel total of the later stage.
	reached := map[string]int{StageOpenAssess: 1, StageAssessConsent: 3, StageConsentRequest: 4,
		StageRequestApprove: 5, StageApproveStart: 6, StageOpenStart: 6}
	for i := range r.Funnel.Stages {
		st := &r.Funnel.Stages[i]
		if stage, ok := reached[st.Pair]; ok {
			s.sum(s.add("", &r.Funnel.Total.Stages[stage]), s.add("tragt/tid/"+st.Pair, &st.N))
		}
	}
	var parts []int
	for _, rr := range pointers(r.Funnel.Reasons) {
		parts = append(parts, s.add("årsager/"+rr.State+"/"+rr.Reason, &rr.Count))
	}
	s.sum(s.add("årsager/i alt", &r.Funnel.ReasonTotal), parts...)
}

func gpRelations(s *cellSystem, table string, total *GPRow, gps []GPRow) {
	rows := append([]*GPRow{total}, pointers(gps)...)
	for _, f := range []struct {
		name string
		get  func(*GPRow) *Count
	}{
		{"anmodninger", func(g *GPRow) *Count { return &g.Requests }},
		{"godkendt", func(g *GPRow) *Count { return &g.Approved }},
		{"afvist", func(g *GPRow) *Count { return &g.Rejected }},
		{"ikke besvaret", func(g *GPRow) *Count { return &g.Undecided }},
	} {
		var parts []int
		for _, g := range rows[1:] {
			parts = append(parts, s.add(rowName(table, g.Code, f.name), f.get(g)))
		}
		s.sum(s.add(rowName(table, 0, f.name), f.get(total)), parts...)
	}
	for _, g := range rows {
		s.sum(s.add("", &g.Requests), s.add("", &g.Approved), s.add("", &g.Rejected), s.add("", &g.Undecided))
	}
}

// exact is the float64 v as an exact rational (0 for a value that is not
// finite, which validated parameters never give).
func exact(v float64) *big.Rat {
	if r := new(big.Rat).SetFloat64(v); r != nil {
		return r
	}
	return new(big.Rat)
}
