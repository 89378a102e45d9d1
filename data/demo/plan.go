package demo

import (
	"math"

	"github.com/dosis-dk/dosis/data"
)

// Calibration of the national picture (DOMAIN.md): about 27 % of the 75+
// get municipal help with medicine (about 145,000–150,000 citizens), and
// the share of the 75+ on dose dispensing ranges from under 1 % to 17 %
// between municipalities.
const (
	helpShare75      = 0.27
	minAdoption      = 0.004
	maxAdoption      = 0.168
	adoptionSkew     = 1.2
	inhabitantsPerPh = 15000.0
	inhabitantsPerGP = 5000.0
)

// muniPlan is what one municipality gets.
type muniPlan struct {
	data.Municipality
	// Adoption is the target share of the 75+ on dose dispensing now.
	Adoption   float64
	Helped     int
	Pharmacies int
	GPs        int
}

// planMunicipalities sizes every municipality by population and draws its
// adoption level. Adoption levels are stratified: the i-th smallest of n is
// the skewed quantile at (i+0.5)/n, dealt to municipalities in a seeded
// random order, so every seed spans the whole published range.
func planMunicipalities(ms []data.Municipality, factor float64, r rng) []muniPlan {
	n := len(ms)
	order := r.Perm(n)
	out := make([]muniPlan, n)
	for i, m := range ms {
		u := (float64(order[i]) + 0.5) / float64(n)
		p := muniPlan{Municipality: m,
			Adoption: minAdoption + (maxAdoption-minAdoption)*math.Pow(u, adoptionSkew),
			Helped:   max(3, int(math.Round(float64(m.Population75Plus)*helpShare75*factor)))}
		places := factor
		if factor < 1 {
			places = 0.2 // small data sets keep a fifth of the practices, so reports still compare several
		}
		p.Pharmacies = max(1, int(math.Round(float64(m.Population)/inhabitantsPerPh*places)))
		p.GPs = max(1, int(math.Round(float64(m.Population)/inhabitantsPerGP*places)))
		out[i] = p
	}
	return out
}
