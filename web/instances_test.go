package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// Several instances: sessions shared between two servers are tested by
// TestSessionSharedAcrossInstances (security_test.go); `dosis remind` run
// from two machines at once by data.TestRemindConcurrentRunsCreateEachReminderOnce.

// TestInstancesConcurrentChanges: two servers, each with its own connection
// pool on one database (as two `dosis serve` processes), receive the same
// pause for the same case at the same moment, ten times over. Each time
// exactly one succeeds and the other is refused with a clear message: 409
// "hent den igen" when both read the case before either wrote, or 422 "the
// case must be in one of the states" when the second read the paused case.
// Never two successes, never a 500.
func TestInstancesConcurrentChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		a := start(t, db)
		b := start(t, secondPool(t, db))
		f := setup(t, db, "Karen Jensen")
		ca := newClient(t, a).login("nurse")
		cb := newClient(t, b).login("lead")
		id := f.case851.ID
		activate(t, ca, id, f.pharmacy851.ID)
		const rounds = 10
		counts := map[int]int{}
		for round := range rounds {
			var wg sync.WaitGroup
			ready := make(chan struct{})
			type answer struct {
				status int
				body   string
			}
			answers := make([]answer, 2)
			for i, c := range []*client{ca, cb} {
				tok := c.csrf()
				wg.Go(func() {
					<-ready
					st, body, _ := c.post("/cases/"+id+"/pause", url.Values{"csrf_token": {tok}, "reason": {"hospital_admission"}})
					answers[i] = answer{st, body}
				})
			}
			close(ready)
			wg.Wait()
			ok := 0
			for i, ans := range answers {
				counts[ans.status]++
				switch ans.status {
				case http.StatusSeeOther:
					ok++
				case http.StatusConflict:
					if !strings.Contains(ans.body, "hent den igen") {
						t.Errorf("round %d, instance %d: 409 without the reload message: %s", round, i, excerpt(ans.body))
					}
				case http.StatusUnprocessableEntity:
					if !strings.Contains(ans.body, "sagen skal være i en af tilstandene") {
						t.Errorf("round %d, instance %d: 422 without the state message: %s", round, i, excerpt(ans.body))
					}
				default:
					t.Errorf("round %d, instance %d: status %d: %s", round, i, ans.status, excerpt(ans.body))
				}
			}
			if ok != 1 {
				t.Fatalf("round %d: %d of 2 concurrent pauses succeeded, want exactly 1", round, ok)
			}
			if st, body, _ := ca.post("/cases/"+id+"/resume", nil); st != http.StatusSeeOther {
				t.Fatalf("round %d: resume: %d %s", round, st, excerpt(body))
			}
		}
		var pauses int
		if err := db.Bun().NewRaw("SELECT COUNT(*) FROM audit_events WHERE case_id = ? AND event = 'pause'", id).
			Scan(context.Background(), &pauses); err != nil {
			t.Fatal(err)
		}
		if pauses != rounds {
			t.Errorf("the audit trail has %d pauses, want %d", pauses, rounds)
		}
		t.Logf("%d rounds of two concurrent pauses: %d × 303, %d × 409 conflict, %d × 422 refused", rounds,
			counts[http.StatusSeeOther], counts[http.StatusConflict], counts[http.StatusUnprocessableEntity])
	})
}

// activate takes the fixture's case (awaiting consent) to active through the
// web forms.
func activate(t *testing.T, c *client, caseID, pharmacyID string) {
	t.Helper()
	steps := []struct {
		action string
		form   url.Values
	}{
		{"consent", url.Values{"given_by": {"citizen"}, "method": {"written"}, "given_at": {"26-11-2026"}}},
		{"request-gp", nil},
		{"gp-decision", url.Values{"decision": {"approve"}}},
		{"start", url.Values{"pharmacy": {pharmacyID}}},
	}
	for _, s := range steps {
		if st, body, _ := c.post("/cases/"+caseID+"/"+s.action, s.form); st != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", s.action, st, excerpt(body))
		}
	}
}

// secondPool opens another connection pool on db's database, as a second
// process on another machine would have.
func secondPool(t *testing.T, db *data.DB) *data.DB {
	t.Helper()
	dsn := db.Path
	if db.Postgres {
		var name string
		if err := db.Bun().NewRaw("SELECT current_database()").Scan(context.Background(), &name); err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(os.Getenv("DOSIS_TEST_POSTGRES"))
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		dsn = u.String()
	}
	other, err := data.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = other.Close() })
	return other
}
