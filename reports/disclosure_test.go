package reports

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// attack is what a reader of the published report can write down, listed
// here independently of relations(): every shown cell is a constant, every
// hidden cell an unknown, and the relations are the sums the tables print.
type attack struct {
	val    map[any]*big.Rat
	hidden map[any]bool
	name   map[any]string
	rels   [][]attackTerm
	// pairs are the nested counts: outer ⊇ inner.
	pairs [][2]any
}

type attackTerm struct {
	key  any
	coef *big.Rat
}

func newAttack() *attack {
	return &attack{val: map[any]*big.Rat{}, hidden: map[any]bool{}, name: map[any]string{}}
}

func (a *attack) count(name string, c *Count) any {
	a.val[c], a.hidden[c], a.name[c] = big.NewRat(int64(c.N), 1), c.Hidden, name
	return c
}

// eq records Σ coef·key = 0.
func (a *attack) eq(terms ...attackTerm) { a.rels = append(a.rels, terms) }

func plus(k any) attackTerm  { return attackTerm{k, big.NewRat(1, 1)} }
func minus(k any) attackTerm { return attackTerm{k, big.NewRat(-1, 1)} }

// total records total = Σ parts.
func (a *attack) total(total any, parts ...any) {
	terms := []attackTerm{minus(total)}
	for _, p := range parts {
		terms = append(terms, plus(p))
	}
	a.eq(terms...)
}

