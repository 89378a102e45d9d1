package demo

import (
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/dosis-dk/dosis/workflow/cpr"
)

// citizen is a generated citizen, as much as the case builder needs.
type citizen struct {
	id    string
	gpID  string
	birth calendar.Date
}

// makeCitizen writes one citizen of the municipality. helped is the
// medicine_help flag: true for the denominator, false for citizens who
// died or moved away during their case. created is when the citizen
// record appeared.
func (g *muniGen) makeCitizen(helped bool, created time.Time) (citizen, error) {
	age := 75 + min(29.0, g.r.ExpFloat64()*8.5)
	switch x := g.r.Float64(); {
	case x < 0.03:
		age = g.r.between(40, 65)
	case x < 0.15:
		age = g.r.between(65, 75)
	}
	birth := calendar.NewDate(g.sh.now.Add(-days(age * 365.25)).UTC().Date())
	female := g.r.chance(0.6)
	sex := cpr.Male
	if female {
		sex = cpr.Female
	}
	var n cpr.Number
	for tries := 0; ; tries++ {
		var err error
		if n, err = cpr.Generate(g.r.Rand, birth, sex); err != nil {
			return citizen{}, fmt.Errorf("demo citizen: %w", err)
		}
		if _, dup := g.sh.cprs[n.Digits()]; !dup {
			break
		}
		if tries > 50 {
			birth = birth.AddDays(1)
		}
	}
	g.sh.cprs[n.Digits()] = struct{}{}
	c := citizen{id: g.r.id(), gpID: g.gps[g.r.weighted(g.gpWeights)], birth: birth}
	if created.Before(birth.UTC()) {
		created = birth.UTC()
	}
	g.t.citizens.add(c.id, n.Digits(), g.sh.names.person(g.r, female), birth, string(sex), g.p.Code, c.gpID, helped, created)
	g.sh.stats.Citizens++
	if helped {
		g.helpedMade++
	}
	return c, nil
}
