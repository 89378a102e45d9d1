package calendar

import (
	"sync"
	"time"
)

// Copenhagen returns Europe/Copenhagen, the zone Danish civil dates are
// taken in, or UTC where the time zone database is missing (the dosis
// binary embeds it with time/tzdata).
func Copenhagen() *time.Location { return copenhagen() }

// copenhagen loads the zone once: time.LoadLocation parses the zone data on
// every call, and a *time.Location is immutable.
var copenhagen = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.UTC
	}
	return loc
})
