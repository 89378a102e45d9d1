package calendar

import (
	"sync"
	"time"
	_ "time/tzdata" // Danish days must not depend on the host's zone files
)

// Copenhagen returns Europe/Copenhagen, the one zone in which the program
// turns instants into Danish days and Danish clock times. The zone data is
// embedded (time/tzdata), so it never silently falls back to UTC.
func Copenhagen() *time.Location { return copenhagen() }

// copenhagen loads the zone once: time.LoadLocation parses the zone data on
// every call, and a *time.Location is immutable.
var copenhagen = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		panic("calendar: embedded zone Europe/Copenhagen: " + err.Error())
	}
	return loc
})