// readReport lists the published tables of r.
func readReport(r *Report) *attack {
	a := newAttack()
	ms := append([]*MunicipalityRow{&r.Total}, pointers(r.Municipalities)...)
	for _, m := range ms {
		n := fmt.Sprintf("kommune %d ", m.Code)
		a.count(n+"aktive", &m.Active)
		a.count(n+"aktive 75+", &m.Active75)
		a.count(n+"borgere 75+", &m.Population75)
		a.count(n+"medicinhjælp", &m.MedicineHelp)
		a.count(n+"egnede", &m.Eligible)
		a.count(n+"pauserede", &m.Paused)
		a.count(n+"potentiale", &m.Potential)
		a.count(n+"ruller", &m.Rolls)
		a.count(n+"akutruller", &m.Urgent)
		// Citizen-months are roll days / 30.44: shown with them.
		a.val[&m.RollDays], a.hidden[&m.RollDays], a.name[&m.RollDays] = big.NewRat(int64(m.RollDays.N), 1), !m.CitizenMonths.Shown(), n+"borgermåneder"
		a.pairs = append(a.pairs, [2]any{&m.Active, &m.Active75}, [2]any{&m.Population75, &m.Active75}, [2]any{&m.Eligible, &m.Potential})
	}
	for _, col := range []func(*MunicipalityRow) any{
		func(m *MunicipalityRow) any { return &m.Active }, func(m *MunicipalityRow) any { return &m.Active75 },
		func(m *MunicipalityRow) any { return &m.Population75 }, func(m *MunicipalityRow) any { return &m.MedicineHelp },
		func(m *MunicipalityRow) any { return &m.Eligible }, func(m *MunicipalityRow) any { return &m.Paused },
		func(m *MunicipalityRow) any { return &m.Potential }, func(m *MunicipalityRow) any { return &m.Rolls },
		func(m *MunicipalityRow) any { return &m.Urgent }, func(m *MunicipalityRow) any { return &m.RollDays },
	} {
		var parts []any
		for _, m := range ms[1:] {
			parts = append(parts, col(m))
		}
		a.total(col(&r.Total), parts...)
	}
	// Hours: under per-municipality models a weighted sum of roll days.
	hours := []attackTerm{minus(&r.Total.Hours.Hours)}
	hv := new(big.Rat)
	for _, m := range ms[1:] {
		w := new(big.Rat).SetFloat64(r.Params.For(m.Code).HoursForDays(1))
		hours = append(hours, attackTerm{&m.RollDays, w})
		hv.Add(hv, new(big.Rat).Mul(w, a.val[&m.RollDays]))
	}
	a.val[&r.Total.Hours.Hours], a.hidden[&r.Total.Hours.Hours] = hv, !r.Total.Hours.Hours.Shown()
	a.eq(hours...)
	// FTE and potential FTE: roll days and potential citizens under each model.
	for _, fig := range []struct {
		total *Ratio
		cell  func(*MunicipalityRow) *Count
		w     func(Model) float64
	}{
		{&r.Total.Hours.FTE, func(m *MunicipalityRow) *Count { return &m.RollDays }, func(m Model) float64 { return m.FTE(m.HoursForDays(1)) }},
		{&r.Total.Hours.PotentialFTE, func(m *MunicipalityRow) *Count { return &m.Potential }, func(m Model) float64 { return 1 / m.CitizensPerFTE() }},
	} {
		terms := []attackTerm{minus(fig.total)}
		v := new(big.Rat)
		for _, m := range ms[1:] {
			w := new(big.Rat).SetFloat64(fig.w(r.Params.For(m.Code)))
			terms = append(terms, attackTerm{fig.cell(m), w})
			v.Add(v, new(big.Rat).Mul(w, a.val[fig.cell(m)]))
		}
		a.val[fig.total], a.hidden[fig.total] = v, !fig.total.Shown()
		a.eq(terms...)
	}
	// The what-if: its base citizens under each model.
	whatIf := []attackTerm{minus(&r.Total.Hours.WhatIfFTE)}
	wv := new(big.Rat)
	for _, m := range ms[1:] {
		k := new(big.Rat).SetFloat64(r.Params.WhatIfPercent.Value / 100 / r.Params.For(m.Code).CitizensPerFTE())
		terms := []attackTerm{{&m.Potential, k}}
		if r.Params.WhatIfBase.Key == BaseMedicineHelp {
			neg := new(big.Rat).Neg(k)
			terms = []attackTerm{{&m.MedicineHelp, k}, {&m.Active, neg}, {&m.Paused, neg}}
		}
		for _, t := range terms {
			whatIf = append(whatIf, t)
			wv.Add(wv, new(big.Rat).Mul(t.coef, a.val[t.key]))
		}
	}
	a.val[&r.Total.Hours.WhatIfFTE], a.hidden[&r.Total.Hours.WhatIfFTE] = wv, !r.Total.Hours.WhatIfFTE.Shown()
	a.eq(whatIf...)

	// Trend: months over municipalities, and a municipality's months add
	// up to its rolls.
	byMonth := map[calendar.Date][]*TrendRow{}
	byCode := map[int][]*TrendRow{}
	for _, t := range pointers(r.Trend) {
		n := fmt.Sprintf("udvikling %s %d ", MonthLabel(t.Month), t.Code)
		a.count(n+"borgere", &t.Citizens)
		a.count(n+"startet", &t.Starts)
		a.count(n+"ruller", &t.Rolls)
		a.val[&t.RollDays], a.hidden[&t.RollDays], a.name[&t.RollDays] = big.NewRat(int64(t.RollDays.N), 1), !t.CitizenMonths.Shown(), n+"borgermåneder"
		byMonth[t.Month] = append(byMonth[t.Month], t)
		byCode[t.Code] = append(byCode[t.Code], t)
	}
	for _, tot := range pointers(r.TrendTotal) {
		a.count("udvikling i alt borgere", &tot.Citizens)
		a.count("udvikling i alt startet", &tot.Starts)
		a.count("udvikling i alt ruller", &tot.Rolls)
		a.val[&tot.RollDays], a.hidden[&tot.RollDays], a.name[&tot.RollDays] = big.NewRat(int64(tot.RollDays.N), 1), !tot.CitizenMonths.Shown(), "udvikling i alt borgermåneder "+MonthLabel(tot.Month)
		var cit, starts, rolls, days []any
		for _, t := range byMonth[tot.Month] {
			cit, starts, rolls, days = append(cit, &t.Citizens), append(starts, &t.Starts), append(rolls, &t.Rolls), append(days, &t.RollDays)
		}
		a.total(&tot.Citizens, cit...)
		a.total(&tot.Starts, starts...)
		a.total(&tot.Rolls, rolls...)
		a.total(&tot.RollDays, days...)
	}
	for _, m := range ms[1:] {
		var rolls, days []any
		for _, t := range byCode[m.Code] {
			rolls, days = append(rolls, &t.Rolls), append(days, &t.RollDays)
		}
		if len(rolls) > 0 {
			a.total(&m.Rolls, rolls...)
			a.total(&m.RollDays, days...)
		}
	}

	// Pharmacies: a municipality's add up to it, all to the total.
	byPharmacy := map[int][]*PharmacyRow{}
	var allRolls, allUrgent, allDays, allDevs []any
	for _, p := range pointers(r.Pharmacies) {
		n := "apotek " + p.Name + " "
		a.count(n+"ruller", &p.Rolls)
		a.count(n+"akutruller", &p.Urgent)
		a.count(n+"leveret", &p.Delivered)
		a.count(n+"afvigelser", &p.Deviations)
		// The on-time share times the delivered count is the on-time count.
		a.val[&p.OnTime], a.hidden[&p.OnTime], a.name[&p.OnTime] = big.NewRat(int64(p.OnTime.N), 1), !p.OnTimeShare.Shown(), n+"til tiden"
		a.val[&p.RollDays], a.hidden[&p.RollDays], a.name[&p.RollDays] = big.NewRat(int64(p.RollDays.N), 1), !p.CitizenMonths.Shown(), n+"borgermåneder"
		a.pairs = append(a.pairs, [2]any{&p.Urgent, &p.Delivered}, [2]any{&p.Delivered, &p.OnTime}, [2]any{&p.Urgent, &p.OnTime})
		byPharmacy[p.Municipality] = append(byPharmacy[p.Municipality], p)
		allRolls, allUrgent, allDays, allDevs = append(allRolls, &p.Rolls), append(allUrgent, &p.Urgent), append(allDays, &p.RollDays), append(allDevs, &p.Deviations)
	}
	for _, m := range ms[1:] {
		var rolls, urgent, days []any
		for _, p := range byPharmacy[m.Code] {
			rolls, urgent, days = append(rolls, &p.Rolls), append(urgent, &p.Urgent), append(days, &p.RollDays)
		}
		if len(rolls) == 0 {
			continue // served from elsewhere
		}
		a.total(&m.Rolls, rolls...)
		a.total(&m.Urgent, urgent...)
		a.total(&m.RollDays, days...)
	}
	if len(allRolls) > 0 {
		a.total(&r.Total.Rolls, allRolls...)
		a.total(&r.Total.Urgent, allUrgent...)
		a.total(&r.Total.RollDays, allDays...)
	}
	// The key figure "deviations per 1,000 rolls" times the total rolls.
	a.val[&r.Deviations], a.hidden[&r.Deviations] = big.NewRat(int64(r.Deviations.N), 1), r.Deviations.Hidden
	a.total(&r.Deviations, allDevs...)

	// Funnel: stages over municipalities, nested along each row; the stage
	// times count the cases of the later stage.
	fs := append([]*FunnelRow{&r.Funnel.Total}, pointers(r.Funnel.Rows)...)
	for _, f := range fs {
		for s := range f.Stages {
			a.count(fmt.Sprintf("tragt %d trin %d", f.Code, s), &f.Stages[s])
			for t := s + 1; t < len(f.Stages); t++ {
				a.pairs = append(a.pairs, [2]any{&f.Stages[s], &f.Stages[t]})
			}
		}
	}
	for s := range r.Funnel.Total.Stages {
		var parts []any
		for _, f := range fs[1:] {
			parts = append(parts, &f.Stages[s])
		}
		a.total(&r.Funnel.Total.Stages[s], parts...)
	}
	later := map[string]int{StageOpenAssess: 1, StageAssessConsent: 3, StageConsentRequest: 4, StageRequestApprove: 5,
		StageApproveStart: 6, StageOpenStart: 6}
	for i := range r.Funnel.Stages {
		st := &r.Funnel.Stages[i]
		a.count("tid "+st.Pair, &st.N)
		a.total(&r.Funnel.Total.Stages[later[st.Pair]], &st.N)
	}
	var reasons []any
	for _, rr := range pointers(r.Funnel.Reasons) {
		reasons = append(reasons, a.count("årsag "+rr.Reason, &rr.Count))
	}
	a.total(a.count("årsager i alt", &r.Funnel.ReasonTotal), reasons...)

	// GPs and renewals: requests = approved + rejected + not answered, and columns.
	for _, tab := range []struct {
		name  string
		total *GPRow
		rows  []GPRow
	}{{"læger", &r.GPTotal, r.GPs}, {"fornyelser", &r.RenewalTotal, r.Renewals}} {
		gs := append([]*GPRow{tab.total}, pointers(tab.rows)...)
		for _, g := range gs {
			n := fmt.Sprintf("%s %d ", tab.name, g.Code)
			a.total(a.count(n+"anmodninger", &g.Requests), a.count(n+"godkendt", &g.Approved), a.count(n+"afvist", &g.Rejected),
				a.count(n+"ikke besvaret", &g.Undecided))
		}
		for _, col := range []func(*GPRow) any{func(g *GPRow) any { return &g.Requests }, func(g *GPRow) any { return &g.Approved },
			func(g *GPRow) any { return &g.Rejected }, func(g *GPRow) any { return &g.Undecided }} {
			var parts []any
			for _, g := range gs[1:] {
				parts = append(parts, col(g))
			}
			a.total(col(tab.total), parts...)
		}
	}
	// The recommendations: assessments by version (rows and columns),
	// consents (outside the daily care ⊆ all), recorders (their cases are
	// the funnel's opened cases).
	rec := &r.Recs
	vs := append([]*VersionRow{&rec.AssessTotal}, pointers(rec.Assess)...)
	for _, v := range vs {
		var parts []any
		for j := range v.Counts {
			parts = append(parts, a.count(fmt.Sprintf("vurderinger %d %s", v.Code, rec.Versions[j]), &v.Counts[j]))
		}
		a.total(a.count(fmt.Sprintf("vurderinger %d i alt", v.Code), &v.Total), parts...)
	}
	for j := range rec.Versions {
		var parts []any
		for _, v := range vs[1:] {
			parts = append(parts, &v.Counts[j])
		}
		a.total(&rec.AssessTotal.Counts[j], parts...)
	}
	cs := append([]*ConsentRow{&rec.ConsentTotal}, pointers(rec.Consents)...)
	var consents, outside []any
	for _, c := range cs {
		a.count(fmt.Sprintf("samtykker %d", c.Code), &c.Consents)
		a.count(fmt.Sprintf("samtykker %d uden for plejen", c.Code), &c.Outside)
		a.pairs = append(a.pairs, [2]any{&c.Consents, &c.Outside})
		if c != cs[0] {
			consents, outside = append(consents, &c.Consents), append(outside, &c.Outside)
		}
	}
	a.total(&rec.ConsentTotal.Consents, consents...)
	a.total(&rec.ConsentTotal.Outside, outside...)
	rs := append([]*RecorderRow{&rec.RecorderTotal}, pointers(rec.Recorders)...)
	var cases, staff []any
	for _, c := range rs {
		a.count(fmt.Sprintf("registrerende %d sager", c.Code), &c.Cases)
		a.count(fmt.Sprintf("registrerende %d medarbejdere", c.Code), &c.Staff)
		if c != rs[0] {
			cases, staff = append(cases, &c.Cases), append(staff, &c.Staff)
		}
		for _, f := range fs {
			if f.Code == c.Code && len(rec.Recorders) > 0 {
				a.total(&f.Stages[0], &c.Cases)
			}
		}
	}
	a.total(&rec.RecorderTotal.Cases, cases...)
	a.total(&rec.RecorderTotal.Staff, staff...)
	return a
}

