package data_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestGPNames: the names of exactly the GPs asked for (the case page's),
// an unknown id left out.
func TestGPNames(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		north := dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset Nord"}, now))(t)
		south := dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "054321", Name: "Lægerne Syd"}, now))(t)
		_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "067890", Name: "Lægerne Øst"}, now))(t)
		for _, c := range []struct {
			name string
			ids  []string
			want map[string]string
		}{
			{"none", nil, map[string]string{}},
			{"one", []string{north.ID}, map[string]string{north.ID: "Lægehuset Nord"}},
			{"two, one twice", []string{south.ID, north.ID, south.ID}, map[string]string{north.ID: "Lægehuset Nord", south.ID: "Lægerne Syd"}},
			{"unknown left out", []string{"no-such-gp", south.ID}, map[string]string{south.ID: "Lægerne Syd"}},
		} {
			got, err := db.GPNames(ctx, c.ids)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, got, c.want)
			}
		}
	})
}
