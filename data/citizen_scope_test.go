package data_test

import (
	"context"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestCitizenPharmacyScope: pharmacy staff read the citizens with a case at
// their pharmacy, and no others (not found, not a database error).
func TestCitizenPharmacyScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := newWLFixture(t, db)
		ctx := context.Background()
		active, other := f.cases["active"], f.cases["consent"]
		if c, err := db.Citizen(ctx, f.pharm, active.CitizenID, "citizen.view", f.now); err != nil || c.ID != active.CitizenID {
			t.Errorf("own pharmacy's citizen: %v, %v", c.ID, err)
		}
		if _, err := db.Citizen(ctx, f.pharm, other.CitizenID, "citizen.view", f.now); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("citizen without a case at the pharmacy: %v, want not found", err)
		}
	})
}