// readerEq is the reader's equations in row echelon form: unknowns are the
// hidden non-zero cells; shown cells and hidden zeros are constants (a zero
// moved in no direction keeps every cell non-negative), and a nested pair
// whose difference is zero is another equation (so a witness keeps outer ≥
// inner). ok is false when the true values do not satisfy them.
type readerEq struct {
	col   map[any]int
	rows  [][]*big.Rat // pivot rows, last entry the right-hand side
	pivot []int
	ok    bool
}

func (a *attack) equations() *readerEq {
	rd := &readerEq{col: map[any]int{}, ok: true}
	for k, h := range a.hidden {
		if h && a.val[k].Sign() != 0 {
			rd.col[k] = len(rd.col)
		}
	}
	for _, rel := range a.rels {
		rd.add(a, rel, new(big.Rat))
	}
	for _, p := range a.pairs {
		if a.val[p[0]].Cmp(a.val[p[1]]) == 0 {
			rd.add(a, []attackTerm{plus(p[0]), minus(p[1])}, new(big.Rat))
		}
	}
	return rd
}

// row writes Σ terms = b over the unknowns.
func (rd *readerEq) row(a *attack, terms []attackTerm, b *big.Rat) []*big.Rat {
	n := len(rd.col)
	row := make([]*big.Rat, n+1)
	for i := range row {
		row[i] = new(big.Rat)
	}
	row[n].Set(b)
	for _, t := range terms {
		if j, ok := rd.col[t.key]; ok {
			row[j].Add(row[j], t.coef)
		} else {
			row[n].Sub(row[n], new(big.Rat).Mul(t.coef, a.val[t.key]))
		}
	}
	return row
}

