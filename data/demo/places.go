package demo

import (
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// pharmacy is a generated pharmacy with its calendar and its behaviour,
// which is not stored but shapes its urgent rolls and deviations.
type pharmacy struct {
	workflow.Pharmacy
	cal    calendar.Calendar
	calKey string
	// leadMedian is the median urgent-roll lead time in hours before
	// deliveries that fall on closed days move (16–34, +10 with a 48-hour
	// promise), giving observed medians of about 18–40 hours.
	leadMedian float64
	// deviationRate is the receipt deviations per roll (0.002–0.006).
	deviationRate float64
	staff         []string
}

var pharmacyNames = []string{"Løve", "Svane", "Hjorte", "Elefant", "Nord", "Syd", "Øst", "Vest",
	"Centrum", "Kronen", "Stjerne", "Ørne", "Hvide", "Sankt Jørgens", "Torvets", "Strand", "Park", "Bymidte"}

// makePharmacies writes the municipality's pharmacies: default settings,
// a few with 7-day periods, a 2-day deadline, a 48-hour promise, or
// one-off closed dates.
func (g *muniGen) makePharmacies() {
	for i := range g.p.Pharmacies {
		name := g.p.Name + " Apotek"
		if i > 0 {
			name = fmt.Sprintf("%s %s Apotek", g.p.Name, pharmacyNames[(i-1)%len(pharmacyNames)])
			if i > len(pharmacyNames) {
				name = fmt.Sprintf("%s %s Apotek %d", g.p.Name, pharmacyNames[(i-1)%len(pharmacyNames)], 1+(i-1)/len(pharmacyNames))
			}
		}
		ph := &pharmacy{Pharmacy: workflow.Pharmacy{ID: g.r.id(), Name: name, Municipality: g.p.Code,
			PeriodDays: 14, DeadlineWorkingDays: 3, LeadTimeHours: 24, ExtraClosingDays: calendar.DefaultExtraClosingDays()}}
		if g.r.chance(0.06) {
			ph.PeriodDays = 7
		}
		if g.r.chance(0.12) {
			ph.DeadlineWorkingDays = 2
		}
		ph.leadMedian = g.r.between(16, 34)
		if g.r.chance(0.15) {
			ph.LeadTimeHours = 48
			ph.leadMedian += 10
		}
		if g.r.chance(0.1) {
			ph.ExtraClosingDays = ph.ExtraClosingDays[1:] // open on Constitution Day
		}
		if g.r.chance(0.08) {
			for range 1 + g.r.IntN(2) {
				ph.ClosedDates = append(ph.ClosedDates, calendar.DayOf(g.sh.t0.Add(g.r.daysBetween(0, 3*365))))
			}
		}
		ph.deviationRate = g.r.between(0.002, 0.006)
		extra := workflow.FormatClosingDays(ph.ExtraClosingDays)
		ph.cal = ph.Calendar()
		ph.calKey = calendarKey(extra, ph.ClosedDates)
		for s := range 2 + g.r.IntN(3) {
			ph.staff = append(ph.staff, fmt.Sprintf("demo:apotek-%d-%d-%d", g.p.Code, i+1, s+1))
		}
		g.t.pharmacies.add(ph.ID, ph.Name, g.p.Code, ph.PeriodDays, ph.DeadlineWorkingDays, ph.LeadTimeHours,
			extra, g.sh.t0.AddDate(-2, 0, 0))
		for _, d := range ph.ClosedDates {
			g.t.closedDates.add(ph.ID, d, "Lukket (vareoptælling)")
		}
		g.pharmacies = append(g.pharmacies, ph)
	}
	g.sh.stats.Pharmacies += g.p.Pharmacies
}

var clinicNames = []string{"Nord", "Syd", "Øst", "Vest", "Centrum", "ved Torvet", "ved Stationen",
	"i Parken", "ved Havnen", "ved Søen", "Bakken", "Engen"}

// makeGPs writes the municipality's GP practices with unique six-digit
// ydernumre, and some absences with a substitute practice.
func (g *muniGen) makeGPs() {
	for i := range g.p.GPs {
		var yd string
		for {
			yd = fmt.Sprintf("%06d", 100000+g.r.IntN(900000))
			if _, dup := g.sh.yders[yd]; !dup {
				g.sh.yders[yd] = struct{}{}
				break
			}
		}
		id := g.r.id()
		name := "Læge " + g.sh.names.person(g.r, g.r.chance(0.5))
		if g.r.chance(0.5) {
			name = "Lægerne " + g.sh.names.lastName(g.r) + " og " + g.sh.names.lastName(g.r)
		}
		clinic := fmt.Sprintf("Lægehuset %s %s", g.p.Name, clinicNames[i%len(clinicNames)])
		g.t.gps.add(id, yd, name, clinic, g.p.Code, g.sh.t0.AddDate(-2, 0, 0))
		g.gps = append(g.gps, id)
		g.gpWeights = append(g.gpWeights, g.r.between(0.5, 1.5))
	}
	for i, id := range g.gps {
		if !g.r.chance(0.25) {
			continue
		}
		for range 1 + g.r.IntN(3) {
			from := calendar.DayOf(g.sh.t0.Add(g.r.daysBetween(0, 3*365+60)))
			var sub any
			if len(g.gps) > 1 {
				sub = g.gps[(i+1+g.r.IntN(len(g.gps)-1))%len(g.gps)]
			}
			note := g.r.pick([]choice{{"Ferie", 6}, {"Kursus", 2}, {"Sygdom", 2}})
			g.t.gpAbsences.add(g.r.id(), id, from, from.AddDays(4+g.r.IntN(17)), sub, note)
		}
	}
	g.sh.stats.GPs += g.p.GPs
}

// makeStaff creates the municipality's care staff: nurses and a project lead.
func (g *muniGen) makeStaff() {
	for i := range max(2, g.p.Helped/150) {
		g.nurses = append(g.nurses, fmt.Sprintf("demo:sygpl-%d-%d", g.p.Code, i+1))
	}
	g.lead = fmt.Sprintf("demo:leder-%d-1", g.p.Code)
}

// careActor returns a plausible actor for a case event: mostly a nurse,
// sometimes the project lead.
func (g *muniGen) careActor() (string, workflow.Role) {
	if g.r.chance(0.1) {
		return g.lead, workflow.RoleLead
	}
	return g.nurses[g.r.IntN(len(g.nurses))], workflow.RoleNurse
}
