package demo

import (
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// urgentPerCitizenMonth is the rate of urgent rolls for medication
// changes and lost or damaged rolls; discharges after a hospital pause
// add about as many again (1–3 per 100 citizen-months in all).
const urgentPerCitizenMonth = 0.009

var rejectTexts = []string{"Ordinationen mangler i FMK", "Præparatet er i restordre", "Ændringen når næste periode"}

// urgentRolls writes the case's urgent rolls: medication changes and lost
// rolls during dispensed periods, discharges after hospital pauses (with
// the MedCom admission and discharge notifications), and a few at start.
func (g *muniGen) urgentRolls(b *caseBuild, ph *pharmacy, ps []period) {
	r := g.r
	if r.chance(0.03) {
		g.urgentRoll(b, ph, workflow.UrgentReasonStart, b.startedAt.Add(r.daysBetween(0, 1)))
	}
	for _, p := range ps {
		if p.status != workflow.PeriodReceived && p.status != workflow.PeriodDispensed {
			continue
		}
		if r.chance(urgentPerCitizenMonth * float64(ph.PeriodDays) / 30.4) {
			reason := workflow.UrgentReasonMedicationChange
			if r.chance(0.3) {
				reason = workflow.UrgentReasonLostOrDamaged
			}
			g.urgentRoll(b, ph, reason, r.workTime(p.start.Start().Add(r.daysBetween(0, float64(ph.PeriodDays)))))
		}
	}
	for _, pz := range b.pauses {
		if pz.reason != "hospital_admission" {
			continue
		}
		hospital := hospitals[g.p.RegionCode][r.IntN(len(hospitals[g.p.RegionCode]))]
		adm := pz.from.Add(-r.daysBetween(0, 0.3))
		g.notify(b, workflow.HospitalAdmission, adm, hospital)
		if pz.to.IsZero() {
			continue
		}
		dis := pz.to.Add(-r.daysBetween(0.02, 0.8))
		if dis.Before(adm) {
			dis = adm.Add(time.Hour)
		}
		g.notify(b, workflow.HospitalDischarge, dis, hospital)
		if r.chance(0.55) {
			g.urgentRoll(b, ph, workflow.UrgentReasonHospitalDischarge, pz.to.Add(r.daysBetween(0, 0.25)))
		}
	}
}

// hospitals are a few hospitals per region (by region code), for MedCom
// notifications.
var hospitals = map[int][]string{
	1081: {"Aalborg Universitetshospital", "Regionshospital Nordjylland, Hjørring"},
	1082: {"Aarhus Universitetshospital", "Regionshospitalet Gødstrup", "Regionshospitalet Randers"},
	1083: {"Odense Universitetshospital", "Sygehus Lillebælt, Kolding", "Sydvestjysk Sygehus, Esbjerg"},
	1084: {"Rigshospitalet", "Herlev Hospital", "Hvidovre Hospital", "Bispebjerg Hospital", "Nordsjællands Hospital"},
	1085: {"Sjællands Universitetshospital, Køge", "Holbæk Sygehus", "Nykøbing F. Sygehus", "Slagelse Sygehus"},
}

// notify writes a MedCom hospital notification received shortly after at.
func (g *muniGen) notify(b *caseBuild, kind string, at time.Time, hospital string) {
	if at.After(g.sh.now) {
		return
	}
	id := g.r.id()
	g.t.hospital.add(id, b.c.ID, kind, at, hospital, "medcom-"+id, "import", "system:medcom",
		at.Add(time.Duration(1+g.r.IntN(30))*time.Minute))
}

// urgentRoll writes one urgent roll requested at req with its status
// events up to now. The pharmacy's lead time is log-normal around its own
// median (18–40 hours); the promise is 24 (or 48) working hours.
func (g *muniGen) urgentRoll(b *caseBuild, ph *pharmacy, reason string, req time.Time) {
	r, now := g.r, g.sh.now
	if !ph.cal.IsOpen(calendar.DayOf(req)) { // nurses order on open days
		req = r.workTime(ph.cal.NextOpen(calendar.DayOf(req)).Start())
	}
	if req.After(now) {
		return
	}
	if b.c.ClosedAt != nil && req.After(*b.c.ClosedAt) {
		return
	}
	id := r.id()
	nurse := g.nurses[r.IntN(len(g.nurses))]
	staff := ph.staff[r.IntN(len(ph.staff))]
	promised, err := workflow.PromisedBy(ph.Pharmacy, req)
	if err != nil {
		return // demo pharmacies have a 24-hour lead time: never beyond the bound
	}
	needed := req.Add(time.Duration(24+r.IntN(25)) * time.Hour)
	type step struct {
		at          time.Time
		actor, role string
		to          workflow.UrgentStatus
		note        string
	}
	steps := []step{{req, nurse, string(workflow.RoleNurse), workflow.UrgentRequested, ""}}
	accepted := req.Add(days(min(0.5, r.lognormal(1.5, 0.8)/24)))
	var rec struct{ accepted, rejected, packed, delivered, cancelled, received *time.Time }
	rejectReason, note := "", ""
	switch x := r.Float64(); {
	case x < 0.03:
		at := req.Add(r.daysBetween(0.02, 0.2))
		rejectReason = rejectTexts[r.IntN(len(rejectTexts))]
		steps = append(steps, step{at, staff, string(workflow.RolePharmacy), workflow.UrgentRejected, rejectReason})
	case x < 0.07:
		steps = append(steps, step{accepted, staff, string(workflow.RolePharmacy), workflow.UrgentAccepted, ""})
		note = "Løst med broforsyning fra almindelige pakninger"
		steps = append(steps, step{accepted.Add(r.daysBetween(0.02, 0.3)), nurse, string(workflow.RoleNurse), workflow.UrgentCancelled, note})
	default:
		delivered := req.Add(days(r.lognormal(ph.leadMedian, 0.45) / 24))
		if !ph.cal.IsOpen(calendar.DayOf(delivered)) {
			d := ph.cal.NextOpen(calendar.DayOf(delivered))
			delivered = d.At(9, 0).Add(time.Duration(r.IntN(5*60)) * time.Minute).UTC()
		}
		packed := delivered.Add(-r.daysBetween(1.0/24, 4.0/24))
		if !packed.After(accepted) {
			accepted = req.Add((packed.Sub(req)) / 3)
		}
		steps = append(steps, step{accepted, staff, string(workflow.RolePharmacy), workflow.UrgentAccepted, ""},
			step{packed, staff, string(workflow.RolePharmacy), workflow.UrgentPacked, ""},
			step{delivered, staff, string(workflow.RolePharmacy), workflow.UrgentDelivered, ""})
		if rc := delivered.Add(r.daysBetween(0.02, 0.35)); rc.Before(now) {
			rec.received = &rc
		}
	}
	status, from := workflow.UrgentStatus(""), workflow.UrgentStatus("")
	var events []step
	for _, s := range steps {
		if s.at.After(now) {
			break
		}
		at := s.at
		switch s.to {
		case workflow.UrgentAccepted:
			rec.accepted = &at
		case workflow.UrgentRejected:
			rec.rejected = &at
		case workflow.UrgentPacked:
			rec.packed = &at
		case workflow.UrgentDelivered:
			rec.delivered = &at
		case workflow.UrgentCancelled:
			rec.cancelled = &at
		}
		events = append(events, s)
		status = s.to
	}
	if status != workflow.UrgentDelivered {
		rec.received = nil
	}
	if status != workflow.UrgentRejected {
		rejectReason = ""
	}
	g.t.urgent.add(id, b.c.ID, ph.ID, g.p.Code, reason, string(status), len(events), needed, promised, req, nurse,
		rec.accepted, rec.rejected, rejectReason, rec.packed, rec.delivered, rec.cancelled, rec.received, note)
	for i, s := range events {
		g.t.urgentEvents.add(id, i+1, s.at, s.actor, s.role, string(from), string(s.to), s.note)
		from = s.to
	}
	g.sh.stats.UrgentRolls++
	if reason == workflow.UrgentReasonMedicationChange || reason == workflow.UrgentReasonHospitalDischarge {
		g.t.changes.add(r.id(), b.c.ID, g.p.Code, calendar.DayOf(req), changeTexts[r.IntN(len(changeTexts))], workflow.ChangeUrgentRoll,
			nil, id, nurse, req)
	}
	if rec.received != nil && r.chance(0.01) {
		kind := r.pick(deviationKinds)
		g.t.deviations.add(b.c.ID, nil, id, ph.ID, kind, deviationNotes[kind], nurse, *rec.received)
	}
}