// reduce eliminates the pivots from row; it returns the first column left
// non-zero, or -1.
func (rd *readerEq) reduce(row []*big.Rat) int {
	n := len(rd.col)
	for k, p := range rd.rows {
		if f := row[rd.pivot[k]]; f.Sign() != 0 {
			f = new(big.Rat).Quo(f, p[rd.pivot[k]])
			for j := range n + 1 {
				if p[j].Sign() != 0 {
					row[j].Sub(row[j], new(big.Rat).Mul(f, p[j]))
				}
			}
		}
	}
	for j := range n {
		if row[j].Sign() != 0 {
			return j
		}
	}
	return -1
}

func (rd *readerEq) add(a *attack, terms []attackTerm, b *big.Rat) {
	row := rd.row(a, terms, b)
	c := rd.reduce(row)
	switch {
	case c >= 0:
		rd.rows, rd.pivot = append(rd.rows, row), append(rd.pivot, c)
	case row[len(rd.col)].Sign() != 0:
		rd.ok = false
	}
}

// consistent reports whether the equations plus Σ extra = rhs have a real
// solution.
func (rd *readerEq) consistent(a *attack, extra []attackTerm, rhs *big.Rat) bool {
	row := rd.row(a, extra, rhs)
	return rd.reduce(row) >= 0 || row[len(rd.col)].Sign() == 0
}

