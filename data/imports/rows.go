package imports

import "github.com/dosis-dk/dosis/data/internal/rows"

// The rows an import reads and writes: the data package's own models.

type (
	citizenRow  = rows.Citizen
	gpRow       = rows.GP
	pharmacyRow = rows.Pharmacy
	accessRow   = rows.Access
)

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
