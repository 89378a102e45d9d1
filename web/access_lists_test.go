package web_test

import (
	"net/http"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestListPagesLogAccess: the list pages that show citizens' names (the
// worklist, the case list, the pharmacy's page) write an access-log row for
// each citizen shown, and none for a citizen of another municipality.
func TestListPagesLogAccess(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		activate(t, nurse, f.case851.ID, f.pharmacy851.ID)
		pharmacy := newClient(t, s).login("pharmacy")
		for _, v := range []struct {
			c    *client
			path string
			what string
		}{
			{nurse, "/cases", "web.cases"},
			{nurse, "/", "web.worklist"},
			{pharmacy, "/pharmacy", "web.pharmacy"},
		} {
			if st, _ := v.c.get(v.path); st != http.StatusOK {
				t.Fatalf("GET %s: %d", v.path, st)
			}
			if n := countRows(t, db, "access_log", "what = ? AND citizen_id = ?", v.what, f.citizen851.ID); n != 1 {
				t.Errorf("GET %s: %d access-log rows for the citizen shown, want 1", v.path, n)
			}
			if n := countRows(t, db, "access_log", "what = ? AND citizen_id = ?", v.what, f.citizen101.ID); n != 0 {
				t.Errorf("GET %s logged a citizen of another municipality", v.path)
			}
		}
	})
}