// leaks returns what a readerEq can compute that must stay hidden: a hidden
// count whose value is determined, and a nested difference of 1 to 4.
func (a *attack) leaks() []string {
	rd := a.equations()
	if !rd.ok {
		return []string{"the published relations do not hold for the true values"}
	}
	var out []string
	for k, h := range a.hidden {
		if !h || a.val[k].Sign() == 0 {
			continue
		}
		if !rd.consistent(a, []attackTerm{plus(k)}, new(big.Rat).Add(a.val[k], big.NewRat(1, 1))) {
			out = append(out, fmt.Sprintf("hidden %s = %s can be computed", a.name[k], a.val[k].RatString()))
		}
	}
	for _, p := range a.pairs {
		d := new(big.Rat).Sub(a.val[p[0]], a.val[p[1]])
		if d.Sign() <= 0 || d.Cmp(big.NewRat(MinCount, 1)) >= 0 {
			continue
		}
		if !rd.consistent(a, []attackTerm{plus(p[0]), minus(p[1])}, new(big.Rat).Add(d, big.NewRat(1, 1))) {
			out = append(out, fmt.Sprintf("%s − %s = %s can be computed", a.name[p[0]], a.name[p[1]], d.RatString()))
		}
	}
	return out
}

// disclosureSeeds is how many random data sets the property test tries.
const disclosureSeeds = 150

