package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// testNow is the injected end of the history in every test.
var testNow = time.Date(2026, 11, 27, 10, 30, 0, 0, time.UTC)

func generate(t *testing.T, db *data.DB, seed uint64) Stats {
	t.Helper()
	return generateAt(t, db, seed, 0)
}

// generateAt generates at a share of the national volume (0: small scale).
func generateAt(t *testing.T, db *data.DB, seed uint64, factor float64) Stats {
	t.Helper()
	st, err := Generate(context.Background(), db, Options{Scale: ScaleSmall, Seed: seed, Now: testNow, factor: factor})
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	t.Logf("small, seed %d: %+v", seed, st)
	return st
}

// digest hashes a few tables in a stable order, serial ids left out.
func digest(t *testing.T, db *data.DB) string {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		"SELECT id, cpr, name, birth_date, sex, municipality_code, gp_id, medicine_help FROM citizens ORDER BY id",
		"SELECT id, citizen_id, state, version, source, gp_id, pharmacy_id, state_reason, opened_at, closed_at FROM cases ORDER BY id",
		"SELECT case_id, seq, at, actor, event, from_state, to_state, reason FROM audit_events ORDER BY case_id, seq",
		"SELECT case_id, seq, start_date, deadline, packing_date, expected_delivery, status, received_at FROM roll_periods ORDER BY case_id, seq",
		"SELECT id, case_id, reason, status, requested_at, delivered_at FROM urgent_rolls ORDER BY id",
		"SELECT id, ydernummer, name FROM gps ORDER BY id",
	} {
		rows, err := db.Bun().QueryContext(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, vals...)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestGenerateIsDeterministic generates seed 7 twice, the second time
// interrupted after ten municipalities and resumed, and seed 8 once, at a
// quarter of the small scale to keep it quick.
func TestGenerateIsDeterministic(t *testing.T) {
	a, b, c := dbtest.Open(t, "sqlite"), dbtest.Open(t, "sqlite"), dbtest.Open(t, "sqlite")
	const factor = 0.005
	sa := generateAt(t, a, 7, factor)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := Generate(ctx, b, Options{Seed: 7, Now: testNow, factor: factor, Progress: func(int, int, string) {
		if n++; n == 10 {
			cancel()
		}
	}})
	if err == nil {
		t.Fatal("the interrupted run did not stop")
	}
	if _, err := Generate(context.Background(), b, Options{Seed: 7, Now: testNow, factor: factor}); workflow.KindOf(err) != workflow.KindInvalid {
		t.Fatalf("a second run without Resume: %v, want an invalid-input error", err)
	}
	sb, err := Generate(context.Background(), b, Options{Seed: 7, Now: testNow, factor: factor, Resume: true})
	if err != nil {
		t.Fatalf("resume: %v", err)
	}
	if sb.Municipalities != 98-10 || sb.Citizens >= sa.Citizens {
		t.Errorf("the resumed run did %d municipalities and %d citizens; want 88 and fewer than %d",
			sb.Municipalities, sb.Citizens, sa.Citizens)
	}
	da, db := digest(t, a), digest(t, b)
	if da != db {
		t.Errorf("same seed, different data: %s vs %s", da, db)
	}
	generateAt(t, c, 8, factor)
	if dc := digest(t, c); dc == da {
		t.Errorf("seeds 7 and 8 gave the same data")
	}
}

func TestGenerateRefusesADatabaseWithCitizens(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	dbtest.Must(db.AddGP(context.Background(), workflow.GP{Ydernummer: "123456", Name: "Lægehuset"}, testNow))(t)
	if _, _, err := db.AddCitizen(context.Background(), workflow.System("test"), data.NewCitizen{CPR: "0101451236",
		Name: "Karen Jensen", Municipality: 851, MedicineHelp: true}, testNow); err != nil {
		t.Fatal(err)
	}
	_, err := Generate(context.Background(), db, Options{Seed: 1, Now: testNow})
	if workflow.KindOf(err) != workflow.KindInvalid {
		t.Fatalf("Generate on a database with a citizen: %v, want an invalid-input error", err)
	}
}
