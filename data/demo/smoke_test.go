package demo

import (
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data/dbtest"
)

func TestSmoke(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	st, err := Generate(context.Background(), db, Options{Scale: ScaleSmall, Seed: 1, Now: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", st)
}
