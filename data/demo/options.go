package demo

import (
	"time"

	"github.com/dosis-dk/dosis/workflow"
)

// The scales Generate knows.
const (
	// ScaleSmall is about 2 % of the national volume (some 3,000 citizens
	// with medicine help), still spread over all 98 municipalities.
	ScaleSmall = "small"
	// ScaleMedium is about 5 % of the national volume (some 7,500 citizens
	// with medicine help): enough that the larger municipalities pass the
	// statistics practice's 30-citizen threshold, so a suppressed dashboard
	// (the steering group's) shows something. `dosis serve --demo` uses it.
	ScaleMedium = "medium"
	// ScaleNational is the national volume: about 148,000 citizens with
	// medicine help and 50,000–90,000 ever on dose dispensing.
	ScaleNational = "national"
)

// Options say what Generate makes.
type Options struct {
	// Scale is ScaleSmall (the default when empty), ScaleMedium or ScaleNational.
	Scale string
	// Seed selects the data set: the same seed and Now give the same rows.
	Seed uint64
	// Now is the end of the three-year history (injected, never read from
	// the clock here). Zero is refused.
	Now time.Time
	// Resume continues an interrupted run: municipalities that already have
	// citizens are skipped, and the rest are generated exactly as an
	// uninterrupted run with the same Scale, Seed and Now would have. Without
	// it Generate refuses a database that holds any citizen.
	Resume bool
	// Progress, when set, is called after each municipality with the
	// citizens done so far, the total and the stage (a municipality name).
	Progress func(done, total int, stage string)

	// factor overrides the scale's share of the national volume (tests).
	factor float64
}

// Stats count what Generate wrote and how long it took.
type Stats struct {
	Municipalities int
	Pharmacies     int
	GPs            int
	Citizens       int
	Cases          int
	Periods        int
	UrgentRolls    int
	AuditEvents    int
	Duration       time.Duration
	// DBBytes is the database size after the run (the SQLite file with its
	// write-ahead log, or pg_database_size on PostgreSQL).
	DBBytes int64
}

// scaleFactor is the share of the national volume a scale makes.
func scaleFactor(scale string) (float64, error) {
	switch scale {
	case "", ScaleSmall:
		return 0.02, nil
	case ScaleMedium:
		return 0.05, nil
	case ScaleNational:
		return 1, nil
	}
	return 0, workflow.Invalid("err.demo.unknown_scale", scale)
}