// TestDisclosureProperty: for random small data sets, a readerEq of the
// disclosure-controlled report cannot compute a hidden count, nor a
// difference of 1 to 4 between nested counts, by solving the published
// relations; no count of 1 to 4 is shown; and no municipality under 30
// active citizens is anywhere in the report.
func TestDisclosureProperty(t *testing.T) {
	f := Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 2, 28)}
	for seed := range uint64(disclosureSeeds) {
		rng := rand.New(rand.NewPCG(seed, 12))
		src := newRandSource(rng)
		p := DefaultParams()
		if rng.IntN(2) == 0 {
			// One municipality with its own model: hours become a weighted sum.
			o := p.Default
			o.ManualMinutesPerPeriod.Value = 50
			p.Overrides = map[int]Model{111: o}
		}
		if rng.IntN(2) == 0 {
			p.WhatIfBase.Key = BaseEligible
		}
		r, err := BuildSuppressed(context.Background(), src, f, p)
		if err != nil {
			t.Fatal(err)
		}
		a := readReport(&r)
		for _, l := range a.leaks() {
			t.Errorf("seed %d: %s", seed, l)
		}
		for k, h := range a.hidden {
			if c, ok := k.(*Count); ok && !h && Hidden(c.N) && a.name[k] != "" {
				t.Errorf("seed %d: %s = %d is shown", seed, a.name[k], c.N)
			}
		}
		small := map[int]bool{}
		for _, m := range src.ms {
			if m.adoption.Active < MinActive {
				small[m.adoption.Code] = true
			}
		}
		for _, m := range r.Municipalities {
			if small[m.Code] {
				t.Errorf("seed %d: municipality %d (under 30 active) is shown", seed, m.Code)
			}
		}
		for _, ph := range r.Pharmacies {
			if small[ph.Municipality] {
				t.Errorf("seed %d: pharmacy %s of a left-out municipality is shown", seed, ph.Name)
			}
		}
		if r.Omitted != len(small) {
			t.Errorf("seed %d: %d left out, want %d", seed, r.Omitted, len(small))
		}
		if t.Failed() {
			return
		}
	}
}

// TestDisclosureAuditCases are the leaks the audit found, each on a data
// set of its own: the hidden cell is hidden, and no hidden cell or small
// nested difference can be computed from what is shown.
func TestDisclosureAuditCases(t *testing.T) {
	f := Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 1, 31)}
	muni := func(code, active, active75 int) AdoptionCounts {
		return AdoptionCounts{Code: code, Name: "K" + fmt.Sprint(code), Population75: 5000, MedicineHelp: 400,
			Eligible: active + 40, Active: active, Active75: active75, Potential: 20}
	}
	base := func() fakeSource {
		return fakeSource{adoption: []AdoptionCounts{muni(751, 60, 50), muni(851, 50, 40), muni(101, 70, 60)}}
	}
	cases := []struct {
		name   string
		src    func() fakeSource
		hidden func(r Report) *Count
	}{
		{"GP not answered = requests − approved − rejected (Aarhus 40 − 37 − 0 = 3)", func() fakeSource {
			s := base()
			s.gps = []GPCounts{{Code: 751, Requests: 40, Approved: 37, Undecided: 3}, {Code: 851, Requests: 30, Approved: 20, Rejected: 10},
				{Code: 101, Requests: 50, Approved: 40, Rejected: 5, Undecided: 5}}
			return s
		}, func(r Report) *Count { return &r.GPs[0].Undecided }},
		{"a pharmacy = its municipality − its other pharmacies (Aalborg 8 − 0 − 6 = 2)", func() fakeSource {
			s := base()
			s.adoption[1].Urgent, s.adoption[1].Rolls, s.adoption[1].RollDays = 8, 80, 1120
			s.pharm = []PharmacyCounts{{ID: "a", Name: "Aalborg A", Municipality: 851, Urgent: 0, Rolls: 30, RollDays: 420},
				{ID: "b", Name: "Aalborg B", Municipality: 851, Urgent: 6, Delivered: 6, OnTime: 6, Rolls: 30, RollDays: 420},
				{ID: "c", Name: "Aalborg C", Municipality: 851, Urgent: 2, Delivered: 2, OnTime: 2, Rolls: 20, RollDays: 280}}
			return s
		}, func(r Report) *Count {
			for i := range r.Pharmacies {
				if r.Pharmacies[i].Name == "Aalborg C" {
					return &r.Pharmacies[i].Urgent
				}
			}
			return nil
		}},
		{"active 42, of them 75+ 39: 3 under 75", func() fakeSource {
			s := base()
			s.adoption[0] = muni(751, 42, 39)
			return s
		}, nil},
		{"funnel 34 opened, 30 assessed: 4 not assessed", func() fakeSource {
			s := base()
			s.funnel = []FunnelCounts{{Code: 751, Opened: 34, Assessed: 30, Eligible: 20, Consented: 15, Requested: 10, Approved: 8, Started: 6},
				{Code: 851, Opened: 50, Assessed: 40, Eligible: 30, Consented: 20, Requested: 15, Approved: 10, Started: 8},
				{Code: 101, Opened: 60, Assessed: 50, Eligible: 40, Consented: 30, Requested: 20, Approved: 15, Started: 10}}
			s.stages = []Bucket{{Key: StageOpenAssess, Value: 2, Count: 120}, {Key: StageAssessConsent, Value: 2, Count: 65},
				{Key: StageConsentRequest, Value: 2, Count: 45}, {Key: StageRequestApprove, Value: 2, Count: 33},
				{Key: StageApproveStart, Value: 2, Count: 24}, {Key: StageOpenStart, Value: 2, Count: 24}}
			return s
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := BuildSuppressed(context.Background(), c.src(), f, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			if c.hidden != nil {
				if h := c.hidden(r); h == nil || !h.Hidden {
					t.Errorf("the small cell is shown: %+v", h)
				}
			}
			a := readReport(&r)
			if len(a.pairs) == 0 {
				t.Fatal("no nested pairs read")
			}
			for _, l := range a.leaks() {
				t.Error(l)
			}
		})
	}
}

