package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
)

// TestPharmacyActsOnlyOnItsOwnRolls: a citizen's case at pharmacy A ends
// and a new one starts at pharmacy B. B's staff, who may now read the
// citizen, cannot mark A's period on the ended case delivered (404, as for
// a period that does not exist); A's staff can, and the audit trail names
// who delivered.
func TestPharmacyActsOnlyOnItsOwnRolls(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		var clock atomic.Int64
		clock.Store(t0.UnixNano())
		s := startWith(t, db, func(c *web.Config) { c.Now = func() time.Time { return time.Unix(0, clock.Load()).UTC() } })
		f := setup(t, db, "Karen Jensen")
		phB := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Nørresundby Apotek", Municipality: 851}, t0))(t)
		dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "pharmacyB", Name: "Bent B", Role: workflow.RolePharmacy,
			PharmacyID: phB.ID, Password: testPassword}, t0))(t)
		nurse := newClient(t, s).login("nurse")
		activate(t, nurse, f.case851.ID, f.pharmacy851.ID)
		var periods []struct {
			Seq    int    `bun:"seq"`
			Status string `bun:"status"`
		}
		if err := db.Bun().NewSelect().Table("roll_periods").Column("seq", "status").Where("case_id = ?", f.case851.ID).
			OrderExpr("seq").Scan(ctx, &periods); err != nil || len(periods) == 0 {
			t.Fatalf("no roll periods for the active case: %v", err)
		}
		seq := strconv.Itoa(periods[0].Seq)
		// Three weeks on, the first period's deadline has passed (ready to
		// deliver); ending the case now leaves it deliverable.
		clock.Store(t0.AddDate(0, 0, 21).UnixNano())
		if st, body, _ := nurse.post("/cases/"+f.case851.ID+"/end", url.Values{"reason": {"duplicate"}}); st != http.StatusSeeOther {
			t.Fatalf("end: %d %s", st, excerpt(body))
		}
		st, body, loc := nurse.post("/citizens/"+f.citizen851.ID+"/cases", url.Values{"source": {"home_care"}})
		if st != http.StatusSeeOther {
			t.Fatalf("open a new case: %d %s", st, excerpt(body))
		}
		newCase := strings.TrimPrefix(loc, "/cases/")
		assess(t, nurse, newCase)
		activate(t, nurse, newCase, phB.ID)

		b := newClient(t, s).login("pharmacyB")
		if st, body, _ := b.post("/pharmacy/delivered", url.Values{"case": {f.case851.ID}, "seq": {seq}}); st != http.StatusNotFound {
			t.Errorf("pharmacy B marked pharmacy A's period delivered: %d %s", st, excerpt(body))
		}
		if n := countRows(t, db, "roll_periods", "case_id = ? AND seq = ? AND status = ?", f.case851.ID, seq, "dispensed"); n != 0 {
			t.Fatal("A's period is dispensed after B's attempt")
		}
		a := newClient(t, s).login("pharmacy")
		if st, body, _ := a.post("/pharmacy/delivered", url.Values{"case": {f.case851.ID}, "seq": {seq}}); st != http.StatusSeeOther {
			t.Fatalf("pharmacy A delivers its own period: %d %s", st, excerpt(body))
		}
		if n := countRows(t, db, "roll_period_events", "case_id = ? AND actor = ? AND actor_role = ? AND to_status = ? AND pharmacy_id = ?",
			f.case851.ID, "pharmacy", "pharmacy", "dispensed", f.pharmacy851.ID); n != 1 {
			t.Errorf("%d audit rows naming who delivered, want 1", n)
		}
		for _, q := range []string{"UPDATE roll_period_events SET actor = 'someone'", "DELETE FROM roll_period_events"} {
			if _, err := db.Bun().ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: want refused as append-only, got %v", q, err)
			}
		}
	})
}

// assess makes a newly opened case eligible (awaiting consent).
func assess(t *testing.T, c *client, caseID string) {
	t.Helper()
	form := url.Values{"fact_receives_medicine_help": {"true"}, "fact_months_without_change": {"6"}, "fact_no_change_expected": {"true"},
		"fact_packable_medicine_count": {"5"}, "fact_can_handle_roll": {"true"}}
	if st, body, _ := c.post("/cases/"+caseID+"/assess", form); st != http.StatusSeeOther {
		t.Fatalf("assess: %d %s", st, excerpt(body))
	}
}
