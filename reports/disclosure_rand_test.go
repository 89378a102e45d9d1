package reports

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
)

// randMunicipality is one municipality of a random small data set, kept
// consistent the way the database is: months and pharmacies add up to the
// municipality, the funnel's stages are nested, GP requests are approved,
// rejected or not answered.
type randMunicipality struct {
	adoption AdoptionCounts
	months   []MonthCounts
	funnel   FunnelCounts
	reasons  []ReasonCount
	pharm    []PharmacyCounts
	gp       GPCounts
	renewal  GPCounts
	versions []VersionCount
	consent  ConsentCount
	openers  []int // cases opened per recording member of staff
}

// randSource is a Source over random municipalities that honours the
// filter, so the report built over the municipalities shown is what the
// database would give.
type randSource struct{ ms []randMunicipality }

// small is a random count from 0 to n, often 1 to 4.
func small(rng *rand.Rand, n int) int {
	if n <= 0 {
		return 0
	}
	if rng.IntN(3) == 0 {
		return min(rng.IntN(5), n)
	}
	return rng.IntN(n + 1)
}

// split divides n into k random non-negative parts.
func split(rng *rand.Rand, n, k int) []int {
	out := make([]int, k)
	for range n {
		out[rng.IntN(k)]++
	}
	return out
}

func newRandSource(rng *rand.Rand) randSource { return randSourceOf(rng, 2+rng.IntN(4)) }

// randSourceOf is a random data set of k municipalities.
func randSourceOf(rng *rand.Rand, k int) randSource {
	var src randSource
	for i := range k {
		code := 101 + 10*i
		var m randMunicipality
		active := 25 + rng.IntN(30)
		active75 := active - small(rng, active)
		eligible := active + small(rng, 20)
		paused := small(rng, 8)
		m.adoption = AdoptionCounts{Code: code, Name: "K" + strconv.Itoa(code), Population: 5000,
			Population75: active75 + 200 + rng.IntN(300), MedicineHelp: active + paused + small(rng, 60),
			Eligible: eligible, Active: active, Active75: active75, Paused: paused,
			Potential: small(rng, eligible-active)}
		np := 1 + rng.IntN(3)
		pharm := make([]PharmacyCounts, np)
		for j := range pharm {
			pharm[j] = PharmacyCounts{ID: fmt.Sprintf("p%d-%d", code, j), Name: fmt.Sprintf("Apotek %d-%d", code, j),
				Municipality: code, PromiseHours: 24}
		}
		for mo := 1; mo <= 2; mo++ {
			rolls := small(rng, 12)
			days := 14 * rolls
			if rolls > 0 && rng.IntN(2) == 0 {
				days += 14 // one 28-day period
			}
			mc := MonthCounts{Code: code, Month: fmt.Sprintf("2026-%02d", mo), Citizens: min(rolls, active), Rolls: rolls,
				RollDays: days, Starts: small(rng, 6)}
			m.months = append(m.months, mc)
			m.adoption.Rolls += rolls
			m.adoption.RollDays += days
			for j, n := range split(rng, rolls, np) {
				pharm[j].Rolls += n
				pharm[j].RollDays += 14 * n
			}
			// Roll days beyond 14 per roll go to the first pharmacy with rolls.
			extra := days - 14*rolls
			for j := range pharm {
				if extra > 0 && pharm[j].Rolls > 0 {
					pharm[j].RollDays += extra
					extra = 0
				}
			}
		}
		m.adoption.Urgent = small(rng, 10)
		for j, n := range split(rng, m.adoption.Urgent, np) {
			p := &pharm[j]
			p.Urgent = n
			p.Delivered = n - small(rng, n)
			p.OnTime = p.Delivered - small(rng, p.Delivered)
			p.Deviations = small(rng, 6)
		}
		m.pharm = pharm
		st := [7]int{small(rng, 30) + 5}
		for s := 1; s < 7; s++ {
			st[s] = st[s-1] - small(rng, st[s-1])
		}
		m.funnel = FunnelCounts{Code: code, Opened: st[0], Assessed: st[1], Eligible: st[2], Consented: st[3],
			Requested: st[4], Approved: st[5], Started: st[6]}
		for _, reason := range []string{"citizen_declined", "death"} {
			if n := small(rng, 8); n > 0 {
				m.reasons = append(m.reasons, ReasonCount{State: "ended", Reason: reason, Count: n})
			}
		}
		req := small(rng, 15)
		ap := req - small(rng, req)
		rej := small(rng, req-ap)
		m.gp = GPCounts{Code: code, Requests: req, Approved: ap, Rejected: rej, Undecided: req - ap - rej}
		for _, v := range []string{"default v1", "default v2"} {
			if n := small(rng, 12); n > 0 {
				m.versions = append(m.versions, VersionCount{Code: code, Version: v, Count: n})
			}
		}
		cons := small(rng, 15)
		m.consent = ConsentCount{Code: code, Consents: cons, OutsideDailyCare: cons - small(rng, cons)}
		for left := st[0]; left > 0; {
			n := 1 + rng.IntN(left)
			m.openers = append(m.openers, n)
			left -= n
		}
		ren := small(rng, 10)
		rap := ren - small(rng, ren)
		m.renewal = GPCounts{Code: code, Requests: ren, Approved: rap, Undecided: ren - rap}
		src.ms = append(src.ms, m)
	}
	return src
}