// TestDisclosureLeavesOutEverywhere: a municipality under 30 active
// citizens (Læsø, 825) appears in no table and no national figure, and its
// pharmacy is not listed.
func TestDisclosureLeavesOutEverywhere(t *testing.T) {
	f := Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 2, 28)}
	src := sample()
	src.adoption = append(src.adoption, AdoptionCounts{Code: 825, Name: "Læsø", Population75: 500, MedicineHelp: 40, Active: 12, Rolls: 24, RollDays: 336})
	src.pharm = append(src.pharm, PharmacyCounts{ID: "p9", Name: "Læsø Apotek", Municipality: 825, Rolls: 24, RollDays: 336})
	src.funnel = append(src.funnel, FunnelCounts{Code: 825, Opened: 20, Assessed: 20, Started: 12})
	src.gps = append(src.gps, GPCounts{Code: 825, Requests: 12, Approved: 12})
	src.months = append(src.months, MonthCounts{Code: 825, Month: "2026-01", Citizens: 12, Rolls: 24, RollDays: 336})
	for _, only := range [][]int{nil, {825}} {
		g := f
		g.Municipalities = only
		r, err := BuildSuppressed(context.Background(), src, g, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range r.Municipalities {
			if m.Code == 825 {
				t.Errorf("%v: Læsø is in the municipality table", only)
			}
		}
		for _, p := range r.Pharmacies {
			if p.Municipality == 825 {
				t.Errorf("%v: %s is in the pharmacy table", only, p.Name)
			}
		}
		for _, x := range r.Funnel.Rows {
			if x.Code == 825 {
				t.Errorf("%v: Læsø is in the funnel", only)
			}
		}
		for _, x := range r.GPs {
			if x.Code == 825 {
				t.Errorf("%v: Læsø is in the GP table", only)
			}
		}
		for _, x := range r.Trend {
			if x.Code == 825 {
				t.Errorf("%v: Læsø is in the trend", only)
			}
		}
		if only != nil {
			if len(r.Municipalities) != 0 || r.Omitted != 1 || len(r.Pharmacies) != 0 || len(r.Funnel.Stages) != 0 ||
				len(r.Funnel.Reasons) != 0 || r.Total.Rolls.N != 0 || r.Deviations.N != 0 {
				t.Errorf("825 alone: %d municipalities, %d left out, %d pharmacies, %d stage times, %d reasons, %d rolls",
					len(r.Municipalities), r.Omitted, len(r.Pharmacies), len(r.Funnel.Stages), len(r.Funnel.Reasons), r.Total.Rolls.N)
			}
		}
	}
}