func (s randSource) each(f Filter, fn func(m randMunicipality)) {
	for _, m := range s.ms {
		if f.Includes(m.adoption.Code) {
			fn(m)
		}
	}
}

func (s randSource) Adoption(_ context.Context, f Filter) (out []AdoptionCounts, _ error) {
	s.each(f, func(m randMunicipality) { out = append(out, m.adoption) })
	return out, nil
}

func (s randSource) Months(_ context.Context, f Filter) (out []MonthCounts, _ error) {
	s.each(f, func(m randMunicipality) { out = append(out, m.months...) })
	return out, nil
}

func (s randSource) Funnel(_ context.Context, f Filter) (out []FunnelCounts, _ error) {
	s.each(f, func(m randMunicipality) { out = append(out, m.funnel) })
	return out, nil
}

// StageDays gives every case of a pair the same 3 days, counted over the
// municipalities in the filter.
func (s randSource) StageDays(_ context.Context, f Filter) (out []Bucket, _ error) {
	n := map[string]int{}
	s.each(f, func(m randMunicipality) {
		c := m.funnel
		n[StageOpenAssess] += c.Assessed
		n[StageAssessConsent] += c.Consented
		n[StageConsentRequest] += c.Requested
		n[StageRequestApprove] += c.Approved
		n[StageApproveStart] += c.Started
		n[StageOpenStart] += c.Started
	})
	for _, pair := range StagePairs() {
		if n[pair] > 0 {
			out = append(out, Bucket{Key: pair, Value: 3, Count: n[pair]})
		}
	}
	return out, nil
}

func (s randSource) Reasons(_ context.Context, f Filter) (out []ReasonCount, _ error) {
	sum := map[string]int{}
	s.each(f, func(m randMunicipality) {
		for _, r := range m.reasons {
			sum[r.Reason] += r.Count
		}
	})
	for _, reason := range []string{"citizen_declined", "death"} {
		if sum[reason] > 0 {
			out = append(out, ReasonCount{State: "ended", Reason: reason, Count: sum[reason]})
		}
	}
	return out, nil
}

func (s randSource) Pharmacies(_ context.Context, f Filter) (out []PharmacyCounts, _ error) {
	s.each(f, func(m randMunicipality) {
		for _, p := range m.pharm {
			if p.Rolls+p.Urgent+p.Deviations > 0 {
				out = append(out, p)
			}
		}
	})
	return out, nil
}

func (s randSource) LeadHours(_ context.Context, f Filter) (out []Bucket, _ error) {
	s.each(f, func(m randMunicipality) {
		for _, p := range m.pharm {
			if p.Delivered > 0 {
				out = append(out, Bucket{Key: p.ID, Value: 20, Count: p.Delivered})
			}
		}
	})
	return out, nil
}

func (s randSource) GPs(_ context.Context, f Filter) (out []GPCounts, _ error) {
	s.each(f, func(m randMunicipality) {
		if m.gp.Requests > 0 {
			out = append(out, m.gp)
		}
	})
	return out, nil
}

func (s randSource) GPDays(_ context.Context, f Filter) (out []Bucket, _ error) {
	s.each(f, func(m randMunicipality) {
		if n := m.gp.Approved + m.gp.Rejected; n > 0 {
			out = append(out, Bucket{Key: strconv.Itoa(m.gp.Code), Value: 5, Count: n})
		}
	})
	return out, nil
}

func (s randSource) Renewals(_ context.Context, f Filter) (out []GPCounts, _ error) {
	s.each(f, func(m randMunicipality) {
		if m.renewal.Requests > 0 {
			out = append(out, m.renewal)
		}
	})
	return out, nil
}

func (s randSource) RenewalDays(_ context.Context, f Filter) (out []Bucket, _ error) {
	s.each(f, func(m randMunicipality) {
		if m.renewal.Approved > 0 {
			out = append(out, Bucket{Key: strconv.Itoa(m.renewal.Code), Value: 2, Count: m.renewal.Approved})
		}
	})
	return out, nil
}

func (s randSource) PromiseHours(_ context.Context, f Filter) (out []Bucket, _ error) {
	s.each(f, func(m randMunicipality) {
		for _, p := range m.pharm {
			if p.Urgent > 0 {
				out = append(out, Bucket{Key: p.ID, Value: 30, Count: p.Urgent})
			}
		}
	})
	return out, nil
}

func (s randSource) AssessmentVersions(_ context.Context, f Filter) (out []VersionCount, _ error) {
	s.each(f, func(m randMunicipality) { out = append(out, m.versions...) })
	return out, nil
}

func (s randSource) ConsentRecorders(_ context.Context, f Filter) (out []ConsentCount, _ error) {
	s.each(f, func(m randMunicipality) {
		if m.consent.Consents > 0 {
			out = append(out, m.consent)
		}
	})
	return out, nil
}

func (s randSource) CaseRecorders(_ context.Context, f Filter) (out []Bucket, _ error) {
	s.each(f, func(m randMunicipality) {
		n := map[int]int{}
		for _, cases := range m.openers {
			n[cases]++
		}
		for cases, staff := range n {
			out = append(out, Bucket{Key: strconv.Itoa(m.adoption.Code), Value: cases, Count: staff})
		}
	})
	return out, nil
}
